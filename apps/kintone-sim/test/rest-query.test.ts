import { describe, expect, it } from 'vitest';
import { type ApiRecord, compileQuery, parseQuery, QueryError } from '../src/rest/query.js';
import type { FieldProperty } from '../src/tenant/model.js';

const fields: Record<string, FieldProperty> = {
  title: { type: 'SINGLE_LINE_TEXT', code: 'title', label: 'Title' },
  notes: { type: 'RICH_TEXT', code: 'notes', label: 'Notes' },
  duration: { type: 'NUMBER', code: 'duration', label: 'Duration' },
  day: { type: 'DATE', code: 'day', label: 'Day' },
  start: { type: 'DATETIME', code: 'start', label: 'Start' },
  status: {
    type: 'DROP_DOWN',
    code: 'status',
    label: 'Status',
    options: { A: { label: 'A', index: '0' }, B: { label: 'B', index: '1' } },
  },
  owner: { type: 'USER_SELECT', code: 'owner', label: 'Owner' },
  topics: { type: 'CHECK_BOX', code: 'topics', label: 'Topics' },
  table: {
    type: 'SUBTABLE',
    code: 'table',
    label: 'Table',
    fields: { cell: { type: 'SINGLE_LINE_TEXT', code: 'cell', label: 'Cell' } },
  },
  record_number: { type: 'RECORD_NUMBER', code: 'record_number', label: 'No.' },
};

function rec(
  id: number,
  v: {
    title?: string;
    duration?: string;
    day?: string | null;
    start?: string;
    status?: string | null;
    owner?: string[];
    topics?: string[];
    notes?: string;
  },
): ApiRecord {
  return {
    $id: { type: '__ID__', value: String(id) },
    record_number: { type: 'RECORD_NUMBER', value: `APP-${id}` },
    title: { type: 'SINGLE_LINE_TEXT', value: v.title ?? '' },
    notes: { type: 'RICH_TEXT', value: v.notes ?? '' },
    duration: { type: 'NUMBER', value: v.duration ?? '' },
    day: { type: 'DATE', value: v.day ?? null },
    start: { type: 'DATETIME', value: v.start ?? '' },
    status: { type: 'DROP_DOWN', value: v.status ?? null },
    owner: { type: 'USER_SELECT', value: (v.owner ?? []).map((code) => ({ code, name: code })) },
    topics: { type: 'CHECK_BOX', value: v.topics ?? [] },
  };
}

const records = [
  rec(1, {
    title: 'Alpha',
    duration: '30',
    day: '2026-11-01',
    start: '2026-11-01T01:00:00Z',
    status: 'A',
    owner: ['yamada'],
    topics: ['x'],
    notes: '<p>Hello <b>World</b></p>',
  }),
  rec(2, {
    title: 'Beta "quoted"',
    duration: '45',
    day: '2026-11-02',
    start: '2026-11-02T10:30:00Z',
    status: 'B',
    owner: ['emily'],
    topics: ['x', 'y'],
  }),
  rec(3, { title: 'Gamma', duration: '5', day: null, status: null, owner: [] }),
  rec(4, { title: 'alpha two', duration: '', day: '2026-12-01', status: 'A', owner: ['yamada', 'emily'] }),
];

function run(query: string, loginUser = 'yamada') {
  const c = compileQuery(parseQuery(query), fields, { loginUser, now: Date.parse('2026-11-02T12:00:00Z') });
  const out = records.filter((r) => c.matches(r)).sort((a, b) => c.compare(a, b));
  return out.slice(c.offset, c.offset + c.limit).map((r) => Number(r.$id!.value));
}

function fails(query: string, kind: QueryError['kind'], text?: RegExp) {
  try {
    run(query);
  } catch (e) {
    expect(e).toBeInstanceOf(QueryError);
    expect((e as QueryError).kind).toBe(kind);
    if (text) expect((e as QueryError).detail.en).toMatch(text);
    return;
  }
  throw new Error(`expected "${query}" to fail`);
}

