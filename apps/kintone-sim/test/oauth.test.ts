import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { authenticateBearer } from '../src/oauth/tokens.js';
import {
  authorizationCode,
  authorizationQuery,
  basic,
  createClient,
  decide,
  hiddenInput,
  makeSim,
  REDIRECT,
  signedIn,
  tokenRequest,
  tokensFor,
} from './support/oauth.js';

const NO_PERMISSION =
  'You do not have permission to use OAuth. Ask your administrator to configure the necessary settings.';
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('GET /oauth2/authorization', () => {
  it('sends a signed-out browser to sign in and back to the same URL', async () => {
    const { app } = makeSim();
    const client = await createClient(app, { users: ['yamada'] });
    const res = await request(app).get('/oauth2/authorization').query(authorizationQuery(client)).expect(302);
    const location = new URL(res.headers.location as string, 'http://sim');
    expect(location.pathname).toBe('/login');
    const back = location.searchParams.get('redirect')!;
    expect(back.startsWith('/oauth2/authorization?')).toBe(true);
    const agent = request.agent(app);
    const login = await agent
      .post('/login')
      .type('form')
      .send({ username: 'yamada', password: 'password', redirect: back })
      .expect(302);
    expect(login.headers.location).toBe(back);
    const consent = await agent.get(back).expect(200);
    expect(consent.text).toContain('Notta');
  });

  it('shows the consent screen with the client name, logo and the scopes asked for', async () => {
    const { app } = makeSim();
    const client = await createClient(app, { name: 'Notta <for> Kintone', users: ['yamada'], logo: PNG });
    const agent = await signedIn(app, 'yamada');
    const res = await agent
      .get('/oauth2/authorization')
      .query(authorizationQuery(client, { scope: 'k:app_settings:read k:app_record:read k:file:write' }))
      .expect(200);
    expect(res.text).toContain('Notta &lt;for&gt; Kintone');
    expect(res.text).toContain(`src="${PNG}"`);
    expect(res.text).toContain('View app settings, such as form fields, layout, views and permissions');
    expect(res.text).toContain('View records and comments in apps');
    expect(res.text).toContain('Upload files');
    expect(res.text).not.toContain('Download files');
    expect(res.text).toMatch(/<button[^>]*value="allow">Allow<\/button>/);
    expect(res.text).toMatch(/<button[^>]*value="deny">Deny<\/button>/);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('refuses an unknown client_id with an error page', async () => {
    const { app } = makeSim();
    const client = await createClient(app, { users: ['yamada'] });
    const agent = await signedIn(app, 'yamada');
    const res = await agent
      .get('/oauth2/authorization')
      .query(authorizationQuery(client, { client_id: 'l.999.nope' }))
      .expect(400);
    expect(res.text).toContain('The client_id parameter is not valid.');
  });

  it.each([
    ['a trailing slash', `${REDIRECT}/`],
    ['another scheme', REDIRECT.replace('https:', 'http:')],
    ['upper-case host', REDIRECT.replace('notta.example', 'NOTTA.example')],
    ['an extra query', `${REDIRECT}?x=1`],
    ['no redirect_uri', undefined],
  ])('shows "The redirect_uri parameter is not valid." for %s, without redirecting', async (_n, uri) => {
    const { app } = makeSim();
    const client = await createClient(app, { users: ['yamada'] });
    const agent = await signedIn(app, 'yamada');
    const res = await agent
      .get('/oauth2/authorization')
      .query(authorizationQuery(client, { redirect_uri: uri }))
      .expect(400);
    expect(res.headers.location).toBeUndefined();
    expect(res.text).toContain(
      '<p class="k-error" role="alert" id="k-oauth-error">The redirect_uri parameter is not valid.</p>',
    );
  });

  it('shows the no-permission screen (403) to a user who is not ticked, even the administrator', async () => {
    const { app } = makeSim();
    const client = await createClient(app, { users: ['yamada'] });
    for (const user of ['suzuki', 'administrator']) {
      const agent = await signedIn(app, user);
      const res = await agent.get('/oauth2/authorization').query(authorizationQuery(client)).expect(403);
      expect(res.text).toContain(NO_PERMISSION);
    }
  });

  it.each([
    ['response_type=token', { response_type: 'token' }, 'unsupported_response_type'],
    ['no response_type', { response_type: undefined }, 'unsupported_response_type'],
    ['an unknown scope', { scope: 'k:app_record:read k:everything' }, 'invalid_scope'],
    ['no scope', { scope: undefined }, 'invalid_scope'],
  ])('redirects back with an RFC 6749 error for %s', async (_n, extra, error) => {
    const { app } = makeSim();
    const client = await createClient(app, { users: ['yamada'] });
    const agent = await signedIn(app, 'yamada');
    const res = await agent
      .get('/oauth2/authorization')
      .query(authorizationQuery(client, { ...extra, state: 'a b&c=d' }))
      .expect(302);
    const location = new URL(res.headers.location as string);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('error')).toBe(error);
    expect(location.searchParams.get('state')).toBe('a b&c=d');
  });

  it('Allow redirects with code and the exact state; Deny with error=access_denied', async () => {
    const { app } = makeSim();
    const client = await createClient(app, { users: ['yamada'] });
    const agent = await signedIn(app, 'yamada');
    const allowed = await decide(agent, client, 'allow', { state: 'st/+= ü' });
    expect(`${allowed.origin}${allowed.pathname}`).toBe(REDIRECT);
    expect(allowed.searchParams.get('code')).toMatch(/^[\w-]{20,}$/);
    expect(allowed.searchParams.get('state')).toBe('st/+= ü');
    const denied = await decide(agent, client, 'deny');
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('state')).toBe('xyz-123');
    expect(denied.searchParams.get('code')).toBeNull();
  });

  it('appends to a registered redirect URI that already has a query, and omits a missing state', async () => {
    const { app } = makeSim();
    const client = await createClient(app, { users: ['yamada'], redirectUri: `${REDIRECT}?tenant=t1` });
    const agent = await signedIn(app, 'yamada');
    const location = await decide(agent, client, 'allow', { state: undefined });
    expect(location.href.startsWith(`${REDIRECT}?tenant=t1&code=`)).toBe(true);
    expect(location.searchParams.has('state')).toBe(false);
  });

  it('accepts and ignores PKCE parameters', async () => {
    const { app } = makeSim();
    const client = await createClient(app, { users: ['yamada'] });
    const agent = await signedIn(app, 'yamada');
    const location = await decide(agent, client, 'allow', {
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const res = await tokenRequest(app, client, {
      grant_type: 'authorization_code',
      code: location.searchParams.get('code')!,
      redirect_uri: REDIRECT,
    }).expect(200);
    expect(res.body.access_token).toBeTruthy();
  });

  it('refuses a consent form without the right CSRF token, from another user, or used twice', async () => {
    const { app } = makeSim();
    const client = await createClient(app, { users: ['yamada', 'suzuki'] });
    const agent = await signedIn(app, 'yamada');
    const consent = await agent.get('/oauth2/authorization').query(authorizationQuery(client)).expect(200);
    const requestId = hiddenInput(consent.text, 'request');
    const csrf = hiddenInput(consent.text, 'csrf');
    const bad = await agent
      .post('/oauth2/authorization')
      .type('form')
      .send({ request: requestId, csrf: 'forged', decision: 'allow' })
      .expect(400);
    expect(bad.text).toContain('This authorization request has expired.');
    const other = await signedIn(app, 'suzuki');
    await other
      .post('/oauth2/authorization')
      .type('form')
      .send({ request: requestId, csrf, decision: 'allow' })
      .expect(400);
    await agent
      .post('/oauth2/authorization')
      .type('form')
      .send({ request: requestId, csrf, decision: 'allow' })
      .expect(302);
    await agent
      .post('/oauth2/authorization')
      .type('form')
      .send({ request: requestId, csrf, decision: 'allow' })
      .expect(400);
  });

  it('re-checks the permission when Allow is pressed', async () => {
    const { app } = makeSim();
    const client = await createClient(app, { users: ['yamada'] });
    const agent = await signedIn(app, 'yamada');
    const consent = await agent.get('/oauth2/authorization').query(authorizationQuery(client)).expect(200);
    await request(app).put(`/_sim/oauth/clients/${client.clientId}/users`).send({ users: [] }).expect(200);
    const res = await agent
      .post('/oauth2/authorization')
      .type('form')
      .send({
        request: hiddenInput(consent.text, 'request'),
        csrf: hiddenInput(consent.text, 'csrf'),
        decision: 'allow',
      })
      .expect(403);
    expect(res.text).toContain(NO_PERMISSION);
  });
});

describe('POST /oauth2/token: authorization_code', () => {
  it('exchanges a code for tokens (Basic client authentication)', async () => {
    const { app, ctx } = makeSim();
    const client = await createClient(app, { users: ['yamada'] });
    const code = await authorizationCode(app, client);
    const res = await tokenRequest(app, client, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
    }).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_token: expect.any(String),
      scope: 'k:app_record:read k:app_record:write',
    });
    expect(authenticateBearer(ctx, res.body.access_token)).toEqual({
      userCode: 'yamada',
      scopes: ['k:app_record:read', 'k:app_record:write'],
    });
    expect(authenticateBearer(ctx, 'nope')).toBe('invalid');
  });

  it('refuses a reused code with invalid_grant and retires the tokens it gave', async () => {
    const { app, ctx } = makeSim();
    const client = await createClient(app, { users: ['yamada'] });
    const code = await authorizationCode(app, client);
    const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT };
    const first = await tokenRequest(app, client, form).expect(200);
    const again = await tokenRequest(app, client, form).expect(400);
    expect(again.body.error).toBe('invalid_grant');
    expect(authenticateBearer(ctx, first.body.access_token)).toBe('invalid');
    const refresh = await tokenRequest(app, client, {
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token,
    }).expect(400);
    expect(refresh.body.error).toBe('invalid_grant');
  });

  it('refuses an expired code (10 minutes), a wrong redirect_uri and another client’s code', async () => {
    const { app, advance } = makeSim();
    const client = await createClient(app, { users: ['yamada'] });
    const other = await createClient(app, { name: 'Other', users: ['yamada'] });
    const expired = await authorizationCode(app, client);
    advance(10 * 60 * 1000);
    const a = await tokenRequest(app, client, {
      grant_type: 'authorization_code',
      code: expired,
      redirect_uri: REDIRECT,
    });
    expect([a.status, a.body.error]).toEqual([400, 'invalid_grant']);

    const code = await authorizationCode(app, client);
    const b = await tokenRequest(app, client, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: `${REDIRECT}/`,
    });
    expect([b.status, b.body.error]).toEqual([400, 'invalid_grant']);
    const c = await tokenRequest(app, other, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
    });
    expect([c.status, c.body.error]).toEqual([400, 'invalid_grant']);
    const d = await tokenRequest(app, client, {
      grant_type: 'authorization_code',
      code: 'made-up',
      redirect_uri: REDIRECT,
    });
    expect([d.status, d.body.error]).toEqual([400, 'invalid_grant']);
  });

  it('still takes a code just under 10 minutes old', async () => {
    const { app, advance } = makeSim();
    const client = await createClient(app, { users: ['yamada'] });
    const code = await authorizationCode(app, client);
    advance(10 * 60 * 1000 - 1);
    await tokenRequest(app, client, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
    }).expect(200);
  });

  it('refuses a code once the user has been unticked', async () => {
    const { app } = makeSim();
    const client = await createClient(app, { users: ['yamada'] });
    const code = await authorizationCode(app, client);
    await request(app).put(`/_sim/oauth/clients/${client.clientId}/users`).send({ users: [] }).expect(200);
    const res = await tokenRequest(app, client, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
    });
    expect([res.status, res.body.error]).toEqual([400, 'invalid_grant']);
  });

  it.each([
    ['no code', { grant_type: 'authorization_code', redirect_uri: REDIRECT }],
    ['no redirect_uri', { grant_type: 'authorization_code', code: 'c' }],
    ['no grant_type', { code: 'c', redirect_uri: REDIRECT }],
  ])('answers invalid_request for %s', async (_n, form) => {
    const { app } = makeSim();
    const client = await createClient(app, { users: ['yamada'] });
    const res = await tokenRequest(app, client, form as Record<string, string>).expect(400);
    expect(res.body.error).toBe('invalid_request');
    expect(typeof res.body.error_description).toBe('string');
  });

  it('answers unsupported_grant_type for other grants', async () => {
    const { app } = makeSim();
    const client = await createClient(app);
    for (const grant of ['client_credentials', 'password', 'implicit']) {
      const res = await tokenRequest(app, client, { grant_type: grant }).expect(400);
      expect(res.body.error).toBe('unsupported_grant_type');
    }
  });

  it('takes application/x-www-form-urlencoded only, and each parameter once', async () => {
    const { app } = makeSim();
    const client = await createClient(app);
    const json = await request(app)
      .post('/oauth2/token')
      .set('Authorization', basic(client))
      .send({ grant_type: 'refresh_token', refresh_token: 'x' })
      .expect(400);
    expect(json.body.error).toBe('invalid_request');
    const twice = await request(app)
      .post('/oauth2/token')
      .set('Authorization', basic(client))
      .type('form')
      .send('grant_type=refresh_token&refresh_token=a&refresh_token=b')
      .expect(400);
    expect(twice.body.error).toBe('invalid_request');
  });
});

