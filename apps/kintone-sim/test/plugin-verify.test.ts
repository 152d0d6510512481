import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KINTONE_JS } from '../src/plugins/kintone-global.js';
import { scriptJson } from '../src/plugins/pages.js';
import {
  buildProxyRequest,
  findProxyConfig,
  forwardProxyRequest,
  type SavedProxyConfig,
} from '../src/plugins/proxy.js';
import { fieldText, richTextToPlain } from '../src/plugins/record-format.js';
import { pluginIdFromPublicKey, TAMPERED_MESSAGE, verifyPluginZip } from '../src/plugins/verify.js';
import { isSafeEntryName } from '../src/plugins/zip.js';
import {
  newKey,
  packWithPacker,
  renameInZip,
  signAndZip,
  testFiles,
  testManifest,
  zipOf,
} from './support/plugin-zip.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const realPluginZip = path.resolve(here, '../../plugin/dist/plugin.zip');

describe('verifyPluginZip (Kintone package check)', () => {
  it('accepts a package packed by @kintone/plugin-packer and derives the same ID', async () => {
    const packed = await packWithPacker();
    const result = await verifyPluginZip(packed.plugin);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plugin.id).toBe(packed.id);
    expect(result.plugin.id).toMatch(/^[a-p]{32}$/);
    expect(result.plugin.version).toBe('1.0.0');
    expect([...result.plugin.files.keys()].sort()).toContain('js/desktop.js');
  });

  it('derives the same ID again from the same key (a new version keeps its ID)', async () => {
    const first = await packWithPacker();
    const second = await packWithPacker(testFiles(testManifest({ version: '1.1.0' })), first.privateKey);
    expect(second.id).toBe(first.id);
  });

  it.skipIf(!existsSync(realPluginZip))(
    'accepts our own apps/plugin/dist/plugin.zip (skipped when not built)',
    async () => {
      const result = await verifyPluginZip(readFileSync(realPluginZip));
      expect(result).toMatchObject({ ok: true });
      const idFile = path.resolve(here, '../../plugin/dist/plugin-id.txt');
      if (result.ok && existsSync(idFile)) expect(result.plugin.id).toBe(readFileSync(idFile, 'utf8').trim());
    },
  );

  it('refuses a contents.zip changed after signing, with the tamper message', async () => {
    const packed = await packWithPacker();
    const entries = await readEntries(packed.plugin);
    // Flip one byte of the signed contents.zip and keep the packer's PUBKEY and SIGNATURE.
    const changed = Buffer.from(entries.get('contents.zip') as Buffer);
    changed[changed.length - 30] = (changed[changed.length - 30] ?? 0) ^ 0xff;
    const tampered = await zipOf({
      'contents.zip': changed,
      PUBKEY: entries.get('PUBKEY') as Buffer,
      SIGNATURE: entries.get('SIGNATURE') as Buffer,
    });
    expect(await verifyPluginZip(tampered)).toEqual({ ok: false, message: TAMPERED_MESSAGE });
  });

  it('refuses a package whose PUBKEY was swapped for another key', async () => {
    const packed = await packWithPacker();
    const other = newKey();
    // Rebuild the package with the packer's contents and signature but a different public key.
    const original = await readEntries(packed.plugin);
    const swapped = await zipOf({
      'contents.zip': original.get('contents.zip') as Buffer,
      PUBKEY: other.publicKeyDer,
      SIGNATURE: original.get('SIGNATURE') as Buffer,
    });
    expect(await verifyPluginZip(swapped)).toEqual({ ok: false, message: TAMPERED_MESSAGE });
  });

  it('refuses missing and extra entries, naming them', async () => {
    const packed = await packWithPacker();
    const entries = await readEntries(packed.plugin);
    const missing = await zipOf({
      'contents.zip': entries.get('contents.zip') as Buffer,
      PUBKEY: entries.get('PUBKEY') as Buffer,
    });
    const m = await verifyPluginZip(missing);
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.message).toMatch(/missing "SIGNATURE"/);
    const extra = await zipOf({ ...Object.fromEntries(entries), 'README.txt': 'hi' });
    const e = await verifyPluginZip(extra);
    expect(e.ok).toBe(false);
    if (!e.ok) expect(e.message).toMatch(/unexpected entries: "README.txt"/);
  });

  it('refuses something that is not a zip, and an empty upload', async () => {
    const r = await verifyPluginZip(Buffer.from('definitely not a zip file'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/not a valid zip/);
    expect(await verifyPluginZip(Buffer.alloc(0))).toMatchObject({
      ok: false,
      message: 'The plug-in file is empty.',
    });
  });

  it('refuses an invalid manifest, listing the validator errors', async () => {
    const manifest = testManifest({ type: 'SPACE', name: { ja: 'なまえ' }, bogus: true });
    const contents = await zipOf(testFiles(manifest));
    const r = await verifyPluginZip(await signAndZip(contents));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(/^manifest\.json is invalid: /);
    expect(r.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\/type: must be equal to one of the allowed values \("APP"\)/),
        expect.stringMatching(/\/name: must have required property 'en'/),
        expect.stringMatching(/must NOT have additional properties \("bogus"\)/),
      ]),
    );
  });

  it('refuses a manifest that names a file contents.zip lacks', async () => {
    const files = testFiles();
    delete files['js/desktop.js'];
    delete files['html/config.html'];
    const r = await verifyPluginZip(await signAndZip(await zipOf(files)));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain('"js/desktop.js"');
      expect(r.message).toContain('"html/config.html"');
    }
  });

  it('refuses contents.zip without a manifest or with two', async () => {
    const none = testFiles();
    delete none['manifest.json'];
    const r1 = await verifyPluginZip(await signAndZip(await zipOf(none)));
    expect(r1).toEqual({ ok: false, message: 'contents.zip has no manifest.json.' });
    const two = { ...testFiles(), 'extra/manifest.json': '{}' };
    const r2 = await verifyPluginZip(await signAndZip(await zipOf(two)));
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.message).toMatch(/2 manifest\.json files/);
  });

  it('refuses path traversal inside contents.zip', async () => {
    const files = { ...testFiles(), 'aa/evil.js': 'x' };
    const contents = renameInZip(await zipOf(files), 'aa/evil.js', '../evil.js');
    const r = await verifyPluginZip(await signAndZip(contents));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/contents\.zip/);
    expect(r.ok ? '' : r.message).toMatch(/unsafe path|invalid relative path|could not be read/);
  });

  it('refuses a zip bomb entry before inflating it', async () => {
    const big = Buffer.alloc(21 * 1024 * 1024, 0x61); // compresses to a few KB, unpacks past the 20 MB limit
    const contents = await zipOf({ ...testFiles(), 'js/big.js': big });
    const r = await verifyPluginZip(await signAndZip(contents));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/"js\/big\.js" in contents\.zip is larger than/);
  });

  it('maps SHA-256 hex digits to a–p for the ID', () => {
    const id = pluginIdFromPublicKey(Buffer.from('x'));
    // sha256("x") = 2d711642b726b044…
    expect(id.slice(0, 8)).toBe('cnhbbgec');
    expect(id).toHaveLength(32);
  });

  it('tells safe entry names from unsafe ones', () => {
    expect(isSafeEntryName('js/desktop.js')).toBe(true);
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'a\\b', ''])
      expect(isSafeEntryName(bad)).toBe(false);
  });
});

