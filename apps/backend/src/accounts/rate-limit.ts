import { type Kysely, sql } from 'kysely';
import type { Database } from '../storage/schema.js';

/**
 * Counts one attempt against `key` in a fixed window and says whether it is within `limit`.
 * One upsert statement, so concurrent requests on any number of backend instances count exactly;
 * the database clock decides the window so instances with skewed clocks agree.
 */
export async function hitRateLimit(
  db: Kysely<Database>,
  key: string,
  limit: number,
  windowSeconds: number,
): Promise<{ allowed: boolean; retryAfter: number }> {
  const window = sql`make_interval(secs => ${windowSeconds})`;
  // In ON CONFLICT … SET, bare `rate_limits.*` is the row before the update, so both CASEs see the old window.
  const result = await sql<{ count: number; retry_after: number }>`
    insert into rate_limits as rl (key, window_start, count) values (${key}, now(), 1)
    on conflict (key) do update set
      window_start = case when rl.window_start <= now() - ${window} then now() else rl.window_start end,
      count = case when rl.window_start <= now() - ${window} then 1 else rl.count + 1 end
    returning count,
      greatest(1, ceil(extract(epoch from (window_start + ${window} - now()))))::int as retry_after`.execute(
    db,
  );
  const row = result.rows[0];
  if (!row) throw new Error('rate limit upsert returned no row');
  const count = Number(row.count);
  return { allowed: count <= limit, retryAfter: Number(row.retry_after) };
}

/** Gives one attempt back (a sign-in that succeeded), so only failures use up the allowance. */
export async function refundRateLimit(db: Kysely<Database>, key: string): Promise<void> {
  await db
    .updateTable('rate_limits')
    .set({ count: sql`greatest(count - 1, 0)` })
    .where('key', '=', key)
    .execute();
}

/** Drops windows that ended long ago; called opportunistically so the table stays small. */
export async function sweepRateLimits(db: Kysely<Database>, olderThanSeconds: number): Promise<void> {
  await db
    .deleteFrom('rate_limits')
    .where('window_start', '<', sql<Date>`now() - make_interval(secs => ${olderThanSeconds})`)
    .execute();
}
