import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrate.js';

/**
 * A fresh, migrated database for one test file. In-memory PGlite by default; with TEST_DATABASE_URL
 * (the real-PostgreSQL job of the test command) a throwaway database on that server, dropped afterwards.
 */
export async function freshDatabase(options: { migrate?: boolean } = {}): Promise<DatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let handle: DatabaseHandle;
  if (!serverUrl) {
    handle = await openDatabase({ engine: 'pglite', dataDir: 'memory' });
  } else {
    const name = `notta_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const inner = await openDatabase({ engine: 'postgres', url: url.toString() });
    handle = {
      ...inner,
      async close() {
        await inner.close();
        const dropper = new pg.Client({ connectionString: serverUrl });
        await dropper.connect();
        await dropper.query(`drop database if exists ${name} with (force)`);
        await dropper.end();
      },
    };
  }
  if (options.migrate !== false) await migrateToLatest(handle.db);
  return handle;
}

export const engineUnderTest = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
