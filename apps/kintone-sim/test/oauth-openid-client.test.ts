import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimApp } from '../src/app.js';
import { loadSimConfig } from '../src/config.js';

/**
 * An independent client (openid-client 6, which the sim did not write) completes the authorization code
 * flow and a refresh against a listening sim. Sign-in and consent are plain HTTP with a cookie jar.
 */
describe('openid-client against the sim', () => {
  let server: Server;
  let base: string;
  let credentials: {
    clientId: string;
    clientSecret: string;
    authorizationEndpoint: string;
    tokenEndpoint: string;
  };
  const redirectUri = 'http://localhost:5999/callback';

  beforeAll(async () => {
    server = await new Promise<Server>((resolve) => {
      // Port 0: the public URL is fixed after listening, so configure with a placeholder and patch it.
      const config = loadSimConfig({ KINTONE_SIM_PORT: '3999' });
      const { app, ctx } = createSimApp(config);
      const s = app.listen(0, '127.0.0.1', () => {
        base = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
        ctx.config.publicUrl = base;
        resolve(s);
      });
    });
    const res = await fetch(`${base}/_sim/oauth/clients`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'openid-client', redirectUri, users: ['yamada'] }),
    });
    expect(res.status).toBe(201);
    credentials = (await res.json()) as typeof credentials;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  /** fetch that keeps the session cookie and never follows redirects. */
  function browser() {
    let cookie = '';
    return async (url: string, init: RequestInit = {}) => {
      const res = await fetch(url, {
        ...init,
        redirect: 'manual',
        headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
      });
      const set = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
      if (set.length > 0) cookie = set.join('; ');
      return res;
    };
  }

  it('completes the authorization code grant and a refresh', async () => {
    expect(credentials.authorizationEndpoint).toBe(`${base}/oauth2/authorization`);
    const config = new client.Configuration(
      {
        issuer: base,
        authorization_endpoint: credentials.authorizationEndpoint,
        token_endpoint: credentials.tokenEndpoint,
      },
      credentials.clientId,
      credentials.clientSecret,
      client.ClientSecretBasic(credentials.clientSecret),
    );
    client.allowInsecureRequests(config);
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'k:app_record:read k:app_settings:read',
      state,
    });

    const go = browser();
    let res = await go(url.href);
    expect(res.status).toBe(302);
    const login = new URL(res.headers.get('location')!, base);
    expect(login.pathname).toBe('/login');
    res = await go(`${base}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        username: 'yamada',
        password: 'password',
        redirect: login.searchParams.get('redirect')!,
      }).toString(),
    });
    expect(res.status).toBe(302);
    res = await go(new URL(res.headers.get('location')!, base).href);
    expect(res.status).toBe(200);
    const consent = await res.text();
    expect(consent).toContain('openid-client');
    const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(consent)![1]!;
    res = await go(`${base}/oauth2/authorization`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        request: hidden('request'),
        csrf: hidden('csrf'),
        decision: 'allow',
      }).toString(),
    });
    expect(res.status).toBe(302);
    const callback = new URL(res.headers.get('location')!);
    expect(callback.searchParams.get('state')).toBe(state);

    const tokens = await client.authorizationCodeGrant(config, callback, { expectedState: state });
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.access_token).toEqual(expect.any(String));
    expect(tokens.refresh_token).toEqual(expect.any(String));
    expect(tokens.expires_in).toBe(3600);
    expect(tokens.scope).toBe('k:app_record:read k:app_settings:read');

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.access_token).toEqual(expect.any(String));
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.refresh_token).toBeUndefined();
    expect(refreshed.expires_in).toBe(3600);

    // The same code a second time is refused, as openid-client reports it.
    await expect(
      client.authorizationCodeGrant(config, callback, { expectedState: state }),
    ).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('surfaces a wrong secret as a 401 Basic challenge (RFC 6749 §5.2)', async () => {
    const config = new client.Configuration(
      { issuer: base, token_endpoint: credentials.tokenEndpoint },
      credentials.clientId,
      'wrong',
    );
    client.allowInsecureRequests(config);
    // openid-client reports the WWW-Authenticate: Basic challenge that comes with 401 invalid_client.
    await expect(client.refreshTokenGrant(config, 'whatever')).rejects.toMatchObject({
      status: 401,
      code: 'OAUTH_WWW_AUTHENTICATE_CHALLENGE',
      cause: [expect.objectContaining({ scheme: 'basic' })],
    });
  });
});