describe('POST /oauth2/token: client authentication', () => {
  it('answers 401 invalid_client with WWW-Authenticate: Basic for a missing or wrong client', async () => {
    const { app } = makeSim();
    const client = await createClient(app);
    const cases = [
      tokenRequest(app, undefined, { grant_type: 'refresh_token', refresh_token: 'x' }),
      tokenRequest(
        app,
        { ...client, clientSecret: 'wrong' },
        { grant_type: 'refresh_token', refresh_token: 'x' },
      ),
      tokenRequest(
        app,
        { ...client, clientId: 'l.0.unknown' },
        { grant_type: 'refresh_token', refresh_token: 'x' },
      ),
      request(app)
        .post('/oauth2/token')
        .set('Authorization', 'Basic !!!')
        .type('form')
        .send({ grant_type: 'x' }),
    ];
    for (const pending of cases) {
      const res = await pending;
      expect(res.status).toBe(401);
      expect(res.body.error).toBe('invalid_client');
      expect(res.headers['www-authenticate']).toMatch(/^Basic/);
    }
  });

  it('refuses client_secret in the body by default (Basic only)', async () => {
    const { app } = makeSim();
    const client = await createClient(app, { users: ['yamada'] });
    const code = await authorizationCode(app, client);
    const res = await tokenRequest(app, undefined, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      client_id: client.clientId,
      client_secret: client.clientSecret,
    }).expect(401);
    expect(res.body.error).toBe('invalid_client');
  });

  it('accepts client_secret in the body with --token-auth basic-or-post', async () => {
    const { app } = makeSim({ KINTONE_SIM_TOKEN_AUTH: 'basic-or-post' });
    const client = await createClient(app, { users: ['yamada'] });
    const code = await authorizationCode(app, client);
    await tokenRequest(app, undefined, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      client_id: client.clientId,
      client_secret: client.clientSecret,
    }).expect(200);
    const wrong = await tokenRequest(app, undefined, {
      grant_type: 'refresh_token',
      refresh_token: 'x',
      client_id: client.clientId,
      client_secret: 'wrong',
    }).expect(401);
    expect(wrong.body.error).toBe('invalid_client');
    const both = await tokenRequest(app, client, {
      grant_type: 'refresh_token',
      refresh_token: 'x',
      client_secret: client.clientSecret,
    }).expect(400);
    expect(both.body.error).toBe('invalid_request');
  });
});

