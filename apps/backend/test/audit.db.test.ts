import { apiErrorBody, auditLogResponse } from '@notta/shared';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setWorkspacePlan } from '../src/accounts/workspaces.js';
import { recordAudit } from '../src/audit/audit-log.js';
import type { DatabaseHandle } from '../src/storage/database.js';
import {
  createMember,
  createWorkspace,
  type SignedIn,
  signIn,
  type TestUser,
  type TestWorkspace,
} from './support/accounts.js';
import { buildTestApp } from './support/app.js';
import { freshDatabase } from './support/database.js';

describe('the audit log', () => {
  let database: DatabaseHandle;
  let app: ReturnType<typeof buildTestApp>['app'];
  let acme: TestWorkspace;
  let globex: TestWorkspace;
  let owner: TestUser;
  const sessions: Record<'owner' | 'admin' | 'member' | 'otherAdmin', SignedIn> = {} as never;

  beforeAll(async () => {
    database = await freshDatabase();
    app = buildTestApp(database).app;
    acme = await createWorkspace(database, { name: 'Acme', plan: 'business' });
    globex = await createWorkspace(database, { name: 'Globex', plan: 'business' });
    owner = await createMember(database, acme, 'owner', { name: 'Olivia' });
    const admin = await createMember(database, acme, 'admin');
    const member = await createMember(database, acme, 'member');
    const otherAdmin = await createMember(database, globex, 'admin');
    sessions.owner = await signIn(app, owner);
    sessions.admin = await signIn(app, admin);
    sessions.member = await signIn(app, member);
    sessions.otherAdmin = await signIn(app, otherAdmin);
    for (let i = 1; i <= 5; i++) {
      await recordAudit(database.db, {
        workspaceId: acme.id,
        actorUserId: owner.id,
        action: 'test.step',
        details: { n: i, note: `step ${i}`, done: i === 5, extra: null },
      });
    }
    await recordAudit(database.db, { workspaceId: globex.id, actorUserId: null, action: 'globex.secret' });
    await setWorkspacePlan(database.db, acme.id, 'enterprise');
  });
  afterAll(() => database?.close());

  const url = (ws: { id: string }) => `/api/workspaces/${ws.id}/audit-log`;

  it('an owner sees their workspace only, newest first, with who did what', async () => {
    const res = await request(app).get(url(acme)).set('Cookie', sessions.owner.cookie).expect(200);
    const log = auditLogResponse.parse(res.body);
    expect(log.entries.map((e) => e.action)).toEqual([
      'workspace.plan-changed',
      'test.step',
      'test.step',
      'test.step',
      'test.step',
      'test.step',
    ]);
    expect(log.nextCursor).toBeNull();
    const [planChange, latestStep] = log.entries;
    // Changes made by the operator CLI have no actor.
    expect(planChange).toMatchObject({ actor: null, details: { from: 'business', to: 'enterprise' } });
    expect(latestStep).toMatchObject({
      actor: { id: owner.id, name: 'Olivia', email: owner.email },
      details: { n: 5, note: 'step 5', done: true, extra: null },
    });
    const ids = log.entries.map((e) => BigInt(e.id));
    expect([...ids].sort((a, b) => (a < b ? 1 : -1))).toEqual(ids);
  });

  it('pages with a cursor until the oldest entry', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await request(app)
        .get(url(acme))
        .query({ limit: 4, ...(cursor ? { before: cursor } : {}) })
        .set('Cookie', sessions.admin.cookie)
        .expect(200);
      const page = auditLogResponse.parse(res.body);
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(6);
  });

  it('a plain member is refused with ROLE_NOT_ALLOWED', async () => {
    const res = await request(app).get(url(acme)).set('Cookie', sessions.member.cookie).expect(403);
    expect(apiErrorBody.parse(res.body).error.code).toBe('ROLE_NOT_ALLOWED');
  });

  it("another workspace's admin gets the same 404 as for a workspace that does not exist", async () => {
    const foreign = await request(app).get(url(acme)).set('Cookie', sessions.otherAdmin.cookie).expect(404);
    const missing = await request(app)
      .get(url({ id: '00000000-0000-4000-8000-000000000000' }))
      .set('Cookie', sessions.otherAdmin.cookie)
      .expect(404);
    expect(foreign.body.error.code).toBe('WORKSPACE_NOT_FOUND');
    expect(missing.body.error.code).toBe('WORKSPACE_NOT_FOUND');
    expect(JSON.stringify(foreign.body)).not.toContain('Acme');
  });

  it('an admin does not see other workspaces’ entries', async () => {
    const res = await request(app).get(url(globex)).set('Cookie', sessions.otherAdmin.cookie).expect(200);
    expect(auditLogResponse.parse(res.body).entries.map((e) => e.action)).toEqual(['globex.secret']);
  });

  it('bad parameters are refused naming them; no session asks to sign in', async () => {
    const badId = await request(app)
      .get('/api/workspaces/not-a-uuid/audit-log')
      .set('Cookie', sessions.owner.cookie)
      .expect(400);
    expect(badId.body.error.fields).toEqual([
      { path: 'params.workspaceId', message: 'must be a workspace id' },
    ]);
    const badQuery = await request(app)
      .get(url(acme))
      .query({ before: 'abc', limit: 1000 })
      .set('Cookie', sessions.owner.cookie)
      .expect(400);
    expect(badQuery.body.error.fields.map((f: { path: string }) => f.path)).toEqual([
      'query.before',
      'query.limit',
    ]);
    const anonymous = await request(app).get(url(acme)).expect(401);
    expect(anonymous.body.error.code).toBe('AUTH_REQUIRED');
  });
});
