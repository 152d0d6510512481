import { KintoneRestAPIClient, KintoneRestAPIError } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimContext } from '../src/app.js';
import { listen, mintToken, restSim } from './support/rest.js';

/** Drives the sim with the official client (an independent implementation of what Kintone speaks). */
describe('REST API with the official @kintone/rest-api-client', () => {
  let ctx: SimContext;
  let baseUrl: string;
  let close: () => Promise<void>;
  const client = (user = 'yamada', scopes?: Parameters<typeof mintToken>[2]) =>
    new KintoneRestAPIClient({ baseUrl, auth: { oAuthToken: mintToken(ctx, user, scopes) } });

  async function failure(p: Promise<unknown>): Promise<KintoneRestAPIError> {
    try {
      await p;
    } catch (e) {
      expect(e).toBeInstanceOf(KintoneRestAPIError);
      return e as KintoneRestAPIError;
    }
    throw new Error('expected the call to fail');
  }

  beforeAll(async () => {
    const sim = restSim({ KINTONE_SIM_CONCURRENCY_LIMIT: '3' });
    ctx = sim.ctx;
    ({ baseUrl, close } = await listen(sim.app));
  });
  afterAll(async () => close());

  it('gets apps, form fields and layout', async () => {
    const c = client();
    const { apps } = await c.app.getApps({ codes: ['MEETINGS'] });
    expect(apps.map((a) => a.name)).toEqual(['Meeting notes']);
    const { properties } = await c.app.getFormFields({ app: 1 });
    expect(properties.meeting_id).toMatchObject({ type: 'SINGLE_LINE_TEXT', unique: true });
    const { layout } = await c.app.getFormLayout({ app: 1 });
    expect(JSON.stringify(layout)).toContain('"elementId":"notta_panel"');
  });

  it('adds records, gets them back with a query, updates and upserts by updateKey', async () => {
    const c = client();
    const { id, revision } = await c.record.addRecord({
      app: 1,
      record: { meeting_id: { value: 'cli-1' }, title: { value: 'Client one' }, duration: { value: '15' } },
    });
    expect(revision).toBe('1');
    const { record } = await c.record.getRecord({ app: 1, id });
    expect(record.title!.value).toBe('Client one');
    const { records, totalCount } = await c.record.getRecords({
      app: 1,
      fields: ['$id', 'meeting_id'],
      query: 'meeting_id in ("cli-1", "mtg-2026-1101-acme") order by $id asc',
      totalCount: true,
    });
    expect(records.map((r) => r.meeting_id!.value)).toEqual(['mtg-2026-1101-acme', 'cli-1']);
    expect(totalCount).toBe('2');

    const upd = await c.record.updateRecord({
      app: 1,
      updateKey: { field: 'meeting_id', value: 'cli-1' },
      revision: 1,
      record: { title: { value: 'Client one, renamed' } },
    });
    expect(upd.revision).toBe('2');
    // upsertRecord queries by the key, then updates or adds: both paths.
    const updated = await c.record.upsertRecord({
      app: 1,
      updateKey: { field: 'meeting_id', value: 'cli-1' },
      record: { duration: { value: '20' } },
    });
    expect(updated).toEqual({ id, revision: '3' });
    const inserted = await c.record.upsertRecord({
      app: 1,
      updateKey: { field: 'meeting_id', value: 'cli-2' },
      record: { title: { value: 'Client two' } },
    });
    expect(inserted.revision).toBe('1');
    expect((await c.record.getRecord({ app: 1, id: inserted.id })).record.meeting_id!.value).toBe('cli-2');
  });

  it('adds and updates many records, with upsert', async () => {
    const c = client();
    const added = await c.record.addRecords({
      app: 1,
      records: [{ meeting_id: { value: 'bulk-1' } }, { meeting_id: { value: 'bulk-2' } }],
    });
    expect(added.records).toHaveLength(2);
    const res = await c.record.updateRecords({
      app: 1,
      upsert: true,
      records: [
        { updateKey: { field: 'meeting_id', value: 'bulk-1' }, record: { title: { value: 'u' } } },
        { updateKey: { field: 'meeting_id', value: 'bulk-3' }, record: { title: { value: 'i' } } },
      ],
    });
    expect(res.records.map((r) => ('operation' in r ? r.operation : undefined))).toEqual([
      'UPDATE',
      'INSERT',
    ]);
    expect(res.records[0]!.id).toBe(added.ids[0]);
  });

  it('adds a comment and attaches an uploaded file', async () => {
    const c = client();
    const { id } = await c.record.addRecordComment({
      app: 1,
      record: 1,
      comment: { text: 'From the client' },
    });
    expect(id).toMatch(/^\d+$/);
    const { fileKey } = await c.file.uploadFile({ file: { name: 'transcript.txt', data: 'hello kintone' } });
    await c.record.updateRecord({ app: 1, id: 1, record: { attachments: { value: [{ fileKey }] } } });
    const { record } = await c.record.getRecord({ app: 1, id: 1 });
    const files = record.attachments!.value as { fileKey: string; name: string }[];
    expect(files.map((f) => f.name)).toEqual(['transcript.txt']);
    const data = await c.file.downloadFile({ fileKey: files[0]!.fileKey });
    expect(Buffer.from(data).toString()).toBe('hello kintone');
  });

  it('surfaces Kintone errors as KintoneRestAPIError with code, status and errors', async () => {
    const c = client('emily');
    const va = await failure(
      c.record.addRecord({
        app: 1,
        record: { meeting_id: { value: 'mtg-2026-1101-acme' }, duration: { value: 'x' } },
      }),
    );
    expect([va.status, va.code]).toEqual([400, 'CB_VA01']);
    expect(va.errors).toMatchObject({
      'record.meeting_id.value': { messages: ['This value already exists in another record.'] },
      'record.duration.value': { messages: ['Only numbers are allowed.'] },
    });
    const re = await failure(c.record.getRecord({ app: 1, id: 999 }));
    expect([re.status, re.code]).toEqual([404, 'GAIA_RE01']);
    const co = await failure(c.record.updateRecord({ app: 1, id: 2, revision: 99, record: {} }));
    expect([co.status, co.code]).toEqual([409, 'GAIA_CO02']);
    ctx.tenant.app('2')!.permissions = ctx.tenant.app('2')!.permissions.filter((p) => p.userCode !== 'emily');
    const no = await failure(c.record.getRecords({ app: 2 }));
    expect([no.status, no.code]).toEqual([403, 'CB_NO02']);
    const bad = new KintoneRestAPIClient({ baseUrl, auth: { oAuthToken: 'not-a-token' } });
    const oa401 = await failure(bad.app.getApps({}));
    expect([oa401.status, oa401.code]).toEqual([401, 'CB_OA01']);
    const oa403 = await failure(client('emily', ['k:app_record:read']).app.getApps({}));
    expect([oa403.status, oa403.code]).toEqual([403, 'CB_OA01']);
  });

  it('surfaces 429 beyond the concurrency limit as an error with status 429', async () => {
    const c = client();
    ctx.tenant.state.faults.latencyMs = 250;
    try {
      const results = await Promise.allSettled(Array.from({ length: 5 }, () => c.app.getApps({})));
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
      expect(rejected).toHaveLength(2);
      for (const r of rejected) {
        expect(r.reason).toBeInstanceOf(KintoneRestAPIError);
        expect((r.reason as KintoneRestAPIError).status).toBe(429);
      }
    } finally {
      ctx.tenant.state.faults.latencyMs = 0;
    }
  });
});
