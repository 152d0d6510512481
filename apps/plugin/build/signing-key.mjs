// Chooses the key that signs dist/plugin.zip. Never prints or logs key material.
//
//   PLUGIN_PRIVATE_KEY_FILE  path to a PEM RSA private key (.ppk); relative paths start at the current
//                            directory, which is apps/plugin when run through pnpm
//   PLUGIN_PRIVATE_KEY       the PEM text itself (for CI secrets)
//   neither                  the committed DEVELOPMENT key private.dev.ppk (public, never for release)
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pluginIdFromPublicKey } from './manifest.mjs';

export const DEV_KEY_FILE = 'private.dev.ppk';

export class SigningKeyError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SigningKeyError';
  }
}

/** Parses any PEM RSA private key and re-encodes it as PKCS#1 PEM, the form @kintone/plugin-packer signs with. */
function toPkcs1Pem(pem, what) {
  let key;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new SigningKeyError(`${what} is not a valid unencrypted RSA private key in PEM format.`);
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new SigningKeyError(`${what} is a ${key.asymmetricKeyType} key; Kintone plug-ins need an RSA key.`);
  }
  return key.export({ type: 'pkcs1', format: 'pem' }).toString();
}

/** The plug-in ID a private key produces (the ID of the public half). */
export function pluginIdOfPrivateKey(pem) {
  const der = createPublicKey(pem).export({ type: 'spki', format: 'der' });
  return pluginIdFromPublicKey(der);
}

/**
 * Resolves the signing key from the environment.
 * @returns {{ pem: string, source: string, development: boolean }}
 */
export function resolveSigningKey({ env = process.env, appDir, cwd = process.cwd() }) {
  const devPath = path.join(appDir, DEV_KEY_FILE);
  const release = resolveReleaseKey(env, cwd);
  if (release) {
    if (pluginIdOfPrivateKey(release.pem) === pluginIdOfPrivateKey(readFileSync(devPath, 'utf8'))) {
      throw new SigningKeyError(
        `${release.variable} holds the public development key; a release needs its own key.`,
      );
    }
    return { pem: release.pem, source: release.source, development: false };
  }
  const pem = toPkcs1Pem(readFileSync(devPath, 'utf8'), `the development key ${devPath}`);
  return { pem, source: `${DEV_KEY_FILE} (DEVELOPMENT key, public: not for release)`, development: true };
}

function resolveReleaseKey(env, cwd) {
  const file = env.PLUGIN_PRIVATE_KEY_FILE;
  const text = env.PLUGIN_PRIVATE_KEY;
  if (file !== undefined && text !== undefined) {
    throw new SigningKeyError(
      'Both PLUGIN_PRIVATE_KEY_FILE and PLUGIN_PRIVATE_KEY are set; set only one of them.',
    );
  }
  if (file !== undefined) {
    if (file.trim() === '') throw new SigningKeyError('PLUGIN_PRIVATE_KEY_FILE is set but empty.');
    const keyPath = path.resolve(cwd, file);
    if (!existsSync(keyPath)) {
      throw new SigningKeyError(`PLUGIN_PRIVATE_KEY_FILE points to ${keyPath}, which does not exist.`);
    }
    let contents;
    try {
      contents = readFileSync(keyPath, 'utf8');
    } catch {
      throw new SigningKeyError(
        `PLUGIN_PRIVATE_KEY_FILE points to ${keyPath}, which cannot be read as a file.`,
      );
    }
    const pem = toPkcs1Pem(contents, `PLUGIN_PRIVATE_KEY_FILE (${keyPath})`);
    return { pem, variable: 'PLUGIN_PRIVATE_KEY_FILE', source: `PLUGIN_PRIVATE_KEY_FILE (${keyPath})` };
  }
  if (text !== undefined) {
    if (text.trim() === '') throw new SigningKeyError('PLUGIN_PRIVATE_KEY is set but empty.');
    // CI secret stores sometimes keep a PEM on one line with literal "\n" sequences.
    const pem = toPkcs1Pem(text.replace(/\\n/g, '\n'), 'PLUGIN_PRIVATE_KEY');
    return { pem, variable: 'PLUGIN_PRIVATE_KEY', source: 'PLUGIN_PRIVATE_KEY' };
  }
  return null;
}
