import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Config } from '../config/config.js';
import type { Database } from './schema.js';

export type DatabaseEngine = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: DatabaseEngine;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Opens PostgreSQL: an embedded PGlite data folder by default, a PostgreSQL server when DATABASE_URL is set.
 * `memory` opens a throwaway in-memory PGlite (tests).
 */
export async function openDatabase(
  target: Config['database'] | { engine: 'pglite'; dataDir: 'memory' },
): Promise<DatabaseHandle> {
  let db: Kysely<Database>;
  let releaseLock = async () => {};
  if (target.engine === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 10, connectionTimeoutMillis: 5000 });
    // An idle client that loses its server must not crash the process; the next query reports it.
    pool.on('error', () => {});
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    const dataDir = target.dataDir === 'memory' ? undefined : target.dataDir;
    if (dataDir) {
      await mkdir(dataDir, { recursive: true });
      releaseLock = await lockDataDir(dataDir);
    }
    const pglite = await PGlite.create(dataDir);
    db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  }
  return {
    db,
    engine: target.engine,
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await db.destroy();
      await releaseLock();
    },
  };
}

/**
 * PGlite is one process's database: two backends on one data folder would corrupt it. A pid file beside
 * the folder refuses the second one with a message that says what to do.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockFile = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lockFile, String(process.pid), { flag: 'wx' });
      return () => rm(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `The embedded database in ${dataDir} is in use by another process (pid ${owner}). Stop it, or set DATA_DIR to another folder.`,
        );
      }
      await rm(lockFile, { force: true }); // left behind by a process that died
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
