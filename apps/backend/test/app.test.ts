import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { apiErrorBody, healthResponse, readinessResponse } from '@notta/shared';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/storage/database.js';
import { buildTestApp } from './support/app.js';
import { freshDatabase } from './support/database.js';

describe('backend HTTP app', () => {
  let database: DatabaseHandle;
  let webDist: string;
  beforeAll(async () => {
    database = await freshDatabase();
    webDist = await mkdtemp(path.join(tmpdir(), 'notta-web-'));
    await writeFile(
      path.join(webDist, 'index.html'),
      '<!doctype html><title>Notta</title><div id="root"></div>',
    );
  });
  afterAll(() => database?.close());

  it('reports liveness and readiness with the database engine', async () => {
    const { app } = buildTestApp(database, { WEB_DIST_DIR: webDist });
    const health = await request(app).get('/healthz').expect(200);
    expect(healthResponse.parse(health.body)).toMatchObject({ status: 'ok', version: '0.0.0-test' });
    const ready = await request(app).get('/readyz').expect(200);
    expect(readinessResponse.parse(ready.body)).toEqual({
      status: 'ready',
      checks: { database: 'ok' },
      database: { engine: database.engine },
    });
  });

  it('reports unavailable with 503 when the database does not answer', async () => {
    const broken: DatabaseHandle = { ...database, ping: async () => false };
    const { app } = buildTestApp(broken, { WEB_DIST_DIR: webDist });
    const ready = await request(app).get('/readyz').expect(503);
    expect(ready.body.status).toBe('unavailable');
    expect(ready.body.checks.database).toBe('failing');
  });

  it('sends security headers and no framework banner', async () => {
    const { app } = buildTestApp(database, { WEB_DIST_DIR: webDist });
    const res = await request(app).get('/integrations').set('Accept', 'text/html').expect(200);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the web app for page paths so the SPA router can take over', async () => {
    const { app } = buildTestApp(database, { WEB_DIST_DIR: webDist });
    const res = await request(app).get('/integrations/kintone').set('Accept', 'text/html').expect(200);
    expect(res.text).toContain('<div id="root">');
  });

  it('explains how to build Notta Web when it has not been built', async () => {
    const { app } = buildTestApp(database, { WEB_DIST_DIR: path.join(webDist, 'missing') });
    const res = await request(app).get('/').set('Accept', 'text/html').expect(503);
    expect(res.text).toContain('pnpm build');
  });

  it('answers unknown API paths with the catalogue entry in English and Japanese', async () => {
    const { app } = buildTestApp(database, { WEB_DIST_DIR: webDist });
    const res = await request(app).get('/api/nothing-here').set('Accept', 'text/html').expect(404);
    const body = apiErrorBody.parse(res.body);
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.title.ja).toBe('見つかりません');
    expect(body.error.requestId).toBe(res.headers['x-request-id']);
  });

  it('refuses malformed JSON with a 400 that names the body, not a 500', async () => {
    const { app } = buildTestApp(database, { WEB_DIST_DIR: webDist });
    const res = await request(app)
      .post('/api/anything')
      .set('Content-Type', 'application/json')
      .send('{"clientId": ')
      .expect(400);
    const body = apiErrorBody.parse(res.body);
    expect(body.error.code).toBe('REQUEST_INVALID');
    expect(body.error.fields).toEqual([{ path: 'body', message: 'is not valid JSON' }]);
  });

  it('never writes credentials from requests to the log', async () => {
    const { app, logLines } = buildTestApp(database, { WEB_DIST_DIR: webDist });
    await request(app)
      .get('/api/nothing-here')
      .set('Authorization', 'Bearer tok-SECRET-123')
      .set('Cookie', 'notta_session=SESSION-SECRET-456');
    const log = logLines.join('');
    expect(log).toContain('/api/nothing-here');
    expect(log).not.toContain('tok-SECRET-123');
    expect(log).not.toContain('SESSION-SECRET-456');
    expect(log).toContain('[redacted]');
  });
});
