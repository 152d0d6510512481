// Entry of plugin/js/desktop.js (self-contained IIFE built by build/build-plugin.mjs).
import { startDesktop } from './panel';

const PLUGIN_ID = kintone.$PLUGIN_ID;

startDesktop(kintone, PLUGIN_ID, document);
