import type { FieldProperty } from '../tenant/model.js';

/**
 * Record values as the pages show them: always plain text, so no record value can become markup (Secure
 * Coding Guidelines, notes §6). Events carry records in the REST API's shape (rest/records.ts formatRecord).
 */

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
