import type { SetupStep } from '@notta/shared';
import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database> | Transaction<Database>;
export type IntegrationRow = Selectable<Database['kintone_integrations']>;

/** A workspace that never opened the wizard has no row; it reads as not started, step 1. */
export async function readIntegration(db: Db, workspaceId: string): Promise<IntegrationRow> {
  const row = await db
    .selectFrom('kintone_integrations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row ?? emptyIntegration(workspaceId);
}

/** Locks the workspace's row (creating it first) so concurrent wizard requests apply one after another. */
export async function lockIntegration(
  trx: Transaction<Database>,
  workspaceId: string,
): Promise<IntegrationRow> {
  await trx
    .insertInto('kintone_integrations')
    .values({ workspace_id: workspaceId })
    .onConflict((oc) => oc.column('workspace_id').doNothing())
    .execute();
  return trx
    .selectFrom('kintone_integrations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function updateIntegration(
  db: Db,
  workspaceId: string,
  patch: Updateable<Database['kintone_integrations']>,
): Promise<void> {
  await db
    .updateTable('kintone_integrations')
    .set({ ...patch, updated_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .execute();
}

function emptyIntegration(workspaceId: string): IntegrationRow {
  const now = new Date();
  return {
    workspace_id: workspaceId,
    setup_step: 'add-client' satisfies SetupStep,
    furthest_step: 'add-client',
    state: 'not-started',
    base_url: null,
    client_id: null,
    client_secret: null,
    credentials_updated_at: null,
    uses_ip_restriction: null,
    authorized_by: null,
    authorized_at: null,
    authorized_base_url: null,
    revoked_at: null,
    created_at: now,
    updated_at: now,
  };
}
