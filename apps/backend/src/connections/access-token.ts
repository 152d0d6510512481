import type { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { sql } from 'kysely';
import type { Config } from '../config/config.js';
import type { Keyring } from '../encryption/keyring.js';
import { AppError } from '../http/errors.js';
import { callKintoneRest, KintoneError, refresh } from '../kintone-client/index.js';
import { readClientCredentials } from '../kintone-setup/credentials-store.js';
import type { DatabaseHandle } from '../storage/database.js';
import { type GrantRow, openAccessToken, openRefreshToken, sealTokens } from './grants-store.js';

export interface GrantDeps {
  config: Config;
  database: DatabaseHandle;
  keyring: Keyring;
}

/** Refresh this long before expiry, so a token never runs out in the middle of a call. */
const REFRESH_MARGIN_MS = 60_000;

const isFresh = (grant: GrantRow) =>
  grant.access_token_expires_at !== null &&
  new Date(grant.access_token_expires_at).getTime() - Date.now() > REFRESH_MARGIN_MS;

/**
 * A usable access token for the grant, refreshed when it expires within a minute. The refresh runs once per
 * grant at a time across requests and backend instances: the grant row is locked (`select … for update`),
 * re-read, and refreshed only if it is still stale, so everyone queued behind the lock finds the new token.
 * `staleToken` forces a refresh when Kintone rejected that token (unless someone already replaced it).
 * `invalid_grant` deletes the tokens and marks the grant needs-reconnect.
 */
export async function getAccessToken(
  deps: GrantDeps,
  grantId: string,
  options: { staleToken?: string } = {},
): Promise<string> {
  const { db } = deps.database;
  const needsRefresh = (grant: GrantRow) => {
    const current = openAccessToken(deps.keyring, grant);
    return (
      !current || !isFresh(grant) || (options.staleToken !== undefined && current === options.staleToken)
    );
  };
  const quick = await db
    .selectFrom('kintone_grants')
    .selectAll()
    .where('id', '=', grantId)
    .executeTakeFirst();
  if (!quick) throw new AppError('KINTONE_NOT_CONNECTED');
  if (quick.status !== 'connected') throw new AppError('KINTONE_RECONNECT_REQUIRED');
  if (!needsRefresh(quick)) return openAccessToken(deps.keyring, quick)!;

  const outcome = await db.transaction().execute(async (trx) => {
    const grant = await trx
      .selectFrom('kintone_grants')
      .selectAll()
      .where('id', '=', grantId)
      .forUpdate()
      .executeTakeFirst();
    if (!grant) return { error: new AppError('KINTONE_NOT_CONNECTED') };
    if (grant.status !== 'connected') return { error: new AppError('KINTONE_RECONNECT_REQUIRED') };
    if (!needsRefresh(grant)) return { token: openAccessToken(deps.keyring, grant)! };
    const client = await readClientCredentials(trx, deps.keyring, grant.workspace_id);
    const refreshToken = openRefreshToken(deps.keyring, grant);
    if (!client || !refreshToken) return { error: new AppError('KINTONE_RECONNECT_REQUIRED') };
    try {
      const tokens = await refresh(
        { timeoutMs: deps.config.kintone.timeoutMs },
        {
          baseUrl: grant.base_url,
          clientId: client.clientId,
          clientSecret: client.clientSecret,
          refreshToken,
        },
      );
      await trx
        .updateTable('kintone_grants')
        .set({
          ...sealTokens(deps.keyring, grant.id, tokens),
          last_refreshed_at: new Date(),
          updated_at: new Date(),
        })
        .where('id', '=', grant.id)
        .execute();
      return { token: tokens.accessToken };
    } catch (error) {
      if (error instanceof KintoneError && error.code === 'KINTONE_RECONNECT_REQUIRED') {
        // Committed, not rolled back: the owner must see "needs reconnect" and the dead tokens must go.
        await trx
          .updateTable('kintone_grants')
          .set({
            status: 'needs-reconnect',
            access_token: null,
            refresh_token: null,
            access_token_expires_at: null,
            updated_at: new Date(),
          })
          .where('id', '=', grant.id)
          .execute();
      }
      return { error };
    }
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.token;
}

/**
 * Calls Kintone's REST API as the grant's owner. A token Kintone calls invalid (CB_OA01 401) is refreshed
 * once and the call retried once; the grant's last use is recorded on success.
 */
export async function callAsGrant<T>(
  deps: GrantDeps,
  grant: { id: string; baseUrl: string },
  call: (client: KintoneRestAPIClient) => Promise<T>,
): Promise<T> {
  const options = { timeoutMs: deps.config.kintone.timeoutMs };
  const token = await getAccessToken(deps, grant.id);
  let result: T;
  try {
    result = await callKintoneRest(options, { baseUrl: grant.baseUrl, accessToken: token }, call);
  } catch (error) {
    if (!(error instanceof KintoneError && error.code === 'KINTONE_TOKEN_INVALID')) throw error;
    const renewed = await getAccessToken(deps, grant.id, { staleToken: token });
    result = await callKintoneRest(options, { baseUrl: grant.baseUrl, accessToken: renewed }, call);
  }
  await deps.database.db
    .updateTable('kintone_grants')
    .set({ last_used_at: sql<Date>`now()` })
    .where('id', '=', grant.id)
    .execute();
  return result;
}
