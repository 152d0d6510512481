import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as m0001 from './migrations/0001-foundation.js';
import * as m0002 from './migrations/0002-accounts.js';
import * as m0003 from './migrations/0003-kintone-connect.js';
import * as m0004 from './migrations/0004-plugin-api.js';
import * as m0005 from './migrations/0005-grants-follow-membership.js';

/** Every migration, in order. Listed statically so the compiled backend needs no directory scan. */
const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-accounts': m0002,
  '0003-kintone-connect': m0003,
  '0004-plugin-api': m0004,
  '0005-grants-follow-membership': m0005,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date. Kysely takes a database lock, so concurrent instances migrate once. */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'notta_migrations',
    migrationLockTableName: 'notta_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error : new Error(String(error ?? 'unknown'));
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${cause.message}`, { cause });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
