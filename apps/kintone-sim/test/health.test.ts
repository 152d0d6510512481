import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createSimApp } from '../src/app.js';
import { loadSimConfig } from '../src/config.js';

describe('kintone-sim skeleton', () => {
  it('answers its health check with the tenant base URL', async () => {
    const app = createSimApp(loadSimConfig({ KINTONE_SIM_PORT: '3999' }));
    const res = await request(app).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok', service: 'kintone-sim', baseUrl: 'http://localhost:3999' });
  });

  it('refuses a bad port, naming the variable', () => {
    expect(() => loadSimConfig({ KINTONE_SIM_PORT: '70000' })).toThrow(/KINTONE_SIM_PORT/);
  });

  it('answers unknown paths with a Kintone-shaped error body', async () => {
    const res = await request(createSimApp(loadSimConfig({})))
      .get('/k/v1/nothing.json')
      .expect(404);
    expect(res.body).toMatchObject({
      code: expect.any(String),
      id: expect.any(String),
      message: expect.any(String),
    });
  });
});
