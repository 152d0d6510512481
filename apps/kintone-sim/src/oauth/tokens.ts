import type { SimContext } from '../app.js';
import type { AccessToken, KintoneScope, RefreshToken } from '../tenant/model.js';
import { Tenant } from '../tenant/tenant.js';

/** Kintone's access tokens live one hour (platform notes §1.4). */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;
/** Authorization codes live about ten minutes (§1.2). */
export const CODE_TTL_MS = 10 * 60 * 1000;
/** Each client may hold at most 10 refresh tokens per user; an 11th retires the oldest (§1.5). */
export const REFRESH_TOKENS_PER_USER_PER_CLIENT = 10;

export type BearerResult = { userCode: string; scopes: KintoneScope[] } | 'invalid' | 'expired';

/**
 * For the REST API: who an `Authorization: Bearer <token>` header speaks for. `token` is the bare token
 * (without "Bearer "). 'invalid' for an unknown or retired token (deleted client, unticked user),
 * 'expired' once its hour is over (both are 401 CB_OA01 at Kintone's REST API).
 */
export function authenticateBearer(ctx: Pick<SimContext, 'tenant'>, token: string): BearerResult {
  const { tenant } = ctx;
  const found = tenant.state.accessTokens.find((t) => t.token === token);
  if (!found) return 'invalid';
  // A token whose client or user permission has gone is retired at once; this is a second guard.
  const client = tenant.state.oauthClients.find((c) => c.clientId === found.clientId);
  if (!client?.allowedUsers.includes(found.userCode) || !tenant.userByCode(found.userCode)) {
    return 'invalid';
  }
  if (tenant.now() >= found.expiresAt) return 'expired';
  return { userCode: found.userCode, scopes: [...found.scopes] };
}

/** Issues an access token for the user and client. */
export function issueAccessToken(
  tenant: Tenant,
  clientId: string,
  userCode: string,
  scopes: KintoneScope[],
  source?: string,
): AccessToken {
  const token: AccessToken & { source?: string } = {
    token: Tenant.secret(32),
    clientId,
    userCode,
    scopes,
    expiresAt: tenant.now() + ACCESS_TOKEN_TTL_SECONDS * 1000,
  };
  if (source) token.source = source;
  // Drop long-expired tokens so the in-memory list does not grow without end.
  const now = tenant.now();
  tenant.state.accessTokens = tenant.state.accessTokens.filter((t) => t.expiresAt > now - 24 * 3600 * 1000);
  tenant.state.accessTokens.push(token);
  return token;
}

/** Issues a refresh token, retiring the oldest of this user's tokens for this client beyond the cap. */
export function issueRefreshToken(
  tenant: Tenant,
  clientId: string,
  userCode: string,
  scopes: KintoneScope[],
  source?: string,
): RefreshToken {
  const token: RefreshToken & { source?: string } = {
    token: Tenant.secret(32),
    clientId,
    userCode,
    scopes,
    createdAt: tenant.now(),
  };
  if (source) token.source = source;
  tenant.state.refreshTokens.push(token);
  const mine = tenant.state.refreshTokens.filter((t) => t.clientId === clientId && t.userCode === userCode);
  const excess = mine.length - REFRESH_TOKENS_PER_USER_PER_CLIENT;
  if (excess > 0) {
    // Oldest first: the list is in issue order, so the first ones are the oldest.
    const retire = new Set(mine.slice(0, excess).map((t) => t.token));
    tenant.state.refreshTokens = tenant.state.refreshTokens.filter((t) => !retire.has(t.token));
  }
  return token;
}

/**
 * Retires refresh and access tokens of a client: every user's (client deleted) or one user's (unticked
 * under Configure users).
 */
export function retireTokens(tenant: Tenant, clientId: string, userCode?: string): void {
  const keep = (t: { clientId: string; userCode: string }) =>
    !(t.clientId === clientId && (userCode === undefined || t.userCode === userCode));
  tenant.state.refreshTokens = tenant.state.refreshTokens.filter(keep);
  tenant.state.accessTokens = tenant.state.accessTokens.filter(keep);
  tenant.state.authorizationCodes = tenant.state.authorizationCodes.filter(keep);
}

/** Retires every token issued from one authorization code (a replayed code, RFC 6749 §4.1.2). */
export function retireTokensFromCode(tenant: Tenant, code: string): void {
  const keep = (t: object) => (t as { source?: string }).source !== code;
  tenant.state.refreshTokens = tenant.state.refreshTokens.filter(keep);
  tenant.state.accessTokens = tenant.state.accessTokens.filter(keep);
}
