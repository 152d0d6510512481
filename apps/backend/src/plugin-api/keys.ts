import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { PluginKeySummary } from '@notta/shared';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

const KEY_PREFIX = 'npk_';
/** `npk_` and 8 characters of the random part: enough to tell keys apart, far too little to guess the rest. */
const DISPLAY_PREFIX_LENGTH = KEY_PREFIX.length + 8;
/** What a key looks like: `npk_` and 32 random bytes in base64url (43 characters). */
const KEY_SHAPE = /^npk_[A-Za-z0-9_-]{43}$/;

/**
 * The stored form of a key. A plain, fast SHA-256 is right here (unlike passwords, which get scrypt): a key is
 * 256 random bits, so there is nothing to brute-force from the hash, and every plug-in request looks its key
 * up by this hash, which must stay cheap.
 */
export function hashPluginKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A header value that cannot be a key is refused without touching the database's key table. */
export function looksLikePluginKey(value: string | undefined): value is string {
  return value !== undefined && KEY_SHAPE.test(value);
}

export interface PluginKeyRow {
  id: string;
  label: string;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  creator_id: string | null;
  creator_name: string | null;
}

export function toSummary(row: PluginKeyRow): PluginKeySummary {
  return {
    id: row.id,
    label: row.label,
    prefix: row.prefix,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.creator_id && row.creator_name ? { id: row.creator_id, name: row.creator_name } : null,
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at).toISOString() : null,
  };
}

/** Creates a key; the secret is returned to be shown once and is never stored. */
export async function insertPluginKey(
  db: Db,
  input: { workspaceId: string; label: string; createdBy: string },
): Promise<{ id: string; secret: string; prefix: string }> {
  const secret = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = randomUUID();
  const prefix = secret.slice(0, DISPLAY_PREFIX_LENGTH);
  await db
    .insertInto('plugin_keys')
    .values({
      id,
      workspace_id: input.workspaceId,
      label: input.label,
      prefix,
      key_hash: hashPluginKey(secret),
      created_by: input.createdBy,
    })
    .execute();
  return { id, secret, prefix };
}

const summaryColumns = [
  'plugin_keys.id',
  'plugin_keys.label',
  'plugin_keys.prefix',
  'plugin_keys.created_at',
  'plugin_keys.last_used_at',
  'users.id as creator_id',
  'users.name as creator_name',
] as const;

/** The workspace's working keys, newest first (keys disabled by a revoke no longer work, so are not listed). */
export async function listPluginKeys(db: Db, workspaceId: string): Promise<PluginKeyRow[]> {
  return db
    .selectFrom('plugin_keys')
    .leftJoin('users', 'users.id', 'plugin_keys.created_by')
    .select(summaryColumns)
    .where('plugin_keys.workspace_id', '=', workspaceId)
    .where('plugin_keys.disabled_at', 'is', null)
    .orderBy('plugin_keys.created_at', 'desc')
    .orderBy('plugin_keys.id')
    .execute();
}

export async function readPluginKey(
  db: Db,
  workspaceId: string,
  keyId: string,
): Promise<PluginKeyRow | undefined> {
  return db
    .selectFrom('plugin_keys')
    .leftJoin('users', 'users.id', 'plugin_keys.created_by')
    .select(summaryColumns)
    .where('plugin_keys.workspace_id', '=', workspaceId)
    .where('plugin_keys.id', '=', keyId)
    .executeTakeFirst();
}

/** Deletes one key of the workspace (not flagged: a revoked key is gone). */
export async function deletePluginKey(
  db: Db,
  workspaceId: string,
  keyId: string,
): Promise<{ label: string; prefix: string } | undefined> {
  return db
    .deleteFrom('plugin_keys')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', keyId)
    .returning(['label', 'prefix'])
    .executeTakeFirst();
}

/**
 * Revoking the workspace's Kintone authorization disables every key of it, in the revoke's transaction. The
 * rows stay (hash only) so the plug-in API can answer "revoked" rather than "unknown key"; a disabled key never
 * works again, even after a new authorization (the admins create new keys then).
 */
export async function disableWorkspacePluginKeys(db: Db, workspaceId: string): Promise<number> {
  const rows = await db
    .updateTable('plugin_keys')
    .set({ disabled_at: sql<Date>`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('disabled_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

/** The key with this secret, with its workspace, or nothing. */
export async function findPluginKeyBySecret(db: Db, secret: string) {
  return db
    .selectFrom('plugin_keys')
    .innerJoin('workspaces', 'workspaces.id', 'plugin_keys.workspace_id')
    .select([
      'plugin_keys.id',
      'plugin_keys.label',
      'plugin_keys.prefix',
      'plugin_keys.disabled_at',
      'workspaces.id as workspace_id',
      'workspaces.name as workspace_name',
      'workspaces.plan as workspace_plan',
    ])
    .where('plugin_keys.key_hash', '=', hashPluginKey(secret))
    .executeTakeFirst();
}

/** Records a use at most once a minute, so busy plug-ins do not write on every request. */
export async function touchPluginKey(db: Db, keyId: string): Promise<void> {
  await db
    .updateTable('plugin_keys')
    .set({ last_used_at: sql<Date>`now()` })
    .where('id', '=', keyId)
    .where((eb) =>
      eb.or([
        eb('last_used_at', 'is', null),
        eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`),
      ]),
    )
    .execute();
}
