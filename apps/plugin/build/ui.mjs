// Which UI library the config screen is built with. The source is written against React's API; the
// shipped build aliases `react`/`react-dom` to Preact's compatibility layer (measured in README.md).
// `PLUGIN_UI=react pnpm --filter @notta/plugin build` builds with React itself, to compare.

/** @typedef {'preact' | 'react'} PluginUi */

/** @returns {PluginUi} */
export function pluginUi(env = process.env) {
  const value = (env.PLUGIN_UI ?? '').trim() || 'preact';
  if (value !== 'preact' && value !== 'react')
    throw new Error(`PLUGIN_UI must be "preact" or "react", not "${value}".`);
  return value;
}

/** Vite/Vitest `resolve.alias` entries for the chosen UI library (order matters: most specific first). */
export function uiAliases(ui) {
  if (ui === 'react') return [];
  return [
    { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
    { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-runtime' },
    { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
    { find: /^react-dom\/test-utils$/, replacement: 'preact/test-utils' },
    { find: /^react-dom$/, replacement: 'preact/compat' },
    { find: /^react$/, replacement: 'preact/compat' },
  ];
}
