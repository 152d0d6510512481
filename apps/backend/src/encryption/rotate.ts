import { type Kysely, sql } from 'kysely';
import type { Database } from '../storage/schema.js';
import { encryptedColumns, encryptionContext } from './encrypted-columns.js';
import { Keyring } from './keyring.js';

export interface RotationReport {
  /** Ciphertexts re-encrypted under the active key, per `table.column`. */
  rewritten: Record<string, number>;
  /** Ciphertexts that were already under the active key. */
  alreadyCurrent: number;
}

const BATCH = 200;

/**
 * Re-encrypts every registered secret column under the keyring's active key. Each batch runs in a
 * transaction that locks its rows, so a concurrent writer never sees a half-rotated value; running it
 * twice is harmless. Refuses to start, changing nothing, when a stored ciphertext's key is not in the keyring.
 */
export async function rotateEncryption(db: Kysely<Database>, keyring: Keyring): Promise<RotationReport> {
  const missing = (await keyIdsInUse(db)).filter((id) => !keyring.keyIds.includes(id));
  if (missing.length > 0) {
    throw new Error(
      `Stored secrets use key(s) ${missing.join(', ')}, which are not configured: add them to ENCRYPTION_KEYS and run again`,
    );
  }
  const report: RotationReport = { rewritten: {}, alreadyCurrent: 0 };
  for (const target of encryptedColumns) {
    const name = `${target.table}.${target.column}`;
    report.rewritten[name] = 0;
    const table = sql.table(target.table);
    const id = sql.ref(target.idColumn);
    const col = sql.ref(target.column);
    for (;;) {
      const done = await db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ id: string; value: string }>`
          select ${id}::text as id, ${col} as value from ${table}
          where ${col} is not null and split_part(${col}, '.', 2) <> ${keyring.activeKeyId}
          order by ${id} limit ${BATCH} for update`.execute(trx);
        for (const row of rows) {
          const context = encryptionContext(target, row.id);
          const resealed = keyring.encrypt(keyring.decrypt(row.value, context), context);
          await sql`update ${table} set ${col} = ${resealed} where ${id}::text = ${row.id}`.execute(trx);
        }
        report.rewritten[name]! += rows.length;
        return rows.length < BATCH;
      });
      if (done) break;
    }
    const { rows } = await sql<{ n: string }>`
      select count(*)::text as n from ${table} where split_part(${col}, '.', 2) = ${keyring.activeKeyId}`.execute(
      db,
    );
    report.alreadyCurrent += Number(rows[0]?.n ?? 0) - report.rewritten[name]!;
  }
  return report;
}

/** Key ids still referenced by stored ciphertexts (a key may be removed from configuration once unused). */
export async function keyIdsInUse(db: Kysely<Database>): Promise<string[]> {
  const ids = new Set<string>();
  for (const target of encryptedColumns) {
    const { rows } = await sql<{ value: string }>`
      select ${sql.ref(target.column)} as value from ${sql.table(target.table)}
      where ${sql.ref(target.column)} is not null`.execute(db);
    for (const r of rows) ids.add(Keyring.keyIdOf(r.value));
  }
  return [...ids].sort();
}
