import { type Plan, plans, type Role, roles } from '@notta/shared';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe(`Kintone setup over HTTP (${engineUnderTest})`, () => {
  let database: DatabaseHandle;
  let fake: FakeKintone;
  let app: ReturnType<typeof buildKintoneTestApp>;
  beforeAll(async () => {
    database = await freshDatabase();
    fake = await startFakeKintone();
    app = buildKintoneTestApp(database, fake, sharedKeyring());
  });
  afterAll(async () => {
    await fake.close();
    await database?.close();
  });
  const base = (workspaceId: string) => `/api/workspaces/${workspaceId}/kintone`;

  describe('who may do what: role × plan × workspace', () => {
    // Expected status per action, for a member of the workspace (own) on each plan. Another workspace is always 404.
    const actions = [
      { name: 'view', method: 'get', path: '' },
      { name: 'setup step 1', method: 'post', path: '/client-added' },
      { name: 'members’ connections', method: 'get', path: '/connections' },
      { name: 'connect own', method: 'post', path: '/connection' },
      { name: 'disconnect own', method: 'delete', path: '/connection' },
      { name: 'revoke', method: 'post', path: '/revoke' },
    ] as const;
    const expected: Record<Plan, Record<Role, number[]>> = {
      //                  view setup conns connect disconnect revoke
      free: {
        owner: [200, 402, 402, 402, 200, 200],
        admin: [200, 402, 402, 402, 200, 200],
        member: [200, 402, 402, 402, 200, 403],
      },
      pro: {
        owner: [200, 402, 402, 402, 200, 200],
        admin: [200, 402, 402, 402, 200, 200],
        member: [200, 402, 402, 402, 200, 403],
      },
      business: {
        owner: [200, 200, 200, 409, 200, 200],
        admin: [200, 200, 200, 409, 200, 200],
        member: [200, 403, 403, 409, 200, 403],
      },
      enterprise: {
        owner: [200, 200, 200, 409, 200, 200],
        admin: [200, 200, 200, 409, 200, 200],
        member: [200, 403, 403, 409, 200, 403],
      },
    };
    const codeFor: Record<number, string> = {
      402: 'PLAN_EXCLUDES_KINTONE',
      403: 'ROLE_NOT_ALLOWED',
      404: 'WORKSPACE_NOT_FOUND',
      409: 'KINTONE_WORKSPACE_NOT_AUTHORIZED',
    };

    for (const plan of plans) {
      for (const role of roles) {
        it(`a ${role} on ${plan}: ${actions.map((a, i) => `${a.name} ${expected[plan][role][i]}`).join(', ')}; another workspace 404`, async () => {
          const own = await createWorkspace(database, { plan });
          const other = await createWorkspace(database, { plan });
          await createMember(database, other, 'owner');
          const user = await createMember(database, own, role);
          const browser = await browserOf(database, user.id);
          for (const [i, action] of actions.entries()) {
            const res = await request(app.app)
              [action.method](`${base(own.id)}${action.path}`)
              .set(browser.headers);
            const status = expected[plan][role][i]!;
            expect([action.name, res.status]).toEqual([action.name, status]);
            if (status !== 200) expect(res.body.error.code).toBe(codeFor[status]);
            const foreign = await request(app.app)
              [action.method](`${base(other.id)}${action.path}`)
              .set(browser.headers);
            expect([action.name, foreign.status, foreign.body.error?.code]).toEqual([
              action.name,
              404,
              'WORKSPACE_NOT_FOUND',
            ]);
            expect(JSON.stringify(foreign.body)).not.toContain(other.name);
          }
          const view = await request(app.app).get(base(own.id)).set(browser.headers);
          expect(view.body.canManage).toBe(expected[plan][role][1] === 200);
          expect(view.body.facts === null).toBe(expected[plan][role][1] !== 200);
          expect(view.body.planIncludesKintone).toBe(plan === 'business' || plan === 'enterprise');
        });
      }
    }

    it('without a session every workspace route is 401', async () => {
      const ws = await createWorkspace(database);
      for (const [method, path] of [
        ['get', ''],
        ['post', '/client-added'],
        ['post', '/revoke'],
      ] as const) {
        const res = await request(app.app)[method](`${base(ws.id)}${path}`);
        expect(res.status).toBe(401);
      }
    });
  });

  describe('the wizard', () => {
    let ws: { id: string };
    let admin: Browser;
    let owner: Browser;
    beforeAll(async () => {
      ws = await createWorkspace(database, { plan: 'business' });
      admin = await browserOf(database, (await createMember(database, ws, 'admin')).id);
      owner = await browserOf(database, (await createMember(database, ws, 'owner')).id);
    });

    it('refuses every change without the CSRF token and changes nothing', async () => {
      const mutations = [
        ['put', '/step', { step: 1 }],
        ['post', '/client-added', undefined],
        ['post', '/users-configured', undefined],
        ['put', '/credentials', { clientId: 'x', clientSecret: 'y', authorizationEndpoint: 'z' }],
        ['put', '/ip-restriction', { usesIpRestriction: true }],
        ['post', '/authorize', undefined],
        ['post', '/connection', undefined],
        ['delete', '/connection', undefined],
        ['post', '/check', undefined],
        ['post', '/revoke', undefined],
      ] as const;
      for (const [method, path, body] of mutations) {
        const res = await request(app.app)
          [method](`${base(ws.id)}${path}`)
          .set('Cookie', admin.cookie)
          .send(body);
        expect([path, res.status, res.body.error.code]).toEqual([path, 403, 'CSRF_INVALID']);
      }
      const view = await request(app.app).get(base(ws.id)).set(admin.headers);
      expect(view.body).toMatchObject({ state: 'not-started', currentStep: 1, furthestStep: 1 });
    });

    it('shows the setup facts an admin types into Kintone', async () => {
      const view = await request(app.app).get(base(ws.id)).set(admin.headers);
      expect(view.status).toBe(200);
      expect(view.body.facts).toEqual({
        clientName: 'Notta',
        clientLogoUrl: 'http://notta.test/api/kintone/client-logo.png',
        redirectEndpoint: 'http://notta.test/api/kintone/oauth/callback',
        egressIp: '203.0.113.10',
        egressCidr: '203.0.113.0/28',
        scopes: ['k:app_record:read', 'k:app_record:write', 'k:app_settings:read', 'k:file:write'],
        kintoneDevOrigins: [fake.origin],
      });
      expect(view.body.me).toEqual({ status: 'never-connected', connectedAt: null, lastUsedAt: null });
    });

    it('walks steps 1 to 3, refuses skipping ahead, and remembers the step for another session', async () => {
      let res = await request(app.app)
        .post(`${base(ws.id)}/users-configured`)
        .set(admin.headers);
      expect([res.status, res.body.error.code]).toEqual([409, 'KINTONE_STEP_NOT_REACHED']);
      res = await request(app.app)
        .put(`${base(ws.id)}/step`)
        .set(admin.headers)
        .send({ step: 3 });
      expect([res.status, res.body.error.code]).toEqual([409, 'KINTONE_STEP_NOT_REACHED']);
      res = await request(app.app)
        .post(`${base(ws.id)}/client-added`)
        .set(admin.headers);
      expect(res.body).toMatchObject({ state: 'client-added', currentStep: 2, furthestStep: 2 });
      res = await request(app.app)
        .post(`${base(ws.id)}/users-configured`)
        .set(admin.headers);
      expect(res.body).toMatchObject({ state: 'users-configured', currentStep: 3, furthestStep: 3 });
      res = await request(app.app)
        .put(`${base(ws.id)}/step`)
        .set(admin.headers)
        .send({ step: 1 });
      expect(res.body).toMatchObject({ state: 'users-configured', currentStep: 1, furthestStep: 3 });
      // Signed out and back in (a new session), or another admin: the same place.
      const again = await browserOf(database, (await createMember(database, ws, 'admin')).id);
      res = await request(app.app).get(base(ws.id)).set(again.headers);
      expect(res.body).toMatchObject({ currentStep: 1, furthestStep: 3 });
      res = await request(app.app)
        .put(`${base(ws.id)}/step`)
        .set(owner.headers)
        .send({ step: 3 });
      expect(res.body.currentStep).toBe(3);
      res = await request(app.app)
        .put(`${base(ws.id)}/step`)
        .set(owner.headers)
        .send({ step: 7 });
      expect([res.status, res.body.error.fields[0].path]).toEqual([400, 'body.step']);
    });

    it('validates the authorization endpoint with the shared parser and names the field', async () => {
      const put = (authorizationEndpoint: string) =>
        request(app.app)
          .put(`${base(ws.id)}/credentials`)
          .set(admin.headers)
          .send({ clientId: 'abc', clientSecret: 'sec', authorizationEndpoint });
      for (const [endpoint, code] of [
        ['acme.cybozu.com/oauth2/authorization', 'KINTONE_ENDPOINT_SCHEME_MISSING'],
        ['https://acme.example.com/oauth2/authorization', 'KINTONE_ENDPOINT_NOT_KINTONE'],
        ['https://acme.cybozu.com/oauth2/token', 'KINTONE_ENDPOINT_IS_TOKEN_ENDPOINT'],
        ['http://localhost:1/oauth2/authorization', 'KINTONE_ENDPOINT_SCHEME_NOT_HTTPS'],
      ] as const) {
        const res = await put(endpoint);
        expect([endpoint, res.status, res.body.error.code]).toEqual([endpoint, 400, code]);
        expect(res.body.error.fields[0].path).toBe('body.authorizationEndpoint');
      }
      const missing = await request(app.app)
        .put(`${base(ws.id)}/credentials`)
        .set(admin.headers)
        .send({ clientSecret: 'sec', authorizationEndpoint: 'x' });
      expect(missing.body.error.fields.map((f: { path: string }) => f.path)).toContain('body.clientId');
      const view = await request(app.app).get(base(ws.id)).set(admin.headers);
      expect(view.body.client).toBeNull();
    });

    it('stores the secret encrypted, shows it only masked, and keeps it when the form leaves it out', async () => {
      const secret = 'kintone-client-secret-AAAA1234';
      let res = await request(app.app)
        .put(`${base(ws.id)}/credentials`)
        .set(admin.headers)
        .send({
          clientId: 'client-1',
          clientSecret: secret,
          authorizationEndpoint: `${fake.origin}/oauth2/authorization`,
        });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ state: 'credentials-confirmed', currentStep: 4, furthestStep: 4 });
      expect(res.body.client).toMatchObject({
        clientId: 'client-1',
        clientSecretMasked: '••••••••1234',
        tenant: { baseUrl: fake.origin, tokenEndpoint: `${fake.origin}/oauth2/token`, region: 'dev' },
      });
      expect(JSON.stringify(res.body)).not.toContain(secret);
      const row = await database.db
        .selectFrom('kintone_integrations')
        .selectAll()
        .where('workspace_id', '=', ws.id)
        .executeTakeFirstOrThrow();
      expect(row.client_secret).toMatch(/^v1\.test\./);
      expect(JSON.stringify(row)).not.toContain(secret);

      res = await request(app.app)
        .put(`${base(ws.id)}/credentials`)
        .set(admin.headers)
        .send({ clientId: 'client-2', authorizationEndpoint: `${fake.origin}/oauth2/authorization` });
      expect(res.body.client).toMatchObject({ clientId: 'client-2', clientSecretMasked: '••••••••1234' });

      res = await request(app.app)
        .put(`${base(ws.id)}/ip-restriction`)
        .set(admin.headers)
        .send({ usesIpRestriction: true });
      expect(res.body.usesIpRestriction).toBe(true);
      expect(app.logLines.join('')).not.toContain(secret);
    });

    it('a plain member sees the card but neither facts nor the client', async () => {
      const member = await browserOf(database, (await createMember(database, ws, 'member')).id);
      const res = await request(app.app).get(base(ws.id)).set(member.headers);
      expect(res.body).toMatchObject({
        canManage: false,
        facts: null,
        client: null,
        state: 'credentials-confirmed',
      });
    });

    it('audits each step and credential change, never the secret', async () => {
      const rows = await database.db
        .selectFrom('audit_log')
        .select(['action', 'details'])
        .where('workspace_id', '=', ws.id)
        .orderBy('id')
        .execute();
      const actions = rows.map((r) => r.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'kintone.client-added',
          'kintone.users-configured',
          'kintone.step-changed',
          'kintone.credentials-saved',
          'kintone.ip-restriction-set',
        ]),
      );
      expect(JSON.stringify(rows)).not.toContain('kintone-client-secret');
    });
  });

  it('serves the client logo as a downloadable PNG without a session', async () => {
    const res = await request(app.app).get('/api/kintone/client-logo.png').buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toContain('filename="notta-kintone-logo.png"');
    const body = res.body as Buffer;
    expect(body.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(body.readUInt32BE(16)).toBe(256);
  });
});
