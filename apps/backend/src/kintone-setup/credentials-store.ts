import type { Kysely } from 'kysely';
import { encryptedColumns, encryptionContext } from '../encryption/encrypted-columns.js';
import type { Keyring } from '../encryption/keyring.js';
import type { Database } from '../storage/schema.js';

const secretColumn = encryptedColumns[0];

export interface ClientCredentials {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

/** Stores a workspace's Kintone OAuth client; the secret is sealed before it leaves the process. */
export async function saveClientCredentials(
  db: Kysely<Database>,
  keyring: Keyring,
  workspaceId: string,
  credentials: ClientCredentials,
): Promise<void> {
  const sealed = keyring.encrypt(credentials.clientSecret, encryptionContext(secretColumn, workspaceId));
  await db
    .insertInto('kintone_integrations')
    .values({
      workspace_id: workspaceId,
      setup_step: 'link-client',
      base_url: credentials.baseUrl,
      client_id: credentials.clientId,
      client_secret: sealed,
    })
    .onConflict((oc) =>
      oc.column('workspace_id').doUpdateSet({
        base_url: credentials.baseUrl,
        client_id: credentials.clientId,
        client_secret: sealed,
        updated_at: new Date(),
      }),
    )
    .execute();
}

export async function readClientCredentials(
  db: Kysely<Database>,
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
