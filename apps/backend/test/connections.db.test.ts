import { sql } from 'kysely';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { removeMember } from '../src/accounts/workspaces.js';
import { getAccessToken } from '../src/connections/access-token.js';
import { openRefreshToken } from '../src/connections/grants-store.js';
import { type DatabaseHandle, openDatabase } from '../src/storage/database.js';
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

describe(`Kintone connections, revoke and token refresh (${engineUnderTest})`, () => {
  let database: DatabaseHandle;
  /** A second handle on the same database: another backend instance (PostgreSQL only; PGlite is one process). */
  let second: DatabaseHandle | undefined;
  let fake: FakeKintone;
  let app: ReturnType<typeof buildKintoneTestApp>;
  const keyring = sharedKeyring();
  beforeAll(async () => {
    database = await freshDatabase();
    fake = await startFakeKintone();
    app = buildKintoneTestApp(database, fake, keyring);
    if (process.env.TEST_DATABASE_URL) {
      const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(database.db);
      const url = new URL(process.env.TEST_DATABASE_URL);
      url.pathname = `/${rows[0]!.name}`;
      second = await openDatabase({ engine: 'postgres', url: url.toString() });
    }
  });
  afterAll(async () => {
    await second?.close();
    await fake.close();
    await database?.close();
  });
  beforeEach(() => {
    fake.state.tokenAnswers.length = 0;
    fake.state.restAnswers.length = 0;
    fake.state.expiresIn = 3600;
    fake.state.refreshDelayMs = 0;
  });

  const base = (workspaceId: string) => `/api/workspaces/${workspaceId}/kintone`;

  async function connect(workspaceId: string, browser: Browser, path: '/authorize' | '/connection') {
    const started = await request(app.app)
      .post(`${base(workspaceId)}${path}`)
      .set(browser.headers);
    expect(started.status).toBe(200);
    const state = new URL(started.body.authorizationUrl).searchParams.get('state')!;
    const res = await request(app.app)
      .get('/api/kintone/oauth/callback')
      .query({ code: fake.issueCode(), state })
      .set('Cookie', browser.cookie);
    expect(res.status).toBe(303);
    return new URL(res.headers.location!).searchParams;
  }

  /** An authorized Business workspace with an admin (connected by the authorization) and two members. */
  async function authorizedWorkspace() {
    const ws = await createWorkspace(database, { plan: 'business' });
    const admin = await browserOf(database, (await createMember(database, ws, 'admin', { name: 'Ada' })).id);
    const yamada = await createMember(database, ws, 'member', { name: 'Yamada' });
    const suzuki = await createMember(database, ws, 'member', { name: 'Suzuki' });
    await request(app.app)
      .post(`${base(ws.id)}/client-added`)
      .set(admin.headers)
      .expect(200);
    await request(app.app)
      .post(`${base(ws.id)}/users-configured`)
      .set(admin.headers)
      .expect(200);
    await request(app.app)
      .put(`${base(ws.id)}/credentials`)
      .set(admin.headers)
      .send({
        clientId: fake.client.id,
        clientSecret: fake.client.secret,
        authorizationEndpoint: `${fake.origin}/oauth2/authorization`,
      })
      .expect(200);
    expect((await connect(ws.id, admin, '/authorize')).get('outcome')).toBe('authorized');
    return {
      ws,
      admin,
      yamada: { user: yamada, browser: await browserOf(database, yamada.id) },
      suzuki: { user: suzuki, browser: await browserOf(database, suzuki.id) },
    };
  }

  const grantsOf = (workspaceId: string) =>
    database.db.selectFrom('kintone_grants').selectAll().where('workspace_id', '=', workspaceId).execute();

  it('removing a member from the workspace deletes their Kintone grant there, and only theirs', async () => {
    const { ws, yamada } = await authorizedWorkspace();
    expect((await connect(ws.id, yamada.browser, '/connection')).get('outcome')).toBe('connected');
    expect(await grantsOf(ws.id)).toHaveLength(2);
    const removed = await removeMember(database.db, { workspaceId: ws.id, email: yamada.user.email });
    expect(removed.ok).toBe(true);
    const left = await grantsOf(ws.id);
    expect(left).toHaveLength(1);
    expect(left.map((g) => g.user_id)).not.toContain(yamada.user.id);
  });

  it('members connect their own account, admins see everyone, and disconnecting removes only one grant', async () => {
    const { ws, admin, yamada, suzuki } = await authorizedWorkspace();
    expect((await connect(ws.id, yamada.browser, '/connection')).get('outcome')).toBe('connected');
    expect((await connect(ws.id, suzuki.browser, '/connection')).get('outcome')).toBe('connected');
    // Connecting again replaces the grant: still one per (workspace, user, tenant).
    await connect(ws.id, suzuki.browser, '/connection');
    expect(await grantsOf(ws.id)).toHaveLength(3);

    let list = await request(app.app)
      .get(`${base(ws.id)}/connections`)
      .set(admin.headers);
    expect(
      list.body.connections.map((c: { member: { name: string }; status: string }) => [
        c.member.name,
        c.status,
      ]),
    ).toEqual([
      ['Ada', 'connected'],
      ['Suzuki', 'connected'],
      ['Yamada', 'connected'],
    ]);
    const forbidden = await request(app.app)
      .get(`${base(ws.id)}/connections`)
      .set(yamada.browser.headers);
    expect(forbidden.status).toBe(403);

    const res = await request(app.app)
      .delete(`${base(ws.id)}/connection`)
      .set(yamada.browser.headers);
    expect(res.body.me.status).toBe('never-connected');
    const left = await grantsOf(ws.id);
    expect(left.map((g) => g.user_id)).not.toContain(yamada.user.id);
    expect(left).toHaveLength(2);
    list = await request(app.app)
      .get(`${base(ws.id)}/connections`)
      .set(admin.headers);
    expect(
      list.body.connections.find((c: { member: { id: string } }) => c.member.id === yamada.user.id).status,
    ).toBe('never-connected');
    const audit = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('workspace_id', '=', ws.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['kintone.connected', 'kintone.disconnected']),
    );
  });

  it('the connection check calls Kintone with the member’s grant and records the use', async () => {
    const { ws, admin, yamada } = await authorizedWorkspace();
    const check = await request(app.app)
      .post(`${base(ws.id)}/check`)
      .set(admin.headers);
    expect(check.body).toMatchObject({ ok: true, error: null });
    const view = await request(app.app).get(base(ws.id)).set(admin.headers);
    expect(view.body.me.lastUsedAt).not.toBeNull();
    const notConnected = await request(app.app)
      .post(`${base(ws.id)}/check`)
      .set(yamada.browser.headers);
    expect([notConnected.status, notConnected.body.error.code]).toEqual([409, 'KINTONE_NOT_CONNECTED']);
    fake.state.restAnswers.push({ status: 403, json: { code: 'CB_OA01', id: 'x', message: 'scope' } });
    const scope = await request(app.app)
      .post(`${base(ws.id)}/check`)
      .set(admin.headers);
    expect(scope.body).toMatchObject({ ok: false, error: 'KINTONE_SCOPE_MISSING' });
  });

  it('a token Kintone rejects (CB_OA01 401) is refreshed once and the call retried', async () => {
    const { ws, admin } = await authorizedWorkspace();
    fake.expireAccessTokens();
    const before = fake.state.calls.refresh;
    const check = await request(app.app)
      .post(`${base(ws.id)}/check`)
      .set(admin.headers);
    expect(check.body).toMatchObject({ ok: true });
    expect(fake.state.calls.refresh - before).toBe(1);
  });

  it('revoke deletes every grant and the client secret in one transaction; revoking twice is harmless', async () => {
    const { ws, admin, yamada } = await authorizedWorkspace();
    await connect(ws.id, yamada.browser, '/connection');
    const memberTry = await request(app.app)
      .post(`${base(ws.id)}/revoke`)
      .set(yamada.browser.headers);
    expect(memberTry.status).toBe(403);
    const res = await request(app.app)
      .post(`${base(ws.id)}/revoke`)
      .set(admin.headers);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'revoked',
      authorization: null,
      me: { status: 'never-connected' },
    });
    expect(res.body.revokedAt).not.toBeNull();
    expect(res.body.client).toMatchObject({ clientId: fake.client.id, clientSecretMasked: '' });
    expect(await grantsOf(ws.id)).toEqual([]);
    const row = await database.db
      .selectFrom('kintone_integrations')
      .select(['client_secret', 'client_id'])
      .where('workspace_id', '=', ws.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ client_secret: null, client_id: fake.client.id });
    const again = await request(app.app)
      .post(`${base(ws.id)}/revoke`)
      .set(admin.headers);
    expect(again.status).toBe(200);
    expect(again.body.state).toBe('revoked');
    const revocations = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('workspace_id', '=', ws.id)
      .where('action', '=', 'kintone.revoked')
      .execute();
    expect(revocations).toHaveLength(1);
    // Members can no longer connect; authorizing again needs the secret first.
    expect(
      (
        await request(app.app)
          .post(`${base(ws.id)}/connection`)
          .set(yamada.browser.headers)
      ).status,
    ).toBe(409);
    const reauth = await request(app.app)
      .post(`${base(ws.id)}/authorize`)
      .set(admin.headers);
    expect(reauth.body.error.code).toBe('KINTONE_CREDENTIALS_MISSING');
    // Setting up again: the secret, then Authorize & Connect.
    await request(app.app)
      .put(`${base(ws.id)}/credentials`)
      .set(admin.headers)
      .send({
        clientId: fake.client.id,
        clientSecret: fake.client.secret,
        authorizationEndpoint: `${fake.origin}/oauth2/authorization`,
      })
      .expect(200);
    expect((await connect(ws.id, admin, '/authorize')).get('outcome')).toBe('authorized');
  });

  it('a revoke that fails midway changes nothing (one transaction)', async () => {
    const { ws, admin } = await authorizedWorkspace();
    await sql`create or replace function fail_revoke() returns trigger language plpgsql as $$ begin raise exception 'boom'; end $$`.execute(
      database.db,
    );
    await sql`create trigger fail_revoke before update of client_secret on kintone_integrations for each row execute function fail_revoke()`.execute(
      database.db,
    );
    try {
      const res = await request(app.app)
        .post(`${base(ws.id)}/revoke`)
        .set(admin.headers);
      expect(res.status).toBe(500);
    } finally {
      await sql`drop trigger fail_revoke on kintone_integrations`.execute(database.db);
    }
    expect(await grantsOf(ws.id)).toHaveLength(1);
    const view = await request(app.app).get(base(ws.id)).set(admin.headers);
    expect(view.body.state).toBe('authorized');
  });

  describe('token refresh', () => {
    it('refreshes once for N parallel requests (and a second backend instance), keeping the old refresh token', async () => {
      const { ws } = await authorizedWorkspace();
      const [grant] = await grantsOf(ws.id);
      const refreshBefore = openRefreshToken(keyring, grant!);
      await database.db
        .updateTable('kintone_grants')
        .set({ access_token_expires_at: new Date(Date.now() + 30_000) })
        .where('id', '=', grant!.id)
        .execute();
      fake.state.refreshDelayMs = 100;
      const before = fake.state.calls.refresh;
      const deps = app.deps;
      const other = second ? { ...deps, database: second } : deps;
      const tokens = await Promise.all(
        Array.from({ length: 8 }, (_, i) => getAccessToken(i % 2 ? other : deps, grant!.id)),
      );
      expect(fake.state.calls.refresh - before).toBe(1);
      expect(new Set(tokens).size).toBe(1);
      const after = (await grantsOf(ws.id))[0]!;
      expect(openRefreshToken(keyring, after)).toBe(refreshBefore);
      expect(refreshBefore).toMatch(/^rt-/);
      expect(after.last_refreshed_at).not.toBeNull();
      expect(new Date(after.access_token_expires_at!).getTime()).toBeGreaterThan(Date.now() + 3000_000);
    });

    it('does not refresh a token that is still good for more than a minute', async () => {
      const { ws } = await authorizedWorkspace();
      const before = fake.state.calls.refresh;
      await getAccessToken(app.deps, (await grantsOf(ws.id))[0]!.id);
      expect(fake.state.calls.refresh).toBe(before);
    });

    it('takes a rotated refresh token when Kintone sends one', async () => {
      const { ws } = await authorizedWorkspace();
      const grant = (await grantsOf(ws.id))[0]!;
      await database.db
        .updateTable('kintone_grants')
        .set({ access_token_expires_at: new Date() })
        .where('id', '=', grant.id)
        .execute();
      fake.state.tokenAnswers.push({
        status: 200,
        json: {
          access_token: 'at-rotated',
          token_type: 'Bearer',
          expires_in: '3600',
          refresh_token: 'rt-rotated',
        },
      });
      expect(await getAccessToken(app.deps, grant.id)).toBe('at-rotated');
      expect(openRefreshToken(keyring, (await grantsOf(ws.id))[0]!)).toBe('rt-rotated');
    });

    it('invalid_grant marks the connection needs-reconnect, deletes its tokens and tells its owner and the admins', async () => {
      const { ws, admin, yamada } = await authorizedWorkspace();
      await connect(ws.id, yamada.browser, '/connection');
      const grant = (await grantsOf(ws.id)).find((g) => g.user_id === yamada.user.id)!;
      await database.db
        .updateTable('kintone_grants')
        .set({ access_token_expires_at: new Date() })
        .where('id', '=', grant.id)
        .execute();
      fake.forgetRefreshTokens();
      const check = await request(app.app)
        .post(`${base(ws.id)}/check`)
        .set(yamada.browser.headers);
      expect(check.body).toMatchObject({ ok: false, error: 'KINTONE_RECONNECT_REQUIRED' });
      const row = (await grantsOf(ws.id)).find((g) => g.id === grant.id)!;
      expect(row).toMatchObject({ status: 'needs-reconnect', access_token: null, refresh_token: null });
      const own = await request(app.app).get(base(ws.id)).set(yamada.browser.headers);
      expect(own.body).toMatchObject({ me: { status: 'needs-reconnect' }, needsAttention: true });
      const adminView = await request(app.app).get(base(ws.id)).set(admin.headers);
      expect(adminView.body).toMatchObject({ me: { status: 'connected' }, needsAttention: true });
      const list = await request(app.app)
        .get(`${base(ws.id)}/connections`)
        .set(admin.headers);
      expect(
        list.body.connections.find((c: { member: { id: string } }) => c.member.id === yamada.user.id).status,
      ).toBe('needs-reconnect');
      // Reconnecting replaces the dead grant.
      await connect(ws.id, yamada.browser, '/connection');
      const fresh = await request(app.app).get(base(ws.id)).set(yamada.browser.headers);
      expect(fresh.body).toMatchObject({ me: { status: 'connected' }, needsAttention: false });
    });
  });

  it('no response, row or log line holds a token or the client secret', async () => {
    const { ws, admin } = await authorizedWorkspace();
    const responses = [
      await request(app.app).get(base(ws.id)).set(admin.headers),
      await request(app.app)
        .get(`${base(ws.id)}/connections`)
        .set(admin.headers),
      await request(app.app)
        .post(`${base(ws.id)}/check`)
        .set(admin.headers),
    ].map((r) => JSON.stringify(r.body));
    const { rows } = await sql`select * from kintone_grants, kintone_integrations, audit_log`.execute(
      database.db,
    );
    const everything = responses.join('') + JSON.stringify(rows) + app.logLines.join('');
    for (const secret of fake.secrets()) expect(everything).not.toContain(secret);
  });
});
