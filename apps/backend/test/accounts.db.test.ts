import { apiErrorBody, CSRF_HEADER, meResponse } from '@notta/shared';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/storage/database.js';
import {
  createMember,
  createUser,
  createWorkspace,
  sessionCookieOf,
  signIn,
  TEST_PASSWORD,
  type TestUser,
  type TestWorkspace,
} from './support/accounts.js';
import { buildTestApp } from './support/app.js';
import { freshDatabase } from './support/database.js';

describe('signing in and out', () => {
  let database: DatabaseHandle;
  let acme: TestWorkspace;
  let other: TestWorkspace;
  let alice: TestUser;

  beforeAll(async () => {
    database = await freshDatabase();
    acme = await createWorkspace(database, { name: 'Acme', plan: 'business' });
    other = await createWorkspace(database, { name: 'Other', plan: 'pro' });
    alice = await createMember(database, acme, 'admin', { email: 'alice@example.com', name: 'Alice' });
    await database.db
      .insertInto('memberships')
      .values({ workspace_id: other.id, user_id: alice.id, role: 'member' })
      .execute();
  });
  afterAll(() => database?.close());

  it('a user with the right password gets a session cookie and their workspaces', async () => {
    const { app, logLines } = buildTestApp(database);
    const res = await request(app)
      .post('/api/auth/sign-in')
      .send({ email: '  Alice@Example.com ', password: TEST_PASSWORD })
      .expect(200);
    const me = meResponse.parse(res.body);
    expect(me.user).toEqual({ id: alice.id, email: 'alice@example.com', name: 'Alice' });
    expect(me.memberships).toEqual([
      { workspace: { id: acme.id, name: 'Acme', plan: 'business' }, role: 'admin' },
      { workspace: { id: other.id, name: 'Other', plan: 'pro' }, role: 'member' },
    ]);
    const setCookie = res.headers['set-cookie'] as unknown as string[];
    const line = setCookie.find((c) => c.startsWith('notta_session='));
    expect(line).toMatch(/^notta_session=[A-Za-z0-9_-]{43}; /);
    expect(line).toContain('HttpOnly');
    expect(line).toContain('SameSite=Lax');
    expect(line).toContain('Path=/');
    // The test app runs on http://localhost, where a Secure cookie would never come back.
    expect(line).not.toContain('Secure');
    const token = line?.split(';')[0]?.split('=')[1] ?? '';
    const logs = logLines.join('');
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(TEST_PASSWORD);
    expect(logs).not.toContain(me.csrfToken);
  });

  it('marks the cookie Secure when Notta is served over https', async () => {
    const { app } = buildTestApp(database, { PUBLIC_URL: 'https://notta.example.com' });
    const res = await request(app)
      .post('/api/auth/sign-in')
      .send({ email: alice.email, password: TEST_PASSWORD })
      .expect(200);
    expect(sessionLine(res.headers['set-cookie'])).toContain('Secure');
  });

  it('an unknown email and a wrong password get the same answer', async () => {
    const { app } = buildTestApp(database);
    const wrong = await request(app)
      .post('/api/auth/sign-in')
      .send({ email: alice.email, password: 'not the password' })
      .expect(401);
    const unknown = await request(app)
      .post('/api/auth/sign-in')
      .send({ email: 'nobody@example.com', password: 'not the password' })
      .expect(401);
    expect(apiErrorBody.parse(wrong.body).error.code).toBe('AUTH_INVALID_CREDENTIALS');
    const strip = (b: { error: Record<string, unknown> }) => ({ ...b.error, requestId: undefined });
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('a malformed body is refused naming the field', async () => {
    const { app } = buildTestApp(database);
    const res = await request(app)
      .post('/api/auth/sign-in')
      .send({ email: 'not-an-email', password: '' })
      .expect(400);
    const body = apiErrorBody.parse(res.body);
    expect(body.error.code).toBe('REQUEST_INVALID');
    expect(body.error.fields?.map((f) => f.path)).toEqual(['body.email', 'body.password']);
  });

  it('the session lives in the database: another backend instance accepts the cookie', async () => {
    const first = buildTestApp(database).app;
    const second = buildTestApp(database).app;
    const session = await signIn(first, alice);
    const me = await request(second).get('/api/me').set('Cookie', session.cookie).expect(200);
    expect(meResponse.parse(me.body).csrfToken).toBe(session.csrfToken);
    expect(me.headers['cache-control']).toBe('no-store');
  });

  it('without a session, /api/me asks to sign in', async () => {
    const { app } = buildTestApp(database);
    const none = await request(app).get('/api/me').expect(401);
    expect(none.body.error.code).toBe('AUTH_REQUIRED');
    const forged = await request(app).get('/api/me').set('Cookie', 'notta_session=forged').expect(401);
    expect(forged.body.error.code).toBe('AUTH_REQUIRED');
  });

  it('signing in again rotates the session: the old cookie stops working', async () => {
    const { app } = buildTestApp(database);
    const before = await signIn(app, alice);
    const res = await request(app)
      .post('/api/auth/sign-in')
      .set('Cookie', before.cookie)
      .send({ email: alice.email, password: TEST_PASSWORD })
      .expect(200);
    const after = sessionCookieOf(res.headers['set-cookie']);
    expect(after).toBeDefined();
    expect(after).not.toBe(before.cookie);
    expect(res.body.csrfToken).not.toBe(before.csrfToken);
    await request(app).get('/api/me').set('Cookie', before.cookie).expect(401);
    await request(app)
      .get('/api/me')
      .set('Cookie', after ?? '')
      .expect(200);
  });

  it('sign-out needs the CSRF token, then ends the session on every instance', async () => {
    const { app } = buildTestApp(database);
    const other = buildTestApp(database).app;
    const session = await signIn(app, alice);

    const missing = await request(app).post('/api/auth/sign-out').set('Cookie', session.cookie).expect(403);
    expect(missing.body.error.code).toBe('CSRF_INVALID');
    const wrong = await request(app)
      .post('/api/auth/sign-out')
      .set('Cookie', session.cookie)
      .set(CSRF_HEADER, `${session.csrfToken.slice(0, -1)}x`)
      .expect(403);
    expect(wrong.body.error.code).toBe('CSRF_INVALID');
    // Refused changes changed nothing: the session still works.
    await request(other).get('/api/me').set('Cookie', session.cookie).expect(200);

    const out = await request(app).post('/api/auth/sign-out').set(session.headers).expect(204);
    expect(sessionLine(out.headers['set-cookie'])).toMatch(/^notta_session=;.*Expires=Thu, 01 Jan 1970/);
    await request(other).get('/api/me').set('Cookie', session.cookie).expect(401);
    const again = await request(app).post('/api/auth/sign-out').set(session.headers).expect(401);
    expect(again.body.error.code).toBe('AUTH_REQUIRED');
  });

  it('an expired session is refused and swept at the next sign-in', async () => {
    const { app } = buildTestApp(database);
    const session = await signIn(app, alice);
    await database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('csrf_token', '=', session.csrfToken)
      .execute();
    await request(app).get('/api/me').set('Cookie', session.cookie).expect(401);
    await signIn(app, alice);
    const left = await database.db
      .selectFrom('sessions')
      .select('id')
      .where('csrf_token', '=', session.csrfToken)
      .execute();
    expect(left).toEqual([]);
  });

  it('stores only a hash of the session token', async () => {
    const { app } = buildTestApp(database);
    const session = await signIn(app, alice);
    const token = session.cookie.split('=')[1] ?? '';
    const rows = await database.db.selectFrom('sessions').select('id').execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.id === token)).toBe(false);
  });
});

