import type { FieldProperty, FieldType } from '../tenant/model.js';
import type { Msg } from './errors.js';

/**
 * A subset of Kintone's record query language (GET records.json `query`), pure: parse the text, then
 * compile it against the app's fields into a predicate and an ordering over records as the API returns
 * them (`{code: {type, value}}`).
 *
 *   condition   := or
 *   or          := and ("or" and)*
 *   and         := primary ("and" primary)*
 *   primary     := "(" or ")" | field op value
 *   op          := = | != | > | < | >= | <= | in | not in | like | not like
 *   value       := "string" | number | FUNCTION() | "(" value ("," value)* ")"   (lists for in / not in)
 *   query       := [condition] ["order by" field [asc|desc] ("," field [asc|desc])*] ["limit" n] ["offset" n]
 *
 * Keywords are case-insensitive, as in Kintone. Functions: LOGINUSER(), TODAY(), NOW().
 */

export type Operator = '=' | '!=' | '>' | '<' | '>=' | '<=' | 'in' | 'not in' | 'like' | 'not like';

export type QueryValue = { kind: 'string'; text: string } | { kind: 'function'; name: string };

export interface Condition {
  kind: 'cond';
  field: string;
  op: Operator;
  values: QueryValue[];
}

export type QueryNode = Condition | { kind: 'and' | 'or'; left: QueryNode; right: QueryNode };

export interface OrderBy {
  field: string;
  direction: 'asc' | 'desc';
}

export interface ParsedQuery {
  where: QueryNode | null;
  orderBy: OrderBy[];
  limit: number | undefined;
  offset: number | undefined;
}

/** `syntax` and `field` problems are Kintone's GAIA_IQ… errors; `range` (limit/offset) is a CB_VA01. */
export class QueryError extends Error {
  constructor(
    readonly kind: 'syntax' | 'field' | 'range',
    readonly detail: Msg,
  ) {
    super(detail.en);
    this.name = 'QueryError';
  }
}

export const MAX_LIMIT = 500;
export const DEFAULT_LIMIT = 100;
export const MAX_OFFSET = 10_000;

type Token =
  | { t: 'str'; v: string; at: number }
  | { t: 'word'; v: string; at: number }
  | { t: 'op'; v: string; at: number }
  | { t: 'punct'; v: '(' | ')' | ','; at: number };

