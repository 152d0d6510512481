import type { z } from 'zod';
import type { SimContext } from '../app.js';
import type { KApp, KRecord, Language } from '../tenant/model.js';
import { type Caller, requireApp } from './auth.js';
import { ErrorBag, err, fieldError, KintoneError } from './errors.js';
import { type ApiRecord, compileQuery, parseQuery, QueryError } from './query.js';
import {
  appRights,
  checkRequired,
  checkUnique,
  formatRecord,
  insertRecord,
  mergedValues,
  type PendingWrite,
  updateStoredRecord,
  validateRecordInput,
} from './records.js';
import type {
  addCommentBody,
  addRecordBody,
  addRecordsBody,
  getRecordsParams,
  updateRecordBody,
  updateRecordsBody,
} from './schemas.js';

/**
 * The record operations behind the REST routes, free of HTTP: each takes the caller and the parsed
 * parameters, throws KintoneError, and returns Kintone's response body. Writes validate the whole
 * request first and change nothing unless all of it is valid.
 */

const t = (lang: Language, en: string, ja: string) => (lang === 'ja' ? ja : en);

function findRecord(app: KApp, id: string): KRecord {
  const record = app.records.find((r) => String(r.id) === id);
  if (!record) throw err.recordNotFound(id);
  return record;
}

export function getRecord(ctx: SimContext, caller: Caller, p: { app: string; id: string }) {
  const app = requireApp(ctx, caller, p.app, 'view');
  return { record: formatRecord(ctx.tenant, app, findRecord(app, p.id)) };
}

/** GET records.json: query, order, paging, field selection, and totalCount as a string when asked. */
export function getRecords(ctx: SimContext, caller: Caller, p: z.output<typeof getRecordsParams>) {
  const app = requireApp(ctx, caller, p.app, 'view');
  let compiled: ReturnType<typeof compileQuery>;
  try {
    compiled = compileQuery(parseQuery(p.query), app.fields, {
      loginUser: caller.user.code,
      now: ctx.tenant.now(),
    });
  } catch (e) {
    if (!(e instanceof QueryError)) throw e;
    if (e.kind === 'range') throw fieldError('query', e.detail[caller.user.language]);
    throw err.query(e.detail);
  }
  const all = app.records.map((r) => formatRecord(ctx.tenant, app, r)).filter((r) => compiled.matches(r));
  all.sort((a, b) => compiled.compare(a, b));
  const page = all.slice(compiled.offset, compiled.offset + compiled.limit);
  const records = p.fields?.length ? page.map((r) => pick(r, p.fields!)) : page;
  return { records, totalCount: p.totalCount ? String(all.length) : null };
}

