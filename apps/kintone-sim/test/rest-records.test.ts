import { describe, expect, it } from 'vitest';
import { ErrorBag } from '../src/rest/errors.js';
import {
  appRights,
  checkRequired,
  checkUnique,
  formatRecord,
  insertRecord,
  mergedValues,
  updateStoredRecord,
  validateRecordInput,
} from '../src/rest/records.js';
import type { Language } from '../src/tenant/model.js';
import { defaultState } from '../src/tenant/seed.js';
import { Tenant } from '../src/tenant/tenant.js';

function setup(lang: Language = 'en') {
  const tenant = new Tenant(defaultState(), () => Date.parse('2026-11-03T04:05:06.789Z'));
  const meetings = tenant.app('1')!;
  const customers = tenant.app('2')!;
  return { tenant, meetings, customers, lang };
}

function check(
  input: unknown,
  mode: 'add' | 'update' = 'add',
  which: 'meetings' | 'customers' = 'meetings',
  lang: Language = 'en',
) {
  const s = setup(lang);
  const app = s[which];
  const bag = new ErrorBag();
  const existing = mode === 'update' ? app.records[0] : undefined;
  const values = validateRecordInput(input, mode, 'record', { tenant: s.tenant, app, lang, existing }, bag);
  return { values, errors: bag.errors, ...s };
}

describe('field validation on write', () => {
  it('accepts well-formed values and normalises them', () => {
    const { values, errors } = check({
      meeting_id: { value: 'm-1' },
      duration: { value: 30 },
      start: { value: '2026-11-03T10:15:42+09:00' },
      meeting_date: { value: '2026-11-03' },
      status: { value: 'Done' },
      topics: { value: ['Sales', 'Support'] },
      owner: { value: [{ code: 'emily' }] },
      recording_url: { value: 'https://app.notta.ai/r/1' },
      title: { value: '' },
    });
    expect(errors).toEqual({});
    expect(values).toMatchObject({
      duration: '30',
      start: '2026-11-03T01:15:00Z',
      owner: [{ code: 'emily', name: 'Emily Clark' }],
      topics: ['Sales', 'Support'],
      title: '',
    });
  });

  it('reports each bad field under record.<code>.value with Kintone wording', () => {
    const { errors } = check({
      nope: { value: 'x' },
      duration: { value: 'abc' },
      meeting_date: { value: '2026-02-30' },
      start: { value: 'tomorrow' },
      status: { value: 'Maybe' },
      topics: { value: ['Sales', 'Gossip'] },
      owner: { value: [{ code: 'ghost' }] },
      recording_url: { value: 'not a url' },
      attachments: { value: [{ fileKey: 'missing' }] },
      title: { value: 'two\nlines' },
      record_number: { value: '9' },
      summary: 'bare string',
    });
    expect(Object.keys(errors).sort()).toEqual(
      [
        'record.nope',
        'record.duration.value',
        'record.meeting_date.value',
        'record.start.value',
        'record.status.value',
        'record.topics.value',
        'record.owner.value',
        'record.recording_url.value',
        'record.attachments.value',
        'record.title.value',
        'record.record_number.value',
        'record.summary.value',
      ].sort(),
    );
    expect(errors['record.nope']!.messages).toEqual(['The field (code: nope) not found.']);
    expect(errors['record.duration.value']!.messages).toEqual(['Only numbers are allowed.']);
    expect(errors['record.status.value']!.messages).toEqual(['The value, "Maybe", is not in options.']);
    expect(errors['record.topics.value']!.messages).toEqual(['The value, "Gossip", is not in options.']);
    expect(errors['record.owner.value']!.messages[0]).toMatch(/ghost/);
  });

  it('answers in Japanese for Japanese users', () => {
    const { errors } = check({ nope: { value: 'x' }, duration: { value: 'abc' } }, 'add', 'meetings', 'ja');
    expect(errors['record.nope']!.messages).toEqual(['指定されたフィールド（code: nope）が見つかりません。']);
    expect(errors['record.duration.value']!.messages).toEqual(['数字でなければなりません。']);
  });

  it('enforces maxLength', () => {
    expect(check({ meeting_id: { value: 'x'.repeat(65) } }).errors['record.meeting_id.value']).toBeDefined();
    expect(check({ meeting_id: { value: 'x'.repeat(64) } }).errors).toEqual({});
  });

  it('lets an add set creator and times, but no write set the record number; updates cannot set creator', () => {
    expect(
      check({ creator: { value: { code: 'emily' } }, created_time: { value: '2020-01-01T00:00:00Z' } })
        .errors,
    ).toEqual({});
    expect(check({ creator: { value: { code: 'emily' } } }, 'update').errors).toHaveProperty([
      'record.creator.value',
    ]);
  });

  it('checks required fields on the final values', () => {
    const { meetings } = setup();
    const bag = new ErrorBag();
    checkRequired(meetings, mergedValues(meetings, undefined, { title: 'x' }), 'records[2]', 'en', bag);
    expect(bag.errors).toEqual({ 'records[2].meeting_id.value': { messages: ['Required.'] } });
    const bag2 = new ErrorBag();
    checkRequired(
      meetings,
      mergedValues(meetings, meetings.records[0], { title: 'x' }),
      'record',
      'en',
      bag2,
    );
    expect(bag2.empty).toBe(true);
  });

  it('prohibits duplicates against stored records and within the batch, but not against itself', () => {
    const { meetings } = setup();
    const bag = new ErrorBag();
    checkUnique(
      meetings,
      [
        {
          prefix: 'records[0]',
          id: undefined,
          merged: { meeting_id: 'mtg-2026-1101-acme' },
          touched: ['meeting_id'],
        },
        { prefix: 'records[1]', id: undefined, merged: { meeting_id: 'new' }, touched: ['meeting_id'] },
        { prefix: 'records[2]', id: undefined, merged: { meeting_id: 'new' }, touched: ['meeting_id'] },
        {
          prefix: 'records[3]',
          id: 2,
          merged: { meeting_id: 'mtg-2026-1102-globex' },
          touched: ['meeting_id'],
        },
      ],
      'en',
      bag,
    );
    expect(bag.errors).toEqual({
      'records[0].meeting_id.value': { messages: ['This value already exists in another record.'] },
      'records[1].meeting_id.value': { messages: ['This value already exists in another record.'] },
      'records[2].meeting_id.value': { messages: ['This value already exists in another record.'] },
    });
  });

  it('validates table rows, keeps row ids that exist and replaces all rows', () => {
    const { values, errors, tenant, customers } = check(
      {
        contacts: {
          value: [
            { id: '1', value: { contact_email: { value: 'new@acme.example.jp' } } },
            { value: { contact_name: { value: 'Newcomer' } } },
          ],
        },
      },
      'update',
      'customers',
    );
    expect(errors).toEqual({});
    const record = customers.records[0]!;
    updateStoredRecord(tenant, customers, record, values, 'suzuki');
    const rows = formatRecord(tenant, customers, record).contacts!.value as {
      id: string;
      value: Record<string, { value: unknown }>;
    }[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      id: '1',
      value: { contact_name: { value: '佐藤 一郎' }, contact_email: { value: 'new@acme.example.jp' } },
    });
    expect(rows[1]!.id).toMatch(/^\d+$/);
    expect(rows[1]!.value.contact_email!.value).toBe('');
    expect(record.revision).toBe(2);
    expect(record.updatedBy).toBe('suzuki');

    const bad = check(
      { contacts: { value: [{ value: { nope: { value: 'x' } } }, 'row'] } },
      'update',
      'customers',
    );
    expect(Object.keys(bad.errors).sort()).toEqual([
      'record.contacts.value[0].value.nope',
      'record.contacts.value[1]',
    ]);
  });
});

