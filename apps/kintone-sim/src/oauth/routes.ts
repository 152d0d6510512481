import express, { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { csrfToken, csrfValid } from '../admin/csrf.js';
import type { SimContext } from '../app.js';
import { requireSignIn } from '../auth/sessions.js';
import { injectedLatency, takeFault } from '../faults/faults.js';
import { html, page, type SafeHtml } from '../pages/html.js';
import type { KintoneScope, OAuthClient, User } from '../tenant/model.js';
import { Tenant } from '../tenant/tenant.js';
import { parseScopes, SCOPE_DESCRIPTIONS } from './scopes.js';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  CODE_TTL_MS,
  issueAccessToken,
  issueRefreshToken,
  retireTokensFromCode,
} from './tokens.js';

/** Kintone's screens, word for word (platform notes §1.11). */
export const REDIRECT_URI_INVALID_TEXT = 'The redirect_uri parameter is not valid.';
export const NO_OAUTH_PERMISSION_TEXT =
  'You do not have permission to use OAuth. Ask your administrator to configure the necessary settings.';
/** Not a documented Kintone text: the sim's wording, by analogy with the redirect_uri screen. */
export const CLIENT_ID_INVALID_TEXT = 'The client_id parameter is not valid.';
export const CONSENT_EXPIRED_TEXT =
  'This authorization request has expired. Start again from the application.';

/** How long a consent screen stays usable. */
const CONSENT_TTL_MS = 10 * 60 * 1000;

interface PendingConsent {
  clientId: string;
  redirectUri: string;
  state: string | undefined;
  scopes: KintoneScope[];
  userCode: string;
  expiresAt: number;
}

function errorPage(res: Response, status: number, text: string, user?: User): void {
  res
    .status(status)
    .type('html')
    .send(
      page({
        title: 'Error',
        user,
        body: html`<p class="k-error" role="alert" id="k-oauth-error">${text}</p>`,
      }),
    );
}

/** redirect_uri plus parameters; a registered URI that already has a query gets them after `&`. */
export function withParams(redirectUri: string, params: Record<string, string | undefined>): string {
  const query = Object.entries(params)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  if (query === '') return redirectUri;
  const sep = redirectUri.includes('?')
    ? redirectUri.endsWith('?') || redirectUri.endsWith('&')
      ? ''
      : '&'
    : '?';
  return `${redirectUri}${sep}${query}`;
}

/** A query or form parameter given exactly once, as text; a repeated parameter counts as absent. */
function single(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function consentPage(
  req: Request,
  res: Response,
  client: OAuthClient,
  pending: PendingConsent,
  id: string,
): void {
  const user = res.locals.user as User;
  const csrf = csrfToken(req, `consent:${id}`);
  const body: SafeHtml = html`<section id="k-oauth-consent" aria-labelledby="consent-title">
${client.logo ? html`<p><img id="client-logo" src="${client.logo}" alt="${client.name}" style="max-height:64px"></p>` : ''}
<h1 id="consent-title"><span id="client-name">${client.name}</span> is requesting access to your kintone account</h1>
<p>Signed in as <strong>${user.name}</strong> (${user.code}). If you allow it, <strong>${client.name}</strong> will be able to:</p>
<ul id="requested-scopes">${pending.scopes.map(
    (s) => html`<li data-scope="${s}">${SCOPE_DESCRIPTIONS[s]} <span class="k-muted">(${s})</span></li>`,
  )}</ul>
<p class="k-muted">It acts with your own permissions. An administrator can stop it at any time.</p>
<form method="post" action="/oauth2/authorization">
<input type="hidden" name="request" value="${id}">
<input type="hidden" name="csrf" value="${csrf}">
<button class="k-button k-button-primary" type="submit" name="decision" value="allow">Allow</button>
<button class="k-button" type="submit" name="decision" value="deny">Deny</button>
</form></section>`;
  res
    .status(200)
    .type('html')
    .set('Cache-Control', 'no-store')
    // The consent screen must not be framed by another site (clickjacking).
    .set('X-Frame-Options', 'DENY')
    .send(page({ title: 'Allow access - kintone', user, body }));
}

// ---------- token endpoint ----------

type TokenError =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope';

function tokenError(res: Response, status: number, error: string, description: string): void {
  res.status(status).set('Cache-Control', 'no-store').set('Pragma', 'no-cache').json({
    error,
    error_description: description,
  });
}

class TokenFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: TokenError,
    description: string,
  ) {
    super(description);
  }
}

