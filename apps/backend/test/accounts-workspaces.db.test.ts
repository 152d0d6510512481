import { meResponse } from '@notta/shared';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemoIfEmpty } from '../src/accounts/demo-seed.js';
import {
  addMember,
  createWorkspace,
  listWorkspaces,
  removeMember,
  setMemberRole,
} from '../src/accounts/workspaces.js';
import { readAuditLog } from '../src/audit/audit-log.js';
import type { DatabaseHandle } from '../src/storage/database.js';
import { signIn } from './support/accounts.js';
import { buildTestApp } from './support/app.js';
import { freshDatabase } from './support/database.js';

describe('workspaces and members (what the operator CLI does)', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(() => database?.close());

  it('a member added without a password gets a generated one that signs in; each change is audited', async () => {
    const ws = await createWorkspace(database.db, { name: 'Initech', plan: 'business' });
    const added = await addMember(database.db, {
      workspaceId: ws.id,
      email: 'peter@example.com',
      name: 'Peter',
      role: 'owner',
    });
    if (!added.ok || !added.generatedPassword) throw new Error('expected a generated password');
    const { app } = buildTestApp(database);
    await signIn(app, { email: 'peter@example.com', password: added.generatedPassword });

    const stored = await database.db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
    expect(stored.password_hash).not.toContain(added.generatedPassword);

    expect(
      await addMember(database.db, {
        workspaceId: ws.id,
        email: 'peter@example.com',
        name: 'P',
        role: 'admin',
      }),
    ).toEqual({ ok: false, reason: 'already-member' });
    // The only owner can be neither demoted nor removed.
    expect(
      await setMemberRole(database.db, { workspaceId: ws.id, email: 'peter@example.com', role: 'admin' }),
    ).toEqual({ ok: false, reason: 'last-owner' });
    expect(await removeMember(database.db, { workspaceId: ws.id, email: 'peter@example.com' })).toEqual({
      ok: false,
      reason: 'last-owner',
    });
    await addMember(database.db, {
      workspaceId: ws.id,
      email: 'milton@example.com',
      name: 'Milton',
      role: 'member',
      password: 'stapler-1234',
    });
    expect(
      await setMemberRole(database.db, { workspaceId: ws.id, email: 'milton@example.com', role: 'admin' }),
    ).toEqual({ ok: true, from: 'member' });
    expect(await removeMember(database.db, { workspaceId: ws.id, email: 'milton@example.com' })).toEqual({
      ok: true,
      from: 'admin',
    });

    const log = await readAuditLog(database.db, ws.id, { limit: 10 });
    expect(log.entries.map((e) => [e.action, e.actor, e.details])).toEqual([
      ['member.removed', null, { email: 'milton@example.com', role: 'admin' }],
      ['member.role-changed', null, { email: 'milton@example.com', from: 'member', to: 'admin' }],
      ['member.added', null, { email: 'milton@example.com', role: 'member' }],
      ['member.added', null, { email: 'peter@example.com', role: 'owner' }],
      ['workspace.created', null, { name: 'Initech', plan: 'business' }],
    ]);
    expect(JSON.stringify(log)).not.toContain('stapler-1234');
    expect(await listWorkspaces(database.db)).toEqual([
      { id: ws.id, name: 'Initech', plan: 'business', members: 1 },
    ]);
  });

  it('does not seed the demo into a database that has users', async () => {
    expect(await seedDemoIfEmpty(database.db)).toBe(false);
  });
});

describe('the demo seed', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(() => database?.close());

  it('creates the Business and Pro demo workspaces once, and the owner signs in with the demo password', async () => {
    const [first, concurrent] = await Promise.all([
      seedDemoIfEmpty(database.db),
      seedDemoIfEmpty(database.db),
    ]);
    expect([first, concurrent].sort()).toEqual([false, true]);
    expect(await seedDemoIfEmpty(database.db)).toBe(false);

    const workspaces = await listWorkspaces(database.db);
    expect(workspaces.map((w) => [w.name, w.plan, w.members])).toEqual([
      ['Acme Corporation (demo)', 'business', 4],
      ['Pro Team (demo)', 'pro', 2],
    ]);

    const { app } = buildTestApp(database);
    const session = await signIn(app, { email: 'member1@example.com', password: DEMO_PASSWORD });
    const me = meResponse.parse(
      (await request(app).get('/api/me').set('Cookie', session.cookie).expect(200)).body,
    );
    expect(me.user.name).toBe('Mika Member');
    expect(me.memberships.map((m) => [m.workspace.name, m.role])).toEqual([
      ['Acme Corporation (demo)', 'member'],
      ['Pro Team (demo)', 'member'],
    ]);
    for (const email of [
      'owner@example.com',
      'admin@example.com',
      'member2@example.com',
      'pro-owner@example.com',
    ])
      await signIn(app, { email, password: DEMO_PASSWORD });
    const admin = await signIn(app, { email: 'admin@example.com', password: DEMO_PASSWORD });
    const adminMe = meResponse.parse(
      (await request(app).get('/api/me').set('Cookie', admin.cookie).expect(200)).body,
    );
    expect(adminMe.user.name).toBe('Aiko Admin (管理者)');
    expect(adminMe.memberships).toEqual([
      { workspace: expect.objectContaining({ name: 'Acme Corporation (demo)' }), role: 'admin' },
    ]);
  });
});
