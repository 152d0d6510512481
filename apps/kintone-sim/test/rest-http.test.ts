import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { listen, mintToken, restSim } from './support/rest.js';

function sim(env: Record<string, string> = {}) {
  const s = restSim(env);
  const bearer = (user = 'yamada', scopes?: Parameters<typeof mintToken>[2]) => ({
    Authorization: `Bearer ${mintToken(s.ctx, user, scopes)}`,
  });
  return { ...s, bearer };
}

describe('REST authentication and scopes', () => {
  it('answers 401 CB_AU01 without credentials and 401 CB_OA01 for unknown or expired tokens', async () => {
    const { app, ctx } = sim();
    const noAuth = await request(app).get('/k/v1/apps.json').expect(401);
    expect(noAuth.body).toMatchObject({ code: 'CB_AU01', message: 'Please login.' });
    expect(noAuth.body.id).toMatch(/^\w{20}$/);
    const bad = await request(app).get('/k/v1/apps.json').set('Authorization', 'Bearer nope').expect(401);
    expect(bad.body.code).toBe('CB_OA01');
    const expired = mintToken(ctx, 'yamada', undefined, -1);
    const res = await request(app)
      .get('/k/v1/apps.json')
      .set('Authorization', `Bearer ${expired}`)
      .expect(401);
    expect(res.body.code).toBe('CB_OA01');
  });

  it('answers 403 CB_OA01 when the token lacks the scope the endpoint needs', async () => {
    const { app, bearer } = sim();
    const readOnly = bearer('yamada', ['k:app_record:read']);
    const cases: [string, string, unknown?][] = [
      ['get', '/k/v1/apps.json'],
      ['get', '/k/v1/app.json?id=1'],
      ['get', '/k/v1/app/form/fields.json?app=1'],
      ['get', '/k/v1/app/form/layout.json?app=1'],
      ['post', '/k/v1/record.json', { app: 1, record: {} }],
      ['put', '/k/v1/records.json', { app: 1, records: [] }],
      ['post', '/k/v1/record/comment.json', { app: 1, record: 1, comment: { text: 'x' } }],
      ['post', '/k/v1/file.json'],
      ['get', '/k/v1/file.json?fileKey=x'],
    ];
    for (const [method, path, body] of cases) {
      const req =
        method === 'get'
          ? request(app).get(path)
          : method === 'post'
            ? request(app).post(path)
            : request(app).put(path);
      const res = await req.set(readOnly).send(body as object);
      expect([path, res.status, res.body.code]).toEqual([path, 403, 'CB_OA01']);
      expect(res.body.message).toMatch(/Cannot access protected resource/);
    }
    await request(app).get('/k/v1/record.json?app=1&id=1').set(readOnly).expect(200);
  });

  it('takes the signed-in session, requiring X-Requested-With for writes', async () => {
    const { app, ctx } = sim();
    const agent = request.agent(app);
    // Sign in through the sim's own sign-in form.
    await agent.post('/login').type('form').send({ username: 'emily', password: 'password' });
    const user = ctx.tenant.userByCode('emily');
    expect(user).toBeDefined();
    const list = await agent.get('/k/v1/records.json?app=1').expect(200);
    expect(list.body.records).toHaveLength(2);
    const blocked = await agent
      .post('/k/v1/record.json')
      .send({ app: 1, record: { meeting_id: { value: 's-1' } } })
      .expect(400);
    expect(blocked.body.code).toBe('CB_IL02');
    const ok = await agent
      .post('/k/v1/record.json')
      .set('X-Requested-With', 'XMLHttpRequest')
      .send({ app: 1, record: { meeting_id: { value: 's-1' } } })
      .expect(200);
    const rec = await agent.get(`/k/v1/record.json?app=1&id=${ok.body.id}`).expect(200);
    expect(rec.body.record.creator.value).toEqual({ code: 'emily', name: 'Emily Clark' });
  });
});