const syntax = (en: string, ja: string) => new QueryError('syntax', { en, ja });

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '"') {
      // Kintone escapes a double quote and a backslash inside a string with a backslash.
      let v = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length)
          throw syntax(
            `unterminated string at position ${i + 1}.`,
            `${i + 1}文字目の文字列が閉じていません。`,
          );
        const d = text[j]!;
        if (d === '\\' && j + 1 < text.length) {
          v += text[j + 1];
          j += 2;
        } else if (d === '"') {
          break;
        } else {
          v += d;
          j += 1;
        }
      }
      tokens.push({ t: 'str', v, at: i });
      i = j + 1;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ t: 'punct', v: c, at: i });
      i += 1;
    } else if ('=!<>'.includes(c)) {
      const two = text.slice(i, i + 2);
      const op = ['!=', '<=', '>='].includes(two) ? two : c;
      if (op === '!')
        throw syntax(`unexpected "!" at position ${i + 1}.`, `${i + 1}文字目の「!」が不正です。`);
      tokens.push({ t: 'op', v: op, at: i });
      i += op.length;
    } else {
      const m = /^[^\s()",=!<>]+/.exec(text.slice(i))!;
      tokens.push({ t: 'word', v: m[0], at: i });
      i += m[0].length;
    }
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private next(): Token | undefined {
    const t = this.tokens[this.pos];
    this.pos += 1;
    return t;
  }

  private isWord(t: Token | undefined, ...words: string[]): boolean {
    return t?.t === 'word' && words.includes(t.v.toLowerCase());
  }

  private where(t: Token | undefined): string {
    return t ? `"${t.v}" (position ${t.at + 1})` : 'the end of the query';
  }

  private unexpected(t: Token | undefined, expected: string): QueryError {
    return syntax(
      `expected ${expected} but found ${this.where(t)}.`,
      `${expected} が必要な位置に ${this.where(t)} があります。`,
    );
  }

  parse(): ParsedQuery {
    const result: ParsedQuery = { where: null, orderBy: [], limit: undefined, offset: undefined };
    if (this.peek() && !this.isWord(this.peek(), 'order', 'limit', 'offset')) result.where = this.or();
    const seen = new Set<string>();
    while (this.peek()) {
      const t = this.next()!;
      const word = t.t === 'word' ? t.v.toLowerCase() : '';
      if (!['order', 'limit', 'offset'].includes(word) || seen.has(word))
        throw this.unexpected(
          t,
          seen.size ? 'limit, offset or the end' : '"and", "or", "order by" or the end',
        );
      seen.add(word);
      if (word === 'order') {
        if (!this.isWord(this.next(), 'by')) throw this.unexpected(this.tokens[this.pos - 1], '"by"');
        do {
          const f = this.next();
          if (f?.t !== 'word' || this.isWord(f, 'limit', 'offset')) throw this.unexpected(f, 'a field code');
          let direction: 'asc' | 'desc' = 'asc';
          if (this.isWord(this.peek(), 'asc', 'desc'))
            direction = this.next()!.v.toLowerCase() as 'asc' | 'desc';
          result.orderBy.push({ field: f.v, direction });
        } while (this.peek()?.v === ',' && this.next());
      } else {
        const n = this.next();
        if (n?.t !== 'word' || !/^\d+$/.test(n.v)) throw this.unexpected(n, `a whole number after ${word}`);
        result[word as 'limit' | 'offset'] = Number(n.v);
      }
    }
    return result;
  }

  private or(): QueryNode {
    let left = this.and();
    while (this.isWord(this.peek(), 'or')) {
      this.next();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): QueryNode {
    let left = this.primary();
    while (this.isWord(this.peek(), 'and')) {
      this.next();
      left = { kind: 'and', left, right: this.primary() };
    }
    return left;
  }

  private primary(): QueryNode {
    const t = this.next();
    if (t?.t === 'punct' && t.v === '(') {
      const inner = this.or();
      const close = this.next();
      if (close?.v !== ')') throw this.unexpected(close, '")"');
      return inner;
    }
    if (t?.t !== 'word' || this.isWord(t, 'and', 'or', 'order', 'limit', 'offset'))
      throw this.unexpected(t, 'a field code');
    const op = this.operator();
    if (op === 'in' || op === 'not in') {
      const open = this.next();
      if (open?.v !== '(') throw this.unexpected(open, `"(" after ${op}`);
      const values: QueryValue[] = [];
      if (this.peek()?.v !== ')') {
        do values.push(this.value());
        while (this.peek()?.v === ',' && this.next());
      }
      const close = this.next();
      if (close?.v !== ')') throw this.unexpected(close, '"," or ")"');
      return { kind: 'cond', field: t.v, op, values };
    }
    return { kind: 'cond', field: t.v, op, values: [this.value()] };
  }

  private operator(): Operator {
    const t = this.next();
    if (t?.t === 'op') return t.v as Operator;
    if (this.isWord(t, 'in', 'like')) return t!.v.toLowerCase() as Operator;
    if (this.isWord(t, 'not')) {
      const n = this.next();
      if (this.isWord(n, 'in', 'like')) return `not ${n!.v.toLowerCase()}` as Operator;
      throw this.unexpected(n, '"in" or "like" after "not"');
    }
    throw this.unexpected(t, 'an operator (=, !=, >, <, >=, <=, in, not in, like, not like)');
  }

  private value(): QueryValue {
    const t = this.next();
    if (t?.t === 'str') return { kind: 'string', text: t.v };
    if (t?.t === 'word' && /^-?\d+(\.\d+)?$/.test(t.v)) return { kind: 'string', text: t.v };
    if (t?.t === 'word' && /^[A-Z_]+$/i.test(t.v) && this.peek()?.v === '(') {
      this.next();
      const close = this.next();
      if (close?.v !== ')') throw this.unexpected(close, '")"');
      const name = t.v.toUpperCase();
      if (!['LOGINUSER', 'TODAY', 'NOW'].includes(name))
        throw syntax(
          `the function ${t.v}() is not supported (LOGINUSER(), TODAY() and NOW() are).`,
          `関数 ${t.v}() には対応していません（LOGINUSER()、TODAY()、NOW() のみ）。`,
        );
      return { kind: 'function', name };
    }
    throw this.unexpected(t, 'a value in double quotes');
  }
}

/** Parses the query text (syntax only; field checks happen in compileQuery). Throws QueryError. */
export function parseQuery(text: string): ParsedQuery {
  const parsed = new Parser(tokenize(text)).parse();
  if (parsed.limit !== undefined && (parsed.limit < 1 || parsed.limit > MAX_LIMIT))
    throw new QueryError('range', {
      en: `limit must be between 1 and ${MAX_LIMIT}.`,
      ja: `limit には 1 から ${MAX_LIMIT} までの値を指定してください。`,
    });
  if (parsed.offset !== undefined && parsed.offset > MAX_OFFSET)
    throw new QueryError('range', {
      en: `offset must be ${MAX_OFFSET} or less.`,
      ja: `offset には ${MAX_OFFSET} 以下の値を指定してください。`,
    });
  return parsed;
}

/** A record as the API returns it. */
export type ApiRecord = Record<string, { type: string; value: unknown }>;

type Kind = 'number' | 'text' | 'longText' | 'date' | 'datetime' | 'set' | 'file';

const kindOf: Partial<Record<FieldType | '__ID__', Kind>> = {
  __ID__: 'number',
  RECORD_NUMBER: 'number',
  NUMBER: 'number',
  SINGLE_LINE_TEXT: 'text',
  LINK: 'text',
  MULTI_LINE_TEXT: 'longText',
  RICH_TEXT: 'longText',
  DATE: 'date',
  DATETIME: 'datetime',
  CREATED_TIME: 'datetime',
  UPDATED_TIME: 'datetime',
  CHECK_BOX: 'set',
  DROP_DOWN: 'set',
  USER_SELECT: 'set',
  CREATOR: 'set',
  MODIFIER: 'set',
  FILE: 'file',
};

// Which operators Kintone allows per kind of field (kintone.dev "Query string" operator table).
const operatorsOf: Record<Kind, Operator[]> = {
  number: ['=', '!=', '>', '<', '>=', '<=', 'in', 'not in'],
  text: ['=', '!=', 'in', 'not in', 'like', 'not like'],
  longText: ['like', 'not like'],
  date: ['=', '!=', '>', '<', '>=', '<='],
  datetime: ['=', '!=', '>', '<', '>=', '<='],
  set: ['in', 'not in'],
  file: ['like', 'not like'],
};

const sortable: Kind[] = ['number', 'text', 'date', 'datetime', 'set'];

export interface CompiledQuery {
  matches(record: ApiRecord): boolean;
  compare(a: ApiRecord, b: ApiRecord): number;
  limit: number;
  offset: number;
}

export interface QueryContext {
  /** The caller's user code, for LOGINUSER(). */
  loginUser: string;
  /** Milliseconds since the epoch, for TODAY() and NOW(). */
  now: number;
}

const fieldError = (en: string, ja: string) => new QueryError('field', { en, ja });

/** Numeric part of `$id` or a record number (`MEETINGS-12` when the app has a code). */
function toNumber(v: unknown): number {
  if (typeof v !== 'string' || v === '') return Number.NaN;
  return Number(v.slice(v.lastIndexOf('-') + 1 || 0));
}

function setValues(v: unknown): string[] {
  if (v === null || v === undefined || v === '') return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v))
    return v.map((x) => (typeof x === 'string' ? x : String((x as { code?: string }).code)));
  return [String((v as { code?: string }).code)];
}