function fail(error: TokenError, description: string, status = 400): never {
  throw new TokenFailure(status, error, description);
}

/** RFC 6749 §2.3.1: the Basic credentials are form-urlencoded before base64. */
function formDecode(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}

function basicCredentials(req: Request): { id: string; secret: string } | 'malformed' | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!m) return 'malformed';
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  try {
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return 'malformed';
  }
}

/** Who is calling the token endpoint: HTTP Basic, or (basic-or-post) the form body too. */
function authenticateClient(ctx: SimContext, req: Request, body: Record<string, string>): OAuthClient {
  const basic = basicCredentials(req);
  const bodySecret = body.client_secret;
  let id: string | undefined;
  let secret: string | undefined;
  if (basic === 'malformed')
    fail('invalid_client', 'The Authorization header is not valid Basic credentials.', 401);
  if (basic) {
    if (bodySecret !== undefined)
      fail('invalid_request', 'Use only one method of client authentication (Basic header or form body).');
    ({ id, secret } = basic);
    if (body.client_id !== undefined && body.client_id !== id)
      fail('invalid_client', 'client_id does not match the Basic credentials.', 401);
  } else if (ctx.config.tokenClientAuth === 'basic-or-post' && body.client_id !== undefined) {
    id = body.client_id;
    secret = bodySecret;
  }
  if (id === undefined || secret === undefined)
    fail('invalid_client', 'Client authentication is required (HTTP Basic).', 401);
  const client = ctx.tenant.state.oauthClients.find((c) => c.clientId === id);
  if (!client || client.clientSecret !== secret) fail('invalid_client', 'Client authentication failed.', 401);
  return client;
}

function userStillAllowed(ctx: SimContext, client: OAuthClient, userCode: string): boolean {
  return client.allowedUsers.includes(userCode) && ctx.tenant.userByCode(userCode) !== undefined;
}

function grantAuthorizationCode(ctx: SimContext, client: OAuthClient, body: Record<string, string>) {
  const { tenant } = ctx;
  const code = body.code;
  const redirectUri = body.redirect_uri;
  if (!code) fail('invalid_request', 'The code parameter is required.');
  if (!redirectUri) fail('invalid_request', 'The redirect_uri parameter is required.');
  const grant = tenant.state.authorizationCodes.find((c) => c.code === code);
  if (!grant) fail('invalid_grant', 'The authorization code is not valid.');
  const g = grant;
  if (g.clientId !== client.clientId)
    fail('invalid_grant', 'The authorization code was issued to another client.');
  if (g.used) {
    // A replayed code may be stolen: retire what it produced (RFC 6749 §4.1.2).
    retireTokensFromCode(tenant, g.code);
    fail('invalid_grant', 'The authorization code has already been used.');
  }
  if (tenant.now() >= g.expiresAt) fail('invalid_grant', 'The authorization code has expired.');
  if (g.redirectUri !== redirectUri)
    fail('invalid_grant', 'The redirect_uri does not match the authorization request.');
  if (!userStillAllowed(ctx, client, g.userCode))
    fail('invalid_grant', 'The user is no longer allowed to use this client.');
  g.used = true;
  const access = issueAccessToken(tenant, client.clientId, g.userCode, g.scopes, g.code);
  const refresh = issueRefreshToken(tenant, client.clientId, g.userCode, g.scopes, g.code);
  return {
    access_token: access.token,
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    refresh_token: refresh.token,
    scope: g.scopes.join(' '),
  };
}

