import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import yazl from 'yazl';

/** Helpers that build plug-in packages the way Kintone's own tools do, or deliberately break them. */

/** A 1×1 transparent PNG: the validator checks the icon exists, not that it is pretty. */
export const ICON_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export function testManifest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    manifest_version: 1,
    version: '1.0.0',
    type: 'APP',
    name: { en: 'Test plug-in' },
    description: { en: 'A plug-in packed by the tests.' },
    icon: 'image/icon.png',
    desktop: { js: ['js/desktop.js'], css: ['css/desktop.css'] },
    mobile: { js: ['js/mobile.js'], css: [] },
    config: { html: 'html/config.html', js: ['js/config.js'], css: ['css/config.css'], required_params: [] },
    ...overrides,
  };
}

export function testFiles(
  manifest: Record<string, unknown> = testManifest(),
): Record<string, string | Buffer> {
  return {
    'manifest.json': JSON.stringify(manifest),
    'image/icon.png': ICON_PNG,
    'js/desktop.js': 'window.__desktopLoaded = kintone.$PLUGIN_ID;',
    'js/mobile.js': 'window.__mobileLoaded = kintone.$PLUGIN_ID;',
    'js/config.js': 'window.__configLoaded = kintone.$PLUGIN_ID;',
    'css/desktop.css': '.x{color:red}',
    'css/config.css': '.y{color:blue}',
    'html/config.html': '<form id="test-config-form"><input name="message"></form>',
  };
}

/** A zip of the given files, in the given order (yazl, as the packer uses). */
export function zipOf(files: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of Object.entries(files)) {
    zip.addBuffer(Buffer.isBuffer(data) ? data : Buffer.from(data), name);
  }
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

type Packer = (
  contents: Buffer,
  privateKey?: string,
) => Promise<{ plugin: Buffer; privateKey: string; id: string }>;

/** @kintone/plugin-packer's API (CommonJS with exports.default; the interop shape differs by loader). */
export async function packer(): Promise<Packer> {
  const mod = (await import('@kintone/plugin-packer')) as unknown as {
    default: Packer | { default: Packer };
  };
  return typeof mod.default === 'function' ? mod.default : mod.default.default;
}

/** Packs with the official packer: a fresh 1024-bit key unless one is given. */
export async function packWithPacker(
  files: Record<string, string | Buffer> = testFiles(),
  privateKey?: string,
): Promise<{ plugin: Buffer; privateKey: string; id: string; contents: Buffer }> {
  const contents = await zipOf(files);
  const pack = await packer();
  return { ...(await pack(contents, privateKey)), contents };
}

/** Signs contents.zip ourselves (the packer refuses an invalid manifest, so broken packages need this). */
export function newKey(): { privateKey: KeyObject; publicKeyDer: Buffer } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  return { privateKey, publicKeyDer: publicKey.export({ format: 'der', type: 'spki' }) };
}

export async function signAndZip(contents: Buffer, key = newKey()): Promise<Buffer> {
  return zipOf({
    'contents.zip': contents,
    PUBKEY: key.publicKeyDer,
    SIGNATURE: sign('sha1', contents, key.privateKey),
  });
}

/** Replaces every occurrence of an ASCII name in a zip's bytes (to smuggle names yazl refuses to write). */
export function renameInZip(zip: Buffer, from: string, to: string): Buffer {
  if (from.length !== to.length) throw new Error('names must have the same length');
  const out = Buffer.from(zip);
  const needle = Buffer.from(from);
  let at = out.indexOf(needle);
  while (at >= 0) {
    Buffer.from(to).copy(out, at);
    at = out.indexOf(needle, at + needle.length);
  }
  return out;
}

/** A supertest agent signed in as the given user (demo password). */
export async function signedIn(app: Express, code: string): Promise<ReturnType<typeof request.agent>> {
  const agent = request.agent(app);
  await agent
    .post('/login')
    .type('form')
    .send({ username: code, password: 'password', redirect: '/k/' })
    .expect(302);
  return agent;
}