describe('query language: parsing', () => {
  it('parses conditions, order by, limit and offset (keywords in any case)', () => {
    const q = parseQuery(
      'title = "a" AND (duration > 10 or status in ("A", "B")) ORDER BY duration desc, $id limit 5 OFFSET 2',
    );
    expect(q.limit).toBe(5);
    expect(q.offset).toBe(2);
    expect(q.orderBy).toEqual([
      { field: 'duration', direction: 'desc' },
      { field: '$id', direction: 'asc' },
    ]);
    expect(q.where).toMatchObject({ kind: 'and', left: { kind: 'cond', field: 'title', op: '=' } });
  });

  it('accepts an empty query and one with only clauses', () => {
    expect(parseQuery('')).toEqual({ where: null, orderBy: [], limit: undefined, offset: undefined });
    expect(parseQuery('limit 500').limit).toBe(500);
  });

  it('unescapes \\" and \\\\ inside strings', () => {
    expect(parseQuery('title = "a \\"b\\" \\\\ c"').where).toMatchObject({
      values: [{ kind: 'string', text: 'a "b" \\ c' }],
    });
  });

  it('rejects syntax errors with a message naming the place', () => {
    expect(() => parseQuery('title = ')).toThrow(/end of the query/);
    expect(() => parseQuery('title "x"')).toThrow(/operator/);
    expect(() => parseQuery('title = "x')).toThrow(/unterminated/);
    expect(() => parseQuery('title = "x" title = "y"')).toThrow(/"title"/);
    expect(() => parseQuery('title in "x"')).toThrow(/"\("/);
    expect(() => parseQuery('(title = "x"')).toThrow(/"\)"/);
    expect(() => parseQuery('order title')).toThrow(/"by"/);
    expect(() => parseQuery('limit 5 limit 6')).toThrow(QueryError);
    expect(() => parseQuery('title = FOO()')).toThrow(/not supported/);
  });

  it('caps limit at 500 and offset at 10000 (range errors)', () => {
    expect(() => parseQuery('limit 501')).toThrow(expect.objectContaining({ kind: 'range' }));
    expect(() => parseQuery('limit 0')).toThrow(expect.objectContaining({ kind: 'range' }));
    expect(() => parseQuery('offset 10001')).toThrow(expect.objectContaining({ kind: 'range' }));
    expect(parseQuery('offset 10000').offset).toBe(10000);
  });
});

describe('query language: evaluation', () => {
  it('defaults to $id desc, limit 100', () => {
    expect(run('')).toEqual([4, 3, 2, 1]);
  });

  it('= and != on text, exact and case-sensitive', () => {
    expect(run('title = "Alpha"')).toEqual([1]);
    expect(run('title = "Beta \\"quoted\\""')).toEqual([2]);
    expect(run('title != "Alpha" order by $id asc')).toEqual([2, 3, 4]);
  });

  it('like is a case-insensitive partial match; rich text ignores tags', () => {
    expect(run('title like "ALPHA"')).toEqual([4, 1]);
    expect(run('title not like "alpha"')).toEqual([3, 2]);
    expect(run('notes like "hello world"')).toEqual([1]);
  });

  it('in / not in on drop-downs, users (with LOGINUSER()) and check boxes; "" finds empty', () => {
    expect(run('status in ("A")')).toEqual([4, 1]);
    expect(run('status not in ("A")')).toEqual([3, 2]);
    expect(run('status in ("")')).toEqual([3]);
    expect(run('owner in (LOGINUSER())')).toEqual([4, 1]);
    expect(run('owner in ("emily") and owner in ("yamada")')).toEqual([4]);
    expect(run('topics in ("y")')).toEqual([2]);
  });

  it('numeric comparisons, also on $id and the record number', () => {
    expect(run('duration >= 30 order by duration asc')).toEqual([1, 2]);
    expect(run('duration < "30"')).toEqual([3]);
    expect(run('duration = ""')).toEqual([4]);
    expect(run('$id in (1, 3)')).toEqual([3, 1]);
    expect(run('record_number > 2')).toEqual([4, 3]);
  });

  it('date and date-time comparisons (a date against a date-time compares the day)', () => {
    expect(run('day > "2026-11-01" order by day asc')).toEqual([2, 4]);
    expect(run('day <= TODAY()')).toEqual([2, 1]);
    expect(run('start = "2026-11-02"')).toEqual([2]);
    expect(run('start < "2026-11-02T00:00:00Z"')).toEqual([1]);
    expect(run('start = "2026-11-02T10:30:45Z"')).toEqual([2]);
  });

  it('and binds tighter than or; parentheses group', () => {
    expect(run('title = "Gamma" or status in ("A") and duration > 10')).toEqual([3, 1]);
    expect(run('(title = "Gamma" or status in ("A")) and duration > 10')).toEqual([1]);
  });

  it('orders by several fields, empty values first when ascending', () => {
    expect(run('order by status asc, $id desc')).toEqual([3, 4, 1, 2]);
    expect(run('order by day desc')).toEqual([4, 2, 1, 3]);
    expect(run('order by title asc limit 2 offset 1')).toEqual([2, 3]);
  });

  it('rejects unknown fields, operators a field does not take, and table fields', () => {
    fails('nope = "x"', 'field', /code: nope/);
    fails('status = "A"', 'field', /allowed: in, not in/);
    fails('notes = "x"', 'field', /operator/);
    fails('title > "x"', 'field', /operator/);
    fails('cell = "x"', 'field', /table/);
    fails('order by topics', 'field', /order by/);
  });
});
