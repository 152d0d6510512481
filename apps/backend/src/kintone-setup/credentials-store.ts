import type { Kysely, Transaction } from 'kysely';
import { encryptedColumn, encryptionContext } from '../encryption/encrypted-columns.js';
import type { Keyring } from '../encryption/keyring.js';
import type { Database } from '../storage/schema.js';

const secretColumn = encryptedColumn('kintone_integrations', 'client_secret');

type Db = Kysely<Database> | Transaction<Database>;

export interface ClientCredentials {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

/**
 * Stores a workspace's Kintone OAuth client; the secret is sealed before it leaves the process. Without a
 * secret the stored one is kept (the admin corrected only the ID or endpoint).
 */
export async function saveClientCredentials(
  db: Db,
  keyring: Keyring,
  workspaceId: string,
  credentials: { baseUrl: string; clientId: string; clientSecret?: string },
): Promise<void> {
  const sealed =
    credentials.clientSecret === undefined
      ? undefined
      : keyring.encrypt(credentials.clientSecret, encryptionContext(secretColumn, workspaceId));
  const now = new Date();
  const values = {
    base_url: credentials.baseUrl,
    client_id: credentials.clientId,
    ...(sealed === undefined ? {} : { client_secret: sealed }),
    credentials_updated_at: now,
  };
  await db
    .insertInto('kintone_integrations')
    .values({ workspace_id: workspaceId, setup_step: 'link-client', ...values })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ ...values, updated_at: now }))
    .execute();
}

/** The client as Kintone knows it, with the secret decrypted; undefined while any part is missing. */
export async function readClientCredentials(
  db: Db,
  keyring: Keyring,
  workspaceId: string,
): Promise<ClientCredentials | undefined> {
  const row = await db
    .selectFrom('kintone_integrations')
    .select(['base_url', 'client_id', 'client_secret'])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  if (!row?.base_url || !row.client_id || !row.client_secret) return undefined;
  return {
    baseUrl: row.base_url,
    clientId: row.client_id,
    clientSecret: keyring.decrypt(row.client_secret, encryptionContext(secretColumn, workspaceId)),
  };
}

/** `••••••••3f9a`: enough for the admin to recognise the secret, never enough to use it. */
export function maskedClientSecret(keyring: Keyring, workspaceId: string, sealed: string | null): string {
  if (!sealed) return '';
  const secret = keyring.decrypt(sealed, encryptionContext(secretColumn, workspaceId));
  return secret.length >= 12 ? `••••••••${secret.slice(-4)}` : '••••••••';
}
