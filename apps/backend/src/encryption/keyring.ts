import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionKey } from '../config/config.js';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class DecryptionError extends Error {
  override name = 'DecryptionError';
}

/**
 * AES-256-GCM under named keys. A ciphertext is one string, `v1.<key id>.<iv>.<ciphertext+tag>`, so the
 * id of the key that sealed it sits beside it and keys can rotate. The caller passes a context (which table,
 * column and row the value belongs to) that is authenticated with it: a secret copied into another row fails
 * to decrypt instead of being used there.
 */
export class Keyring {
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(
    keys: readonly EncryptionKey[],
    readonly activeKeyId: string,
  ) {
    if (!keys.some((k) => k.id === activeKeyId))
      throw new Error(`Active key "${activeKeyId}" is not in the keyring`);
    for (const k of keys) if (k.key.length !== 32) throw new Error(`Key "${k.id}" is not 32 bytes`);
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
  }

  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.activeKeyId)!, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return [VERSION, this.activeKeyId, iv.toString('base64url'), sealed.toString('base64url')].join('.');
  }

  decrypt(envelope: string, context: string): string {
    const { keyId, iv, sealed } = parseEnvelope(envelope);
    const key = this.keys.get(keyId);
    if (!key) throw new DecryptionError(`Encrypted with key "${keyId}", which is not configured`);
    if (sealed.length < TAG_BYTES) throw new DecryptionError('Ciphertext is truncated');
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new DecryptionError(
        `Ciphertext under key "${keyId}" failed authentication (wrong key or context)`,
      );
    }
  }

  /** The id of the key a ciphertext was sealed with. */
  static keyIdOf(envelope: string): string {
    return parseEnvelope(envelope).keyId;
  }
}

function parseEnvelope(envelope: string): { keyId: string; iv: Buffer; sealed: Buffer } {
  const parts = envelope.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new DecryptionError('Not an encrypted value');
  const [, keyId, iv, sealed] = parts as [string, string, string, string];
  const ivBytes = Buffer.from(iv, 'base64url');
  if (ivBytes.length !== IV_BYTES) throw new DecryptionError('Malformed IV');
  return { keyId, iv: ivBytes, sealed: Buffer.from(sealed, 'base64url') };
}
