import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSimApp, type SimContext } from '../src/app.js';
import { loadSimConfig } from '../src/config.js';
import { pluginRoutes } from '../src/plugins/routes.js';
import { MAX_PLUGINS_PER_APP } from '../src/plugins/store.js';
import {
  packWithPacker,
  signAndZip,
  signedIn,
  testFiles,
  testManifest,
  zipOf,
} from './support/plugin-zip.js';

const XHR = { 'X-Requested-With': 'XMLHttpRequest' };

/** A tiny HTTP server that answers every request with what it received. */
let echo: Server;
let echoUrl: string;
beforeAll(async () => {
  echo = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      if (req.url === '/redirect') {
        res.writeHead(302, { Location: '/elsewhere' }).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-Echo': 'yes' });
      res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
    });
  });
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
  echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => echo.close(() => r())));

let packed: Awaited<ReturnType<typeof packWithPacker>>;
let other: Awaited<ReturnType<typeof packWithPacker>>;
beforeAll(async () => {
  packed = await packWithPacker();
  other = await packWithPacker(testFiles(testManifest({ name: { en: 'Other plug-in' } })));
});

function sim(): { app: express.Express; ctx: SimContext } {
  return createSimApp(loadSimConfig({ KINTONE_SIM_PORT: '3999' }));
}

async function installAndAdd(app: express.Express, zip: Buffer, appId = '1'): Promise<string> {
  const res = await request(app)
    .post('/_sim/plugins')
    .set('Content-Type', 'application/zip')
    .send(zip)
    .expect(201);
  await request(app).post(`/_sim/apps/${appId}/plugins`).send({ id: res.body.id }).expect(200);
  return res.body.id as string;
}

describe('installing plug-ins', () => {
  it('installs a packer-made zip through the admin API and reports the packer ID', async () => {
    const { app } = sim();
    const res = await request(app)
      .post('/_sim/plugins')
      .set('Content-Type', 'application/zip')
      .send(packed.plugin)
      .expect(201);
    expect(res.body).toMatchObject({ id: packed.id, name: 'Test plug-in', version: '1.0.0', updated: false });
    const list = await request(app).get('/_sim/plugins').expect(200);
    expect(list.body.plugins.map((p: { id: string }) => p.id)).toEqual([packed.id]);
  });

  it('updates in place when the same ID comes with a new version', async () => {
    const { app, ctx } = sim();
    await request(app)
      .post('/_sim/plugins')
      .set('Content-Type', 'application/zip')
      .send(packed.plugin)
      .expect(201);
    const v2 = await packWithPacker(testFiles(testManifest({ version: '2.0.0' })), packed.privateKey);
    const res = await request(app)
      .post('/_sim/plugins')
      .set('Content-Type', 'application/zip')
      .send(v2.plugin)
      .expect(200);
    expect(res.body).toMatchObject({
      id: packed.id,
      version: '2.0.0',
      updated: true,
      previousVersion: '1.0.0',
    });
    expect(ctx.tenant.state.plugins).toHaveLength(1);
  });

  it('refuses a tampered zip and an invalid manifest with clear messages', async () => {
    const { app } = sim();
    const bad = await signAndZip(await zipOf(testFiles(testManifest({ type: 'SPACE' }))));
    const r1 = await request(app)
      .post('/_sim/plugins')
      .set('Content-Type', 'application/zip')
      .send(bad)
      .expect(400);
    expect(r1.body.message).toMatch(/manifest\.json is invalid/);
    expect(r1.body.errors.join('\n')).toMatch(/\/type/);
    const r2 = await request(app)
      .post('/_sim/plugins')
      .set('Content-Type', 'application/zip')
      .send(Buffer.from('nope'))
      .expect(400);
    expect(r2.body.message).toMatch(/not a valid zip/);
  });

  it('lets only cybozu.com administrators open the plug-in admin page and import through the form', async () => {
    const { app } = sim();
    const user = await signedIn(app, 'yamada');
    await user.get('/k/admin/system/plugin/').expect(403);
    const admin = await signedIn(app, 'administrator');
    const page = await admin.get('/k/admin/system/plugin/').expect(200);
    expect(page.text).toContain('enctype="multipart/form-data"');
    const imported = await admin
      .post('/k/admin/system/plugin/import')
      .attach('file', packed.plugin, 'plugin.zip')
      .expect(303);
    expect(imported.headers.location).toBe(`/k/admin/system/plugin/?installed=${packed.id}`);
    const after = await admin.get(imported.headers.location as string).expect(200);
    expect(after.text).toContain(packed.id);
    expect(after.text).toContain('Imported Test plug-in');
    const refused = await admin
      .post('/k/admin/system/plugin/import')
      .attach('file', Buffer.from('PK garbage'), 'plugin.zip')
      .expect(400);
    expect(refused.text).toContain('not a valid zip');
  });
});

