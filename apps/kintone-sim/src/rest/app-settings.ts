import type { FieldProperty, FieldType, KApp } from '../tenant/model.js';
import { kintoneTime } from './records.js';

/**
 * App information and form settings as Kintone's REST API returns them (apps.json, app.json,
 * app/form/fields.json, app/form/layout.json). The sim does not version app settings, so every form
 * answers this revision.
 */
export const SETTINGS_REVISION = '1';

/** An app as GET app.json / apps.json list it. The sim has no spaces and does not track app edits. */
export function formatApp(app: KApp) {
  return {
    appId: app.appId,
    code: app.code,
    name: app.name,
    description: app.description,
    spaceId: null,
    threadId: null,
    createdAt: kintoneTime(app.createdAt),
    creator: { ...app.creator },
    modifiedAt: kintoneTime(app.createdAt),
    modifier: { ...app.creator },
  };
}

// The properties Kintone lists for each field type, with its defaults; the stored settings override them.
const base = { noLabel: false, required: false };
const defaultsByType: Partial<Record<FieldType, Record<string, unknown>>> = {
  SINGLE_LINE_TEXT: {
    ...base,
    unique: false,
    maxLength: '',
    minLength: '',
    defaultValue: '',
    expression: '',
    hideExpression: false,
  },
  MULTI_LINE_TEXT: { ...base, defaultValue: '' },
  RICH_TEXT: { ...base, defaultValue: '' },
  NUMBER: {
    ...base,
    unique: false,
    maxValue: '',
    minValue: '',
    digit: false,
    displayScale: '',
    unit: '',
    unitPosition: 'BEFORE',
    defaultValue: '',
  },
  DATE: { ...base, unique: false, defaultValue: '', defaultNowValue: false },
  DATETIME: { ...base, unique: false, defaultValue: '', defaultNowValue: false },
  LINK: { ...base, unique: false, protocol: 'WEB', maxLength: '', minLength: '', defaultValue: '' },
  CHECK_BOX: { ...base, options: {}, defaultValue: [], align: 'HORIZONTAL' },
  DROP_DOWN: { ...base, options: {}, defaultValue: '' },
  USER_SELECT: { ...base, entities: [], defaultValue: [] },
  FILE: { ...base, thumbnailSize: '150' },
  SUBTABLE: { noLabel: false },
  RECORD_NUMBER: { noLabel: false },
  CREATOR: { noLabel: false },
  CREATED_TIME: { noLabel: false },
  MODIFIER: { noLabel: false },
  UPDATED_TIME: { noLabel: false },
};

/** One field's properties as fields.json shows them. */
export function formatFieldProperty(field: FieldProperty): Record<string, unknown> {
  const { elementId: _layoutOnly, fields, ...stored } = field;
  // Kintone lists type, code and label first.
  const out: Record<string, unknown> = {
    type: field.type,
    code: field.code,
    label: field.label,
    ...(defaultsByType[field.type] ?? {}),
  };
  for (const [k, v] of Object.entries(stored)) if (v !== undefined) out[k] = structuredClone(v);
  if (field.type === 'SUBTABLE')
    out.fields = Object.fromEntries(
      Object.entries(fields ?? {}).map(([c, f]) => [c, formatFieldProperty(f)]),
    );
  return out;
}

/**
 * GET app/form/fields.json `properties`: every field but blank spaces, labels and lines (Kintone lists
 * those in the layout only), plus the process-management fields Kintone always lists (disabled here).
 */
export function formatFieldProperties(app: KApp): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [code, f] of Object.entries(app.fields)) {
    if (f.type === 'SPACER') continue;
    out[code] = formatFieldProperty(f);
  }
  out.Status ??= { type: 'STATUS', code: 'Status', label: 'Status', enabled: false };
  out.Assignee ??= { type: 'STATUS_ASSIGNEE', code: 'Assignee', label: 'Assignee', enabled: false };
  out.Categories ??= { type: 'CATEGORY', code: 'Categories', label: 'Categories', enabled: false };
  return out;
}

/** GET app/form/layout.json `layout`: rows with fields (by code), blank spaces (by elementId) and tables. */
export function formatLayout(app: KApp) {
  return structuredClone(app.layout);
}
