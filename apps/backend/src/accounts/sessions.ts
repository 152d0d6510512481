import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../storage/schema.js';

export const SESSION_COOKIE = 'notta_session';
/** Idle sessions end after 14 days; every session ends 30 days after sign-in whatever its use. */
const SESSION_IDLE_MS = 14 * 24 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, so ordinary browsing does not write on every request. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export interface SessionRecord {
  sessionId: string;
  userId: string;
  csrfToken: string;
}

/** The row id is a hash of the cookie token: whoever reads the table cannot present it as a cookie. */
export function sessionIdFor(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function slidingExpiry(now: Date, createdAt: Date): Date {
  return new Date(Math.min(now.getTime() + SESSION_IDLE_MS, createdAt.getTime() + SESSION_ABSOLUTE_MS));
}

/** Starts a session; returns the cookie token (shown to the browser only) and the row's facts. */
export async function createSession(
  db: Kysely<Database>,
  userId: string,
): Promise<{ token: string; session: SessionRecord }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const now = new Date();
  const id = sessionIdFor(token);
  await db
    .insertInto('sessions')
    .values({
      id,
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: slidingExpiry(now, now),
    })
    .execute();
  return { token, session: { sessionId: id, userId, csrfToken } };
}

/** The live session behind a cookie token, its idle expiry pushed forward; undefined if none or expired. */
export async function findSession(db: Kysely<Database>, token: string): Promise<SessionRecord | undefined> {
  const id = sessionIdFor(token);
  const row = await db
    .selectFrom('sessions')
    .select(['id', 'user_id', 'csrf_token', 'created_at', 'last_seen_at'])
    .where('id', '=', id)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  if (!row) return undefined;
  const now = new Date();
  if (now.getTime() - new Date(row.last_seen_at).getTime() >= TOUCH_INTERVAL_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now, expires_at: slidingExpiry(now, new Date(row.created_at)) })
      .where('id', '=', id)
      .execute();
  }
  return { sessionId: row.id, userId: row.user_id, csrfToken: row.csrf_token };
}

export async function deleteSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Removes every expired session; run opportunistically at sign-in rather than by a scheduler. */
export async function sweepExpiredSessions(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', sql<Date>`now()`).execute();
}

/** Reads one cookie from a Cookie header (no cookie-parser dependency for a single value). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}