describe('REST app permissions', () => {
  it('lists only apps the user may view and answers CB_NO02 / GAIA_AP01', async () => {
    const { app, ctx, bearer } = sim();
    const customers = ctx.tenant.app('2')!;
    customers.permissions = customers.permissions.filter((p) => p.userCode !== 'suzuki');
    const suzuki = bearer('suzuki');
    const apps = await request(app).get('/k/v1/apps.json').set(suzuki).expect(200);
    expect(apps.body.apps.map((a: { appId: string }) => a.appId)).toEqual(['1']);
    const denied = await request(app).get('/k/v1/records.json?app=2').set(suzuki).expect(403);
    expect(denied.body).toMatchObject({ code: 'CB_NO02' });
    const missing = await request(app).get('/k/v1/app.json?id=99').set(suzuki).expect(404);
    expect(missing.body.code).toBe('GAIA_AP01');
    // tanaka may view Customers but neither add nor edit.
    const tanaka = bearer('tanaka');
    await request(app).get('/k/v1/record.json?app=2&id=1').set(tanaka).expect(200);
    const add = await request(app)
      .post('/k/v1/record.json')
      .set(tanaka)
      .send({ app: 2, record: { company_name: { value: 'X' } } });
    expect([add.status, add.body.code]).toEqual([403, 'CB_NO02']);
    const edit = await request(app).put('/k/v1/record.json').set(tanaka).send({ app: 2, id: 1, record: {} });
    expect([edit.status, edit.body.code]).toEqual([403, 'CB_NO02']);
    // The administrator sees everything.
    const admin = await request(app).get('/k/v1/apps.json').set(bearer('administrator')).expect(200);
    expect(admin.body.apps).toHaveLength(2);
  });
});