function grantRefreshToken(ctx: SimContext, client: OAuthClient, body: Record<string, string>) {
  const { tenant } = ctx;
  const value = body.refresh_token;
  if (!value) fail('invalid_request', 'The refresh_token parameter is required.');
  const found = tenant.state.refreshTokens.find((t) => t.token === value);
  if (!found || found.clientId !== client.clientId) fail('invalid_grant', 'The refresh token is not valid.');
  const refresh = found;
  if (!userStillAllowed(ctx, client, refresh.userCode))
    fail('invalid_grant', 'The user is no longer allowed to use this client.');
  let scopes = refresh.scopes;
  if (body.scope !== undefined) {
    // RFC 6749 §6: a refresh may narrow the scopes, never widen them.
    const asked = parseScopes(body.scope);
    if (!asked?.every((s) => refresh.scopes.includes(s)))
      fail('invalid_scope', 'The scope is wider than the one originally granted.');
    scopes = asked;
  }
  const source = (refresh as { source?: string }).source;
  const access = issueAccessToken(tenant, client.clientId, refresh.userCode, scopes, source);
  const answer: Record<string, string | number> = {
    access_token: access.token,
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    scope: scopes.join(' '),
  };
  if (ctx.config.refreshRotates) {
    // Rotation (--refresh-rotates): a new refresh token replaces the one just used.
    tenant.state.refreshTokens = tenant.state.refreshTokens.filter((t) => t !== refresh);
    answer.refresh_token = issueRefreshToken(
      tenant,
      client.clientId,
      refresh.userCode,
      refresh.scopes,
      source,
    ).token;
  }
  return answer;
}

/**
 * OAuth 2.0 authorization code grant, as Kintone plays it:
 *   GET  /oauth2/authorization  sign-in, checks, consent screen
 *   POST /oauth2/authorization  Allow / Deny (from the consent screen)
 *   POST /oauth2/token          authorization_code and refresh_token grants
 * PKCE is not documented by Kintone: code_challenge / code_verifier are accepted and ignored.
 */
