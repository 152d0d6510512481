// Entry of plugin/js/mobile.js (self-contained IIFE built by build/build-plugin.mjs).
import { startMobile } from './panel';

const PLUGIN_ID = kintone.$PLUGIN_ID;

startMobile(kintone, PLUGIN_ID, document);
