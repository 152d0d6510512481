import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { EncryptionKey } from '../config/config.js';

/**
 * The embedded default keeps its generated development keys beside its PGlite data, so a fresh checkout
 * needs no configuration. Production configures ENCRYPTION_KEYS instead (config.ts insists).
 */
const keyFile = z.object({
  active: z.string(),
  keys: z.array(z.object({ id: z.string(), key: z.string() })).min(1),
});

export const DEV_KEY_FILE = 'encryption-keys.json';

export interface KeySet {
  keys: EncryptionKey[];
  activeKeyId: string;
}

function newKey(): EncryptionKey {
  return { id: `dev-${randomBytes(4).toString('hex')}`, key: randomBytes(32) };
}

async function write(file: string, set: KeySet, exclusive: boolean): Promise<void> {
  const body = `${JSON.stringify({ active: set.activeKeyId, keys: set.keys.map((k) => ({ id: k.id, key: k.key.toString('base64') })) }, null, 2)}\n`;
  if (exclusive) {
    await writeFile(file, body, { mode: 0o600, flag: 'wx' });
    return;
  }
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, body, { mode: 0o600 });
  await rename(tmp, file);
}

/** Reads the development keys, generating the first one (once) when the file does not exist yet. */
export async function loadDevKeys(dataDir: string): Promise<KeySet> {
  const file = path.join(dataDir, DEV_KEY_FILE);
  await mkdir(dataDir, { recursive: true });
  try {
    const first = newKey();
    await write(file, { keys: [first], activeKeyId: first.id }, true);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const parsed = keyFile.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success || !parsed.data.keys.some((k) => k.id === parsed.data.active)) {
    throw new Error(`The development key file ${file} is damaged; restore it from a backup`);
  }
  return {
    keys: parsed.data.keys.map((k) => ({ id: k.id, key: Buffer.from(k.key, 'base64') })),
    activeKeyId: parsed.data.active,
  };
}

/** Adds a new development key and makes it active; older keys stay until rotation no longer needs them. */
export async function addDevKey(dataDir: string): Promise<KeySet> {
  const current = await loadDevKeys(dataDir);
  const next = newKey();
  const set = { keys: [next, ...current.keys], activeKeyId: next.id };
  await write(path.join(dataDir, DEV_KEY_FILE), set, false);
  return set;
}

/** Keeps only the active development key, after every ciphertext has been re-encrypted under it. */
export async function pruneDevKeys(dataDir: string, set: KeySet): Promise<void> {
  const active = set.keys.filter((k) => k.id === set.activeKeyId);
  await write(path.join(dataDir, DEV_KEY_FILE), { keys: active, activeKeyId: set.activeKeyId }, false);
}
