// Runs the built bundles (plugin/js/*.js, written by `pnpm --filter @notta/plugin build`) in fresh jsdom
// windows with a fake `kintone`, the way Kintone loads them: plain <script>s, no module loader.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { BUDGETS } from '../build/budget.mjs';
import { dictionaries } from '../src/js/i18n';
import { fakeKintone, settle } from './helpers/fake-kintone';

const pluginDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../plugin');

function bundle(name: 'desktop' | 'mobile' | 'config'): string {
  const file = path.join(pluginDir, 'js', `${name}.js`);
  if (!existsSync(file))
    throw new Error(`${file} is missing: run \`pnpm --filter @notta/plugin build\` first.`);
  return readFileSync(file, 'utf8');
}

/** Loads a bundle into a new window with a fake kintone; reports the globals it added. */
function run(
  name: 'desktop' | 'mobile' | 'config',
  body = '',
  options: Parameters<typeof fakeKintone>[0] = {},
) {
  const dom = new JSDOM(`<!doctype html><html><body>${body}</body></html>`, {
    url: 'https://example.cybozu.com/k/admin/app/42/plugin/config',
    runScripts: 'outside-only',
  });
  const { window } = dom;
  const fake = fakeKintone({ ...options, doc: window.document });
  Object.defineProperty(window, 'kintone', { value: fake.kintone, configurable: true, enumerable: true });
  const before = new Set(Object.getOwnPropertyNames(window));
  window.eval(bundle(name));
  const added = Object.getOwnPropertyNames(window).filter((key) => !before.has(key));
  return { window, fake, added };
}

describe.each(['desktop', 'mobile', 'config'] as const)('plugin/js/%s.js', (name) => {
  const code = bundle(name);

  it('is one self-contained IIFE: no import, export, require or chunk loading', () => {
    expect(code.trimStart()).toMatch(/^(\(function\s*\(|\(\(\)\s*=>|!function\s*\()/);
    expect(code.trimEnd()).toMatch(/\}\)\(\);?$/);
    expect(code).not.toMatch(/(^|[;\n}])\s*import[\s{*"'`]/);
    expect(code).not.toMatch(/(^|[;\n}])\s*export[\s{*]/);
    expect(code).not.toMatch(/\bimport\s*\(/);
    expect(code).not.toMatch(/\brequire\s*\(/);
    expect(code).not.toMatch(/import\.meta/);
  });

  it('is minified and within its gzip budget', () => {
    // Minified: a handful of very long lines (newlines left are inside template literals).
    expect(code.length / code.split('\n').length).toBeGreaterThan(1_000);
    expect(gzipSync(code).length).toBeLessThanOrEqual(BUDGETS[`js/${name}.js`]!);
  });

  it('carries no zod and no React (the config screen ships Preact)', () => {
    expect(code).not.toMatch(/_zod|ZodError/);
    expect(code).not.toMatch(/react-dom\.production|__SECRET_INTERNALS|__CLIENT_INTERNALS/);
  });

  it('adds no globals and reads kintone.$PLUGIN_ID exactly once', () => {
    const body = name === 'config' ? readFileSync(path.join(pluginDir, 'html/config.html'), 'utf8') : '';
    const { added, fake } = run(name, body);
    expect(added).toEqual([]);
    fake.fire('app.record.detail.show');
    fake.fire('mobile.app.record.detail.show');
    expect(fake.pluginIdReads()).toBe(1);
  });
});

describe('built bundles at work', () => {
  it('desktop.js shows the Japanese placeholder in the header menu space', () => {
    const { fake } = run('desktop', '', { language: 'ja' });
    expect(fake.handlerTypes()).toEqual(['app.record.detail.show', 'app.record.index.show']);
    fake.fire('app.record.detail.show');
    expect(fake.headerMenuSpace.textContent).toBe(`Notta${dictionaries.ja.panelNotConfigured}`);
  });

  it('desktop.js renders a record with markup as text', () => {
    const { fake, window } = run('desktop', '', {
      config: { nottaUrl: 'https://app.notta.ai', mapping: '{"meetingId":"m","title":"t"}', panelSpace: '' },
    });
    fake.fire('app.record.detail.show', {
      record: { t: { type: 'SINGLE_LINE_TEXT', value: '<img src=x onerror=alert(1)>' } },
    });
    expect(fake.headerMenuSpace.querySelector('img')).toBeNull();
    expect(fake.headerMenuSpace.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(window.document.querySelectorAll('img')).toHaveLength(0);
  });

  it('mobile.js shows the English placeholder in the mobile header space', () => {
    const { fake } = run('mobile', '', { language: 'en' });
    expect(fake.handlerTypes()).toEqual(['mobile.app.record.detail.show']);
    fake.fire('mobile.app.record.detail.show');
    expect(fake.mobileHeaderSpace.textContent).toBe(`Notta${dictionaries.en.panelNotConfigured}`);
  });

  it('config.js renders the settings screen in config.html, in Japanese, and refuses an http URL', async () => {
    const html = readFileSync(path.join(pluginDir, 'html/config.html'), 'utf8');
    const { window, fake } = run('config', html, { language: 'ja', pluginId: 'bundlepluginid' });
    const doc = window.document;
    // The screen renders once the app's fields have loaded: wait for that, not for a fixed number of ticks.
    for (let i = 0; i < 200 && doc.querySelectorAll('#notta-config-root select').length <= 5; i++)
      await settle(1);
    await settle();
    expect(fake.getConfig).toHaveBeenCalledWith('bundlepluginid');
    const save = doc.querySelector<HTMLButtonElement>('#notta-config-root button[type=submit]')!;
    expect(save.textContent).toBe('保存');
    expect(doc.querySelectorAll('#notta-config-root select').length).toBeGreaterThan(5);
    const input = doc.querySelector<HTMLInputElement>('#notta-config-url')!;
    Object.getOwnPropertyDescriptor(window.HTMLInputElement.prototype, 'value')!.set!.call(
      input,
      'http://app.notta.ai',
    );
    input.dispatchEvent(new window.Event('input', { bubbles: true }));
    await settle();
    save.click();
    await settle();
    expect(doc.querySelector('#notta-config-url-error')!.textContent).toBe(dictionaries.ja.urlNotHttps);
    expect(fake.setConfig).not.toHaveBeenCalled();
    expect(fake.setProxyConfig).not.toHaveBeenCalled();
  });
});