describe('POST /oauth2/token: refresh_token', () => {
  it('answers a new access token without a refresh_token (no rotation); the old one keeps working', async () => {
    const { app, ctx } = makeSim();
    const client = await createClient(app, { users: ['yamada'] });
    const tokens = await tokensFor(app, client);
    for (let i = 0; i < 2; i++) {
      const res = await tokenRequest(app, client, {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
      }).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual({
        access_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: 3600,
        scope: 'k:app_record:read k:app_record:write',
      });
      expect(authenticateBearer(ctx, res.body.access_token)).toMatchObject({ userCode: 'yamada' });
    }
  });

  it('rotates refresh tokens with --refresh-rotates', async () => {
    const { app } = makeSim({}, ['--refresh-rotates']);
    const client = await createClient(app, { users: ['yamada'] });
    const tokens = await tokensFor(app, client);
    const res = await tokenRequest(app, client, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    }).expect(200);
    expect(res.body.refresh_token).toEqual(expect.any(String));
    expect(res.body.refresh_token).not.toBe(tokens.refresh_token);
    const old = await tokenRequest(app, client, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expect([old.status, old.body.error]).toEqual([400, 'invalid_grant']);
    await tokenRequest(app, client, {
      grant_type: 'refresh_token',
      refresh_token: res.body.refresh_token,
    }).expect(200);
  });

  it('may narrow the scope but not widen it', async () => {
    const { app } = makeSim();
    const client = await createClient(app, { users: ['yamada'] });
    const tokens = await tokensFor(app, client);
    const narrow = await tokenRequest(app, client, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      scope: 'k:app_record:read',
    }).expect(200);
    expect(narrow.body.scope).toBe('k:app_record:read');
    const wide = await tokenRequest(app, client, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      scope: 'k:file:write',
    }).expect(400);
    expect(wide.body.error).toBe('invalid_scope');
  });

  it('refuses an unknown refresh token or one of another client with invalid_grant', async () => {
    const { app } = makeSim();
    const client = await createClient(app, { users: ['yamada'] });
    const other = await createClient(app, { name: 'Other' });
    const tokens = await tokensFor(app, client);
    for (const [c, token] of [
      [client, 'made-up'],
      [other, tokens.refresh_token],
    ] as const) {
      const res = await tokenRequest(app, c, { grant_type: 'refresh_token', refresh_token: token }).expect(
        400,
      );
      expect(res.body.error).toBe('invalid_grant');
    }
    const missing = await tokenRequest(app, client, { grant_type: 'refresh_token' }).expect(400);
    expect(missing.body.error).toBe('invalid_request');
  });

  it('keeps at most 10 refresh tokens per user per client: the 11th retires the oldest', async () => {
    const { app } = makeSim();
    const client = await createClient(app, { users: ['yamada', 'suzuki'] });
    const suzuki = await tokensFor(app, client, 'suzuki');
    const issued: string[] = [];
    for (let i = 0; i < 11; i++) issued.push((await tokensFor(app, client)).refresh_token);
    const oldest = await tokenRequest(app, client, {
      grant_type: 'refresh_token',
      refresh_token: issued[0]!,
    });
    expect([oldest.status, oldest.body.error]).toEqual([400, 'invalid_grant']);
    for (const token of [issued[1]!, issued[10]!, suzuki.refresh_token]) {
      await tokenRequest(app, client, { grant_type: 'refresh_token', refresh_token: token }).expect(200);
    }
    const counts = await request(app).get('/_sim/oauth/tokens').expect(200);
    expect(counts.body.tokens).toContainEqual(
      expect.objectContaining({ clientId: client.clientId, userCode: 'yamada', refreshTokens: 10 }),
    );
  });
});

