import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { engineUnderTest, freshDatabase } from './support/database.js';

describe(`storage (${engineUnderTest})`, () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await freshDatabase({ migrate: false });
  });
  afterAll(() => handle?.close());

  it('applies every migration on an empty database, then has nothing left to apply', async () => {
    expect(await migrateToLatest(handle.db)).toEqual([
      '0001-foundation',
      '0002-accounts',
      '0003-kintone-connect',
      '0004-plugin-api',
      '0005-grants-follow-membership',
    ]);
    expect(await migrateToLatest(handle.db)).toEqual([]);
    const { rows } = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(
      handle.db,
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['kintone_integrations', 'notta_migrations', 'workspaces']),
    );
  });

  it('answers the readiness ping', async () => {
    expect(await handle.ping()).toBe(true);
    expect(handle.engine).toBe(engineUnderTest);
  });

  it('refuses a workspace plan the product does not sell', async () => {
    await expect(
      handle.db
        .insertInto('workspaces')
        .values({ name: 'X', plan: 'platinum' as 'pro' })
        .execute(),
    ).rejects.toThrow(/check constraint/);
  });

  it('removes a workspace together with its Kintone integration', async () => {
    const ws = await handle.db
      .insertInto('workspaces')
      .values({ name: 'Acme', plan: 'enterprise' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await handle.db
      .insertInto('kintone_integrations')
      .values({ workspace_id: ws.id, setup_step: 'add-client' })
      .execute();
    await handle.db.deleteFrom('workspaces').where('id', '=', ws.id).execute();
    const left = await handle.db
      .selectFrom('kintone_integrations')
      .selectAll()
      .where('workspace_id', '=', ws.id)
      .execute();
    expect(left).toEqual([]);
  });
});
