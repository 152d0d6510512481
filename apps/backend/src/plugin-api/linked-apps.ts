import { randomUUID } from 'node:crypto';
import { type LinkAppRequest, type LinkedApp, meetingMappingSchema } from '@notta/shared';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../storage/schema.js';

type Db = Kysely<Database> | Transaction<Database>;
type LinkedAppRow = Selectable<Database['plugin_linked_apps']>;

/**
 * A tenant's base URL as stored and compared: origin with a lower-case host and no trailing slash. Kintone
 * host names are case-insensitive and `location.origin` never has a slash, but people paste all sorts.
 */
export function normaliseTenantBaseUrl(value: string): string {
  const url = new URL(value);
  return `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}`;
}

export function toLinkedApp(row: LinkedAppRow): LinkedApp {
  // The two drivers return jsonb parsed (pg) or as text (some PGlite paths); both are read the same way.
  const raw = typeof row.mapping === 'string' ? JSON.parse(row.mapping) : row.mapping;
  return {
    appId: row.app_id,
    tenantBaseUrl: row.tenant_base_url,
    appName: row.app_name,
    mapping: meetingMappingSchema.parse(raw),
    panelSpace: row.panel_space,
    linkedAt: new Date(row.linked_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export async function findLinkedApp(
  db: Db,
  workspaceId: string,
  tenantBaseUrl: string,
  appId: string,
): Promise<LinkedAppRow | undefined> {
  return db
    .selectFrom('plugin_linked_apps')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('tenant_base_url', '=', tenantBaseUrl)
    .where('app_id', '=', appId)
    .executeTakeFirst();
}

/** Links the app, or updates its link: one row per (workspace, tenant, app ID), whoever saves last wins. */
export async function upsertLinkedApp(
  db: Db,
  input: { workspaceId: string; tenantBaseUrl: string; appId: string; request: LinkAppRequest },
): Promise<{ row: LinkedAppRow; created: boolean }> {
  const existing = await findLinkedApp(db, input.workspaceId, input.tenantBaseUrl, input.appId);
  const values = {
    app_name: input.request.appName ?? null,
    mapping: JSON.stringify(input.request.mapping),
    panel_space: input.request.panelSpace,
  };
  const row = await db
    .insertInto('plugin_linked_apps')
    .values({
      id: randomUUID(),
      workspace_id: input.workspaceId,
      tenant_base_url: input.tenantBaseUrl,
      app_id: input.appId,
      ...values,
    })
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'tenant_base_url', 'app_id'])
        .doUpdateSet({ ...values, updated_at: new Date() }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return { row, created: existing === undefined };
}

export async function deleteLinkedApp(
  db: Db,
  workspaceId: string,
  tenantBaseUrl: string,
  appId: string,
): Promise<boolean> {
  const rows = await db
    .deleteFrom('plugin_linked_apps')
    .where('workspace_id', '=', workspaceId)
    .where('tenant_base_url', '=', tenantBaseUrl)
    .where('app_id', '=', appId)
    .returning('id')
    .execute();
  return rows.length > 0;
}

export async function listLinkedApps(db: Db, workspaceId: string): Promise<LinkedApp[]> {
  const rows = await db
    .selectFrom('plugin_linked_apps')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('tenant_base_url')
    .orderBy('linked_at')
    .execute();
  return rows.map(toLinkedApp);
}
