import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'vitest';
import { createSimApp, type SimContext } from '../../src/app.js';
import { loadSimConfig } from '../../src/config.js';
import { defaultState } from '../../src/tenant/seed.js';
import { Tenant } from '../../src/tenant/tenant.js';

export const REDIRECT = 'https://notta.example/kintone/callback';

/** A sim in test mode with a clock the test moves (`sim.advance(ms)`). */
export function makeSim(env: Record<string, string> = {}, argv: string[] = []) {
  let now = Date.parse('2026-11-02T01:00:00Z');
  const tenant = new Tenant(defaultState(), () => now);
  const config = loadSimConfig({ KINTONE_SIM_PORT: '3999', KINTONE_SIM_TEST_MODE: '1', ...env }, argv);
  const { app, ctx } = createSimApp(config, { tenant });
  return {
    app,
    ctx,
    advance(ms: number) {
      now += ms;
    },
  };
}

export interface CreatedClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
}

/** Adds a client through the JSON admin API, optionally with users already ticked. */
export async function createClient(
  app: Express,
  options: { name?: string; redirectUri?: string; users?: string[]; logo?: string } = {},
): Promise<CreatedClient> {
  const res = await request(app)
    .post('/_sim/oauth/clients')
    .send({
      name: options.name ?? 'Notta',
      redirectUri: options.redirectUri ?? REDIRECT,
      ...(options.users ? { users: options.users } : {}),
      ...(options.logo ? { logo: options.logo } : {}),
    })
    .expect(201);
  return res.body as CreatedClient;
}

/** A supertest agent signed in as the user (cookies kept between requests). */
export async function signedIn(app: Express, user: string, password = 'password') {
  const agent = request.agent(app);
  await agent.post('/login').type('form').send({ username: user, password, redirect: '/k/' }).expect(302);
  return agent;
}

export function hiddenInput(page: string, name: string): string {
  const m = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(page);
  if (!m) throw new Error(`no hidden input ${name} in page`);
  return m[1]!.replace(/&amp;/g, '&');
}

export function authorizationQuery(
  client: CreatedClient,
  extra: Record<string, string | undefined> = {},
): Record<string, string> {
  const q: Record<string, string | undefined> = {
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    response_type: 'code',
    scope: 'k:app_record:read k:app_record:write',
    state: 'xyz-123',
    ...extra,
  };
  return Object.fromEntries(Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined));
}

type Agent = Awaited<ReturnType<typeof signedIn>>;

/** Opens the consent screen and presses Allow or Deny; returns the redirect Location. */
export async function decide(
  agent: Agent,
  client: CreatedClient,
  decision: 'allow' | 'deny' = 'allow',
  extra: Record<string, string | undefined> = {},
): Promise<URL> {
  const consent = await agent
    .get('/oauth2/authorization')
    .query(authorizationQuery(client, extra))
    .expect(200);
  const res = await agent
    .post('/oauth2/authorization')
    .type('form')
    .send({
      request: hiddenInput(consent.text, 'request'),
      csrf: hiddenInput(consent.text, 'csrf'),
      decision,
    })
    .expect(302);
  return new URL(res.headers.location as string);
}

/** Walks the flow as the user and returns a fresh authorization code. */
export async function authorizationCode(
  app: Express,
  client: CreatedClient,
  user = 'yamada',
): Promise<string> {
  const agent = await signedIn(app, user);
  const location = await decide(agent, client);
  const code = location.searchParams.get('code');
  expect(code).toBeTruthy();
  return code!;
}

export function basic(client: { clientId: string; clientSecret: string }): string {
  return `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;
}

export function tokenRequest(app: Express, client: CreatedClient | undefined, form: Record<string, string>) {
  const req = request(app).post('/oauth2/token').type('form');
  if (client) req.set('Authorization', basic(client));
  return req.send(form);
}

/** Code → tokens, the way a backend does it. */
export async function tokensFor(app: Express, client: CreatedClient, user = 'yamada') {
  const code = await authorizationCode(app, client, user);
  const res = await tokenRequest(app, client, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: client.redirectUri,
  }).expect(200);
  return res.body as { access_token: string; refresh_token: string; scope: string };
}

export type { SimContext };
