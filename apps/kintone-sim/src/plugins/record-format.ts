import type { FieldProperty, FieldType, KApp, KRecord } from '../tenant/model.js';
import type { Tenant } from '../tenant/tenant.js';

/**
 * Records as the page events carry them (REST format `{code: {type, value}}`) and as the pages show them:
 * always plain text, so no record value can become markup (Secure Coding Guidelines, notes §6).
 */

export type RestRecord = Record<string, { type: string; value: unknown }>;

function emptyValue(type: FieldType): unknown {
  switch (type) {
    case 'CHECK_BOX':
    case 'USER_SELECT':
    case 'FILE':
    case 'SUBTABLE':
      return [];
    default:
      return '';
  }
}

function userRef(tenant: Tenant, code: string): { code: string; name: string } {
  return { code, name: tenant.userByCode(code)?.name ?? code };
}

/** One record in the REST API's shape, including $id, $revision and the system fields. */
export function toRestRecord(tenant: Tenant, app: KApp, record: KRecord): RestRecord {
  const out: RestRecord = {};
  for (const field of Object.values(app.fields)) {
    if (field.type === 'SPACER') continue;
    let value: unknown;
    switch (field.type) {
      case 'RECORD_NUMBER':
        value = String(record.id);
        break;
      case 'CREATOR':
        value = userRef(tenant, record.createdBy);
        break;
      case 'MODIFIER':
        value = userRef(tenant, record.updatedBy);
        break;
      case 'CREATED_TIME':
        value = record.createdAt;
        break;
      case 'UPDATED_TIME':
        value = record.updatedAt;
        break;
      default:
        value = record.values[field.code] ?? emptyValue(field.type);
    }
    out[field.code] = { type: field.type, value };
  }
  out.$id = { type: '__ID__', value: String(record.id) };
  out.$revision = { type: '__REVISION__', value: String(record.revision) };
  return out;
}

const entities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  apos: "'",
  nbsp: ' ',
};

/**
 * Rich text shown as text: block ends become line breaks, tags are dropped, entities decoded. The result
 * is escaped again when rendered, so a `<script>` written as text stays text.
 */
export function richTextToPlain(value: string): string {
  return value
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6])\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_m, name: string) => entities[name] ?? '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function namesOf(value: unknown): string {
  if (!Array.isArray(value)) {
    if (value && typeof value === 'object' && 'name' in value)
      return String((value as { name: unknown }).name);
    return '';
  }
  return value
    .map((v) =>
      v && typeof v === 'object' && 'name' in v ? String((v as { name: unknown }).name) : String(v),
    )
    .join(', ');
}

/** A field value as plain text (subtables are rendered separately, row by row). */
export function fieldText(field: Pick<FieldProperty, 'type'>, value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (field.type) {
    case 'RICH_TEXT':
      return richTextToPlain(String(value));
    case 'CHECK_BOX':
      return Array.isArray(value) ? value.map(String).join(', ') : String(value);
    case 'USER_SELECT':
    case 'CREATOR':
    case 'MODIFIER':
    case 'FILE':
      return namesOf(value);
    case 'SUBTABLE':
      return Array.isArray(value) ? `${value.length} row(s)` : '';
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
