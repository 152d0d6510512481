import { createHash, timingSafeEqual } from 'node:crypto';
import { CSRF_HEADER, type Plan, type Role, workspaceIdParams } from '@notta/shared';
import type { RequestHandler, Response } from 'express';
import { AppError, parseInput } from '../http/errors.js';
import type { DatabaseHandle } from '../storage/database.js';
import { findSession, readCookie, SESSION_COOKIE } from './sessions.js';

/** Who is signed in; `res.locals.auth` after requireSession. */
export interface AuthContext {
  userId: string;
  sessionId: string;
  csrfToken: string;
}

/** The workspace of the URL and the signed-in user's role in it; `res.locals.member` after requireWorkspaceMember. */
export interface MemberContext {
  workspace: { id: string; name: string; plan: Plan };
  role: Role;
}

type Deps = { database: DatabaseHandle };

/** The signed-in user of a request that passed requireSession. */
export function authOf(res: Response): AuthContext {
  const auth = res.locals.auth as AuthContext | undefined;
  if (!auth) throw new Error('requireSession must run before this handler');
  return auth;
}

/** The membership of a request that passed requireWorkspaceMember. */
export function memberOf(res: Response): MemberContext {
  const member = res.locals.member as MemberContext | undefined;
  if (!member) throw new Error('requireWorkspaceMember must run before this handler');
  return member;
}

/** Requires a live server-side session from the `notta_session` cookie (and slides its idle expiry). */
export function requireSession(deps: Deps): RequestHandler {
  return async (req, res, next) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const session = token ? await findSession(deps.database.db, token) : undefined;
    if (!session) throw new AppError('AUTH_REQUIRED');
    res.locals.auth = session satisfies AuthContext;
    next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cookie-authenticated changes must carry the session's CSRF token in X-CSRF-Token: a cross-site form
 * or fetch can send the cookie but cannot read the token. Runs after requireSession.
 */
export const requireCsrf: RequestHandler = (req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const sent = req.get(CSRF_HEADER);
  if (!sent || !sameSecret(sent, authOf(res).csrfToken)) throw new AppError('CSRF_INVALID');
  next();
};

/** Compares digests so neither the content nor the length of the token leaks through timing. */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Loads the signed-in user's membership of `:workspaceId`. A workspace that does not exist and one the
 * user is not a member of get the same 404, so nobody learns which workspaces exist.
 */
export function requireWorkspaceMember(deps: Deps): RequestHandler {
  return async (req, res, next) => {
    const { workspaceId } = parseInput(workspaceIdParams, req.params, 'params');
    const row = await deps.database.db
      .selectFrom('memberships')
      .innerJoin('workspaces', 'workspaces.id', 'memberships.workspace_id')
      .select(['workspaces.id', 'workspaces.name', 'workspaces.plan', 'memberships.role'])
      .where('memberships.workspace_id', '=', workspaceId)
      .where('memberships.user_id', '=', authOf(res).userId)
      .executeTakeFirst();
    if (!row) throw new AppError('WORKSPACE_NOT_FOUND');
    res.locals.member = {
      workspace: { id: row.id, name: row.name, plan: row.plan },
      role: row.role,
    } satisfies MemberContext;
    next();
  };
}