describe('reading records', () => {
  it('formats every field with its type, plus $id, $revision, record number, users and times', () => {
    const { tenant, meetings } = setup();
    const r = formatRecord(tenant, meetings, meetings.records[1]!);
    expect(r.$id).toEqual({ type: '__ID__', value: '2' });
    expect(r.$revision).toEqual({ type: '__REVISION__', value: '1' });
    expect(r.record_number).toEqual({ type: 'RECORD_NUMBER', value: 'MEETINGS-2' });
    expect(r.creator).toEqual({ type: 'CREATOR', value: { code: 'emily', name: 'Emily Clark' } });
    expect(r.created_time).toEqual({ type: 'CREATED_TIME', value: '2026-11-02T01:00:00Z' });
    expect(r.topics).toEqual({ type: 'CHECK_BOX', value: ['Support'] });
    expect(Object.values(r).every((f) => typeof f.type === 'string' && 'value' in f)).toBe(true);
  });

  it('inserts with defaults, the actor and the time to the second', () => {
    const { tenant, meetings } = setup();
    const rec = insertRecord(tenant, meetings, { meeting_id: 'm-9' }, 'tanaka');
    const r = formatRecord(tenant, meetings, rec);
    expect(r.$id!.value).toBe('3');
    expect(r.modifier!.value).toEqual({ code: 'tanaka', name: '田中 一郎' });
    expect(r.updated_time!.value).toBe('2026-11-03T04:05:06Z');
    expect(r.status!.value).toBeNull();
    expect(r.owner!.value).toEqual([]);
  });
});

describe('app permissions', () => {
  it('gives administrators everything and others what the app lists', () => {
    const { tenant, customers } = setup();
    expect(appRights(tenant.userByCode('administrator')!, customers)).toEqual({
      view: true,
      add: true,
      edit: true,
      manage: true,
    });
    expect(appRights(tenant.userByCode('tanaka')!, customers)).toEqual({
      view: true,
      add: false,
      edit: false,
      manage: false,
    });
    customers.permissions = customers.permissions.filter((p) => p.userCode !== 'emily');
    expect(appRights(tenant.userByCode('emily')!, customers).view).toBe(false);
  });
});
