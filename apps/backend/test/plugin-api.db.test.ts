import { PLUGIN_KEY_HEADER } from '@notta/shared';
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

describe(`Plug-in keys and the plug-in API (${engineUnderTest})`, () => {
  let database: DatabaseHandle;
  let fake: FakeKintone;
  let app: ReturnType<typeof buildKintoneTestApp>;
  /** Every key secret handed out, to search responses, rows and logs for. */
  const secrets: string[] = [];
  const bodies: string[] = [];
  beforeAll(async () => {
    database = await freshDatabase();
    fake = await startFakeKintone();
    app = buildKintoneTestApp(database, fake, sharedKeyring());
  });
  afterAll(async () => {
    // Nothing but the one creation answer ever carries a key: no other answer, no log line.
    const logs = app.logLines.join('\n');
    for (const secret of secrets) {
      expect(logs).not.toContain(secret);
      expect(bodies.filter((b) => b.includes(secret))).toHaveLength(1);
    }
    await fake.close();
    await database?.close();
  });

  const kintone = (ws: string) => `/api/workspaces/${ws}/kintone`;
  const keys = (ws: string) => `/api/workspaces/${ws}/plugin-keys`;
  const plugin = '/api/plugin/v1';
  const keep = <T extends { body: unknown; text?: string }>(res: T): T => {
    bodies.push(res.text ?? JSON.stringify(res.body));
    return res;
  };
  const mapping = { meetingId: 'meeting_id', title: 'title', transcript: 'transcript' };

  async function authorize(ws: string, admin: Browser) {
    for (const path of ['/client-added', '/users-configured']) {
      await request(app.app)
        .post(`${kintone(ws)}${path}`)
        .set(admin.headers)
        .expect(200);
    }
    await request(app.app)
      .put(`${kintone(ws)}/credentials`)
      .set(admin.headers)
      .send({
        clientId: fake.client.id,
        clientSecret: fake.client.secret,
        authorizationEndpoint: `${fake.origin}/oauth2/authorization`,
      })
      .expect(200);
    const started = await request(app.app)
      .post(`${kintone(ws)}/authorize`)
      .set(admin.headers)
      .expect(200);
    const state = new URL(started.body.authorizationUrl).searchParams.get('state')!;
    const done = await request(app.app)
      .get('/api/kintone/oauth/callback')
      .query({ code: fake.issueCode(), state })
      .set('Cookie', admin.cookie);
    expect(new URL(done.headers.location!).searchParams.get('outcome')).toBe('authorized');
  }

  /** An authorized Business workspace, its admin, a member, and one plug-in key. */
  async function authorizedWorkspace() {
    const ws = await createWorkspace(database, { plan: 'business' });
    const adminUser = await createMember(database, ws, 'admin', { name: 'Ada' });
    const admin = await browserOf(database, adminUser.id);
    const member = await browserOf(database, (await createMember(database, ws, 'member')).id);
    await authorize(ws.id, admin);
    const created = keep(
      await request(app.app).post(keys(ws.id)).set(admin.headers).send({ label: 'Sales app' }),
    );
    expect(created.status).toBe(201);
    secrets.push(created.body.secret);
    return { ws, admin, adminUser, member, key: created.body.secret as string, keyId: created.body.key.id };
  }

  const call = (method: 'get' | 'put' | 'delete', path: string, key: string | undefined) => {
    const req = request(app.app)[method](`${plugin}${path}`);
    return key === undefined ? req : req.set(PLUGIN_KEY_HEADER, key);
  };

  describe('plug-in keys in Notta Web', () => {
    it('shows a new key once, stores only its hash, and lists it without the secret', async () => {
      const { ws, admin, adminUser, key, keyId } = await authorizedWorkspace();
      expect(key).toMatch(/^npk_[A-Za-z0-9_-]{43}$/);

      const rows = await database.db.selectFrom('plugin_keys').selectAll().where('id', '=', keyId).execute();
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(key);
      expect(JSON.stringify(rows)).not.toContain(key.slice(4));
      expect(rows[0]!.prefix).toBe(key.slice(0, 12));

      const list = keep(await request(app.app).get(keys(ws.id)).set(admin.headers));
      expect(list.status).toBe(200);
      expect(list.body.keys).toEqual([
        {
          id: keyId,
          label: 'Sales app',
          prefix: key.slice(0, 12),
          createdAt: expect.any(String),
          createdBy: { id: adminUser.id, name: 'Ada' },
          lastUsedAt: null,
        },
      ]);
      expect(list.text).not.toContain(rows[0]!.key_hash);

      // Using it sets "last used" (at most once a minute).
      keep(await call('get', `/connection?tenantBaseUrl=${fake.origin}`, key).expect(200));
      const after = keep(await request(app.app).get(keys(ws.id)).set(admin.headers));
      expect(after.body.keys[0].lastUsedAt).not.toBeNull();

      const audit = await database.db
        .selectFrom('audit_log')
        .select(['action', 'details'])
        .where('workspace_id', '=', ws.id)
        .where('action', 'like', 'kintone.plugin-key%')
        .execute();
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit)).not.toContain(key);
    });

    it('revoking a key deletes it: the plug-in gets PLUGIN_KEY_INVALID; revoking again is 204', async () => {
      const { ws, admin, key, keyId } = await authorizedWorkspace();
      await request(app.app)
        .delete(`${keys(ws.id)}/${keyId}`)
        .set(admin.headers)
        .expect(204);
      await request(app.app)
        .delete(`${keys(ws.id)}/${keyId}`)
        .set(admin.headers)
        .expect(204);
      expect(
        await database.db.selectFrom('plugin_keys').where('id', '=', keyId).selectAll().execute(),
      ).toEqual([]);
      const list = keep(await request(app.app).get(keys(ws.id)).set(admin.headers));
      expect(list.body.keys).toEqual([]);
      const res = keep(await call('get', `/connection?tenantBaseUrl=${fake.origin}`, key));
      expect([res.status, res.body.error.code]).toEqual([401, 'PLUGIN_KEY_INVALID']);
      const audit = await database.db
        .selectFrom('audit_log')
        .select('action')
        .where('workspace_id', '=', ws.id)
        .where('action', '=', 'kintone.plugin-key-revoked')
        .execute();
      expect(audit).toHaveLength(1);
    });

    it('another workspace can neither list nor revoke the keys; members, Pro and unauthorized workspaces are refused', async () => {
      const a = await authorizedWorkspace();
      const b = await authorizedWorkspace();
      // b's admin on a's URLs: a is not their workspace.
      const list = await request(app.app).get(keys(a.ws.id)).set(b.admin.headers);
      expect([list.status, list.body.error.code]).toEqual([404, 'WORKSPACE_NOT_FOUND']);
      const del = await request(app.app)
        .delete(`${keys(a.ws.id)}/${a.keyId}`)
        .set(b.admin.headers);
      expect([del.status, del.body.error.code]).toEqual([404, 'WORKSPACE_NOT_FOUND']);
      // a's key id through b's own workspace: not b's key.
      const foreign = await request(app.app)
        .delete(`${keys(b.ws.id)}/${a.keyId}`)
        .set(b.admin.headers);
      expect([foreign.status, foreign.body.error.code]).toEqual([404, 'NOT_FOUND']);
      keep(await call('get', `/connection?tenantBaseUrl=${fake.origin}`, a.key).expect(200));

      for (const [method, path, body] of [
        ['get', '', undefined],
        ['post', '', { label: 'x' }],
        ['delete', `/${a.keyId}`, undefined],
      ] as const) {
        const res = await request(app.app)
          [method](`${keys(a.ws.id)}${path}`)
          .set(a.member.headers)
          .send(body);
        expect([method, res.status, res.body.error.code]).toEqual([method, 403, 'ROLE_NOT_ALLOWED']);
      }
      const linked = await request(app.app)
        .get(`${kintone(a.ws.id)}/apps`)
        .set(a.member.headers);
      expect(linked.status).toBe(200);

      const pro = await createWorkspace(database, { plan: 'pro' });
      const proOwner = await browserOf(database, (await createMember(database, pro, 'owner')).id);
      const proRes = await request(app.app).post(keys(pro.id)).set(proOwner.headers).send({ label: 'x' });
      expect([proRes.status, proRes.body.error.code]).toEqual([402, 'PLAN_EXCLUDES_KINTONE']);

      const fresh = await createWorkspace(database, { plan: 'enterprise' });
      const freshOwner = await browserOf(database, (await createMember(database, fresh, 'owner')).id);
      const freshRes = await request(app.app)
        .post(keys(fresh.id))
        .set(freshOwner.headers)
        .send({ label: 'x' });
      expect([freshRes.status, freshRes.body.error.code]).toEqual([409, 'KINTONE_WORKSPACE_NOT_AUTHORIZED']);

      const noCsrf = await request(app.app)
        .post(keys(a.ws.id))
        .set('Cookie', a.admin.cookie)
        .send({ label: 'x' });
      expect([noCsrf.status, noCsrf.body.error.code]).toEqual([403, 'CSRF_INVALID']);
      const noLabel = await request(app.app).post(keys(a.ws.id)).set(a.admin.headers).send({ label: ' ' });
      expect([noLabel.status, noLabel.body.error.code]).toEqual([400, 'REQUEST_INVALID']);
    });
  });

  describe('the plug-in API', () => {
    it('checks the connection: workspace, tenant, state and key label; refuses a bad key or another tenant', async () => {
      const { ws, key } = await authorizedWorkspace();
      const ok = keep(await call('get', `/connection?tenantBaseUrl=${fake.origin.toUpperCase()}/`, key));
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({
        workspace: { id: ws.id, name: ws.name },
        tenant: { baseUrl: fake.origin },
        state: 'authorized',
        keyLabel: 'Sales app',
      });

      const mismatch = keep(await call('get', '/connection?tenantBaseUrl=https://other.cybozu.com', key));
      expect([mismatch.status, mismatch.body.error.code]).toEqual([403, 'PLUGIN_TENANT_MISMATCH']);
      for (const bad of [undefined, '', 'npk_nope', `npk_${'A'.repeat(43)}`, `Bearer ${key}`]) {
        const res = keep(await call('get', `/connection?tenantBaseUrl=${fake.origin}`, bad));
        expect([res.status, res.body.error.code]).toEqual([401, 'PLUGIN_KEY_INVALID']);
      }
      const noTenant = keep(await call('get', '/connection', key));
      expect([noTenant.status, noTenant.body.error.code]).toEqual([400, 'REQUEST_INVALID']);
      // No session and no CSRF token are needed: the key alone authenticates.
    });

    it('links, updates and unlinks an app; Notta Web lists linked apps; the audit log records each', async () => {
      const { ws, admin, member, key } = await authorizedWorkspace();
      const body = { tenantBaseUrl: fake.origin, appName: 'Meeting notes', mapping, panelSpace: 'notta' };
      const linked = keep(await call('put', '/apps/12', key).send(body));
      expect(linked.status).toBe(200);
      expect(linked.body).toMatchObject({
        appId: '12',
        tenantBaseUrl: fake.origin,
        mapping,
        panelSpace: 'notta',
      });

      const updated = keep(
        await call('put', '/apps/12', key).send({
          ...body,
          mapping: { meetingId: 'meeting_id' },
          panelSpace: null,
        }),
      );
      expect(updated.body).toMatchObject({ mapping: { meetingId: 'meeting_id' }, panelSpace: null });
      expect(updated.body.linkedAt).toBe(linked.body.linkedAt);

      for (const browser of [admin, member]) {
        const list = keep(
          await request(app.app)
            .get(`${kintone(ws.id)}/apps`)
            .set(browser.headers),
        );
        expect(list.body.apps).toEqual([updated.body]);
      }
      const health = keep(await call('get', `/apps/12/health?tenantBaseUrl=${fake.origin}`, key));
      expect(health.body).toMatchObject({ status: 'connected', code: null });

      await call('delete', `/apps/12?tenantBaseUrl=${fake.origin}`, key).expect(204);
      await call('delete', `/apps/12?tenantBaseUrl=${fake.origin}`, key).expect(204);
      const empty = await request(app.app)
        .get(`${kintone(ws.id)}/apps`)
        .set(admin.headers);
      expect(empty.body.apps).toEqual([]);
      const gone = keep(await call('get', `/apps/12/health?tenantBaseUrl=${fake.origin}`, key));
      expect(gone.body).toMatchObject({ status: 'not-linked', code: 'PLUGIN_APP_NOT_LINKED' });

      const audit = await database.db
        .selectFrom('audit_log')
        .select('action')
        .where('workspace_id', '=', ws.id)
        .where('action', 'like', 'kintone.app-%')
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual([
        'kintone.app-linked',
        'kintone.app-link-updated',
        'kintone.app-unlinked',
      ]);

      const otherTenant = keep(
        await call('put', '/apps/12', key).send({ ...body, tenantBaseUrl: 'https://other.cybozu.com' }),
      );
      expect([otherTenant.status, otherTenant.body.error.code]).toEqual([403, 'PLUGIN_TENANT_MISMATCH']);
      const badApp = keep(await call('put', '/apps/abc', key).send(body));
      expect([badApp.status, badApp.body.error.code]).toEqual([400, 'REQUEST_INVALID']);
    });

    it('refuses a bad mapping with PLUGIN_MAPPING_INVALID naming each bad meeting field', async () => {
      const { key } = await authorizedWorkspace();
      const send = (m: unknown) =>
        call('put', '/apps/7', key).send({ tenantBaseUrl: fake.origin, mapping: m, panelSpace: null });
      const missing = keep(await send({ title: 'has space' }));
      expect([missing.status, missing.body.error.code]).toEqual([400, 'PLUGIN_MAPPING_INVALID']);
      expect(missing.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
        'body.mapping.meetingId',
        'body.mapping.title',
      ]);
      const twice = keep(await send({ meetingId: 'code', title: 'code' }));
      expect([twice.status, twice.body.error.code]).toEqual([400, 'PLUGIN_MAPPING_INVALID']);
      expect(twice.body.error.fields).toEqual([{ path: 'body.mapping.title', message: expect.any(String) }]);
      expect(twice.body.error.message?.en ?? JSON.stringify(twice.body)).toContain('title');
    });

    it('checks the mapping against the app’s real fields when the authorizing grant works', async () => {
      const { key } = await authorizedWorkspace();
      fake.state.formFields['21'] = {
        meeting_id: { code: 'meeting_id', type: 'SINGLE_LINE_TEXT', unique: false },
        title: { code: 'title', type: 'NUMBER' },
        transcript: { code: 'transcript', type: 'MULTI_LINE_TEXT' },
      };
      const send = () =>
        call('put', '/apps/21', key).send({ tenantBaseUrl: fake.origin, mapping, panelSpace: null });
      const bad = keep(await send());
      expect([bad.status, bad.body.error.code]).toEqual([400, 'PLUGIN_MAPPING_INVALID']);
      expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toEqual([
        'body.mapping.meetingId',
        'body.mapping.title',
      ]);
      fake.state.formFields['21'] = {
        meeting_id: { code: 'meeting_id', type: 'SINGLE_LINE_TEXT', unique: true },
        title: { code: 'title', type: 'SINGLE_LINE_TEXT' },
        transcript: { code: 'transcript', type: 'RICH_TEXT' },
      };
      expect(keep(await send()).status).toBe(200);
    });

    it('reports health: connected, needs attention when the authorizing grant needs reconnecting, not linked', async () => {
      const { ws, adminUser, key } = await authorizedWorkspace();
      await call('put', '/apps/3', key)
        .send({ tenantBaseUrl: fake.origin, mapping, panelSpace: null })
        .expect(200);
      const health = (app: string) => call('get', `/apps/${app}/health?tenantBaseUrl=${fake.origin}`, key);
      expect((await health('3')).body).toMatchObject({ status: 'connected', code: null });
      expect((await health('4')).body).toMatchObject({ status: 'not-linked', code: 'PLUGIN_APP_NOT_LINKED' });
      await database.db
        .updateTable('kintone_grants')
        .set({ status: 'needs-reconnect', access_token: null, refresh_token: null })
        .where('workspace_id', '=', ws.id)
        .where('user_id', '=', adminUser.id)
        .execute();
      expect((await health('3')).body).toMatchObject({
        status: 'needs-attention',
        code: 'KINTONE_RECONNECT_REQUIRED',
      });
      const mismatch = await call('get', '/apps/3/health?tenantBaseUrl=https://other.cybozu.com', key);
      expect([mismatch.status, mismatch.body.error.code]).toEqual([403, 'PLUGIN_TENANT_MISMATCH']);
    });

    it('revoking the workspace disables its keys: the API says KINTONE_INTEGRATION_REVOKED and health says revoked', async () => {
      const { ws, admin, key, keyId } = await authorizedWorkspace();
      await call('put', '/apps/5', key)
        .send({ tenantBaseUrl: fake.origin, mapping, panelSpace: null })
        .expect(200);
      await request(app.app)
        .post(`${kintone(ws.id)}/revoke`)
        .set(admin.headers)
        .expect(200);

      const row = await database.db
        .selectFrom('plugin_keys')
        .selectAll()
        .where('id', '=', keyId)
        .executeTakeFirst();
      expect(row?.disabled_at).not.toBeNull();
      const connection = keep(await call('get', `/connection?tenantBaseUrl=${fake.origin}`, key));
      expect([connection.status, connection.body.error.code]).toEqual([409, 'KINTONE_INTEGRATION_REVOKED']);
      const link = keep(
        await call('put', '/apps/5', key).send({ tenantBaseUrl: fake.origin, mapping, panelSpace: null }),
      );
      expect([link.status, link.body.error.code]).toEqual([409, 'KINTONE_INTEGRATION_REVOKED']);
      const health = keep(await call('get', `/apps/5/health?tenantBaseUrl=${fake.origin}`, key));
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'revoked', code: 'KINTONE_INTEGRATION_REVOKED' });
      // Disabled keys are no longer listed, and a new authorization does not bring them back.
      const list = await request(app.app).get(keys(ws.id)).set(admin.headers);
      expect(list.body.keys).toEqual([]);
      const created = await request(app.app).post(keys(ws.id)).set(admin.headers).send({ label: 'x' });
      expect(created.body.error.code).toBe('KINTONE_WORKSPACE_NOT_AUTHORIZED');
      const revokeAudit = await database.db
        .selectFrom('audit_log')
        .select('details')
        .where('workspace_id', '=', ws.id)
        .where('action', '=', 'kintone.revoked')
        .executeTakeFirstOrThrow();
      const details =
        typeof revokeAudit.details === 'string' ? JSON.parse(revokeAudit.details) : revokeAudit.details;
      expect(details.pluginKeysDisabled).toBe(1);
    });

    it('rate-limits failed key attempts per client address', async () => {
      let last = 0;
      for (let i = 0; i < 61; i++) {
        last = (
          await call('get', `/connection?tenantBaseUrl=${fake.origin}`, `npk_${String(i).padStart(43, 'x')}`)
        ).status;
      }
      expect(last).toBe(429);
    });
  });
});