describe('adding plug-ins to an app', () => {
  it('adds through the app settings page (app managers only) and caps an app at 20 plug-ins', async () => {
    const { app, ctx } = sim();
    await request(app)
      .post('/_sim/plugins')
      .set('Content-Type', 'application/zip')
      .send(packed.plugin)
      .expect(201);
    const outsider = await signedIn(app, 'suzuki'); // may view app 1, not manage it
    await outsider.get('/k/admin/app/flow?app=1').expect(403);
    const manager = await signedIn(app, 'yamada');
    const list = await manager.get('/k/admin/app/1/plugin/').expect(200);
    expect(list.text).toContain('Add plug-in');
    await manager.post('/k/admin/app/1/plugin/add').type('form').send({ id: packed.id }).expect(303);
    expect(Object.keys(ctx.tenant.app('1')?.plugins ?? {})).toEqual([packed.id]);
    const flow = await manager.get('/k/admin/app/flow?app=1').expect(200);
    expect(flow.text).toContain(`/k/admin/app/1/plugin/config?pluginId=${packed.id}`);

    const target = ctx.tenant.app('2');
    if (!target) throw new Error('app 2 missing');
    for (let i = 0; i < MAX_PLUGINS_PER_APP; i += 1) target.plugins[`fake${i}`] = { config: {}, proxy: [] };
    const full = await request(app).post('/_sim/apps/2/plugins').send({ id: packed.id }).expect(400);
    expect(full.body.message).toBe('An app can have up to 20 plug-ins.');
  });

  it('refuses to add a plug-in that is not installed', async () => {
    const { app } = sim();
    const res = await request(app)
      .post('/_sim/apps/1/plugins')
      .send({ id: 'a'.repeat(32) })
      .expect(404);
    expect(res.body.message).toMatch(/not installed/);
  });
});

