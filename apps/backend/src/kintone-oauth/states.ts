import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import { encryptedColumn, encryptionContext } from '../encryption/encrypted-columns.js';
import type { Keyring } from '../encryption/keyring.js';
import type { Database } from '../storage/schema.js';

const verifierColumn = encryptedColumn('kintone_oauth_states', 'code_verifier');

/** Kintone's authorization code lives about ten minutes; an attempt older than that cannot succeed anyway. */
const STATE_LIFETIME = sql`interval '10 minutes'`;
/** Used states leave a tombstone this long, and expired ones linger as long, to name what went wrong. */
const KEEP_FOR = sql`interval '1 day'`;

export type Purpose = 'workspace' | 'member';

export interface IssuedState {
  state: string;
  /** PKCE S256 challenge, when PKCE is on. */
  codeChallenge?: string;
}

export interface StateBinding {
  sessionId: string;
  workspaceId: string;
  userId: string;
  baseUrl: string;
  purpose: Purpose;
}

const hashOf = (state: string) => createHash('sha256').update(state).digest('base64url');

/** A one-time state bound to the session, workspace, user, tenant and purpose; stored only as a hash. */
export async function issueState(
  db: Kysely<Database>,
  keyring: Keyring,
  binding: StateBinding,
  options: { pkce: boolean },
): Promise<IssuedState> {
  const state = randomBytes(32).toString('base64url');
  const stateHash = hashOf(state);
  const verifier = options.pkce ? randomBytes(32).toString('base64url') : undefined;
  await sweep(db);
  await db
    .insertInto('kintone_oauth_states')
    .values({
      state_hash: stateHash,
      session_id: binding.sessionId,
      workspace_id: binding.workspaceId,
      user_id: binding.userId,
      base_url: binding.baseUrl,
      purpose: binding.purpose,
      code_verifier: verifier
        ? keyring.encrypt(verifier, encryptionContext(verifierColumn, stateHash))
        : null,
      expires_at: sql<Date>`now() + ${STATE_LIFETIME}`,
    })
    .execute();
  return verifier
    ? { state, codeChallenge: createHash('sha256').update(verifier).digest('base64url') }
    : { state };
}

export type ConsumedState =
  | { ok: true; binding: StateBinding; codeVerifier?: string }
  | {
      ok: false;
      code:
        | 'KINTONE_OAUTH_STATE_INVALID'
        | 'KINTONE_OAUTH_STATE_EXPIRED'
        | 'KINTONE_OAUTH_STATE_REUSED'
        | 'KINTONE_OAUTH_STATE_SESSION_MISMATCH';
    };

/**
 * Uses a state once. One statement deletes it (only for the session it was issued to) and leaves a
 * tombstone, so two callbacks racing with the same state cannot both win. A state presented by another
 * session is refused and NOT consumed: someone else's callback page must not burn the attempt of the user
 * who started it (and the state stays bound to that user's session, so it is useless to anyone else).
 */
export async function consumeState(
  db: Kysely<Database>,
  keyring: Keyring,
  state: string,
  sessionId: string,
): Promise<ConsumedState> {
  const stateHash = hashOf(state);
  const { rows } = await sql<Selectable<Database['kintone_oauth_states']> & { expired: boolean }>`
    with used as (
      delete from kintone_oauth_states where state_hash = ${stateHash} and session_id = ${sessionId}
      returning *
    ), tombstone as (
      insert into kintone_oauth_state_tombstones (state_hash) select state_hash from used
      on conflict (state_hash) do nothing
    )
    select used.*, used.expires_at <= now() as expired from used`.execute(db);
  const row = rows[0];
  if (row) {
    if (row.expired) return { ok: false, code: 'KINTONE_OAUTH_STATE_EXPIRED' };
    return {
      ok: true,
      binding: {
        sessionId: row.session_id,
        workspaceId: row.workspace_id,
        userId: row.user_id,
        baseUrl: row.base_url,
        purpose: row.purpose,
      },
      ...(row.code_verifier
        ? { codeVerifier: keyring.decrypt(row.code_verifier, encryptionContext(verifierColumn, stateHash)) }
        : {}),
    };
  }
  const foreign = await db
    .selectFrom('kintone_oauth_states')
    .select('state_hash')
    .where('state_hash', '=', stateHash)
    .executeTakeFirst();
  if (foreign) return { ok: false, code: 'KINTONE_OAUTH_STATE_SESSION_MISMATCH' };
  const used = await db
    .selectFrom('kintone_oauth_state_tombstones')
    .select('state_hash')
    .where('state_hash', '=', stateHash)
    .executeTakeFirst();
  return { ok: false, code: used ? 'KINTONE_OAUTH_STATE_REUSED' : 'KINTONE_OAUTH_STATE_INVALID' };
}

/** Drops what can no longer tell anyone anything; run when states are issued, so the tables stay small. */
async function sweep(db: Kysely<Database>): Promise<void> {
  await db
    .deleteFrom('kintone_oauth_states')
    .where('expires_at', '<', sql<Date>`now() - ${KEEP_FOR}`)
    .execute();
  await db
    .deleteFrom('kintone_oauth_state_tombstones')
    .where('used_at', '<', sql<Date>`now() - ${KEEP_FOR}`)
    .execute();
}