describe('REST endpoints', () => {
  it('filters apps by ids, codes and name, with limit and offset', async () => {
    const { app, bearer } = sim();
    const h = bearer('administrator');
    const get = async (qs: string) =>
      (await request(app).get(`/k/v1/apps.json?${qs}`).set(h).expect(200)).body.apps.map(
        (a: { appId: string }) => a.appId,
      );
    expect(await get('ids[0]=2')).toEqual(['2']);
    expect(await get('codes[0]=MEETINGS&codes[1]=CUSTOMERS')).toEqual(['1', '2']);
    expect(await get('name=meeting')).toEqual(['1']);
    expect(await get('limit=1&offset=1')).toEqual(['2']);
    const bad = await request(app).get('/k/v1/apps.json?limit=101').set(h).expect(400);
    expect(bad.body).toMatchObject({
      code: 'CB_VA01',
      errors: { limit: { messages: ['Enter 100 or less.'] } },
    });
    const one = await request(app).get('/k/v1/app.json?id=1').set(h).expect(200);
    expect(one.body).toMatchObject({
      appId: '1',
      code: 'MEETINGS',
      name: 'Meeting notes',
      spaceId: null,
      threadId: null,
    });
  });

  it('lists form fields (system fields, no blank spaces) and the layout with the blank space elementId', async () => {
    const { app, bearer } = sim();
    const fields = await request(app).get('/k/v1/app/form/fields.json?app=1').set(bearer()).expect(200);
    expect(fields.body.revision).toMatch(/^\d+$/);
    const props = fields.body.properties;
    expect(props.meeting_id).toMatchObject({
      type: 'SINGLE_LINE_TEXT',
      code: 'meeting_id',
      required: true,
      unique: true,
    });
    expect(props.record_number.type).toBe('RECORD_NUMBER');
    expect(props.Status).toMatchObject({ type: 'STATUS', enabled: false });
    expect(Object.values(props).some((p) => (p as { type: string }).type === 'SPACER')).toBe(false);
    const layout = await request(app).get('/k/v1/app/form/layout.json?app=1').set(bearer()).expect(200);
    const spacers = layout.body.layout.flatMap((r: { fields: { type: string; elementId?: string }[] }) =>
      r.fields.filter((f) => f.type === 'SPACER'),
    );
    expect(spacers).toEqual([expect.objectContaining({ elementId: 'notta_panel' })]);
  });

  it('adds, fetches and updates by id or updateKey with revision checks', async () => {
    const { app, bearer } = sim();
    const h = bearer();
    const added = await request(app)
      .post('/k/v1/record.json')
      .set(h)
      .send({ app: '1', record: { meeting_id: { value: 'm-1' }, title: { value: 'First' } } })
      .expect(200);
    expect(added.body).toEqual({ id: '3', revision: '1' });
    const got = await request(app).get('/k/v1/record.json?app=1&id=3').set(h).expect(200);
    expect(got.body.record.title).toEqual({ type: 'SINGLE_LINE_TEXT', value: 'First' });
    expect(got.body.record.creator.value.code).toBe('yamada');

    const upd = await request(app)
      .put('/k/v1/record.json')
      .set(h)
      .send({ app: 1, id: 3, revision: 1, record: { title: { value: 'Second' } } });
    expect(upd.body).toEqual({ revision: '2' });
    const stale = await request(app)
      .put('/k/v1/record.json')
      .set(h)
      .send({ app: 1, id: 3, revision: 1, record: {} })
      .expect(409);
    expect(stale.body.code).toBe('GAIA_CO02');
    await request(app)
      .put('/k/v1/record.json')
      .set(h)
      .send({ app: 1, id: 3, revision: -1, record: {} })
      .expect(200);

    const byKey = await request(app)
      .put('/k/v1/record.json')
      .set(h)
      .send({
        app: 1,
        updateKey: { field: 'meeting_id', value: 'm-1' },
        record: { title: { value: 'Third' } },
      })
      .expect(200);
    expect(byKey.body.revision).toBe('4');
    const notUnique = await request(app)
      .put('/k/v1/record.json')
      .set(h)
      .send({ app: 1, updateKey: { field: 'title', value: 'Third' }, record: {} })
      .expect(400);
    expect(notUnique.body).toMatchObject({
      code: 'CB_VA01',
      errors: { 'updateKey.field': expect.anything() },
    });
    const missingKey = await request(app)
      .put('/k/v1/record.json')
      .set(h)
      .send({ app: 1, updateKey: { field: 'meeting_id', value: 'nope' }, record: {} })
      .expect(404);
    expect(missingKey.body.code).toBe('GAIA_RE01');
    const missing = await request(app).get('/k/v1/record.json?app=1&id=99').set(h).expect(404);
    expect(missing.body.code).toBe('GAIA_RE01');
  });

  it('gets records with query, fields[] and totalCount; bad queries are 400', async () => {
    const { app, bearer } = sim();
    const h = bearer();
    const q = encodeURIComponent('topics in ("Sales", "Support") order by $id asc limit 1 offset 1');
    const res = await request(app)
      .get(`/k/v1/records.json?app=1&query=${q}&fields[0]=$id&fields[1]=title&totalCount=true`)
      .set(h)
      .expect(200);
    expect(res.body).toEqual({
      records: [
        {
          $id: { type: '__ID__', value: '2' },
          title: { type: 'SINGLE_LINE_TEXT', value: 'Globex onboarding call' },
        },
      ],
      totalCount: '2',
    });
    const noCount = await request(app).get('/k/v1/records.json?app=1').set(h).expect(200);
    expect(noCount.body.totalCount).toBeNull();
    expect(noCount.body.records.map((r: { $id: { value: string } }) => r.$id.value)).toEqual(['2', '1']);
    const syntax = await request(app)
      .get(`/k/v1/records.json?app=1&query=${encodeURIComponent('title = ')}`)
      .set(h)
      .expect(400);
    expect(syntax.body.code).toBe('GAIA_IQ11');
    expect(syntax.body.message).toMatch(/query/);
    const big = await request(app)
      .get(`/k/v1/records.json?app=1&query=${encodeURIComponent('limit 501')}`)
      .set(h)
      .expect(400);
    expect(big.body).toMatchObject({ code: 'CB_VA01', errors: { query: expect.anything() } });
    // A long GET sent as POST with X-HTTP-Method-Override (what rest-api-client does past 4 KB).
    const viaPost = await request(app)
      .post('/k/v1/records.json')
      .set(h)
      .set('X-HTTP-Method-Override', 'GET')
      .send({ app: 1, query: 'meeting_id = "mtg-2026-1101-acme"', fields: ['meeting_id'] })
      .expect(200);
    expect(viaPost.body.records).toEqual([
      { meeting_id: { type: 'SINGLE_LINE_TEXT', value: 'mtg-2026-1101-acme' } },
    ]);
  });

  it('adds and updates many records all-or-nothing, with upsert', async () => {
    const { app, ctx, bearer } = sim();
    const h = bearer();
    const bad = await request(app)
      .post('/k/v1/records.json')
      .set(h)
      .send({
        app: 1,
        records: [
          { meeting_id: { value: 'b-1' } },
          { meeting_id: { value: 'b-1' } },
          { title: { value: 'no id' } },
        ],
      })
      .expect(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual([
      'records[0].meeting_id.value',
      'records[1].meeting_id.value',
      'records[2].meeting_id.value',
    ]);
    expect(ctx.tenant.app('1')!.records).toHaveLength(2);
    const ok = await request(app)
      .post('/k/v1/records.json')
      .set(h)
      .send({ app: 1, records: [{ meeting_id: { value: 'b-1' } }, { meeting_id: { value: 'b-2' } }] })
      .expect(200);
    expect(ok.body).toEqual({
      ids: ['3', '4'],
      revisions: ['1', '1'],
      records: [
        { id: '3', revision: '1' },
        { id: '4', revision: '1' },
      ],
    });
    const tooMany = await request(app)
      .post('/k/v1/records.json')
      .set(h)
      .send({ app: 1, records: Array.from({ length: 101 }, () => ({})) })
      .expect(400);
    expect(tooMany.body.errors.records).toBeDefined();

    const upsert = await request(app)
      .put('/k/v1/records.json')
      .set(h)
      .send({
        app: 1,
        upsert: true,
        records: [
          { updateKey: { field: 'meeting_id', value: 'b-1' }, record: { title: { value: 'updated' } } },
          { updateKey: { field: 'meeting_id', value: 'b-9' }, record: { title: { value: 'inserted' } } },
        ],
      })
      .expect(200);
    expect(upsert.body).toEqual({
      records: [
        { id: '3', revision: '2', operation: 'UPDATE' },
        { id: '5', revision: '1', operation: 'INSERT' },
      ],
    });
    // One bad record (a stale revision) changes nothing.
    const conflict = await request(app)
      .put('/k/v1/records.json')
      .set(h)
      .send({
        app: 1,
        records: [
          { id: 4, record: { title: { value: 'x' } } },
          { id: 3, revision: 1, record: {} },
        ],
      })
      .expect(409);
    expect(conflict.body.code).toBe('GAIA_CO02');
    expect(ctx.tenant.app('1')!.records.find((r) => r.id === 4)!.revision).toBe(1);
    const plain = await request(app)
      .put('/k/v1/records.json')
      .set(h)
      .send({ app: 1, records: [{ id: 4, record: { title: { value: 'x' } } }] })
      .expect(200);
    expect(plain.body).toEqual({ records: [{ id: '4', revision: '2' }] });
  });

  it('adds comments, checking text, mentions and whether comments are on', async () => {
    const { app, ctx, bearer } = sim();
    const h = bearer();
    const ok = await request(app)
      .post('/k/v1/record/comment.json')
      .set(h)
      .send({ app: 1, record: 1, comment: { text: 'Nice', mentions: [{ code: 'emily', type: 'USER' }] } })
      .expect(200);
    expect(ok.body).toEqual({ id: '1' });
    expect(ctx.tenant.app('1')!.records[0]!.comments[0]).toMatchObject({
      text: 'Nice',
      creator: { code: 'yamada' },
    });
    const empty = await request(app)
      .post('/k/v1/record/comment.json')
      .set(h)
      .send({ app: 1, record: 1, comment: { text: '' } })
      .expect(400);
    expect(empty.body.errors['comment.text']).toBeDefined();
    const many = Array.from({ length: 11 }, () => ({ code: 'emily', type: 'USER' }));
    await request(app)
      .post('/k/v1/record/comment.json')
      .set(h)
      .send({ app: 1, record: 1, comment: { text: 'x', mentions: many } })
      .expect(400);
    const ghost = await request(app)
      .post('/k/v1/record/comment.json')
      .set(h)
      .send({ app: 1, record: 1, comment: { text: 'x', mentions: [{ code: 'ghost', type: 'USER' }] } })
      .expect(400);
    expect(ghost.body.errors['comment.mentions[0].code']).toBeDefined();
    await request(app)
      .post('/k/v1/record/comment.json')
      .set(h)
      .send({ app: 1, record: 99, comment: { text: 'x' } })
      .expect(404);
    ctx.tenant.app('1')!.commentsEnabled = false;
    const off = await request(app)
      .post('/k/v1/record/comment.json')
      .set(h)
      .send({ app: 1, record: 1, comment: { text: 'x' } })
      .expect(400);
    expect(off.body.message).toBe('このアプリではコメント機能が無効になっています。');
  });

  it('uploads a file, attaches it by fileKey and downloads the attachment', async () => {
    const { app, bearer } = sim();
    const h = bearer();
    const up = await request(app)
      .post('/k/v1/file.json')
      .set(h)
      .attach('file', Buffer.from('hello'), { filename: 'notes.txt', contentType: 'text/plain' })
      .expect(200);
    expect(up.body.fileKey).toEqual(expect.any(String));
    const bad = await request(app)
      .put('/k/v1/record.json')
      .set(h)
      .send({ app: 1, id: 1, record: { attachments: { value: [{ fileKey: 'nope' }] } } })
      .expect(400);
    expect(bad.body.errors['record.attachments.value']).toBeDefined();
    await request(app)
      .put('/k/v1/record.json')
      .set(h)
      .send({ app: 1, id: 1, record: { attachments: { value: [{ fileKey: up.body.fileKey }] } } })
      .expect(200);
    const rec = await request(app).get('/k/v1/record.json?app=1&id=1').set(h).expect(200);
    const [file] = rec.body.record.attachments.value;
    expect(file).toMatchObject({ name: 'notes.txt', contentType: 'text/plain', size: '5' });
    const down = await request(app)
      .get(`/k/v1/file.json?fileKey=${file.fileKey}`)
      .set(h)
      .buffer(true)
      .expect(200);
    expect(down.headers['content-type']).toMatch(/text\/plain/);
    expect(down.text).toBe('hello');
    const none = await request(app).post('/k/v1/file.json').set(h).send({}).expect(400);
    expect(none.body.code).toBe('CB_VA01');
    await request(app).get('/k/v1/file.json?fileKey=nope').set(h).expect(404);
  });
});

describe('REST errors, faults and limits', () => {
  it('answers CB_IJ01 for invalid JSON and CB_VA01 for a malformed body', async () => {
    const { app, bearer } = sim();
    const res = await request(app)
      .post('/k/v1/record.json')
      .set(bearer())
      .set('Content-Type', 'application/json')
      .send('{"app":')
      .expect(400);
    expect(res.body.code).toBe('CB_IJ01');
    const va = await request(app).post('/k/v1/record.json').set(bearer()).send({ record: {} }).expect(400);
    expect(va.body).toMatchObject({ code: 'CB_VA01', errors: { app: { messages: ['Required.'] } } });
  });

  it('answers guest-space paths with CB_NO02 and unknown APIs with a JSON 404', async () => {
    const { app, bearer } = sim();
    const guest = await request(app).get('/k/guest/5/v1/records.json?app=1').set(bearer()).expect(403);
    expect(guest.body.code).toBe('CB_NO02');
    await request(app).get('/k/guest/5/v1/records.json?app=1').expect(401);
    const unknown = await request(app).get('/k/v1/nope.json').set(bearer()).expect(404);
    expect(unknown.body.code).toBe('CB_NO01');
  });

  it('plays injected faults and latency', async () => {
    const { app, ctx, bearer } = sim();
    ctx.tenant.state.faults.rest.push(
      { remaining: 2, status: 503 },
      { remaining: 1, status: 500, code: 'GAIA_X', message: 'boom' },
    );
    const h = bearer();
    expect((await request(app).get('/k/v1/apps.json').set(h)).status).toBe(503);
    expect((await request(app).get('/k/v1/apps.json').set(h)).status).toBe(503);
    const named = await request(app).get('/k/v1/apps.json').set(h).expect(500);
    expect(named.body).toMatchObject({ code: 'GAIA_X', message: 'boom' });
    await request(app).get('/k/v1/apps.json').set(h).expect(200);
    ctx.tenant.state.faults.latencyMs = 60;
    const started = Date.now();
    await request(app).get('/k/v1/apps.json').set(h).expect(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('answers 429 beyond the concurrency limit while requests are held open, and frees slots after', async () => {
    const { app, ctx, bearer } = sim({ KINTONE_SIM_CONCURRENCY_LIMIT: '2' });
    const h = bearer();
    const server = await listen(app);
    try {
      ctx.tenant.state.faults.latencyMs = 300;
      const held = [0, 1].map(() => request(server.baseUrl).get('/k/v1/apps.json').set(h));
      const pending = held.map((r) => r.then((x) => x));
      await new Promise((r) => setTimeout(r, 80));
      const over = await request(server.baseUrl).get('/k/v1/apps.json').set(h).expect(429);
      expect(over.body).toMatchObject({
        code: 'CB_TM01',
        id: expect.any(String),
        message: expect.any(String),
      });
      expect(over.headers['x-concurrencylimit-limit']).toBe('2');
      const done = await Promise.all(pending);
      expect(done.map((r) => r.status)).toEqual([200, 200]);
      ctx.tenant.state.faults.latencyMs = 0;
      await request(server.baseUrl).get('/k/v1/apps.json').set(h).expect(200);
    } finally {
      await server.close();
    }
  });
});