describe('plug-in settings', () => {
  let app: express.Express;
  let ctx: SimContext;
  let id: string;
  beforeEach(async () => {
    ({ app, ctx } = sim());
    id = await installAndAdd(app, packed.plugin);
  });

  it('serves the settings page with config.html, its CSS and JS, and the kintone global', async () => {
    const manager = await signedIn(app, 'yamada');
    const page = await manager.get(`/k/admin/app/1/plugin/config?pluginId=${id}`).expect(200);
    expect(page.text).toContain('<form id="test-config-form">');
    expect(page.text).toContain(`href="/k/plugin/${id}/files/css/config.css"`);
    expect(page.text).toContain(
      `<script>kintone.$PLUGIN_ID="${id}";</script><script src="/k/plugin/${id}/files/js/config.js">`,
    );
    expect(page.text).toContain('<script src="/k/static/kintone.js">');
    const js = await manager.get(`/k/plugin/${id}/files/js/config.js`).expect(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(
      (await manager.get(`/k/plugin/${id}/files/css/config.css`).expect(200)).headers['content-type'],
    ).toMatch(/^text\/css/);
    await manager.get(`/k/plugin/${id}/files/../manifest.json`).expect(404);
    await manager.get(`/k/plugin/${id}/files/manifest.json`).expect(404);
    const kjs = await manager.get('/k/static/kintone.js').expect(200);
    expect(kjs.text).toContain('getProxyConfig');
    await (await signedIn(app, 'suzuki')).get(`/k/admin/app/1/plugin/config?pluginId=${id}`).expect(403);
  });

  it('round-trips setConfig and getConfig through the HTTP endpoints', async () => {
    const manager = await signedIn(app, 'yamada');
    const config = { message: 'hello <b>', json: JSON.stringify({ a: 1 }) };
    await manager
      .post('/k/api/plugin/app/config.json')
      .set(XHR)
      .send({ app: 1, pluginId: id, config })
      .expect(200);
    const got = await manager.get(`/k/api/plugin/app/config.json?app=1&pluginId=${id}`).expect(200);
    expect(got.body).toEqual({ config });
    // Any viewer may read (getConfig runs on record pages), only managers may write.
    const viewer = await signedIn(app, 'suzuki');
    expect((await viewer.get(`/k/api/plugin/app/config.json?app=1&pluginId=${id}`).expect(200)).body).toEqual(
      { config },
    );
    await viewer
      .post('/k/api/plugin/app/config.json')
      .set(XHR)
      .send({ app: 1, pluginId: id, config })
      .expect(403);
    // Only the last save is kept.
    await manager
      .post('/k/api/plugin/app/config.json')
      .set(XHR)
      .send({ app: 1, pluginId: id, config: { b: '2' } })
      .expect(200);
    expect(ctx.tenant.app('1')?.plugins[id]?.config).toEqual({ b: '2' });
  });

  it('refuses non-string values, too-large settings and calls without X-Requested-With', async () => {
    const manager = await signedIn(app, 'yamada');
    const r = await manager
      .post('/k/api/plugin/app/config.json')
      .set(XHR)
      .send({ app: 1, pluginId: id, config: { n: 1 } })
      .expect(400);
    expect(r.body.code).toBe('CB_VA01');
    const big = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`k${i}`, 'x'.repeat(60_000)]));
    const r2 = await manager
      .post('/k/api/plugin/app/config.json')
      .set(XHR)
      .send({ app: 1, pluginId: id, config: big })
      .expect(400);
    expect(r2.body.message).toMatch(/at most 262144 bytes/);
    await manager
      .post('/k/api/plugin/app/config.json')
      .send({ app: 1, pluginId: id, config: {} })
      .expect(403);
    await request(app)
      .post('/k/api/plugin/app/config.json')
      .set(XHR)
      .send({ app: 1, pluginId: id, config: {} })
      .expect(401);
  });
});