describe('tokens end with the grant', () => {
  it('access tokens expire after 3600 seconds', async () => {
    const { app, ctx, advance } = makeSim();
    const client = await createClient(app, { users: ['yamada'] });
    const tokens = await tokensFor(app, client);
    advance(3600 * 1000 - 1);
    expect(authenticateBearer(ctx, tokens.access_token)).toMatchObject({ userCode: 'yamada' });
    advance(1);
    expect(authenticateBearer(ctx, tokens.access_token)).toBe('expired');
  });

  it('unticking a user retires that user’s refresh and access tokens only', async () => {
    const { app, ctx } = makeSim();
    const client = await createClient(app, { users: ['yamada', 'suzuki'] });
    const yamada = await tokensFor(app, client, 'yamada');
    const suzuki = await tokensFor(app, client, 'suzuki');
    await request(app)
      .put(`/_sim/oauth/clients/${client.clientId}/users`)
      .send({ users: ['suzuki'] })
      .expect(200);
    expect(authenticateBearer(ctx, yamada.access_token)).toBe('invalid');
    const res = await tokenRequest(app, client, {
      grant_type: 'refresh_token',
      refresh_token: yamada.refresh_token,
    });
    expect([res.status, res.body.error]).toEqual([400, 'invalid_grant']);
    // Ticking the user again does not bring the old tokens back.
    await request(app)
      .put(`/_sim/oauth/clients/${client.clientId}/users`)
      .send({ users: ['suzuki', 'yamada'] })
      .expect(200);
    expect(authenticateBearer(ctx, yamada.access_token)).toBe('invalid');
    expect(authenticateBearer(ctx, suzuki.access_token)).toMatchObject({ userCode: 'suzuki' });
    await tokenRequest(app, client, {
      grant_type: 'refresh_token',
      refresh_token: suzuki.refresh_token,
    }).expect(200);
  });

  it('deleting the client retires everyone’s tokens; its credentials stop working', async () => {
    const { app, ctx } = makeSim();
    const client = await createClient(app, { users: ['yamada', 'suzuki'] });
    const yamada = await tokensFor(app, client, 'yamada');
    const suzuki = await tokensFor(app, client, 'suzuki');
    await request(app).delete(`/_sim/oauth/clients/${client.clientId}`).expect(204);
    expect(authenticateBearer(ctx, yamada.access_token)).toBe('invalid');
    expect(authenticateBearer(ctx, suzuki.access_token)).toBe('invalid');
    const res = await tokenRequest(app, client, {
      grant_type: 'refresh_token',
      refresh_token: yamada.refresh_token,
    });
    expect([res.status, res.body.error]).toEqual([401, 'invalid_client']);
    const counts = await request(app).get('/_sim/oauth/tokens').expect(200);
    expect(counts.body.tokens).toEqual([]);
  });
});

