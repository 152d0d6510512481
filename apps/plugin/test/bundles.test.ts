// Runs the built bundles (plugin/js/*.js, written by `pnpm --filter @notta/plugin build`) in fresh jsdom
// windows with a fake `kintone`, the way Kintone loads them: plain <script>s, no module loader.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { dictionaries } from '../src/js/i18n';
import { fakeKintone } from './helpers/fake-kintone';

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

  it('is minified and small (no zod or other stray dependency)', () => {
    expect(code.split('\n').length).toBeLessThanOrEqual(3);
    expect(code.length).toBeLessThan(20_000);
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
    expect(fake.handlerTypes()).toEqual(['app.record.detail.show']);
    fake.fire('app.record.detail.show');
    expect(fake.headerMenuSpace.textContent).toBe(`Notta${dictionaries.ja.panelNotConfigured}`);
  });

  it('mobile.js shows the English placeholder in the mobile header space', () => {
    const { fake } = run('mobile', '', { language: 'en' });
    expect(fake.handlerTypes()).toEqual(['mobile.app.record.detail.show']);
    fake.fire('mobile.app.record.detail.show');
    expect(fake.mobileHeaderSpace.textContent).toBe(`Notta${dictionaries.en.panelNotConfigured}`);
  });

  it('config.js builds the form in config.html and saves only a valid URL', () => {
    const html = readFileSync(path.join(pluginDir, 'html/config.html'), 'utf8');
    const { window, fake } = run('config', html, { language: 'ja', pluginId: 'bundlepluginid' });
    const doc = window.document;
    const input = doc.querySelector<HTMLInputElement>('#notta-config-root input')!;
    const save = doc.querySelector<HTMLButtonElement>('#notta-config-root button[type=submit]')!;
    expect(fake.getConfig).toHaveBeenCalledWith('bundlepluginid');
    expect(save.textContent).toBe('保存');

    input.value = 'http://app.notta.ai';
    save.click();
    expect(doc.querySelector('[role=alert]')!.textContent).toBe(dictionaries.ja.urlNotHttps);
    expect(fake.setConfig).not.toHaveBeenCalled();

    fake.setConfig.mockImplementation(() => {}); // keep the page: jsdom cannot navigate
    input.value = 'https://app.notta.ai';
    save.click();
    expect(fake.setConfig).toHaveBeenCalledWith({ nottaUrl: 'https://app.notta.ai' }, expect.any(Function));
  });
});
