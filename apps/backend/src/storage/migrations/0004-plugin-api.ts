import { type Kysely, sql } from 'kysely';

/**
 * The plug-in API: plug-in keys (only a hash of each, plus a short display prefix) and the Kintone apps
 * linked from the plug-in's config screen, one per (workspace, tenant, app ID).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('plugin_keys')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    // Unique: every request looks its key up by this hash.
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('disabled_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('plugin_keys_workspace_idx')
    .on('plugin_keys')
    .columns(['workspace_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('plugin_linked_apps')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('tenant_base_url', 'text', (c) => c.notNull())
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('app_name', 'text')
    .addColumn('mapping', 'jsonb', (c) => c.notNull())
    .addColumn('panel_space', 'text')
    .addColumn('linked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('plugin_linked_apps_workspace_tenant_app', [
      'workspace_id',
      'tenant_base_url',
      'app_id',
    ])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('plugin_linked_apps').execute();
  await db.schema.dropTable('plugin_keys').execute();
}