describe('token endpoint faults, latency and IP restriction', () => {
  it('answers an injected fault with its status and RFC body, then recovers', async () => {
    const { app } = makeSim();
    const client = await createClient(app, { users: ['yamada'] });
    const tokens = await tokensFor(app, client);
    await request(app)
      .post('/_sim/faults')
      .send({ target: 'token', status: 503, error: 'temporarily_unavailable', description: 'Try later' })
      .expect(201);
    const form = { grant_type: 'refresh_token', refresh_token: tokens.refresh_token };
    const res = await tokenRequest(app, client, form).expect(503);
    expect(res.body).toEqual({ error: 'temporarily_unavailable', error_description: 'Try later' });
    await tokenRequest(app, client, form).expect(200);
  });

  it('applies injected latency', async () => {
    const { app } = makeSim();
    const client = await createClient(app);
    await request(app).put('/_sim/faults/latency').send({ ms: 120 }).expect(200);
    const started = Date.now();
    await tokenRequest(app, client, { grant_type: 'nope' }).expect(400);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('needs the backend’s egress address to be allowed', async () => {
    const { app } = makeSim();
    const client = await createClient(app, { users: ['yamada'] });
    const tokens = await tokensFor(app, client);
    await request(app)
      .put('/_sim/access')
      .send({ enabled: true, allowed: ['203.0.113.0/24'] })
      .expect(200);
    const form = { grant_type: 'refresh_token', refresh_token: tokens.refresh_token };
    const blocked = await tokenRequest(app, client, form)
      .set('X-Sim-Client-Address', '198.51.100.9')
      .expect(403);
    expect(blocked.text).toContain('Access Forbidden.');
    await tokenRequest(app, client, form).set('X-Sim-Client-Address', '203.0.113.9').expect(200);
  });
});
