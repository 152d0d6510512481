// Builds the Kintone plug-in: bundles src/js into plugin/js, validates plugin/manifest.json, then packs and
// signs plugin/ into dist/plugin.zip. Usage: `pnpm --filter @notta/plugin build`.
// Release signing key: PLUGIN_PRIVATE_KEY_FILE (path) or PLUGIN_PRIVATE_KEY (PEM); see signing-key.mjs.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { packPluginFromManifest } from '@kintone/plugin-packer/from-manifest';
import { build } from 'vite';
import { BUDGETS, checkBudgets } from './budget.mjs';
import { folderFiles, readManifest, validateManifest } from './manifest.mjs';
import { resolveSigningKey, SigningKeyError } from './signing-key.mjs';
import { pluginUi, uiAliases } from './ui.mjs';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pluginDir = path.join(appDir, 'plugin');
const jsOutDir = path.join(pluginDir, 'js');
const distDir = path.join(appDir, 'dist');

/** Each entry becomes one self-contained, minified IIFE: plugin/js/<name>.js. */
const ENTRIES = ['desktop', 'mobile', 'config'];

/**
 * @notta/shared builds zod schemas at module level next to the pure rules the plug-in uses (e.g.
 * meeting-mapping.js). The plug-in never parses with them, and zod would add ~35 KB gzip and write
 * globals (`__zod_globalConfig`) into Kintone's page. So shared's `zod` import becomes a chainable stub
 * that throws if anything ever tries to parse with it.
 */
const ZOD_STUB_ID = '\0notta-zod-stub';
const ZOD_STUB = `
const refused = new Set(['parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'decode', 'encode']);
const z = new Proxy(function () {}, {
  get(_target, key) {
    if (refused.has(key)) throw new Error('zod is not bundled into the Kintone plug-in');
    return z;
  },
  apply() {
    return z;
  },
});
export { z };
export default z;
`;
const sharedDist = /[\\/](packages|@notta)[\\/]shared[\\/]dist[\\/]/;
const noZodInShared = {
  name: 'notta-no-zod-in-shared',
  enforce: 'pre',
  resolveId(source, importer) {
    if (source === 'zod' && importer && sharedDist.test(importer)) return ZOD_STUB_ID;
    return null;
  },
  load(id) {
    return id === ZOD_STUB_ID ? ZOD_STUB : null;
  },
};

async function bundle(name, ui) {
  await build({
    configFile: false,
    root: appDir,
    resolve: { alias: uiAliases(ui) },
    plugins: [noZodInShared],
    oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
    logLevel: 'warn',
    publicDir: false,
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: jsOutDir,
      emptyOutDir: false,
      copyPublicDir: false,
      minify: true,
      sourcemap: false,
      target: 'es2020',
      reportCompressedSize: false,
      lib: {
        entry: path.join(appDir, 'src/js', `${name}.ts`),
        // Required by Vite for IIFE; the entries export nothing, so no global is ever assigned.
        name: `NottaKintonePlugin_${name}`,
        formats: ['iife'],
        fileName: () => `${name}.js`,
      },
      rolldownOptions: {
        // @notta/shared is a library of constants, schemas and pure functions, but its package.json does
        // not say `"sideEffects": false`: say it here, or importing `resolveLocale` drags in zod (~90 KB).
        treeshake: {
          // Its modules also build zod schemas at top level; the plug-in uses none of them, and calls
          // through `z` are pure, so they can go.
          manualPureFunctions: ['z'],
          moduleSideEffects: [
            { test: /[\\/](packages|@notta)[\\/]shared[\\/]dist[\\/]/, sideEffects: false },
          ],
        },
      },
    },
  });
}

function size(bytes) {
  return `${bytes.toLocaleString('en-US')} B`;
}

async function main() {
  // 0. The key first, so a bad release key fails before any work is done.
  const key = resolveSigningKey({ appDir });
  const ui = pluginUi();

  // 1. Bundles (and no stale package left behind if a later step fails).
  rmSync(distDir, { recursive: true, force: true });
  rmSync(jsOutDir, { recursive: true, force: true });
  mkdirSync(jsOutDir, { recursive: true });
  for (const name of ENTRIES) await bundle(name, ui);
  const bundles = Object.fromEntries(
    ENTRIES.map((name) => {
      const code = readFileSync(path.join(jsOutDir, `${name}.js`));
      return [`js/${name}.js`, { bytes: code.length, gzipBytes: gzipSync(code).length }];
    }),
  );
  console.log(`Config screen UI: ${ui === 'preact' ? 'Preact (preact/compat)' : 'React'}`);
  for (const [file, { bytes, gzipBytes }] of Object.entries(bundles)) {
    const budget = BUDGETS[file];
    console.log(
      `  plugin/${file}: ${size(bytes)} raw, ${size(gzipBytes)} gzip (budget ${budget === undefined ? 'none' : size(budget)})`,
    );
  }

  // 1b. Size budgets: over budget fails the build before anything is packed.
  const overBudget = checkBudgets(bundles);
  if (overBudget.length > 0) {
    for (const problem of overBudget) console.error(`Size budget: ${problem}`);
    console.error('Bundles over their size budget (build/budget.mjs); nothing was packed.');
    process.exitCode = 1;
    return;
  }

  // 2. Manifest validation, with every referenced file checked on disk.
  const manifest = readManifest(pluginDir);
  const validation = validateManifest(manifest, folderFiles(pluginDir));
  for (const warning of validation.warnings) console.warn(`manifest.json warning: ${warning}`);
  for (const error of validation.errors) console.error(`manifest.json error: ${error}`);
  if (!validation.valid) {
    console.error(
      `plugin/manifest.json is invalid (${validation.errors.length} error(s)); nothing was packed.`,
    );
    process.exitCode = 1;
    return;
  }

  // 3. contents.zip (manifest.json and the files it references, nothing else) packed and signed.
  const packed = await packPluginFromManifest(path.join(pluginDir, 'manifest.json'), key.pem);
  mkdirSync(distDir, { recursive: true });
  writeFileSync(path.join(distDir, 'plugin.zip'), packed.plugin);
  writeFileSync(path.join(distDir, 'plugin-id.txt'), `${packed.id}\n`);
  const info = { pluginId: packed.id, signedWith: key.development ? 'development' : 'release', ui, bundles };
  writeFileSync(path.join(distDir, 'build-info.json'), `${JSON.stringify(info, null, 2)}\n`);

  // 4. Report.
  console.log(`Signed with ${key.source}`);
  console.log(`Plug-in ID: ${packed.id}`);
  console.log(`  dist/plugin.zip: ${size(packed.plugin.length)}`);
}

main().catch((error) => {
  if (error instanceof SigningKeyError) console.error(`Signing key: ${error.message}`);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