export function oauthRoutes(ctx: SimContext): Router {
  const router = Router();
  const signIn = requireSignIn(ctx.sessions, ctx.tenant);
  const pending = new Map<string, PendingConsent>();

  router.get('/oauth2/authorization', signIn, (req, res) => {
    const user = res.locals.user as User;
    const q = req.query;
    const clientId = single(q.client_id);
    const client = clientId ? ctx.tenant.state.oauthClients.find((c) => c.clientId === clientId) : undefined;
    if (!client) {
      errorPage(res, 400, CLIENT_ID_INVALID_TEXT, user);
      return;
    }
    const redirectUri = single(q.redirect_uri);
    // Byte-identical, and never redirect anywhere else (RFC 6749 §4.1.2.1).
    if (redirectUri !== client.redirectUri) {
      errorPage(res, 400, REDIRECT_URI_INVALID_TEXT, user);
      return;
    }
    if (!client.allowedUsers.includes(user.code)) {
      errorPage(res, 403, NO_OAUTH_PERMISSION_TEXT, user);
      return;
    }
    const state = single(q.state);
    if (single(q.response_type) !== 'code') {
      res.redirect(302, withParams(redirectUri, { error: 'unsupported_response_type', state }));
      return;
    }
    const scopes = parseScopes(single(q.scope) ?? '');
    if (!scopes) {
      res.redirect(302, withParams(redirectUri, { error: 'invalid_scope', state }));
      return;
    }
    const now = ctx.tenant.now();
    for (const [key, p] of pending) if (p.expiresAt <= now) pending.delete(key);
    const id = Tenant.secret(18);
    const consent: PendingConsent = {
      clientId: client.clientId,
      redirectUri,
      state,
      scopes,
      userCode: user.code,
      expiresAt: now + CONSENT_TTL_MS,
    };
    pending.set(id, consent);
    consentPage(req, res, client, consent, id);
  });

  router.post('/oauth2/authorization', signIn, express.urlencoded({ extended: false }), (req, res) => {
    const user = res.locals.user as User;
    const body = z
      .object({ request: z.string(), csrf: z.string(), decision: z.enum(['allow', 'deny']) })
      .safeParse(req.body ?? {});
    const id = body.success ? body.data.request : undefined;
    const consent = id ? pending.get(id) : undefined;
    if (
      !body.success ||
      !consent ||
      consent.userCode !== user.code ||
      consent.expiresAt <= ctx.tenant.now() ||
      !csrfValid(req, body.data.csrf, `consent:${id}`)
    ) {
      errorPage(res, 400, CONSENT_EXPIRED_TEXT, user);
      return;
    }
    pending.delete(id!);
    // The client or the user's permission may have changed while the screen was open.
    const client = ctx.tenant.state.oauthClients.find((c) => c.clientId === consent.clientId);
    if (!client || client.redirectUri !== consent.redirectUri) {
      errorPage(res, 400, client ? REDIRECT_URI_INVALID_TEXT : CLIENT_ID_INVALID_TEXT, user);
      return;
    }
    if (!client.allowedUsers.includes(user.code)) {
      errorPage(res, 403, NO_OAUTH_PERMISSION_TEXT, user);
      return;
    }
    if (body.data.decision === 'deny') {
      res.redirect(302, withParams(consent.redirectUri, { error: 'access_denied', state: consent.state }));
      return;
    }
    const code = Tenant.secret(24);
    ctx.tenant.state.authorizationCodes = ctx.tenant.state.authorizationCodes.filter(
      (c) => c.expiresAt > ctx.tenant.now() || c.used,
    );
    ctx.tenant.state.authorizationCodes.push({
      code,
      clientId: client.clientId,
      redirectUri: consent.redirectUri,
      userCode: user.code,
      scopes: consent.scopes,
      expiresAt: ctx.tenant.now() + CODE_TTL_MS,
      used: false,
    });
    res.redirect(302, withParams(consent.redirectUri, { code, state: consent.state }));
  });

  router.post('/oauth2/token', async (req, res) => {
    await injectedLatency(ctx.tenant);
    const fault = takeFault(ctx.tenant, 'token');
    if (fault) {
      tokenError(res, fault.status, fault.error ?? 'server_error', fault.description ?? 'Injected fault.');
      return;
    }
    try {
      if (!req.is('application/x-www-form-urlencoded'))
        fail('invalid_request', 'The request body must be application/x-www-form-urlencoded.');
      const raw = await new Promise<unknown>((resolve, reject) => {
        express.urlencoded({ extended: false, limit: '64kb' })(req, res, (error?: unknown) =>
          error ? reject(error) : resolve(req.body),
        );
      }).catch(() => fail('invalid_request', 'The request body could not be read.'));
      const entries = Object.entries((raw ?? {}) as Record<string, unknown>);
      const repeated = entries.filter(([, v]) => typeof v !== 'string').map(([k]) => k);
      // RFC 6749 §3.2: parameters must not be included more than once.
      if (repeated.length > 0) fail('invalid_request', `Repeated parameter: ${repeated.join(', ')}.`);
      const body = Object.fromEntries(entries) as Record<string, string>;
      const client = authenticateClient(ctx, req, body);
      const grantType = body.grant_type;
      let answer: Record<string, string | number>;
      if (!grantType) fail('invalid_request', 'The grant_type parameter is required.');
      if (grantType === 'authorization_code') answer = grantAuthorizationCode(ctx, client, body);
      else if (grantType === 'refresh_token') answer = grantRefreshToken(ctx, client, body);
      else answer = fail('unsupported_grant_type', `The grant_type ${grantType} is not supported.`);
      res.status(200).set('Cache-Control', 'no-store').set('Pragma', 'no-cache').json(answer);
    } catch (error) {
      if (!(error instanceof TokenFailure)) throw error;
      if (error.status === 401) res.set('WWW-Authenticate', 'Basic realm="kintone"');
      tokenError(res, error.status, error.error, error.message);
    }
  });

  return router;
}
