import type { FieldProperty, FieldType, KApp, KRecord, Language, User } from '../tenant/model.js';
import { Tenant } from '../tenant/tenant.js';
import type { ErrorBag } from './errors.js';
import type { ApiRecord } from './query.js';

/**
 * Records as Kintone's REST API shows and takes them: value formatting for reads, per-field validation
 * for writes (with Kintone's error keys and wording), and applying a validated write to the tenant.
 */

const t = (lang: Language, en: string, ja: string) => (lang === 'ja' ? ja : en);

/** Field types the system fills in: never taken from a write except the four Kintone lets an add set. */
const SYSTEM_TYPES: FieldType[] = ['RECORD_NUMBER', 'CREATOR', 'CREATED_TIME', 'MODIFIER', 'UPDATED_TIME'];
/** Kintone lets Add Record(s) set these (for migrating data); updates cannot. */
const SETTABLE_ON_ADD: FieldType[] = ['CREATOR', 'CREATED_TIME', 'MODIFIER', 'UPDATED_TIME'];

// ---------------------------------------------------------------------------------------------------
// Permissions

export interface AppRights {
  view: boolean;
  add: boolean;
  edit: boolean;
  manage: boolean;
}

/** What this user may do in the app: cybozu.com administrators everything, others as listed (else nothing). */
export function appRights(user: User, app: KApp): AppRights {
  if (user.isAdmin) return { view: true, add: true, edit: true, manage: true };
  const p = app.permissions.find((x) => x.userCode === user.code);
  if (!p) return { view: false, add: false, edit: false, manage: false };
  // Adding, editing or managing needs the app to be visible in the first place.
  return { view: p.view, add: p.view && p.add, edit: p.view && p.edit, manage: p.manage };
}

// ---------------------------------------------------------------------------------------------------
// Reading

/** Kintone writes times to the second with a Z: `2026-11-02T01:00:00Z`. */
export function kintoneTime(iso: string | number): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : `${d.toISOString().slice(0, 19)}Z`;
}

/** The value Kintone shows for a field nobody has filled in. */
export function emptyValue(type: FieldType): unknown {
  switch (type) {
    case 'CHECK_BOX':
    case 'USER_SELECT':
    case 'FILE':
    case 'SUBTABLE':
      return [];
    case 'DROP_DOWN':
    case 'DATE':
    case 'DATETIME':
      return null;
    default:
      return '';
  }
}

function userRef(tenant: Tenant, code: string): { code: string; name: string } {
  return { code, name: tenant.userByCode(code)?.name ?? code };
}

/** The value of RECORD_NUMBER: `CODE-12` when the app has an app code, else `12` (as Kintone does). */
export function recordNumber(app: KApp, record: KRecord): string {
  return app.code ? `${app.code}-${record.id}` : String(record.id);
}

/** Fields that hold record data (what fields.json lists, minus the layout-only ones). */
export function dataFields(app: KApp): [string, FieldProperty][] {
  return Object.entries(app.fields).filter(([, f]) => f.type !== 'SPACER');
}

/**
 * A record as GET record(s).json returns it: every field as `{type, value}`, plus `$id` and `$revision`.
 * Also what pages can use to render a record.
 */
