import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDevKey, DEV_KEY_FILE, loadDevKeys } from '../src/encryption/dev-key-file.js';
import { DecryptionError, Keyring } from '../src/encryption/keyring.js';

const keyA = { id: 'a', key: randomBytes(32) };
const keyB = { id: 'b', key: randomBytes(32) };

describe('AES-256-GCM keyring', () => {
  it('round-trips a secret and records the key id beside the ciphertext', () => {
    const ring = new Keyring([keyA], 'a');
    const sealed = ring.encrypt('client-secret-値', 'kintone_integrations.client_secret:w1');
    expect(sealed).not.toContain('client-secret');
    expect(Keyring.keyIdOf(sealed)).toBe('a');
    expect(ring.decrypt(sealed, 'kintone_integrations.client_secret:w1')).toBe('client-secret-値');
  });

  it('uses a fresh IV every time', () => {
    const ring = new Keyring([keyA], 'a');
    expect(ring.encrypt('same', 'ctx')).not.toBe(ring.encrypt('same', 'ctx'));
  });

  it('refuses a tampered ciphertext, another row context, or an unknown key', () => {
    const ring = new Keyring([keyA], 'a');
    const sealed = ring.encrypt('secret', 'row:1');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0]! ^= 1;
    parts[3] = body.toString('base64url');
    expect(() => ring.decrypt(parts.join('.'), 'row:1')).toThrow(DecryptionError);
    expect(() => ring.decrypt(sealed, 'row:2')).toThrow(DecryptionError);
    expect(() => new Keyring([keyB], 'b').decrypt(sealed, 'row:1')).toThrow(
      /key "a", which is not configured/,
    );
    expect(() => ring.decrypt('plain text', 'row:1')).toThrow(DecryptionError);
  });

  it('decrypts with any configured key but always encrypts with the active one', () => {
    const old = new Keyring([keyA], 'a').encrypt('s', 'c');
    const ring = new Keyring([keyA, keyB], 'b');
    expect(ring.decrypt(old, 'c')).toBe('s');
    expect(Keyring.keyIdOf(ring.encrypt('s', 'c'))).toBe('b');
  });
});

describe('generated development keys', () => {
  it('are written once to the data folder, private to the owner, and reused', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'notta-keys-'));
    const first = await loadDevKeys(dir);
    const again = await loadDevKeys(dir);
    expect(again.activeKeyId).toBe(first.activeKeyId);
    expect(again.keys[0]!.key.equals(first.keys[0]!.key)).toBe(true);
    expect((await stat(path.join(dir, DEV_KEY_FILE))).mode & 0o077).toBe(0);
    const rotated = await addDevKey(dir);
    expect(rotated.activeKeyId).not.toBe(first.activeKeyId);
    expect(rotated.keys.map((k) => k.id)).toContain(first.activeKeyId);
    expect(JSON.parse(await readFile(path.join(dir, DEV_KEY_FILE), 'utf8')).active).toBe(rotated.activeKeyId);
  });
});
