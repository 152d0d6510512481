import { defineConfig } from 'vitest/config';
import { pluginUi, uiAliases } from './build/ui.mjs';

// The tests run the config screen on the same UI library the build ships (Preact's compatibility layer
// unless PLUGIN_UI=react), so what is tested is what is packed.
export default defineConfig({
  resolve: { alias: uiAliases(pluginUi()) },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  test: { include: ['test/**/*.test.ts', 'test/**/*.test.tsx'] },
});
