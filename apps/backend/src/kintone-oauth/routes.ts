import { type ErrorCode, oauthCallbackQuery } from '@notta/shared';
import { type Request, type Response, Router } from 'express';
import { findSession, readCookie, SESSION_COOKIE } from '../accounts/sessions.js';
import type { AppDeps } from '../http/app.js';
import { completeAuthorization } from './authorization.js';
import { consumeState } from './states.js';

/**
 * `GET /api/kintone/oauth/callback`, the one redirect endpoint. Every outcome is a 303 to Notta Web's
 * result page (`/integrations/kintone/result?outcome=…` or `?error=<catalogue code>`), never a JSON error:
 * the user arrives here in a top-level browser navigation from Kintone.
 */
export function oauthCallbackRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/kintone/oauth/callback', async (req, res) => {
    const back = (result: { outcome?: string; error?: ErrorCode; workspaceId?: string }) =>
      redirectToResult(deps, res, result);
    const query = req.query as Record<string, unknown>;
    const state = typeof query.state === 'string' && query.state !== '' ? query.state : undefined;
    const session = await sessionOf(deps, req);

    if (typeof query.error === 'string') {
      // The user said no (or Kintone refused): use up the state if it is this session's, so it cannot linger.
      if (state && session) await consumeState(deps.database.db, deps.keyring, state, session.sessionId);
      return back({ error: authorizationErrorCode(query.error) });
    }
    if (!state) return back({ error: 'KINTONE_OAUTH_STATE_MISSING' });
    const parsed = oauthCallbackQuery.safeParse(req.query);
    if (!parsed.success || !('code' in parsed.data)) return back({ error: 'REQUEST_INVALID' });
    // Signed out, or another browser: the state is bound to a session this request does not have.
    if (!session) return back({ error: 'KINTONE_OAUTH_STATE_SESSION_MISMATCH' });
    const result = await completeAuthorization(deps, {
      state: parsed.data.state,
      code: parsed.data.code,
      sessionId: session.sessionId,
    });
    return back(result);
  });
  return router;
}

/** RFC 6749 §4.1.2.1 error codes of the authorization endpoint, to the catalogue. */
function authorizationErrorCode(error: string): ErrorCode {
  if (error === 'access_denied') return 'KINTONE_CONSENT_DENIED';
  if (error === 'server_error' || error === 'temporarily_unavailable') return 'KINTONE_UNREACHABLE';
  // unauthorized_client, invalid_client, invalid_request, invalid_scope…: the client as set up is wrong.
  return 'KINTONE_CLIENT_INVALID';
}

async function sessionOf(deps: AppDeps, req: Request) {
  const token = readCookie(req.headers.cookie, SESSION_COOKIE);
  return token ? findSession(deps.database.db, token) : undefined;
}

function redirectToResult(
  deps: AppDeps,
  res: Response,
  result: { outcome?: string; error?: ErrorCode; workspaceId?: string },
): void {
  const params = new URLSearchParams();
  if (result.outcome) params.set('outcome', result.outcome);
  if (result.error) params.set('error', result.error);
  if (result.workspaceId) params.set('workspaceId', result.workspaceId);
  // The code and state are in this request's URL: keep them out of the next page's Referer.
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.redirect(303, `${deps.config.publicUrl}/integrations/kintone/result?${params.toString()}`);
}

/**
 * pino-http request serializer: the callback's query carries Kintone's authorization code and the state, so
 * its log line keeps only the path.
 */
export function withoutOAuthQuery<R extends { url?: string; query?: unknown }>(req: R): R {
  if (!req.url?.startsWith('/api/kintone/oauth/callback')) return req;
  return { ...req, url: '/api/kintone/oauth/callback?[redacted]', query: '[redacted]' };
}
