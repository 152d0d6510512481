import type { Request } from 'express';
import type { SimContext } from '../app.js';
import { authenticateBearer } from '../oauth/tokens.js';
import type { KApp, KintoneScope, User } from '../tenant/model.js';
import { err } from './errors.js';
import { type AppRights, appRights } from './records.js';

/** Who a REST call speaks for, and what its credentials allow. */
export interface Caller {
  user: User;
  via: 'oauth' | 'session';
  /** OAuth: the token's scopes. A browser session has every scope (its user's permissions still apply). */
  scopes: ReadonlySet<KintoneScope> | 'all';
}

/**
 * Authenticates a REST call: `Authorization: Bearer <token>` first (as Kintone gives the header
 * precedence), else the signed-in browser session. Throws CB_OA01 (401) for a bad or expired token,
 * CB_AU01 (401) without credentials, CB_IL02 for a session write without the CSRF header.
 */
export function authenticate(ctx: SimContext, req: Request): Caller {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (m) {
      const result = authenticateBearer(ctx, m[1]!);
      if (result === 'invalid' || result === 'expired') throw err.invalidToken();
      const user = ctx.tenant.userByCode(result.userCode);
      if (!user) throw err.invalidToken();
      return { user, via: 'oauth', scopes: new Set(result.scopes) };
    }
    // A Basic header is the cybozu.com Basic-auth layer, not an API credential; fall through to the session.
  }
  const user = ctx.sessions.user(req, ctx.tenant);
  if (!user) throw err.noAuth();
  // Kintone takes session-authenticated writes only with X-Requested-With (kintone.api sends it) or the
  // __REQUEST_TOKEN__ in the body; a plain form post from another site must not ride on the cookie.
  const safe = req.method === 'GET' || req.method === 'HEAD';
  const xhr = req.headers['x-requested-with'] === 'XMLHttpRequest';
  const token =
    typeof (req.body as { __REQUEST_TOKEN__?: unknown } | undefined)?.__REQUEST_TOKEN__ === 'string';
  if (!safe && !xhr && !token) throw err.illegal();
  return { user, via: 'session', scopes: 'all' };
}

/** 403 CB_OA01 when an OAuth token lacks the scope. */
export function requireScope(caller: Caller, scope: KintoneScope): void {
  if (caller.scopes !== 'all' && !caller.scopes.has(scope)) throw err.missingScope();
}

/** 404 GAIA_AP01 for an unknown app, 403 CB_NO02 when the caller may not do `right` in it. */
export function requireApp(ctx: SimContext, caller: Caller, appId: string, right: keyof AppRights): KApp {
  const app = ctx.tenant.app(appId);
  if (!app) throw err.appNotFound(appId);
  if (!appRights(caller.user, app)[right]) throw err.noPrivilege();
  return app;
}
