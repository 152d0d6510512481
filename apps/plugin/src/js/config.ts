// Entry of plugin/js/config.js (self-contained IIFE built by build/build-plugin.mjs).
// Kintone inserts plugin/html/config.html into the settings page before running this script.
import { mountConfigForm } from './config-form';

const PLUGIN_ID = kintone.$PLUGIN_ID;

const root = document.getElementById('notta-config-root');
if (root) {
  mountConfigForm(root, {
    kintone: kintone as never,
    pluginId: PLUGIN_ID,
    navigate: (url) => {
      window.location.href = url;
    },
  });
}
