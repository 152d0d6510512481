import { sql } from 'kysely';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/storage/database.js';
import { createMember, createWorkspace } from './support/accounts.js';
import { engineUnderTest, freshDatabase } from './support/database.js';
import {
  browserOf,
  buildKintoneTestApp,
  type FakeKintone,
  sharedKeyring,
  startFakeKintone,
} from './support/fake-kintone.js';

type Browser = Awaited<ReturnType<typeof browserOf>>;
type TestApp = ReturnType<typeof buildKintoneTestApp>;

const RESULT = 'http://notta.test/integrations/kintone/result';

describe(`OAuth with Kintone (${engineUnderTest})`, () => {
  let database: DatabaseHandle;
  let fake: FakeKintone;
  let app: TestApp;
  const keyring = sharedKeyring();
  beforeAll(async () => {
    database = await freshDatabase();
    fake = await startFakeKintone();
    app = buildKintoneTestApp(database, fake, keyring);
  });
  afterAll(async () => {
    await fake.close();
    await database?.close();
  });
  beforeEach(() => {
    fake.state.tokenAnswers.length = 0;
  });

  const base = (workspaceId: string) => `/api/workspaces/${workspaceId}/kintone`;

  /** A Business workspace whose admin completed steps 1–3 with the fake tenant's client. */
  async function workspaceAtStep4(testApp: TestApp = app, secret = fake.client.secret) {
    const ws = await createWorkspace(database, { plan: 'business' });
    const adminUser = await createMember(database, ws, 'admin', { name: 'Ada Admin' });
    const admin = await browserOf(database, adminUser.id);
    await request(testApp.app)
      .post(`${base(ws.id)}/client-added`)
      .set(admin.headers)
      .expect(200);
    await request(testApp.app)
      .post(`${base(ws.id)}/users-configured`)
      .set(admin.headers)
      .expect(200);
    await request(testApp.app)
      .put(`${base(ws.id)}/credentials`)
      .set(admin.headers)
      .send({
        clientId: fake.client.id,
        clientSecret: secret,
        authorizationEndpoint: `${fake.origin}/oauth2/authorization`,
      })
      .expect(200);
    return { ws, admin, adminUser };
  }

  async function start(testApp: TestApp, workspaceId: string, browser: Browser, path = '/authorize') {
    const res = await request(testApp.app)
      .post(`${base(workspaceId)}${path}`)
      .set(browser.headers);
    expect(res.status).toBe(200);
    const url = new URL(res.body.authorizationUrl);
    return { url, state: url.searchParams.get('state')! };
  }

  /** The browser coming back from Kintone to the one redirect endpoint. */
  function callback(testApp: TestApp, browser: Browser | undefined, query: Record<string, string>) {
    const req = request(testApp.app).get('/api/kintone/oauth/callback').query(query);
    return browser ? req.set('Cookie', browser.cookie) : req;
  }

  const errorOf = (res: request.Response) => {
    expect(res.status).toBe(303);
    const location = new URL(res.headers.location!);
    expect(`${location.origin}${location.pathname}`).toBe(RESULT);
    return location.searchParams.get('error');
  };

  it('the whole authorization: URL, callback, grant stored encrypted, admin connected by that grant', async () => {
    const { ws, admin, adminUser } = await workspaceAtStep4();
    const { url, state } = await start(app, ws.id, admin);
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.origin}/oauth2/authorization`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: fake.client.id,
      redirect_uri: 'http://notta.test/api/kintone/oauth/callback',
      state,
      response_type: 'code',
      scope: 'k:app_record:read k:app_record:write k:app_settings:read k:file:write',
    });
    expect(url.search).toContain('scope=k%3Aapp_record%3Aread%20k%3Aapp_record%3Awrite');
    expect(Buffer.from(state, 'base64url')).toHaveLength(32);
    const stored = await database.db.selectFrom('kintone_oauth_states').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(state);

    const code = fake.issueCode();
    const res = await callback(app, admin, { code, state });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${RESULT}?outcome=authorized&workspaceId=${ws.id}`);

    const view = await request(app.app).get(base(ws.id)).set(admin.headers);
    expect(view.body).toMatchObject({
      state: 'authorized',
      authorization: { by: { id: adminUser.id, name: 'Ada Admin' }, tenantBaseUrl: fake.origin },
      me: { status: 'connected' },
      needsAttention: false,
    });
    const grants = await database.db
      .selectFrom('kintone_grants')
      .selectAll()
      .where('workspace_id', '=', ws.id)
      .execute();
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ user_id: adminUser.id, base_url: fake.origin, status: 'connected' });
    expect(grants[0]!.access_token).toMatch(/^v1\.test\./);

    // Nothing Kintone handed out, nor the client secret, is stored, answered or logged in the clear.
    const { rows } = await sql`select * from kintone_grants, kintone_integrations`.execute(database.db);
    const everything = JSON.stringify(rows) + JSON.stringify(view.body) + app.logLines.join('');
    for (const secret of fake.secrets()) expect(everything).not.toContain(secret);
    expect(app.logLines.join('')).not.toContain(code);
    const audit = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('workspace_id', '=', ws.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain('kintone.authorized');
  });

  it('a state is single-use: the reload gets KINTONE_OAUTH_STATE_REUSED, a made-up one _INVALID, none _MISSING', async () => {
    const { ws, admin } = await workspaceAtStep4();
    const { state } = await start(app, ws.id, admin);
    expect(errorOf(await callback(app, admin, { code: fake.issueCode(), state }))).toBeNull();
    expect(errorOf(await callback(app, admin, { code: fake.issueCode(), state }))).toBe(
      'KINTONE_OAUTH_STATE_REUSED',
    );
    expect(errorOf(await callback(app, admin, { code: 'c', state: 'never-issued' }))).toBe(
      'KINTONE_OAUTH_STATE_INVALID',
    );
    expect(errorOf(await callback(app, admin, { code: 'c' }))).toBe('KINTONE_OAUTH_STATE_MISSING');
  });

  it('two callbacks racing with one state: exactly one completes', async () => {
    const { ws, admin } = await workspaceAtStep4();
    const { state } = await start(app, ws.id, admin);
    const results = await Promise.all([
      callback(app, admin, { code: fake.issueCode(), state }),
      callback(app, admin, { code: fake.issueCode(), state }),
    ]);
    expect(results.map(errorOf).sort()).toEqual(['KINTONE_OAUTH_STATE_REUSED', null]);
  });

  it('an expired state gets KINTONE_OAUTH_STATE_EXPIRED', async () => {
    const { ws, admin } = await workspaceAtStep4();
    const { state } = await start(app, ws.id, admin);
    await sql`update kintone_oauth_states set expires_at = now() - interval '1 second'`.execute(database.db);
    expect(errorOf(await callback(app, admin, { code: fake.issueCode(), state }))).toBe(
      'KINTONE_OAUTH_STATE_EXPIRED',
    );
  });

  it('a state from another session is refused and left for its owner; no session at all likewise', async () => {
    const { ws, admin, adminUser } = await workspaceAtStep4();
    const { state } = await start(app, ws.id, admin);
    const stranger = await browserOf(database, (await createMember(database, ws, 'admin')).id);
    expect(errorOf(await callback(app, stranger, { code: fake.issueCode(), state }))).toBe(
      'KINTONE_OAUTH_STATE_SESSION_MISMATCH',
    );
    const sameUserOtherBrowser = await browserOf(database, adminUser.id);
    expect(errorOf(await callback(app, sameUserOtherBrowser, { code: fake.issueCode(), state }))).toBe(
      'KINTONE_OAUTH_STATE_SESSION_MISMATCH',
    );
    expect(errorOf(await callback(app, undefined, { code: fake.issueCode(), state }))).toBe(
      'KINTONE_OAUTH_STATE_SESSION_MISMATCH',
    );
    expect(errorOf(await callback(app, admin, { code: fake.issueCode(), state }))).toBeNull();
  });

  it('consent denied lands on KINTONE_CONSENT_DENIED and nothing is stored', async () => {
    const { ws, admin } = await workspaceAtStep4();
    const { state } = await start(app, ws.id, admin);
    expect(errorOf(await callback(app, admin, { error: 'access_denied', state }))).toBe(
      'KINTONE_CONSENT_DENIED',
    );
    expect(
      await database.db.selectFrom('kintone_grants').selectAll().where('workspace_id', '=', ws.id).execute(),
    ).toEqual([]);
    expect(errorOf(await callback(app, admin, { code: fake.issueCode(), state }))).toBe(
      'KINTONE_OAUTH_STATE_REUSED',
    );
  });

  it('code exchange failures: wrong secret, expired or reused code, IP restriction, unreachable, timeout', async () => {
    const wrong = await workspaceAtStep4(app, 'not-the-secret-at-all');
    let { state } = await start(app, wrong.ws.id, wrong.admin);
    expect(errorOf(await callback(app, wrong.admin, { code: fake.issueCode(), state }))).toBe(
      'KINTONE_CLIENT_INVALID',
    );

    const { ws, admin } = await workspaceAtStep4();
    const cases: [() => void, string][] = [
      [
        () => fake.state.tokenAnswers.push({ status: 400, json: { error: 'invalid_grant' } }),
        'KINTONE_AUTHORIZATION_CODE_INVALID',
      ],
      [
        () => fake.state.tokenAnswers.push({ status: 403, text: 'Access Forbidden.' }),
        'KINTONE_TOKEN_IP_FORBIDDEN',
      ],
      [
        () => fake.state.tokenAnswers.push(...Array(3).fill({ status: 503, text: '' })),
        'KINTONE_UNREACHABLE',
      ],
      [() => fake.state.tokenAnswers.push({ status: 200, json: {}, delayMs: 1500 }), 'KINTONE_TIMEOUT'],
    ];
    for (const [arrange, code] of cases) {
      arrange();
      ({ state } = await start(app, ws.id, admin));
      expect(errorOf(await callback(app, admin, { code: fake.issueCode(), state }))).toBe(code);
    }
    ({ state } = await start(app, ws.id, admin));
    expect(errorOf(await callback(app, admin, { code: 'code-never-issued', state }))).toBe(
      'KINTONE_AUTHORIZATION_CODE_INVALID',
    );
    const view = await request(app.app).get(base(ws.id)).set(admin.headers);
    expect(view.body.state).toBe('credentials-confirmed');
  });

  it('an unreachable tenant (nothing listening) is KINTONE_UNREACHABLE', async () => {
    const { ws, admin } = await workspaceAtStep4();
    const { state } = await start(app, ws.id, admin);
    await database.db
      .updateTable('kintone_integrations')
      .set({ base_url: 'http://localhost:9' })
      .where('workspace_id', '=', ws.id)
      .execute();
    await database.db
      .updateTable('kintone_oauth_states')
      .set({ base_url: 'http://localhost:9' })
      .where('workspace_id', '=', ws.id)
      .execute();
    expect(errorOf(await callback(app, admin, { code: fake.issueCode(), state }))).toBe(
      'KINTONE_UNREACHABLE',
    );
  });

  it('with KINTONE_PKCE=1 the URL carries an S256 challenge and the exchange its verifier', async () => {
    const pkceApp = buildKintoneTestApp(database, fake, keyring, { KINTONE_PKCE: '1' });
    const { ws, admin } = await workspaceAtStep4(pkceApp);
    const { url, state } = await start(pkceApp, ws.id, admin);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    const challenge = url.searchParams.get('code_challenge')!;
    const row = await database.db
      .selectFrom('kintone_oauth_states')
      .select('code_verifier')
      .where('workspace_id', '=', ws.id)
      .executeTakeFirstOrThrow();
    expect(row.code_verifier).toMatch(/^v1\.test\./);
    fake.state.tokenRequests.length = 0;
    expect(errorOf(await callback(pkceApp, admin, { code: fake.issueCode(), state }))).toBeNull();
    const verifier = fake.state.tokenRequests[0]!.body.code_verifier!;
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(challenge);
  });

  it('authorization starts are rate limited', async () => {
    const { ws, admin } = await workspaceAtStep4();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (
          await request(app.app)
            .post(`${base(ws.id)}/authorize`)
            .set(admin.headers)
        ).status,
      );
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('linking another tenant ends the authorization and its grants; the same tenant keeps them', async () => {
    const { ws, admin } = await workspaceAtStep4();
    const { state } = await start(app, ws.id, admin);
    await callback(app, admin, { code: fake.issueCode(), state });
    let res = await request(app.app)
      .put(`${base(ws.id)}/credentials`)
      .set(admin.headers)
      .send({ clientId: fake.client.id, authorizationEndpoint: `${fake.origin}/oauth2/authorization` });
    expect(res.body).toMatchObject({ state: 'authorized', me: { status: 'connected' } });
    res = await request(app.app)
      .put(`${base(ws.id)}/credentials`)
      .set(admin.headers)
      .send({
        clientId: 'c2',
        clientSecret: 's2',
        authorizationEndpoint: 'https://other.cybozu.com/oauth2/authorization',
      });
    expect(res.body).toMatchObject({
      state: 'credentials-confirmed',
      authorization: null,
      me: { status: 'never-connected' },
    });
    expect(
      await database.db.selectFrom('kintone_grants').selectAll().where('workspace_id', '=', ws.id).execute(),
    ).toEqual([]);
  });
});
