import { auditLogQuery, isWorkspaceAdmin, signInRequest } from '@notta/shared';
import { type CookieOptions, Router } from 'express';
import { readAuditLog } from '../audit/audit-log.js';
import type { AppDeps } from '../http/app.js';
import { AppError, parseInput } from '../http/errors.js';
import { authOf, memberOf, requireCsrf, requireSession, requireWorkspaceMember } from './middleware.js';
import { deleteSession, readCookie, SESSION_ABSOLUTE_MS, SESSION_COOKIE, sessionIdFor } from './sessions.js';
import { loadMe, signIn } from './sign-in.js';

/** Sign-in, sign-out, the signed-in user, the audit log. */
export function accountsRoutes(deps: AppDeps): Router {
  const router = Router();
  const db = deps.database.db;
  const cookie = sessionCookieOptions(deps.config);

  router.post('/auth/sign-in', async (req, res) => {
    const body = parseInput(signInRequest, req.body, 'body');
    const outcome = await signIn(db, { ...body, clientAddress: req.ip ?? 'unknown' });
    if (outcome.kind === 'rate-limited') {
      res.setHeader('Retry-After', String(outcome.retryAfter));
      throw new AppError('RATE_LIMITED', { retryAfter: outcome.retryAfter });
    }
    if (outcome.kind === 'invalid') throw new AppError('AUTH_INVALID_CREDENTIALS');
    // Rotate: a session id planted or seen before sign-in must not survive it.
    const previous = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (previous) await deleteSession(db, sessionIdFor(previous));
    res.cookie(SESSION_COOKIE, outcome.token, { ...cookie, maxAge: SESSION_ABSOLUTE_MS });
    res.json(await loadMe(db, outcome.session));
  });

  router.post('/auth/sign-out', requireSession(deps), requireCsrf, async (_req, res) => {
    await deleteSession(db, authOf(res).sessionId);
    res.clearCookie(SESSION_COOKIE, cookie);
    res.status(204).end();
  });

  router.get('/me', requireSession(deps), async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await loadMe(db, authOf(res)));
  });

  router.get(
    '/workspaces/:workspaceId/audit-log',
    requireSession(deps),
    requireWorkspaceMember(deps),
    async (req, res) => {
      const member = memberOf(res);
      if (!isWorkspaceAdmin(member.role)) throw new AppError('ROLE_NOT_ALLOWED');
      const query = parseInput(auditLogQuery, req.query, 'query');
      res.json(await readAuditLog(db, member.workspace.id, query));
    },
  );

  return router;
}

/**
 * HttpOnly so scripts cannot read the session, SameSite=Lax so cross-site sub-requests do not carry it
 * (while the return from Kintone's OAuth consent, a top-level GET, still does). Secure whenever Notta is
 * served over https or in production; the quick start runs on http://localhost, where a Secure cookie
 * would never be sent back.
 */
function sessionCookieOptions(config: AppDeps['config']): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: config.env === 'production' || config.publicUrl.startsWith('https://'),
  };
}
