import { randomBytes } from 'node:crypto';
import { CSRF_HEADER, type Plan, type Role } from '@notta/shared';
import type { Express } from 'express';
import request from 'supertest';
import { hashPassword } from '../../src/accounts/passwords.js';
import type { DatabaseHandle } from '../../src/storage/database.js';

/** The password every helper-made user has unless told otherwise. */
export const TEST_PASSWORD = 'correct horse battery staple';

// scrypt is deliberately slow; helpers reuse one hash of TEST_PASSWORD instead of paying it per user.
let testPasswordHash: Promise<string> | undefined;

export interface TestWorkspace {
  id: string;
  name: string;
  plan: Plan;
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
}

export async function createWorkspace(
  database: DatabaseHandle,
  options: { name?: string; plan?: Plan } = {},
): Promise<TestWorkspace> {
  return database.db
    .insertInto('workspaces')
    .values({
      name: options.name ?? `Workspace ${randomBytes(3).toString('hex')}`,
      plan: options.plan ?? 'business',
    })
    .returning(['id', 'name', 'plan'])
    .executeTakeFirstOrThrow();
}

export async function createUser(
  database: DatabaseHandle,
  options: { email?: string; name?: string; password?: string } = {},
): Promise<TestUser> {
  const password = options.password ?? TEST_PASSWORD;
  if (password === TEST_PASSWORD) testPasswordHash ??= hashPassword(TEST_PASSWORD);
  const hash =
    password === TEST_PASSWORD && testPasswordHash ? await testPasswordHash : await hashPassword(password);
  const email = (options.email ?? `user-${randomBytes(4).toString('hex')}@example.com`).toLowerCase();
  const name = options.name ?? email.split('@')[0] ?? 'User';
  const row = await database.db
    .insertInto('users')
    .values({ email, name, password_hash: hash })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, email, name, password };
}

export async function addMembership(
  database: DatabaseHandle,
  workspaceId: string,
  userId: string,
  role: Role,
): Promise<void> {
  await database.db
    .insertInto('memberships')
    .values({ workspace_id: workspaceId, user_id: userId, role })
    .execute();
}

/** A new user who is a member of `workspace` with `role`. */
export async function createMember(
  database: DatabaseHandle,
  workspace: { id: string },
  role: Role,
  options: { email?: string; name?: string; password?: string } = {},
): Promise<TestUser> {
  const user = await createUser(database, options);
  await addMembership(database, workspace.id, user.id, role);
  return user;
}

export interface SignedIn {
  /** `notta_session=…`, ready for a Cookie header. */
  cookie: string;
  csrfToken: string;
  /** Headers for a cookie-authenticated change: the cookie and the CSRF token. */
  headers: Record<string, string>;
}

/** Signs in through the real endpoint and returns what a browser would hold afterwards. */
export async function signIn(app: Express, user: { email: string; password: string }): Promise<SignedIn> {
  const res = await request(app)
    .post('/api/auth/sign-in')
    .send({ email: user.email, password: user.password });
  if (res.status !== 200)
    throw new Error(`sign-in of ${user.email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const cookie = sessionCookieOf(res.headers['set-cookie']);
  if (!cookie) throw new Error('sign-in set no session cookie');
  const csrfToken = String(res.body.csrfToken);
  return { cookie, csrfToken, headers: { Cookie: cookie, [CSRF_HEADER]: csrfToken } };
}

/** The `notta_session=<token>` pair from a response's Set-Cookie header, if any. */
export function sessionCookieOf(setCookie: string | string[] | undefined): string | undefined {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const line = list.find((c) => c.startsWith('notta_session='));
  return line?.split(';')[0];
}