describe('plug-in proxy', () => {
  let app: express.Express;
  let ctx: SimContext;
  let id: string;
  let otherId: string;
  let manager: Awaited<ReturnType<typeof signedIn>>;
  beforeEach(async () => {
    ({ app, ctx } = sim());
    id = await installAndAdd(app, packed.plugin);
    otherId = await installAndAdd(app, other.plugin);
    await request(app).post('/_sim/apps/2/plugins').send({ id }).expect(200);
    manager = await signedIn(app, 'yamada');
    const admin = await signedIn(app, 'administrator'); // yamada manages app 1 only
    const save = (
      pluginId: string,
      appId: number,
      url: string,
      method: string,
      headers: object,
      data: object = {},
    ) =>
      (appId === 1 ? manager : admin)
        .post('/k/api/plugin/app/proxy/config.json')
        .set(XHR)
        .send({ app: appId, pluginId, url, method, headers, data })
        .expect(200);
    await save(id, 1, `${echoUrl}/api/`, 'GET', { Authorization: 'Bearer short' });
    await save(id, 1, `${echoUrl}/api/v2/`, 'GET', { Authorization: 'Bearer long', 'X-Saved': '1' });
    await save(id, 1, `${echoUrl}/api/v2/`, 'POST', { 'X-Post': 'p' }, { secret: 's3cret', user: 'saved' });
    await save(otherId, 1, `${echoUrl}/`, 'GET', { 'X-Other-Plugin': 'b' });
    await save(id, 2, `${echoUrl}/`, 'GET', { 'X-App2': 'yes' });
  });

  const call = (body: object) =>
    manager.post('/k/api/plugin/proxy.json').set(XHR).send(body).expect(200) as unknown as Promise<{
      body: [string, number, Record<string, string>];
    }>;

  it('applies the longest saved prefix of the same plug-in, app and method; saved values win', async () => {
    const res = await call({
      app: 1,
      pluginId: id,
      url: `${echoUrl}/api/v2/items?q=1`,
      method: 'GET',
      headers: { Authorization: 'Bearer mine', 'X-Mine': 'm' },
      data: {},
    });
    const [body, status, headers] = res.body;
    expect(status).toBe(200);
    expect(headers['x-echo']).toBe('yes');
    const seen = JSON.parse(body) as { url: string; headers: IncomingHttpHeaders; body: string };
    expect(seen.url).toBe('/api/v2/items?q=1');
    expect(seen.headers.authorization).toBe('Bearer long');
    expect(seen.headers['x-saved']).toBe('1');
    expect(seen.headers['x-mine']).toBe('m');
    expect(seen.headers['x-other-plugin']).toBeUndefined();
    expect(seen.headers['x-app2']).toBeUndefined();
    expect(seen.body).toBe('');
  });

  it('merges saved data into a POST body', async () => {
    const res = await call({
      app: 1,
      pluginId: id,
      url: `${echoUrl}/api/v2/items`,
      method: 'POST',
      headers: {},
      data: { user: 'me', q: 'x' },
    });
    const seen = JSON.parse(res.body[0]) as { headers: IncomingHttpHeaders; body: string };
    expect(JSON.parse(seen.body)).toEqual({ user: 'saved', q: 'x', secret: 's3cret' });
    expect(seen.headers['x-post']).toBe('p');
    expect(seen.headers['content-type']).toBe('application/json');
  });

  it('applies nothing for another method, another app, or kintone.proxy', async () => {
    const put = JSON.parse(
      (await call({ app: 1, pluginId: id, url: `${echoUrl}/api/v2/x`, method: 'PUT', headers: {}, data: {} }))
        .body[0],
    );
    expect(put.headers.authorization).toBeUndefined();
    const app2 = JSON.parse(
      (await call({ app: 2, pluginId: id, url: `${echoUrl}/api/v2/x`, method: 'GET', headers: {} })).body[0],
    );
    expect(app2.headers['x-app2']).toBe('yes');
    expect(app2.headers.authorization).toBeUndefined();
    const plain = JSON.parse(
      (await call({ url: `${echoUrl}/api/v2/x`, method: 'GET', headers: {} })).body[0],
    );
    expect(plain.headers.authorization).toBeUndefined();
  });

  it('does not follow redirects and answers an unresolvable host with 503', async () => {
    const redirect = await call({ url: `${echoUrl}/redirect`, method: 'GET' });
    expect(redirect.body[1]).toBe(302);
    expect(redirect.body[2].location).toBe('/elsewhere');
    const dns = await call({ url: 'http://no-such-host.invalid/', method: 'GET' });
    expect(dns.body.slice(0, 2)).toEqual(['DNS Cache Missing', 503]);
  });

  it('refuses non-http URLs, and saving proxy settings by non-managers', async () => {
    const bad = await manager
      .post('/k/api/plugin/proxy.json')
      .set(XHR)
      .send({ url: 'file:///etc/passwd', method: 'GET' })
      .expect(400);
    expect(bad.body.code).toBe('CB_VA01');
    const viewer = await signedIn(app, 'suzuki');
    await viewer
      .post('/k/api/plugin/app/proxy/config.json')
      .set(XHR)
      .send({ app: 1, pluginId: id, url: `${echoUrl}/`, method: 'GET', headers: {}, data: {} })
      .expect(403);
  });

  it('hands saved secrets to the settings page only', async () => {
    const settings = await manager.get(`/k/admin/app/1/plugin/config?pluginId=${id}`).expect(200);
    expect(settings.text).toContain('Bearer long');
    const detail = await manager.get('/k/1/show?record=1').expect(200);
    expect(detail.text).not.toContain('Bearer long');
    expect(detail.text).not.toContain('s3cret');
  });

  it('can be switched to exact URL matching', async () => {
    const exact = express();
    exact.use(pluginRoutes(ctx, { proxyMatch: 'exact' }));
    const agent = request.agent(exact);
    const cookie = (
      await request(app).post('/login').type('form').send({ username: 'yamada', password: 'password' })
    ).headers['set-cookie'];
    const res = await agent
      .post('/k/api/plugin/proxy.json')
      .set(XHR)
      .set('Cookie', cookie as unknown as string[])
      .send({ app: 1, pluginId: id, url: `${echoUrl}/api/v2/items`, method: 'GET' })
      .expect(200);
    expect(JSON.parse(res.body[0]).headers.authorization).toBeUndefined();
  });
});