const stripTags = (s: string) => s.replace(/<[^>]*>/g, '');

/**
 * Checks fields and operators against the app and returns the predicate, ordering (default `$id desc`,
 * ties broken by `$id desc`), limit (default 100) and offset. Throws QueryError.
 */
export function compileQuery(
  parsed: ParsedQuery,
  fields: Record<string, FieldProperty>,
  context: QueryContext,
): CompiledQuery {
  const typeOf = (code: string): FieldType | '__ID__' => {
    if (code === '$id') return '__ID__';
    const f = fields[code];
    if (!f) {
      const inTable = Object.values(fields).some((p) => p.type === 'SUBTABLE' && p.fields?.[code]);
      if (inTable)
        throw fieldError(
          `fields in a table (${code}) cannot be used in this simulator's queries.`,
          `テーブル内のフィールド（${code}）はこのシミュレーターのクエリでは使えません。`,
        );
      throw fieldError(
        `the field (code: ${code}) is not found.`,
        `指定されたフィールド（code: ${code}）が見つかりません。`,
      );
    }
    return f.type;
  };
  const kind = (code: string): Kind => {
    const type = typeOf(code);
    const k = kindOf[type];
    if (!k)
      throw fieldError(
        `the field ${code} (${type}) cannot be used in a query.`,
        `フィールド ${code}（${type}）はクエリに使えません。`,
      );
    return k;
  };
  const today = new Date(context.now).toISOString().slice(0, 10);
  const resolve = (v: QueryValue): string => {
    if (v.kind === 'string') return v.text;
    if (v.name === 'LOGINUSER') return context.loginUser;
    if (v.name === 'TODAY') return today;
    return new Date(context.now).toISOString();
  };

  const compileNode = (node: QueryNode): ((r: ApiRecord) => boolean) => {
    if (node.kind !== 'cond') {
      const l = compileNode(node.left);
      const r = compileNode(node.right);
      return node.kind === 'and' ? (rec) => l(rec) && r(rec) : (rec) => l(rec) || r(rec);
    }
    const k = kind(node.field);
    if (!operatorsOf[k].includes(node.op))
      throw fieldError(
        `the operator "${node.op}" cannot be used with the field ${node.field} (allowed: ${operatorsOf[k].join(', ')}).`,
        `演算子「${node.op}」はフィールド ${node.field} には使えません（使える演算子: ${operatorsOf[k].join(', ')}）。`,
      );
    const wanted = node.values.map(resolve);
    const get = (r: ApiRecord) => r[node.field]?.value;
    const negate = node.op === '!=' || node.op === 'not in' || node.op === 'not like';
    let test: (r: ApiRecord) => boolean;
    if (node.op === 'like' || node.op === 'not like') {
      const needle = (wanted[0] ?? '').toLowerCase();
      test = (r) => {
        const v = get(r);
        const hay =
          k === 'file'
            ? ((v as { name: string }[] | undefined) ?? []).map((f) => f.name).join('\n')
            : stripTags(String(v ?? ''));
        return hay.toLowerCase().includes(needle);
      };
    } else if (k === 'set') {
      test = (r) => {
        const have = setValues(get(r));
        // `in ("")` finds records where the field is empty, as in Kintone.
        return wanted.some((w) => (w === '' ? have.length === 0 : have.includes(w)));
      };
    } else {
      const cmp = comparator(k);
      const ops: Record<string, (c: number) => boolean> = {
        '=': (c) => c === 0,
        '!=': (c) => c === 0,
        in: (c) => c === 0,
        'not in': (c) => c === 0,
        '>': (c) => c > 0,
        '<': (c) => c < 0,
        '>=': (c) => c >= 0,
        '<=': (c) => c <= 0,
      };
      const accept = ops[node.op]!;
      test = (r) => {
        const v = get(r);
        return wanted.some((w) => {
          // `= ""` finds empty values (and `!= ""` non-empty ones); an empty value matches nothing else.
          if (w === '') return isEmpty(v);
          if (isEmpty(v)) return false;
          const c = cmp(v, w);
          return !Number.isNaN(c) && accept(c);
        });
      };
    }
    return negate ? (r) => !test(r) : test;
  };

  const matches = parsed.where ? compileNode(parsed.where) : () => true;
  const orderBy = parsed.orderBy.length ? parsed.orderBy : [{ field: '$id', direction: 'desc' as const }];
  const sorters = orderBy.map(({ field, direction }) => {
    const k = kind(field);
    // Multi-value fields (check boxes, user selections) have no single value to order by.
    if (!sortable.includes(k) || ['CHECK_BOX', 'USER_SELECT'].includes(typeOf(field)))
      throw fieldError(
        `the field ${field} cannot be used in "order by".`,
        `フィールド ${field} は「order by」に使えません。`,
      );
    const cmp = comparator(k);
    const sign = direction === 'asc' ? 1 : -1;
    return (a: ApiRecord, b: ApiRecord) => {
      const va = a[field]?.value;
      const vb = b[field]?.value;
      // Empty values sort first in ascending order (and last in descending).
      if (isEmpty(va) || isEmpty(vb)) return sign * (Number(!isEmpty(va)) - Number(!isEmpty(vb)));
      const c = cmp(va, k === 'set' ? setValues(vb)[0] : vb);
      return sign * (Number.isNaN(c) ? 0 : c);
    };
  });
  sorters.push((a, b) => toNumber(b.$id?.value) - toNumber(a.$id?.value));
  return {
    matches,
    compare: (a, b) => {
      for (const s of sorters) {
        const c = s(a, b);
        if (c !== 0) return c;
      }
      return 0;
    },
    limit: parsed.limit ?? DEFAULT_LIMIT,
    offset: parsed.offset ?? 0,
  };
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/** Compares a record's value with a query value (or another record's value): <0, 0, >0, or NaN. */
function comparator(k: Kind): (v: unknown, w: unknown) => number {
  switch (k) {
    case 'number':
      return (v, w) => toNumber(String(v)) - toNumber(String(w));
    case 'date':
      return (v, w) => String(v).localeCompare(String(w));
    case 'datetime':
      return (v, w) => {
        const s = String(w);
        // A date given for a date-time field compares by the day (UTC in the sim; Kintone uses the
        // user's time zone).
        if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return String(v).slice(0, 10).localeCompare(s);
        // Kintone keeps date-times to the minute, so compare minutes.
        return Math.floor(Date.parse(String(v)) / 60_000) - Math.floor(Date.parse(s) / 60_000);
      };
    default:
      return (v, w) => {
        const a = setValues(v)[0] ?? '';
        const b = typeof w === 'string' ? w : (setValues(w)[0] ?? '');
        return a < b ? -1 : a > b ? 1 : 0;
      };
  }
}