async function readEntries(zip: Buffer): Promise<Map<string, Buffer>> {
  const { readZip } = await import('../src/plugins/zip.js');
  return readZip(zip, { maxEntries: 10, maxEntryBytes: 1e8, maxTotalBytes: 1e8 }, 'test zip');
}

describe('plug-in proxy matching (pure)', () => {
  const entry = (url: string, method: SavedProxyConfig['method'], tag: string): SavedProxyConfig => ({
    url,
    method,
    headers: { 'X-Tag': tag },
    data: {},
  });
  const saved = [
    entry('https://api.example.com/', 'GET', 'root'),
    entry('https://api.example.com/v2/', 'GET', 'v2'),
    entry('https://api.example.com/v2/items', 'POST', 'post'),
    entry('https://api.example.com/v2/items/special', 'POST', 'special'),
  ];

  it('picks the longest saved URL that prefixes the request, same method only', () => {
    expect(findProxyConfig(saved, 'GET', 'https://api.example.com/v2/items?q=1')?.headers['X-Tag']).toBe(
      'v2',
    );
    expect(findProxyConfig(saved, 'GET', 'https://api.example.com/other')?.headers['X-Tag']).toBe('root');
    expect(
      findProxyConfig(saved, 'POST', 'https://api.example.com/v2/items/special/1')?.headers['X-Tag'],
    ).toBe('special');
    expect(findProxyConfig(saved, 'PUT', 'https://api.example.com/v2/items')).toBeUndefined();
    expect(findProxyConfig(saved, 'GET', 'https://evil.example.com/')).toBeUndefined();
  });

  it('in exact mode applies only a byte-identical URL', () => {
    expect(findProxyConfig(saved, 'GET', 'https://api.example.com/v2/items', 'exact')).toBeUndefined();
    expect(findProxyConfig(saved, 'GET', 'https://api.example.com/v2/', 'exact')?.headers['X-Tag']).toBe(
      'v2',
    );
  });

  it('merges saved headers and data over the call, saved values winning', () => {
    const out = buildProxyRequest(
      {
        url: 'https://api.example.com/v2/items',
        method: 'POST',
        headers: { authorization: 'Bearer mine', 'X-Mine': '1' },
        data: { user: 'me', q: 'x' },
      },
      {
        url: 'https://api.example.com/',
        method: 'POST',
        headers: { Authorization: 'Bearer saved' },
        data: { user: 'saved', key: 'k' },
      },
    );
    expect(out.headers).toEqual({
      Authorization: 'Bearer saved',
      'X-Mine': '1',
      'Content-Type': 'application/json',
    });
    expect(JSON.parse(out.body ?? '')).toEqual({ user: 'saved', q: 'x', key: 'k' });
  });

  it('sends data only for POST and PUT', () => {
    const saved1: SavedProxyConfig = { url: 'https://a/', method: 'GET', headers: {}, data: { k: 'v' } };
    expect(
      buildProxyRequest({ url: 'https://a/x', method: 'GET', headers: {}, data: { a: '1' } }, saved1).body,
    ).toBeUndefined();
    expect(
      buildProxyRequest({ url: 'https://a/x', method: 'PUT', headers: {}, data: 'raw' }, undefined).body,
    ).toBe('raw');
  });

  it('answers an unresolvable host with 503 DNS Cache Missing', async () => {
    const answer = await forwardProxyRequest(
      { url: 'https://nowhere.invalid/', method: 'GET', headers: {}, body: undefined },
      { resolve: () => Promise.reject(new Error('ENOTFOUND')) },
    );
    expect(answer[0]).toBe('DNS Cache Missing');
    expect(answer[1]).toBe(503);
  });
});

describe('page helpers', () => {
  it('escapes JSON for an inline script', () => {
    const out = scriptJson({ t: '</script><script>alert(1)</script>&\u2028' });
    expect(out).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(out)).toEqual({ t: '</script><script>alert(1)</script>&\u2028' });
  });

  it('turns rich text into plain text', () => {
    expect(richTextToPlain('<p>Hello <b>there</b></p><p>a &lt;b&gt;</p><script>x()</script>')).toBe(
      'Hello there\na <b>',
    );
    expect(
      fieldText({ type: 'USER_SELECT' }, [
        { code: 'a', name: 'A' },
        { code: 'b', name: 'B' },
      ]),
    ).toBe('A, B');
    expect(fieldText({ type: 'CHECK_BOX' }, ['x', 'y'])).toBe('x, y');
  });

  it('serves a kintone global that parses as JavaScript', () => {
    expect(() => new Function(KINTONE_JS)).not.toThrow();
  });
});