describe('sign-in rate limits', () => {
  let database: DatabaseHandle;
  afterAll(() => database?.close());
  beforeAll(async () => {
    database = await freshDatabase();
  });

  it('after 10 failures for one email, even the right password waits, with Retry-After', async () => {
    const user = await createUser(database, { email: 'target@example.com' });
    const { app } = buildTestApp(database);
    for (let i = 0; i < 10; i++) {
      await request(app)
        .post('/api/auth/sign-in')
        .send({ email: user.email, password: `guess-${i}` })
        .expect(401);
    }
    const res = await request(app)
      .post('/api/auth/sign-in')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(429);
    const body = apiErrorBody.parse(res.body);
    expect(body.error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(body.error.fix.en).toContain(`Wait ${retryAfter} seconds`);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('the limit is shared by every backend instance and successful sign-ins do not use it up', async () => {
    const user = await createUser(database);
    const one = buildTestApp(database).app;
    const two = buildTestApp(database).app;
    for (let i = 0; i < 12; i++) await signIn(i % 2 ? one : two, user);
    for (let i = 0; i < 10; i++) {
      await request(i % 2 ? one : two)
        .post('/api/auth/sign-in')
        .send({ email: user.email, password: 'wrong' })
        .expect(401);
    }
    await request(two).post('/api/auth/sign-in').send({ email: user.email, password: 'wrong' }).expect(429);
  });

  it('limits one client address across many emails', async () => {
    const { app } = buildTestApp(database);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await request(app)
        .post('/api/auth/sign-in')
        .send({ email: `spray-${i}@example.com`, password: 'password1' });
      statuses.push(res.status);
    }
    // 22 attempts from this address came before (tests above); 50 are allowed per 15 minutes.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.at(-1)).toBe(429);
  });
});

function sessionLine(setCookie: unknown): string | undefined {
  const list = Array.isArray(setCookie) ? (setCookie as string[]) : [];
  return list.find((c) => c.startsWith('notta_session='));
}
