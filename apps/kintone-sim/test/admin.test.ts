import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { authenticateBearer } from '../src/oauth/tokens.js';
import { createClient, hiddenInput, makeSim, REDIRECT, signedIn, tokensFor } from './support/oauth.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

type Agent = Awaited<ReturnType<typeof signedIn>>;

async function csrfOf(agent: Agent, path: string): Promise<string> {
  return hiddenInput((await agent.get(path).expect(200)).text, 'csrf');
}

async function addViaForm(
  agent: Agent,
  fields: { name?: string; redirectUri?: string },
  logo?: { bytes: Buffer; name: string },
  csrf?: string,
) {
  const req = agent
    .post('/admin/oauth')
    .field('csrf', csrf ?? (await csrfOf(agent, '/admin/oauth/new')))
    .field('name', fields.name ?? '')
    .field('redirectUri', fields.redirectUri ?? '');
  if (logo) req.attach('logo', logo.bytes, logo.name);
  return req;
}

describe('Users & System Administration pages', () => {
  it('are for cybozu.com administrators only; signed-out browsers go to sign in', async () => {
    const { app } = makeSim();
    const out = await request(app).get('/admin/oauth').expect(302);
    expect(out.headers.location).toBe('/login?redirect=%2Fadmin%2Foauth');
    const yamada = await signedIn(app, 'yamada');
    for (const path of ['/admin/', '/admin/oauth', '/admin/security/access'])
      await yamada.get(path).expect(403);
  });

  it('link Integrations → OAuth and Security → Access control from the index', async () => {
    const { app } = makeSim();
    const admin = await signedIn(app, 'administrator');
    const res = await admin.get('/admin/').expect(200);
    expect(res.text).toContain('<h2>Integrations</h2>');
    expect(res.text).toContain('<a href="/admin/oauth">OAuth</a>');
    expect(res.text).toContain('<h2>Security</h2>');
    expect(res.text).toContain('<a href="/admin/security/access">Access control</a>');
  });
});