function pick(record: ApiRecord, fields: string[]): ApiRecord {
  const out: ApiRecord = {};
  for (const f of fields) if (record[f]) out[f] = record[f];
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Writes

/** One record to write, resolved and validated but not yet applied. */
interface PlannedWrite {
  pending: PendingWrite;
  values: Record<string, unknown>;
  target: KRecord | undefined;
  operation: 'INSERT' | 'UPDATE';
}

function applyPlanned(ctx: SimContext, app: KApp, caller: Caller, plan: PlannedWrite[]): KRecord[] {
  return plan.map((w) =>
    w.target
      ? updateStoredRecord(ctx.tenant, app, w.target, w.values, caller.user.code)
      : insertRecord(ctx.tenant, app, w.values, caller.user.code),
  );
}

function planAdd(ctx: SimContext, app: KApp, input: unknown, prefix: string, lang: Language, bag: ErrorBag) {
  const values = validateRecordInput(input, 'add', prefix, { tenant: ctx.tenant, app, lang }, bag);
  const merged = mergedValues(app, undefined, values);
  checkRequired(app, merged, prefix, lang, bag);
  return {
    pending: { prefix, id: undefined, merged, touched: Object.keys(app.fields) },
    values,
    target: undefined,
    operation: 'INSERT' as const,
  };
}

export function addRecord(ctx: SimContext, caller: Caller, body: z.output<typeof addRecordBody>) {
  const app = requireApp(ctx, caller, body.app, 'add');
  const lang = caller.user.language;
  const bag = new ErrorBag();
  const plan = [planAdd(ctx, app, body.record ?? {}, 'record', lang, bag)];
  checkUnique(
    app,
    plan.map((w) => w.pending),
    lang,
    bag,
  );
  bag.throwIfAny();
  const [record] = applyPlanned(ctx, app, caller, plan);
  return { id: String(record!.id), revision: String(record!.revision) };
}

export function addRecords(ctx: SimContext, caller: Caller, body: z.output<typeof addRecordsBody>) {
  const app = requireApp(ctx, caller, body.app, 'add');
  const lang = caller.user.language;
  const bag = new ErrorBag();
  const plan = body.records.map((r, i) => planAdd(ctx, app, r, `records[${i}]`, lang, bag));
  checkUnique(
    app,
    plan.map((w) => w.pending),
    lang,
    bag,
  );
  bag.throwIfAny();
  const records = applyPlanned(ctx, app, caller, plan);
  const ids = records.map((r) => String(r.id));
  const revisions = records.map((r) => String(r.revision));
  return { ids, revisions, records: ids.map((id, i) => ({ id, revision: revisions[i]! })) };
}

type UpdateTarget = z.output<typeof updateRecordBody>;

/**
 * Finds the record an update names by `id` or `updateKey`. With `upsert`, an updateKey value that no
 * record has means "insert" (undefined is returned). The updateKey field must prohibit duplicates.
 */
function resolveTarget(
  app: KApp,
  item: Omit<UpdateTarget, 'app'>,
  prefix: string,
  lang: Language,
  upsert: boolean,
): KRecord | undefined {
  const key = (k: string) => (prefix ? `${prefix}.${k}` : k);
  if (item.id !== undefined && item.updateKey !== undefined)
    throw fieldError(
      key('id'),
      t(
        lang,
        'Specify either id or updateKey, not both.',
        'id と updateKey のどちらか一方を指定してください。',
      ),
    );
  if (item.id !== undefined) return findRecord(app, item.id);
  if (item.updateKey === undefined)
    throw fieldError(
      key('id'),
      t(lang, 'Specify id or updateKey.', 'id または updateKey を指定してください。'),
    );
  const { field, value } = item.updateKey;
  const f = app.fields[field];
  if (!f || !['SINGLE_LINE_TEXT', 'NUMBER'].includes(f.type) || !f.unique)
    throw fieldError(
      key('updateKey.field'),
      t(
        lang,
        `The field (code: ${field}) cannot be used as updateKey: it must be a text or number field with "Prohibit duplicate values" on.`,
        `フィールド（code: ${field}）は updateKey に使えません。「値の重複を禁止する」が有効な文字列（1行）か数値フィールドを指定してください。`,
      ),
    );
  const found = app.records.find((r) => r.values[field] === value);
  if (found || upsert) return found;
  // Kintone's code for a missing updateKey value is not documented; the sim uses record-not-found.
  throw new KintoneError(404, 'GAIA_RE01', {
    en: `The specified record (${field}: ${value}) is not found.`,
    ja: `指定したレコード（${field}: ${value}）が見つかりません。`,
  });
}

function checkRevision(record: KRecord, revision: number | null | undefined): void {
  if (revision !== undefined && revision !== null && revision !== -1 && revision !== record.revision)
    throw err.conflict();
}

function planUpdate(
  ctx: SimContext,
  caller: Caller,
  app: KApp,
  item: Omit<UpdateTarget, 'app'>,
  prefix: string,
  upsert: boolean,
  bag: ErrorBag,
): PlannedWrite {
  const lang = caller.user.language;
  const recordPrefix = prefix ? `${prefix}.record` : 'record';
  const target = resolveTarget(app, item, prefix, lang, upsert);
  const rights = appRights(caller.user, app);
  if (!target) {
    // Upsert insert: the updateKey's value becomes the new record's value of that field.
    if (!rights.add) throw err.noPrivilege();
    const { field, value } = item.updateKey!;
    const input = { ...(item.record ?? {}), [field]: { value } };
    const planned = planAdd(ctx, app, input, recordPrefix, lang, bag);
    return planned;
  }
  if (!rights.edit) throw err.noPrivilege();
  checkRevision(target, item.revision);
  const values = validateRecordInput(
    item.record ?? {},
    'update',
    recordPrefix,
    { tenant: ctx.tenant, app, lang, existing: target },
    bag,
  );
  const merged = mergedValues(app, target, values);
  checkRequired(app, merged, recordPrefix, lang, bag);
  return {
    pending: { prefix: recordPrefix, id: target.id, merged, touched: Object.keys(values) },
    values,
    target,
    operation: 'UPDATE',
  };
}

export function updateRecord(ctx: SimContext, caller: Caller, body: UpdateTarget) {
  const app = requireApp(ctx, caller, body.app, 'edit');
  const bag = new ErrorBag();
  const plan = [planUpdate(ctx, caller, app, body, '', false, bag)];
  checkUnique(
    app,
    plan.map((w) => w.pending),
    caller.user.language,
    bag,
  );
  bag.throwIfAny();
  const [record] = applyPlanned(ctx, app, caller, plan);
  return { revision: String(record!.revision) };
}

/** PUT records.json: up to 100 updates (by id or updateKey), with `upsert` inserting missing keys. */
export function updateRecords(ctx: SimContext, caller: Caller, body: z.output<typeof updateRecordsBody>) {
  const app = ctx.tenant.app(body.app);
  if (!app) throw err.appNotFound(body.app);
  // Upsert may only insert; the per-record rights are checked as each record is resolved.
  requireApp(ctx, caller, body.app, body.upsert ? 'view' : 'edit');
  const upsert = body.upsert === true;
  const lang = caller.user.language;
  const bag = new ErrorBag();
  const plan = body.records.map((item, i) =>
    planUpdate(ctx, caller, app, item, `records[${i}]`, upsert, bag),
  );
  const seen = new Map<number, number>();
  plan.forEach((w, i) => {
    if (!w.target) return;
    if (seen.has(w.target.id))
      bag.add(
        `records[${i}].id`,
        t(lang, 'The same record is specified more than once.', '同じレコードが複数回指定されています。'),
      );
    seen.set(w.target.id, i);
  });
  // Two upserts inserting the same new key would both insert; the duplicate check reports it.
  checkUnique(
    app,
    plan.map((w) => w.pending),
    lang,
    bag,
  );
  bag.throwIfAny();
  const records = applyPlanned(ctx, app, caller, plan);
  return {
    records: records.map((r, i) => ({
      id: String(r.id),
      revision: String(r.revision),
      ...(upsert ? { operation: plan[i]!.operation } : {}),
    })),
  };
}

/** POST record/comment.json: anyone who can view the record may comment, when the app allows comments. */
export function addComment(ctx: SimContext, caller: Caller, body: z.output<typeof addCommentBody>) {
  const app = requireApp(ctx, caller, body.app, 'view');
  const lang = caller.user.language;
  const record = findRecord(app, body.record);
  if (!app.commentsEnabled)
    throw new KintoneError(400, 'GAIA_CM01', {
      en: 'Comments are turned off in this app.',
      ja: 'このアプリではコメント機能が無効になっています。',
    });
  const bag = new ErrorBag();
  body.comment.mentions.forEach((m, i) => {
    // The sim has no groups or departments, so only users can be mentioned.
    if (m.type !== 'USER' || !ctx.tenant.userByCode(m.code))
      bag.add(
        `comment.mentions[${i}].code`,
        t(
          lang,
          `The specified ${m.type.toLowerCase()} (code: ${m.code}) not found.`,
          `指定された宛先（code: ${m.code}）が見つかりません。`,
        ),
      );
  });
  bag.throwIfAny();
  const id = String(record.comments.reduce((max, c) => Math.max(max, Number(c.id)), 0) + 1);
  record.comments.push({
    id,
    text: body.comment.text,
    createdAt: new Date(ctx.tenant.now()).toISOString(),
    creator: { code: caller.user.code, name: caller.user.name },
    mentions: body.comment.mentions.map((m) => ({ code: m.code, type: m.type })),
  });
  return { id };
}

/** The app and record that hold an attachment, if any (to check the caller may see it). */
export function attachmentOwner(ctx: SimContext, fileKey: string): KApp | undefined {
  const holds = (v: unknown): boolean =>
    Array.isArray(v) &&
    v.some(
      (x) =>
        (typeof x === 'object' && x !== null && (x as { fileKey?: string }).fileKey === fileKey) ||
        (typeof x === 'object' &&
          x !== null &&
          typeof (x as { value?: unknown }).value === 'object' &&
          Object.values((x as { value: Record<string, { value: unknown }> }).value).some((c) =>
            holds(c?.value),
          )),
    );
  return ctx.tenant.state.apps.find((a) => a.records.some((r) => Object.values(r.values).some(holds)));
}

/** Whether the caller may see the app (for callers outside the routes, e.g. pages). */
export function canView(caller: Caller, app: KApp): boolean {
  return appRights(caller.user, app).view;
}
