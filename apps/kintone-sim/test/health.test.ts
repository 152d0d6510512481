import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createSimApp } from '../src/app.js';
import { loadSimConfig } from '../src/config.js';

describe('kintone-sim process', () => {
  it('answers its health check with the tenant base URL', async () => {
    const { app } = createSimApp(loadSimConfig({ KINTONE_SIM_PORT: '3999' }));
    const res = await request(app).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok', service: 'kintone-sim', baseUrl: 'http://localhost:3999' });
  });

  it('refuses a bad port or option, naming it', () => {
    expect(() => loadSimConfig({ KINTONE_SIM_PORT: '70000' })).toThrow(/KINTONE_SIM_PORT/);
    expect(() => loadSimConfig({}, ['--port', 'abc'])).toThrow(/KINTONE_SIM_PORT/);
    expect(() => loadSimConfig({}, ['--bogus'])).toThrow(/bogus/);
    expect(() => loadSimConfig({ KINTONE_SIM_TOKEN_AUTH: 'magic' })).toThrow(/KINTONE_SIM_TOKEN_AUTH/);
  });

  it('takes flags over the environment', () => {
    const c = loadSimConfig({ KINTONE_SIM_PORT: '4000' }, ['--port', '4001', '--test-mode']);
    expect(c.port).toBe(4001);
    expect(c.testMode).toBe(true);
    expect(loadSimConfig({}).testMode).toBe(false);
  });
});
