import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { encryptedColumn, encryptionContext } from '../encryption/encrypted-columns.js';
import type { Keyring } from '../encryption/keyring.js';
import type { TokenSet } from '../kintone-client/index.js';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database> | Transaction<Database>;
export type GrantRow = Selectable<Database['kintone_grants']>;

const accessColumn = encryptedColumn('kintone_grants', 'access_token');
const refreshColumn = encryptedColumn('kintone_grants', 'refresh_token');

/** The sealed token columns of one grant; each ciphertext is bound to the grant's row id. */
export function sealTokens(keyring: Keyring, grantId: string, tokens: TokenSet) {
  return {
    access_token: keyring.encrypt(tokens.accessToken, encryptionContext(accessColumn, grantId)),
    refresh_token: keyring.encrypt(tokens.refreshToken, encryptionContext(refreshColumn, grantId)),
    access_token_expires_at: tokens.expiresAt,
    scope: tokens.scope,
  };
}

export function openAccessToken(keyring: Keyring, grant: GrantRow): string | undefined {
  return grant.access_token
    ? keyring.decrypt(grant.access_token, encryptionContext(accessColumn, grant.id))
    : undefined;
}

export function openRefreshToken(keyring: Keyring, grant: GrantRow): string | undefined {
  return grant.refresh_token
    ? keyring.decrypt(grant.refresh_token, encryptionContext(refreshColumn, grant.id))
    : undefined;
}

/**
 * Stores a fresh grant as the only one of (workspace, user, tenant). The older one is deleted rather than
 * updated: the new row gets a new id, so nothing sealed for the old grant can be read in the new one.
 */
export async function replaceGrant(
  trx: Transaction<Database>,
  keyring: Keyring,
  owner: { workspaceId: string; userId: string; baseUrl: string },
  tokens: TokenSet,
): Promise<string> {
  await trx
    .deleteFrom('kintone_grants')
    .where('workspace_id', '=', owner.workspaceId)
    .where('user_id', '=', owner.userId)
    .where('base_url', '=', owner.baseUrl)
    .execute();
  const id = randomUUID();
  const now = new Date();
  await trx
    .insertInto('kintone_grants')
    .values({
      id,
      workspace_id: owner.workspaceId,
      user_id: owner.userId,
      base_url: owner.baseUrl,
      status: 'connected',
      ...sealTokens(keyring, id, tokens),
      connected_at: now,
      last_refreshed_at: null,
    })
    .execute();
  return id;
}

/** The member's grant for the workspace's current tenant, if any. */
export async function findOwnGrant(
  db: Db,
  workspaceId: string,
  userId: string,
  baseUrl: string | null,
): Promise<GrantRow | undefined> {
  if (!baseUrl) return undefined;
  return db
    .selectFrom('kintone_grants')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('base_url', '=', baseUrl)
    .executeTakeFirst();
}

/** Disconnect: deletes the member's own grants in this workspace (every tenant), nobody else's. */
export async function deleteOwnGrants(db: Db, workspaceId: string, userId: string): Promise<number> {
  const result = await db
    .deleteFrom('kintone_grants')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Revoke, or a change of tenant: every grant of the workspace goes, tokens and all. */
export async function deleteWorkspaceGrants(
  db: Db,
  workspaceId: string,
  exceptBaseUrl?: string,
): Promise<number> {
  let query = db.deleteFrom('kintone_grants').where('workspace_id', '=', workspaceId);
  if (exceptBaseUrl !== undefined) query = query.where('base_url', '<>', exceptBaseUrl);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
