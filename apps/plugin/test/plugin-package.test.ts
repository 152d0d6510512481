// Checks the signed package that `pnpm --filter @notta/plugin build` writes to dist/plugin.zip.
// In CI turbo runs the build before the tests; locally, build first.
import { createPublicKey, verify } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  folderFiles,
  manifestFiles,
  mapFiles,
  pluginIdFromPublicKey,
  readManifest,
  validateManifest,
} from '../build/manifest.mjs';
import { DEV_KEY_FILE, pluginIdOfPrivateKey } from '../build/signing-key.mjs';
import { readZip } from './helpers/zip';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pluginDir = path.join(appDir, 'plugin');
const distDir = path.join(appDir, 'dist');

/** The ID of the committed development key; also written in README.md. */
const DEV_PLUGIN_ID = 'pbpnclljjkbopelpgjiojnjcpdbonfhg';

let entries: Map<string, Buffer>;
let contentsZip: Buffer;
let pubkey: Buffer;
let signature: Buffer;
let contents: Map<string, Buffer>;
let buildInfo: { pluginId: string; signedWith: 'development' | 'release' };

beforeAll(async () => {
  const zipPath = path.join(distDir, 'plugin.zip');
  if (!existsSync(zipPath)) {
    throw new Error(`${zipPath} is missing: run \`pnpm --filter @notta/plugin build\` before the tests.`);
  }
  entries = await readZip(readFileSync(zipPath));
  contentsZip = entries.get('contents.zip')!;
  pubkey = entries.get('PUBKEY')!;
  signature = entries.get('SIGNATURE')!;
  contents = await readZip(contentsZip);
  buildInfo = JSON.parse(readFileSync(path.join(distDir, 'build-info.json'), 'utf8'));
});

describe('dist/plugin.zip', () => {
  it('holds exactly contents.zip, PUBKEY and SIGNATURE', () => {
    expect([...entries.keys()].sort()).toEqual(['PUBKEY', 'SIGNATURE', 'contents.zip']);
  });

  it('has a PUBKEY that is a DER SubjectPublicKeyInfo RSA key', () => {
    const key = createPublicKey({ key: pubkey, format: 'der', type: 'spki' });
    expect(key.asymmetricKeyType).toBe('rsa');
  });

  it('has an RSA-SHA1 PKCS#1 v1.5 SIGNATURE over the contents.zip bytes', () => {
    const ok = verify('sha1', contentsZip, { key: pubkey, format: 'der', type: 'spki' }, signature);
    expect(ok).toBe(true);
  });

  it('does not verify a tampered contents.zip', () => {
    const tampered = Buffer.from(contentsZip);
    const middle = Math.floor(tampered.length / 2);
    tampered[middle] = (tampered[middle] ?? 0) ^ 0xff;
    expect(verify('sha1', tampered, { key: pubkey, format: 'der', type: 'spki' }, signature)).toBe(false);
    const appended = Buffer.concat([contentsZip, Buffer.from([0])]);
    expect(verify('sha1', appended, { key: pubkey, format: 'der', type: 'spki' }, signature)).toBe(false);
  });

  it('has the plug-in ID written to dist/plugin-id.txt', () => {
    const id = pluginIdFromPublicKey(pubkey);
    expect(id).toMatch(/^[a-p]{32}$/);
    expect(readFileSync(path.join(distDir, 'plugin-id.txt'), 'utf8').trim()).toBe(id);
    expect(buildInfo.pluginId).toBe(id);
  });

  it('is signed with the committed development key, or a release key that is not it', () => {
    const id = pluginIdFromPublicKey(pubkey);
    if (buildInfo.signedWith === 'development') expect(id).toBe(DEV_PLUGIN_ID);
    else expect(id).not.toBe(DEV_PLUGIN_ID);
  });
});

describe('contents.zip', () => {
  it('holds manifest.json and every file the manifest references, and nothing else', () => {
    const manifest = JSON.parse(contents.get('manifest.json')!.toString('utf8'));
    expect([...contents.keys()].sort()).toEqual(manifestFiles(manifest).sort());
    expect(manifestFiles(manifest).sort()).toEqual(
      [
        'manifest.json',
        'image/icon.png',
        'html/config.html',
        'js/desktop.js',
        'js/mobile.js',
        'js/config.js',
        'css/panel.css',
        'css/desktop.css',
        'css/mobile.css',
        'css/config.css',
      ].sort(),
    );
  });

  it('holds the very files of the plugin folder', () => {
    for (const [name, bytes] of contents) {
      expect(bytes.equals(readFileSync(path.join(pluginDir, name))), name).toBe(true);
    }
  });

  it('has a manifest that passes the validator against the packed files', () => {
    const manifest = JSON.parse(contents.get('manifest.json')!.toString('utf8'));
    const sizes = new Map([...contents].map(([name, bytes]) => [name, bytes.length]));
    expect(validateManifest(manifest, mapFiles(sizes))).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('has a real PNG icon', () => {
    const icon = contents.get('image/icon.png')!;
    expect(icon.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(icon.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([128, 128]);
  });
});

describe('the committed development key', () => {
  it(`is ${DEV_KEY_FILE}, a PKCS#1 PEM RSA key whose plug-in ID is ${DEV_PLUGIN_ID}`, () => {
    const pem = readFileSync(path.join(appDir, DEV_KEY_FILE), 'utf8');
    expect(pem.startsWith('-----BEGIN RSA PRIVATE KEY-----')).toBe(true);
    expect(pluginIdOfPrivateKey(pem)).toBe(DEV_PLUGIN_ID);
  });
});

describe('plugin/manifest.json', () => {
  it('is valid with its files on disk and bilingual', () => {
    const manifest = readManifest(pluginDir);
    expect(validateManifest(manifest, folderFiles(pluginDir))).toEqual({
      valid: true,
      errors: [],
      warnings: [],
    });
    for (const field of ['name', 'description', 'homepage_url']) {
      expect(Object.keys(manifest[field]).sort(), field).toEqual(['en', 'ja']);
    }
    expect(manifest).toMatchObject({ manifest_version: 1, version: '0.1.0', type: 'APP' });
  });
});