describe('Integrations → OAuth', () => {
  it('adds a client with a logo; the edit screen shows its ID, secret and endpoints', async () => {
    const { app, ctx } = makeSim();
    const admin = await signedIn(app, 'administrator');
    const list = await admin.get('/admin/oauth').expect(200);
    expect(list.text).toContain('No OAuth clients have been added.');
    expect(list.text).toContain('Add OAuth Client');
    const res = await addViaForm(
      admin,
      { name: 'Notta', redirectUri: REDIRECT },
      { bytes: PNG, name: 'logo.png' },
    );
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/oauth?done=added');
    const client = ctx.tenant.state.oauthClients[0]!;
    expect(client).toMatchObject({ name: 'Notta', redirectUri: REDIRECT, allowedUsers: [] });
    expect(client.logo).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
    const after = await admin.get('/admin/oauth?done=added').expect(200);
    expect(after.text).toContain('The OAuth client has been added.');
    expect(after.text).toContain('Notta');

    const edit = await admin.get(`/admin/oauth/${client.clientId}`).expect(200);
    expect(edit.text).toContain(`<code id="client-id">${client.clientId}</code>`);
    expect(edit.text).toContain(`<code id="client-secret">${client.clientSecret}</code>`);
    expect(edit.text).toContain(
      '<code id="authorization-endpoint">http://localhost:3999/oauth2/authorization</code>',
    );
    expect(edit.text).toContain('<code id="token-endpoint">http://localhost:3999/oauth2/token</code>');
  });

  it('accepts http only for localhost and 127.0.0.1, and no logo at all', async () => {
    const { app, ctx } = makeSim();
    const admin = await signedIn(app, 'administrator');
    for (const uri of ['http://localhost:8080/cb', 'http://127.0.0.1/cb', 'https://x.example/cb?a=1']) {
      expect((await addViaForm(admin, { name: 'Dev', redirectUri: uri })).status).toBe(303);
    }
    expect(ctx.tenant.state.oauthClients.map((c) => c.logo)).toEqual([undefined, undefined, undefined]);
  });

  it.each([
    [{ name: '', redirectUri: REDIRECT }, undefined, 'Client name is required.'],
    [{ name: 'A', redirectUri: '' }, undefined, 'Redirect endpoint is required.'],
    [
      { name: 'A', redirectUri: 'http://notta.example/cb' },
      undefined,
      'Redirect endpoint must start with https://',
    ],
    [{ name: 'A', redirectUri: 'not a url' }, undefined, 'Redirect endpoint must be a valid URL.'],
    [{ name: 'A', redirectUri: `${REDIRECT}#x` }, undefined, 'must not contain a fragment'],
    [
      { name: 'A', redirectUri: REDIRECT },
      { bytes: Buffer.from('GIF? no, text'), name: 'x.png' },
      'Client logo must be a PNG, JPEG or GIF image.',
    ],
    [
      { name: 'A', redirectUri: REDIRECT },
      { bytes: Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]), name: 'big.png' },
      'Client logo must be 1 MB or smaller.',
    ],
  ])('shows the error on the form and saves nothing: %j', async (fields, logo, message) => {
    const { app, ctx } = makeSim();
    const admin = await signedIn(app, 'administrator');
    const res = await addViaForm(admin, fields, logo);
    expect(res.status).toBe(400);
    expect(res.text).toContain(message);
    expect(res.text).toContain('Add OAuth Client');
    expect(ctx.tenant.state.oauthClients).toEqual([]);
  });

  it('refuses a form without the session’s CSRF token', async () => {
    const { app, ctx } = makeSim();
    const admin = await signedIn(app, 'administrator');
    const res = await addViaForm(admin, { name: 'A', redirectUri: REDIRECT }, undefined, 'forged');
    expect(res.status).toBe(403);
    expect(res.text).toContain('This page has expired.');
    // A token from another session does not work either.
    const other = await signedIn(app, 'administrator');
    const stolen = await csrfOf(other, '/admin/oauth/new');
    expect((await addViaForm(admin, { name: 'A', redirectUri: REDIRECT }, undefined, stolen)).status).toBe(
      403,
    );
    expect(ctx.tenant.state.oauthClients).toEqual([]);
  });

  it('refuses a 21st client, on the page and in the JSON API', async () => {
    const { app, ctx } = makeSim();
    for (let i = 0; i < 20; i++) await createClient(app, { name: `Client ${i}` });
    const admin = await signedIn(app, 'administrator');
    const form = await admin.get('/admin/oauth/new').expect(200);
    expect(form.text).toContain('You cannot add more than 20 OAuth clients.');
    const res = await addViaForm(admin, { name: 'One more', redirectUri: REDIRECT });
    expect(res.status).toBe(400);
    expect(res.text).toContain(
      'You cannot add more than 20 OAuth clients. Delete a client you no longer use first.',
    );
    const api = await request(app)
      .post('/_sim/oauth/clients')
      .send({ name: 'x', redirectUri: REDIRECT })
      .expect(409);
    expect(api.body.message).toContain('more than 20');
    expect(ctx.tenant.state.oauthClients).toHaveLength(20);
  });

  it('edits the name and redirect endpoint, and removes the logo', async () => {
    const { app, ctx } = makeSim();
    const created = await createClient(app, { logo: `data:image/png;base64,${PNG.toString('base64')}` });
    const admin = await signedIn(app, 'administrator');
    const csrf = await csrfOf(admin, `/admin/oauth/${created.clientId}`);
    const res = await admin
      .post(`/admin/oauth/${created.clientId}`)
      .field('csrf', csrf)
      .field('name', 'Renamed')
      .field('redirectUri', 'https://new.example/cb')
      .field('removeLogo', '1')
      .expect(303);
    expect(res.headers.location).toBe('/admin/oauth?done=saved');
    const client = ctx.tenant.state.oauthClients[0]!;
    expect(client).toMatchObject({
      name: 'Renamed',
      redirectUri: 'https://new.example/cb',
      clientId: created.clientId,
    });
    expect(client.logo).toBeUndefined();
    const bad = await admin
      .post(`/admin/oauth/${created.clientId}`)
      .field('csrf', csrf)
      .field('name', 'Renamed')
      .field('redirectUri', 'ftp://x')
      .expect(400);
    expect(bad.text).toContain('Redirect endpoint must start with https://');
    expect(bad.text).toContain(created.clientSecret);
  });

  it('Configure users: none ticked at first; ticking and unticking (which retires tokens)', async () => {
    const { app, ctx } = makeSim();
    const created = await createClient(app);
    const admin = await signedIn(app, 'administrator');
    const page = await admin.get(`/admin/oauth/${created.clientId}/users`).expect(200);
    for (const u of ctx.tenant.state.users) expect(page.text).toContain(`value="${u.code}"`);
    expect(page.text).not.toContain('checked');
    const csrf = hiddenInput(page.text, 'csrf');
    await admin
      .post(`/admin/oauth/${created.clientId}/users`)
      .type('form')
      .send(`csrf=${encodeURIComponent(csrf)}&users=yamada&users=suzuki`)
      .expect(303);
    expect(ctx.tenant.state.oauthClients[0]!.allowedUsers).toEqual(['yamada', 'suzuki']);
    const ticked = await admin.get(`/admin/oauth/${created.clientId}/users`).expect(200);
    expect(ticked.text).toMatch(/value="yamada" checked/);

    const tokens = await tokensFor(app, created, 'yamada');
    await admin
      .post(`/admin/oauth/${created.clientId}/users`)
      .type('form')
      .send({ csrf, users: 'suzuki' })
      .expect(303);
    expect(ctx.tenant.state.oauthClients[0]!.allowedUsers).toEqual(['suzuki']);
    expect(authenticateBearer(ctx, tokens.access_token)).toBe('invalid');
    await admin
      .post(`/admin/oauth/${created.clientId}/users`)
      .type('form')
      .send({ users: 'yamada' })
      .expect(403);
  });

  it('deletes a client after a confirmation page, retiring its tokens', async () => {
    const { app, ctx } = makeSim();
    const created = await createClient(app, { name: 'Doomed', users: ['yamada'] });
    const tokens = await tokensFor(app, created);
    const admin = await signedIn(app, 'administrator');
    const confirm = await admin.get(`/admin/oauth/${created.clientId}/delete`).expect(200);
    expect(confirm.text).toContain('Delete the OAuth client <strong>Doomed</strong>?');
    expect(ctx.tenant.state.oauthClients).toHaveLength(1);
    await admin
      .post(`/admin/oauth/${created.clientId}/delete`)
      .type('form')
      .send({ csrf: hiddenInput(confirm.text, 'csrf') })
      .expect(303);
    expect(ctx.tenant.state.oauthClients).toEqual([]);
    expect(authenticateBearer(ctx, tokens.access_token)).toBe('invalid');
    await admin.get(`/admin/oauth/${created.clientId}`).expect(404);
  });
});

