import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pluginIdOfPrivateKey, resolveSigningKey, SigningKeyError } from '../build/signing-key.mjs';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const devPem = readFileSync(path.join(appDir, 'private.dev.ppk'), 'utf8');
const tmp = mkdtempSync(path.join(tmpdir(), 'notta-key-'));

function rsaKey(type: 'pkcs1' | 'pkcs8') {
  return generateKeyPairSync('rsa', { modulusLength: 1024 })
    .privateKey.export({ type, format: 'pem' })
    .toString();
}

function failure(env: Record<string, string>): SigningKeyError {
  try {
    resolveSigningKey({ env, appDir, cwd: tmp });
  } catch (error) {
    expect(error).toBeInstanceOf(SigningKeyError);
    return error as SigningKeyError;
  }
  throw new Error('expected resolveSigningKey to fail');
}

describe('resolveSigningKey', () => {
  it('uses the committed development key when no release key is given', () => {
    const key = resolveSigningKey({ env: {}, appDir });
    expect(key.development).toBe(true);
    expect(key.source).toMatch(/DEVELOPMENT/);
    expect(pluginIdOfPrivateKey(key.pem)).toBe(pluginIdOfPrivateKey(devPem));
  });

  it('reads PLUGIN_PRIVATE_KEY_FILE relative to the working directory', () => {
    const pem = rsaKey('pkcs1');
    writeFileSync(path.join(tmp, 'release.ppk'), pem);
    const key = resolveSigningKey({ env: { PLUGIN_PRIVATE_KEY_FILE: 'release.ppk' }, appDir, cwd: tmp });
    expect(key.development).toBe(false);
    expect(key.pem).toBe(pem);
    expect(key.source).toContain('PLUGIN_PRIVATE_KEY_FILE');
  });

  it('takes PEM text from PLUGIN_PRIVATE_KEY and re-encodes PKCS#8 as PKCS#1', () => {
    const pem = rsaKey('pkcs8');
    const key = resolveSigningKey({ env: { PLUGIN_PRIVATE_KEY: pem }, appDir });
    expect(key.pem.startsWith('-----BEGIN RSA PRIVATE KEY-----')).toBe(true);
    expect(pluginIdOfPrivateKey(key.pem)).toBe(pluginIdOfPrivateKey(pem));
  });

  it('accepts a one-line PEM with literal \\n sequences', () => {
    const pem = rsaKey('pkcs1');
    const key = resolveSigningKey({ env: { PLUGIN_PRIVATE_KEY: pem.replace(/\n/g, '\\n') }, appDir });
    expect(key.pem).toBe(pem);
  });

  it('names PLUGIN_PRIVATE_KEY_FILE when the file is missing', () => {
    expect(failure({ PLUGIN_PRIVATE_KEY_FILE: 'nope.ppk' }).message).toMatch(
      /^PLUGIN_PRIVATE_KEY_FILE points to .*nope\.ppk, which does not exist\.$/,
    );
  });

  it('names PLUGIN_PRIVATE_KEY_FILE when the file is not an RSA private key', () => {
    writeFileSync(path.join(tmp, 'junk.ppk'), 'not a key');
    expect(failure({ PLUGIN_PRIVATE_KEY_FILE: 'junk.ppk' }).message).toMatch(
      /^PLUGIN_PRIVATE_KEY_FILE \(.*junk\.ppk\) is not a valid unencrypted RSA private key/,
    );
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    });
    writeFileSync(path.join(tmp, 'ec.ppk'), ec);
    expect(failure({ PLUGIN_PRIVATE_KEY_FILE: 'ec.ppk' }).message).toMatch(
      /is a ec key; Kintone plug-ins need an RSA key/,
    );
  });

  it('names PLUGIN_PRIVATE_KEY when its text is not a key, without echoing it', () => {
    const secretLooking =
      '-----BEGIN RSA PRIVATE KEY-----\nAAAAsecretmaterial\n-----END RSA PRIVATE KEY-----';
    const message = failure({ PLUGIN_PRIVATE_KEY: secretLooking }).message;
    expect(message).toMatch(/^PLUGIN_PRIVATE_KEY is not a valid/);
    expect(message).not.toContain('secretmaterial');
  });

  it('refuses empty variables, both variables at once, and the development key as a release key', () => {
    expect(failure({ PLUGIN_PRIVATE_KEY: ' ' }).message).toBe('PLUGIN_PRIVATE_KEY is set but empty.');
    expect(failure({ PLUGIN_PRIVATE_KEY_FILE: '' }).message).toBe(
      'PLUGIN_PRIVATE_KEY_FILE is set but empty.',
    );
    expect(failure({ PLUGIN_PRIVATE_KEY: devPem, PLUGIN_PRIVATE_KEY_FILE: 'x' }).message).toMatch(
      /set only one/,
    );
    expect(failure({ PLUGIN_PRIVATE_KEY: devPem }).message).toMatch(/public development key/);
  });
});
