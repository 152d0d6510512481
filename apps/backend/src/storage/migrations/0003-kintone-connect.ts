import { type Kysely, sql } from 'kysely';

/**
 * The Kintone connection: the setup state machine on `kintone_integrations`, one-time OAuth states (and
 * tombstones of used ones), and the grants, one per (workspace, user, tenant).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // `setup_step` keeps its name but now holds the wizard step shown (add-client … authorize).
  await sql`update kintone_integrations set setup_step = 'add-client' where setup_step not in ('add-client', 'configure-users', 'link-client', 'authorize')`.execute(
    db,
  );
  await db.schema
    .alterTable('kintone_integrations')
    .alterColumn('setup_step', (c) => c.setDefault('add-client'))
    .execute();
  await db.schema
    .alterTable('kintone_integrations')
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('not-started')
        .check(
          sql`state in ('not-started', 'client-added', 'users-configured', 'credentials-confirmed', 'authorized', 'revoked')`,
        ),
    )
    .addColumn('furthest_step', 'text', (c) =>
      c
        .notNull()
        .defaultTo('add-client')
        .check(sql`furthest_step in ('add-client', 'configure-users', 'link-client', 'authorize')`),
    )
    .addColumn('uses_ip_restriction', 'boolean')
    .addColumn('credentials_updated_at', 'timestamptz')
    .addColumn('authorized_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('authorized_at', 'timestamptz')
    .addColumn('authorized_base_url', 'text')
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await sql`alter table kintone_integrations add constraint kintone_integrations_setup_step_check check (setup_step in ('add-client', 'configure-users', 'link-client', 'authorize'))`.execute(
    db,
  );

  await db.schema
    .createTable('kintone_oauth_states')
    // sha256 of the state: a database reader cannot complete someone's authorization with it.
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    // Signing out ends the attempts started in that session.
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('base_url', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('workspace', 'member')`))
    .addColumn('code_verifier', 'text')
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('kintone_oauth_states_expires_at_idx')
    .on('kintone_oauth_states')
    .column('expires_at')
    .execute();

  // What is left of a used state for a day: tells "used twice" (reload, Back) from "never issued".
  await db.schema
    .createTable('kintone_oauth_state_tombstones')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('used_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('kintone_grants')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('base_url', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('connected', 'needs-reconnect')`))
    .addColumn('access_token', 'text')
    .addColumn('refresh_token', 'text')
    .addColumn('access_token_expires_at', 'timestamptz')
    .addColumn('scope', 'text')
    .addColumn('connected_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('last_refreshed_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('kintone_grants_workspace_user_tenant', ['workspace_id', 'user_id', 'base_url'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('kintone_grants').execute();
  await db.schema.dropTable('kintone_oauth_state_tombstones').execute();
  await db.schema.dropTable('kintone_oauth_states').execute();
  await sql`alter table kintone_integrations drop constraint kintone_integrations_setup_step_check`.execute(
    db,
  );
  await db.schema
    .alterTable('kintone_integrations')
    .dropColumn('state')
    .dropColumn('furthest_step')
    .dropColumn('uses_ip_restriction')
    .dropColumn('credentials_updated_at')
    .dropColumn('authorized_by')
    .dropColumn('authorized_at')
    .dropColumn('authorized_base_url')
    .dropColumn('revoked_at')
    .execute();
}