export function formatRecord(tenant: Tenant, app: KApp, record: KRecord): ApiRecord {
  const out: ApiRecord = {};
  for (const [code, field] of dataFields(app)) {
    let value: unknown;
    switch (field.type) {
      case 'RECORD_NUMBER':
        value = recordNumber(app, record);
        break;
      case 'CREATOR':
        value = userRef(tenant, record.createdBy);
        break;
      case 'MODIFIER':
        value = userRef(tenant, record.updatedBy);
        break;
      case 'CREATED_TIME':
        value = kintoneTime(record.createdAt);
        break;
      case 'UPDATED_TIME':
        value = kintoneTime(record.updatedAt);
        break;
      case 'DATE':
      case 'DATETIME':
      case 'DROP_DOWN': {
        // The seed and older snapshots may store "" for an empty value; Kintone shows null.
        const v = record.values[code];
        value = v === '' || v === undefined ? null : v;
        break;
      }
      default:
        value = record.values[code] ?? emptyValue(field.type);
    }
    out[code] = { type: field.type, value: structuredClone(value) };
  }
  out.$id = { type: '__ID__', value: String(record.id) };
  out.$revision = { type: '__REVISION__', value: String(record.revision) };
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Validating writes

export interface WriteContext {
  tenant: Tenant;
  app: KApp;
  lang: Language;
  /** The record being updated, for updates (existing attachments and table rows). */
  existing?: KRecord;
}

/**
 * Checks `{code: {value}}` for Add or Update and returns the stored values of the fields given. Problems
 * go into `bag` under `<prefix>.<code>.value` (prefix `record` or `records[3]`), like Kintone.
 */
export function validateRecordInput(
  input: unknown,
  mode: 'add' | 'update',
  prefix: string,
  wc: WriteContext,
  bag: ErrorBag,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  if (input === undefined || input === null) return values;
  if (typeof input !== 'object' || Array.isArray(input)) {
    bag.add(
      prefix,
      t(
        wc.lang,
        'Must be an object of field codes.',
        'フィールドコードをキーとするオブジェクトを指定してください。',
      ),
    );
    return values;
  }
  for (const [code, entry] of Object.entries(input as Record<string, unknown>)) {
    const field = wc.app.fields[code];
    if (!field || field.type === 'SPACER') {
      bag.add(
        `${prefix}.${code}`,
        t(
          wc.lang,
          `The field (code: ${code}) not found.`,
          `指定されたフィールド（code: ${code}）が見つかりません。`,
        ),
      );
      continue;
    }
    const key = `${prefix}.${code}.value`;
    if (SYSTEM_TYPES.includes(field.type) && !(mode === 'add' && SETTABLE_ON_ADD.includes(field.type))) {
      bag.add(key, t(wc.lang, 'This field cannot be changed.', 'このフィールドは変更できません。'));
      continue;
    }
    if (typeof entry !== 'object' || entry === null || !('value' in entry)) {
      bag.add(
        key,
        t(wc.lang, 'Specify the value as {"value": …}.', '値は {"value": …} の形で指定してください。'),
      );
      continue;
    }
    const v = validateValue(field, (entry as { value: unknown }).value, key, wc, bag);
    if (v !== INVALID) values[code] = v;
  }
  return values;
}

const INVALID: unique symbol = Symbol('invalid');

function isBlank(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function validDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return (
    !Number.isNaN(d.getTime()) && d.getUTCDate() === Number(m[3]) && d.getUTCMonth() + 1 === Number(m[2])
  );
}

/** One field's value → what is stored, or INVALID with a message in the bag. */
function validateValue(
  field: FieldProperty,
  raw: unknown,
  key: string,
  wc: WriteContext,
  bag: ErrorBag,
): unknown | typeof INVALID {
  const fail = (en: string, ja: string): typeof INVALID => {
    bag.add(key, t(wc.lang, en, ja));
    return INVALID;
  };
  const asText = (): string | typeof INVALID => {
    if (raw === null || raw === undefined) return '';
    if (typeof raw === 'string') return raw;
    // Kintone accepts a JSON number for a text field and stores its text.
    if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
    return fail('Must be a string.', '文字列を指定してください。');
  };
  switch (field.type) {
    case 'SINGLE_LINE_TEXT':
    case 'MULTI_LINE_TEXT':
    case 'RICH_TEXT': {
      const s = asText();
      if (s === INVALID) return s;
      if (field.type === 'SINGLE_LINE_TEXT' && /[\r\n]/.test(s))
        return fail('Line breaks are not allowed.', '改行は使えません。');
      const max = field.maxLength ? Number(field.maxLength) : undefined;
      if (max !== undefined && [...s].length > max)
        return fail(`Enter ${max} or fewer characters.`, `${max}文字以下で入力してください。`);
      return s;
    }
    case 'LINK': {
      const s = asText();
      if (s === INVALID || s === '') return s;
      if (field.protocol === 'WEB' && !/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(s))
        return fail(
          'Enter a URL such as https://example.com.',
          'URL（例: https://example.com）を入力してください。',
        );
      if (field.protocol === 'MAIL' && !/^[^\s@]+@[^\s@]+$/.test(s))
        return fail('Enter an email address.', 'メールアドレスを入力してください。');
      if (field.protocol === 'CALL' && !/^[0-9+\-() #*]+$/.test(s))
        return fail('Enter a phone number.', '電話番号を入力してください。');
      return s;
    }
    case 'NUMBER': {
      if (raw === null || raw === undefined || raw === '') return '';
      const s = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
      if (typeof s !== 'string' || !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s.trim()))
        return fail('Only numbers are allowed.', '数字でなければなりません。');
      return s.trim();
    }
    case 'DATE': {
      if (raw === null || raw === undefined || raw === '') return null;
      if (typeof raw !== 'string' || !validDate(raw))
        return fail('Enter a date as YYYY-MM-DD.', '日付は YYYY-MM-DD の形式で入力してください。');
      return raw;
    }
    case 'DATETIME':
    case 'CREATED_TIME':
    case 'UPDATED_TIME': {
      if (raw === null || raw === undefined || raw === '')
        return field.type === 'DATETIME' ? null : fail('Enter a date and time.', '日時を入力してください。');
      if (
        typeof raw !== 'string' ||
        !DATETIME_RE.test(raw) ||
        !validDate(raw.slice(0, 10)) ||
        Number.isNaN(Date.parse(raw))
      )
        return fail(
          'Enter a date and time in ISO 8601, e.g. 2026-11-01T10:00:00Z.',
          '日時は ISO 8601 形式（例: 2026-11-01T10:00:00Z）で入力してください。',
        );
      // Kintone keeps date-times to the minute, in UTC.
      const d = new Date(raw);
      d.setUTCSeconds(0, 0);
      return `${d.toISOString().slice(0, 19)}Z`;
    }
    case 'DROP_DOWN': {
      if (raw === null || raw === undefined || raw === '') return null;
      if (typeof raw !== 'string') return fail('Must be a string.', '文字列を指定してください。');
      if (!field.options?.[raw])
        return fail(`The value, "${raw}", is not in options.`, `"${raw}"は選択肢にありません。`);
      return raw;
    }
    case 'CHECK_BOX': {
      if (raw === null || raw === undefined) return [];
      if (!Array.isArray(raw) || raw.some((x) => typeof x !== 'string'))
        return fail('Must be an array of strings.', '文字列の配列を指定してください。');
      const bad = (raw as string[]).filter((x) => !field.options?.[x]);
      if (bad.length)
        return fail(`The value, "${bad[0]}", is not in options.`, `"${bad[0]}"は選択肢にありません。`);
      return [...new Set(raw as string[])];
    }
    case 'USER_SELECT':
    case 'CREATOR':
    case 'MODIFIER': {
      const list = field.type === 'USER_SELECT' ? raw : [raw];
      if (field.type === 'USER_SELECT' && (raw === null || raw === undefined)) return [];
      if (
        !Array.isArray(list) ||
        list.some((x) => typeof x !== 'object' || x === null || typeof x.code !== 'string')
      )
        return fail(
          field.type === 'USER_SELECT'
            ? 'Specify users as [{"code": "…"}].'
            : 'Specify the user as {"code": "…"}.',
          field.type === 'USER_SELECT'
            ? 'ユーザーは [{"code": "…"}] の形で指定してください。'
            : 'ユーザーは {"code": "…"} の形で指定してください。',
        );
      const refs: { code: string; name: string }[] = [];
      for (const { code } of list as { code: string }[]) {
        const u = wc.tenant.userByCode(code);
        if (!u)
          return fail(
            `The specified user (code: ${code}) not found.`,
            `指定されたユーザー（code: ${code}）が見つかりません。`,
          );
        if (!refs.some((r) => r.code === code)) refs.push({ code, name: u.name });
      }
      return field.type === 'USER_SELECT' ? refs : refs[0]!.code;
    }
    case 'FILE': {
      if (raw === null || raw === undefined) return [];
      if (
        !Array.isArray(raw) ||
        raw.some((x) => typeof x !== 'object' || x === null || typeof x.fileKey !== 'string')
      )
        return fail(
          'Specify files as [{"fileKey": "…"}].',
          'ファイルは [{"fileKey": "…"}] の形で指定してください。',
        );
      const current = (wc.existing?.values[field.code] as AttachedFile[] | undefined) ?? [];
      const out: AttachedFile[] = [];
      for (const { fileKey } of raw as { fileKey: string }[]) {
        // Either a file already attached to this record (kept) or a fresh upload (attached on save).
        const kept = current.find((f) => f.fileKey === fileKey);
        const stored = wc.tenant.state.files.find((f) => f.fileKey === fileKey);
        if (kept) out.push(kept);
        else if (stored)
          out.push({
            fileKey,
            name: stored.name,
            contentType: stored.contentType,
            size: String(Buffer.from(stored.data, 'base64').length),
          });
        else
          return fail(
            `The specified file (fileKey: ${fileKey}) not found.`,
            `指定されたファイル（fileKey: ${fileKey}）が見つかりません。`,
          );
      }
      return out;
    }
    case 'SUBTABLE':
      return validateTable(field, raw, key, wc, bag);
    default:
      return fail('This field cannot be changed.', 'このフィールドは変更できません。');
  }
}

type AttachedFile = { fileKey: string; name: string; contentType: string; size: string };
type TableRow = { id: string; value: Record<string, { type: FieldType; value: unknown }> };

/** A table write replaces every row; rows that name an existing row id keep it, others get a new id. */
function validateTable(
  field: FieldProperty,
  raw: unknown,
  key: string,
  wc: WriteContext,
  bag: ErrorBag,
): TableRow[] | typeof INVALID {
  if (raw === null || raw === undefined) return [];
  if (!Array.isArray(raw)) {
    bag.add(
      key,
      t(wc.lang, 'Specify the rows as [{"value": {…}}].', '行は [{"value": {…}}] の形で指定してください。'),
    );
    return INVALID;
  }
  const existingRows = (wc.existing?.values[field.code] as TableRow[] | undefined) ?? [];
  const inner = field.fields ?? {};
  const rows: TableRow[] = [];
  let ok = true;
  raw.forEach((row: unknown, i) => {
    const rowKey = `${key}[${i}]`;
    if (typeof row !== 'object' || row === null || typeof (row as { value?: unknown }).value !== 'object') {
      bag.add(
        rowKey,
        t(wc.lang, 'Specify the row as {"value": {…}}.', '行は {"value": {…}} の形で指定してください。'),
      );
      ok = false;
      return;
    }
    const { id, value } = row as { id?: unknown; value: Record<string, unknown> | null };
    const previous =
      id !== undefined && id !== null ? existingRows.find((r) => r.id === String(id)) : undefined;
    const out: TableRow['value'] = {};
    for (const [code, f] of Object.entries(inner)) {
      out[code] = { type: f.type, value: previous?.value[code]?.value ?? emptyValue(f.type) };
    }
    for (const [code, entry] of Object.entries(value ?? {})) {
      const f = inner[code];
      if (!f) {
        bag.add(
          `${rowKey}.value.${code}`,
          t(
            wc.lang,
            `The field (code: ${code}) not found.`,
            `指定されたフィールド（code: ${code}）が見つかりません。`,
          ),
        );
        ok = false;
        continue;
      }
      const cellKey = `${rowKey}.value.${code}.value`;
      if (typeof entry !== 'object' || entry === null || !('value' in entry)) {
        bag.add(
          cellKey,
          t(wc.lang, 'Specify the value as {"value": …}.', '値は {"value": …} の形で指定してください。'),
        );
        ok = false;
        continue;
      }
      const v = validateValue(f, (entry as { value: unknown }).value, cellKey, wc, bag);
      if (v === INVALID) ok = false;
      else out[code] = { type: f.type, value: v };
    }
    for (const [code, f] of Object.entries(inner)) {
      if (f.required && isBlank(out[code]?.value)) {
        bag.add(`${rowKey}.value.${code}.value`, t(wc.lang, 'Required.', '必須です。'));
        ok = false;
      }
    }
    rows.push({ id: previous ? previous.id : '', value: out });
  });
  return ok ? rows : INVALID;
}

/** Required fields must be non-empty once the write is applied (`merged` is the record's final values). */
export function checkRequired(
  app: KApp,
  merged: Record<string, unknown>,
  prefix: string,
  lang: Language,
  bag: ErrorBag,
): void {
  for (const [code, field] of dataFields(app)) {
    if (field.required && isBlank(merged[code]))
      bag.add(`${prefix}.${code}.value`, t(lang, 'Required.', '必須です。'));
  }
}

/** One record of a write, for the duplicate check across the stored records and the rest of the batch. */
export interface PendingWrite {
  prefix: string;
  /** The record being updated, or undefined for an add. */
  id: number | undefined;
  merged: Record<string, unknown>;
  /** The codes this write sets (only those are reported, as Kintone reports the fields you sent). */
  touched: string[];
}

/** "Prohibit duplicate values": no two records (stored or in this batch) may share a non-empty value. */
export function checkUnique(app: KApp, writes: PendingWrite[], lang: Language, bag: ErrorBag): void {
  const batchIds = new Set(writes.map((w) => w.id).filter((id): id is number => id !== undefined));
  for (const [code, field] of dataFields(app)) {
    if (!field.unique) continue;
    const taken = new Map<string, number>();
    for (const r of app.records) {
      if (batchIds.has(r.id)) continue;
      const v = r.values[code];
      if (typeof v === 'string' && v !== '') taken.set(v, (taken.get(v) ?? 0) + 1);
    }
    const inBatch = new Map<string, number>();
    for (const w of writes) {
      const v = w.merged[code];
      if (typeof v === 'string' && v !== '') inBatch.set(v, (inBatch.get(v) ?? 0) + 1);
    }
    for (const w of writes) {
      const v = w.merged[code];
      if (!w.touched.includes(code) || typeof v !== 'string' || v === '') continue;
      if ((taken.get(v) ?? 0) > 0 || (inBatch.get(v) ?? 0) > 1)
        bag.add(
          `${w.prefix}.${code}.value`,
          t(lang, 'This value already exists in another record.', '値がほかのレコードと重複しています。'),
        );
    }
  }
}

/** The stored values an add starts from: each field's default value, else empty. */
export function defaultValues(app: KApp): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [code, field] of dataFields(app)) {
    if (SYSTEM_TYPES.includes(field.type)) continue;
    out[code] =
      field.defaultValue !== undefined ? structuredClone(field.defaultValue) : emptyValue(field.type);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Applying writes (only after the whole request validated)

/** Gives new table rows their ids and turns fresh uploads into attachments with their own file keys. */
function finalise(tenant: Tenant, app: KApp, values: Record<string, unknown>): void {
  for (const [code, field] of dataFields(app)) {
    const v = values[code];
    if (field.type === 'SUBTABLE' && Array.isArray(v)) {
      for (const row of v as TableRow[]) {
        if (!row.id) row.id = String(tenant.nextSequence());
        for (const [innerCode, f] of Object.entries(field.fields ?? {})) {
          if (f.type === 'FILE')
            row.value[innerCode]!.value = attach(tenant, row.value[innerCode]!.value as AttachedFile[]);
        }
      }
    }
    if (field.type === 'FILE' && Array.isArray(v)) values[code] = attach(tenant, v as AttachedFile[]);
  }
}

/**
 * Kintone's upload key is temporary: attaching copies the file under a new key, which is what reads
 * return and what GET file.json downloads.
 */
function attach(tenant: Tenant, files: AttachedFile[]): AttachedFile[] {
  return files.map((f) => {
    const stored = tenant.state.files.find((s) => s.fileKey === f.fileKey);
    if (!stored || stored.attached) return f;
    const fileKey = Tenant.secret(18);
    tenant.state.files.push({ ...stored, fileKey, attached: true, uploadedAt: tenant.now() });
    return { ...f, fileKey };
  });
}

/** Adds a validated record; the creator/created time given in the write (Kintone allows it) win. */
export function insertRecord(
  tenant: Tenant,
  app: KApp,
  values: Record<string, unknown>,
  actor: string,
): KRecord {
  const now = kintoneTime(tenant.now());
  const { creator, modifier, created, updated, rest } = splitSystem(app, values);
  const data = { ...defaultValues(app), ...rest };
  finalise(tenant, app, data);
  const record: KRecord = {
    id: app.nextRecordId,
    revision: 1,
    values: data,
    createdBy: creator ?? actor,
    createdAt: created ?? now,
    updatedBy: modifier ?? creator ?? actor,
    updatedAt: updated ?? created ?? now,
    comments: [],
  };
  app.nextRecordId += 1;
  app.records.push(record);
  return record;
}

/** Applies a validated update: changes the fields given, bumps the revision, stamps modifier and time. */
export function updateStoredRecord(
  tenant: Tenant,
  app: KApp,
  record: KRecord,
  values: Record<string, unknown>,
  actor: string,
): KRecord {
  const data = { ...values };
  finalise(tenant, app, data);
  Object.assign(record.values, data);
  record.revision += 1;
  record.updatedBy = actor;
  record.updatedAt = kintoneTime(tenant.now());
  return record;
}

function splitSystem(app: KApp, values: Record<string, unknown>) {
  const rest: Record<string, unknown> = {};
  const out: { creator?: string; modifier?: string; created?: string; updated?: string } = {};
  for (const [code, v] of Object.entries(values)) {
    const type = app.fields[code]?.type;
    if (type === 'CREATOR') out.creator = v as string;
    else if (type === 'MODIFIER') out.modifier = v as string;
    else if (type === 'CREATED_TIME') out.created = v as string;
    else if (type === 'UPDATED_TIME') out.updated = v as string;
    else rest[code] = v;
  }
  return { ...out, rest };
}

/** The record's stored values after a write of `values`, for required and duplicate checks. */
export function mergedValues(app: KApp, existing: KRecord | undefined, values: Record<string, unknown>) {
  const base = existing ? existing.values : defaultValues(app);
  return { ...base, ...splitSystem(app, values).rest };
}