describe('app pages', () => {
  let app: express.Express;
  let ctx: SimContext;
  let id: string;
  beforeEach(async () => {
    ({ app, ctx } = sim());
    id = await installAndAdd(app, packed.plugin);
    const meetings = ctx.tenant.app('1');
    const first = meetings?.records.find((r) => r.id === 1);
    if (!first) throw new Error('seed record missing');
    first.values.transcript = '[00:00:01] Mallory: <script>alert(1)</script>';
    first.values.summary = '<p>Plain <b>summary</b></p><img src=x onerror=alert(2)>';
  });

  it('renders the record detail as escaped text, with the space element and the plug-in JS', async () => {
    const user = await signedIn(app, 'suzuki');
    const res = await user.get('/k/1/show?record=1').expect(200);
    expect(res.text).toContain('[00:00:01] Mallory: &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).not.toContain('<script>alert(1)');
    expect(res.text).not.toContain('<img src=x');
    expect(res.text).toContain('Plain summary');
    expect(res.text).toContain(
      '<div id="user-js-notta_panel" class="k-space" data-element-id="notta_panel"></div>',
    );
    expect(res.text).toContain(`<script src="/k/plugin/${id}/files/js/desktop.js"></script>`);
    expect(res.text).toContain(`href="/k/plugin/${id}/files/css/desktop.css"`);
    const boot = /window\.__KINTONE_SIM__=(.*?);<\/script>/.exec(res.text)?.[1] ?? '';
    const context = JSON.parse(boot);
    expect(context.event).toMatchObject({ type: 'app.record.detail.show', appId: 1, recordId: 1 });
    expect(context.event.record.transcript).toEqual({
      type: 'MULTI_LINE_TEXT',
      value: '[00:00:01] Mallory: <script>alert(1)</script>',
    });
    expect(context.event.record.$id).toEqual({ type: '__ID__', value: '1' });
    expect(context.loginUser).toMatchObject({
      code: 'suzuki',
      isGuest: false,
      language: 'ja',
      timezone: 'Asia/Tokyo',
    });
  });

  it('fires app.record.index.show on the list and mobile.app.record.detail.show on mobile', async () => {
    const user = await signedIn(app, 'suzuki');
    const list = await user.get('/k/1/').expect(200);
    expect(list.text).toContain('id="kintone-header-space"');
    expect(list.text).toContain('id="kintone-header-menu-space"');
    const listCtx = JSON.parse(/window\.__KINTONE_SIM__=(.*?);<\/script>/.exec(list.text)?.[1] ?? '');
    expect(listCtx.event).toMatchObject({
      type: 'app.record.index.show',
      appId: 1,
      viewType: 'list',
      offset: 0,
      size: 2,
      date: null,
    });
    expect(list.text).toContain('&lt;script&gt;');
    const mobile = await user.get('/k/m/1/show?record=1').expect(200);
    expect(mobile.text).toContain(`/k/plugin/${id}/files/js/mobile.js`);
    expect(mobile.text).not.toContain('js/desktop.js');
    expect(mobile.text).toContain('mobile.app.record.detail.show');
  });

  it('redirects show#record=N through the browser, and lists only apps the user may view', async () => {
    const user = await signedIn(app, 'suzuki');
    const hash = await user.get('/k/1/show').expect(200);
    expect(hash.text).toContain("location.replace('show?record='");
    const meetings = ctx.tenant.app('1');
    if (!meetings) throw new Error('app 1 missing');
    meetings.permissions = meetings.permissions.filter((p) => p.userCode !== 'suzuki');
    const portal = await user.get('/k/').expect(200);
    expect(portal.text).not.toContain('Meeting notes');
    expect(portal.text).toContain('Customers');
    await user.get('/k/1/').expect(403);
    await user.get('/k/1/show?record=1').expect(403);
    await request(app).get('/k/1/').expect(302);
  });
});
