import type { MeResponse } from '@notta/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { hashForUnknownUser, verifyPassword } from './passwords.js';
import { hitRateLimit, refundRateLimit, sweepRateLimits } from './rate-limit.js';
import { createSession, type SessionRecord, sweepExpiredSessions } from './sessions.js';

/** Sign-in attempts: 10 per email and 50 per client address every 15 minutes; successes are refunded. */
const WINDOW_SECONDS = 15 * 60;
const PER_EMAIL = 10;
const PER_ADDRESS = 50;

export type SignInOutcome =
  | { kind: 'signed-in'; token: string; session: SessionRecord }
  | { kind: 'invalid' }
  | { kind: 'rate-limited'; retryAfter: number };

/**
 * Checks an email and password and starts a session. Unknown email and wrong password take the same
 * time and give the same answer. Rate-limit keys are counted before the password is checked, so
 * parallel guesses cannot slip past the limit.
 */
export async function signIn(
  db: Kysely<Database>,
  input: { email: string; password: string; clientAddress: string },
): Promise<SignInOutcome> {
  const keys = [`sign-in:email:${input.email}`, `sign-in:address:${input.clientAddress}`] as const;
  const [byEmail, byAddress] = await Promise.all([
    hitRateLimit(db, keys[0], PER_EMAIL, WINDOW_SECONDS),
    hitRateLimit(db, keys[1], PER_ADDRESS, WINDOW_SECONDS),
  ]);
  if (!byEmail.allowed || !byAddress.allowed) {
    const retryAfter = Math.max(
      byEmail.allowed ? 0 : byEmail.retryAfter,
      byAddress.allowed ? 0 : byAddress.retryAfter,
    );
    return { kind: 'rate-limited', retryAfter };
  }

  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash'])
    .where('email', '=', input.email)
    .executeTakeFirst();
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await hashForUnknownUser()));
  if (!user || !ok) return { kind: 'invalid' };

  await Promise.all(keys.map((key) => refundRateLimit(db, key)));
  // Housekeeping rides on sign-in, which is rare enough to pay for it and frequent enough to keep up.
  await sweepExpiredSessions(db);
  await sweepRateLimits(db, 24 * 60 * 60);
  const { token, session } = await createSession(db, user.id);
  return { kind: 'signed-in', token, session };
}

/** The signed-in user, their memberships (oldest first) and the session's CSRF token. */
export async function loadMe(db: Kysely<Database>, session: SessionRecord): Promise<MeResponse> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name'])
    .where('id', '=', session.userId)
    .executeTakeFirstOrThrow();
  const memberships = await db
    .selectFrom('memberships')
    .innerJoin('workspaces', 'workspaces.id', 'memberships.workspace_id')
    .select(['workspaces.id', 'workspaces.name', 'workspaces.plan', 'memberships.role'])
    .where('memberships.user_id', '=', session.userId)
    .orderBy('memberships.created_at')
    .orderBy('workspaces.name')
    .execute();
  return {
    user,
    memberships: memberships.map((m) => ({
      workspace: { id: m.id, name: m.name, plan: m.plan },
      role: m.role,
    })),
    csrfToken: session.csrfToken,
  };
}