describe('Security → Access control', () => {
  it('turns the restriction on with valid entries', async () => {
    const { app, ctx } = makeSim();
    const admin = await signedIn(app, 'administrator');
    const csrf = await csrfOf(admin, '/admin/security/access');
    const res = await admin
      .post('/admin/security/access')
      .set('X-Sim-Client-Address', '127.0.0.1')
      .type('form')
      .send({ csrf, enabled: '1', allowed: '127.0.0.1\n203.0.113.0/24\n\n198.51.100.7/32' })
      .expect(200);
    expect(res.text).toContain('The settings have been saved.');
    expect(ctx.tenant.state.ipRestriction).toEqual({
      enabled: true,
      allowed: ['127.0.0.1', '203.0.113.0/24', '198.51.100.7/32'],
    });
  });

  it('names bad entries and saves nothing', async () => {
    const { app, ctx } = makeSim();
    const admin = await signedIn(app, 'administrator');
    const csrf = await csrfOf(admin, '/admin/security/access');
    const res = await admin
      .post('/admin/security/access')
      .type('form')
      .send({ csrf, enabled: '1', allowed: '203.0.113.0/24\n10.0.0.0/33\nexample.com' })
      .expect(400);
    expect(res.text).toContain(
      'These entries are not valid IPv4 addresses or CIDR ranges: 10.0.0.0/33, example.com',
    );
    const empty = await admin
      .post('/admin/security/access')
      .type('form')
      .send({ csrf, enabled: '1', allowed: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Enter at least one IP address or range to allow');
    await admin
      .post('/admin/security/access')
      .type('form')
      .send({ enabled: '1', allowed: '1.2.3.4' })
      .expect(403);
    expect(ctx.tenant.state.ipRestriction).toEqual({ enabled: false, allowed: [] });
  });
});

describe('JSON admin API (/_sim/)', () => {
  it('creates, lists, ticks users and deletes clients', async () => {
    const { app } = makeSim();
    const created = await request(app)
      .post('/_sim/oauth/clients')
      .send({ name: 'API', redirectUri: REDIRECT })
      .expect(201);
    expect(created.body).toMatchObject({
      clientId: expect.any(String),
      clientSecret: expect.any(String),
      authorizationEndpoint: 'http://localhost:3999/oauth2/authorization',
      tokenEndpoint: 'http://localhost:3999/oauth2/token',
      allowedUsers: [],
    });
    const id = created.body.clientId as string;
    const ticked = await request(app)
      .put(`/_sim/oauth/clients/${id}/users`)
      .send({ users: ['emily'] })
      .expect(200);
    expect(ticked.body.allowedUsers).toEqual(['emily']);
    const list = await request(app).get('/_sim/oauth/clients').expect(200);
    expect(list.body.clients).toHaveLength(1);
    await request(app).delete(`/_sim/oauth/clients/${id}`).expect(204);
    await request(app).delete(`/_sim/oauth/clients/${id}`).expect(404);
    await request(app).put(`/_sim/oauth/clients/${id}/users`).send({ users: [] }).expect(404);
  });

  it('answers 400 naming the fields on bad input', async () => {
    const { app } = makeSim();
    const a = await request(app).post('/_sim/oauth/clients').send({ redirectUri: 42 }).expect(400);
    expect(Object.keys(a.body.errors)).toEqual(expect.arrayContaining(['name', 'redirectUri']));
    const b = await request(app)
      .post('/_sim/oauth/clients')
      .send({
        name: 'x',
        redirectUri: 'http://evil.example/cb',
        logo: 'data:text/plain;base64,AA==',
        users: ['nobody'],
      })
      .expect(400);
    expect(Object.keys(b.body.errors).sort()).toEqual(['logo', 'redirectUri', 'users']);
    const { clientId } = await createClient(app);
    const c = await request(app)
      .put(`/_sim/oauth/clients/${clientId}/users`)
      .send({ users: 'yamada' })
      .expect(400);
    expect(Object.keys(c.body.errors)).toEqual(['users']);
    const d = await request(app)
      .put(`/_sim/oauth/clients/${clientId}/users`)
      .send({ users: ['ghost'] })
      .expect(400);
    expect(d.body.errors.users).toContain('ghost');
  });
});
