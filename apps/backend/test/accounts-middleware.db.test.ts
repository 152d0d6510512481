import { CSRF_HEADER } from '@notta/shared';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authOf,
  memberOf,
  requireCsrf,
  requireSession,
  requireWorkspaceMember,
} from '../src/accounts/middleware.js';
import { ConfigError, loadConfig } from '../src/config/config.js';
import { errorHandler } from '../src/http/errors.js';
import { createLogger } from '../src/http/logger.js';
import type { DatabaseHandle } from '../src/storage/database.js';
import { createMember, createWorkspace, type SignedIn, signIn } from './support/accounts.js';
import { buildTestApp } from './support/app.js';
import { freshDatabase } from './support/database.js';

/** The middleware as another feature mounts it: session, CSRF, then workspace membership. */
describe('accounts middleware for other features’ routes', () => {
  let database: DatabaseHandle;
  let feature: express.Express;
  let session: SignedIn;
  let workspaceId: string;
  let changes = 0;

  beforeAll(async () => {
    database = await freshDatabase();
    const ws = await createWorkspace(database, { plan: 'enterprise' });
    workspaceId = ws.id;
    const user = await createMember(database, ws, 'admin');
    session = await signIn(buildTestApp(database).app, user);
    const deps = { database };
    feature = express();
    const route = '/api/workspaces/:workspaceId/thing';
    const guards = [requireSession(deps), requireCsrf, requireWorkspaceMember(deps)];
    feature.get(route, ...guards, (_req, res) => {
      res.json({ userId: authOf(res).userId, member: memberOf(res) });
    });
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      feature[method](route, ...guards, (_req, res) => {
        changes++;
        res.status(204).end();
      });
    }
    feature.use(errorHandler(createLogger({ level: 'silent' })));
  });
  afterAll(() => database?.close());

  it('reads pass with the cookie alone and carry the user and membership', async () => {
    const res = await request(feature)
      .get(`/api/workspaces/${workspaceId}/thing`)
      .set('Cookie', session.cookie)
      .expect(200);
    expect(res.body.member).toEqual({
      workspace: { id: workspaceId, name: expect.any(String), plan: 'enterprise' },
      role: 'admin',
    });
  });

  it.each(['post', 'put', 'patch', 'delete'] as const)(
    '%s without the CSRF token changes nothing',
    async (method) => {
      const before = changes;
      const missing = await request(feature)
        [method](`/api/workspaces/${workspaceId}/thing`)
        .set('Cookie', session.cookie);
      expect(missing.status).toBe(403);
      expect(missing.body.error.code).toBe('CSRF_INVALID');
      const wrong = await request(feature)
        [method](`/api/workspaces/${workspaceId}/thing`)
        .set('Cookie', session.cookie)
        .set(CSRF_HEADER, 'x'.repeat(43));
      expect(wrong.status).toBe(403);
      expect(changes).toBe(before);
      await request(feature)[method](`/api/workspaces/${workspaceId}/thing`).set(session.headers).expect(204);
      expect(changes).toBe(before + 1);
    },
  );
});

describe('NOTTA_DEMO_SEED', () => {
  it('is off by default, on with 1, and anything else is a configuration error naming it', () => {
    expect(loadConfig({}).demoSeed).toBe(false);
    expect(loadConfig({ NOTTA_DEMO_SEED: '1' }).demoSeed).toBe(true);
    expect(() => loadConfig({ NOTTA_DEMO_SEED: 'yes' })).toThrow(ConfigError);
    expect(() => loadConfig({ NOTTA_DEMO_SEED: 'yes' })).toThrow(/NOTTA_DEMO_SEED: must be 1/);
  });
});
