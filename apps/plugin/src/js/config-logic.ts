/**
 * The config screen's rules, free of React: reading the app's form, suggesting and checking the mapping,
 * validating the whole form before Save. The screen (config-form.tsx) only renders what these return.
 */
import {
  checkMeetingMapping,
  compatibleFields,
  type KintoneFieldInfo,
  type MappingProblem,
  type MeetingField,
  meetingFieldRules,
  meetingFields,
} from '@notta/shared';
import type { I18n, MessageKey } from './i18n';
import type { MeetingMappingDraft } from './plugin-config';

/** `app/form/fields.json` → the fields a mapping can use (subtables' inner fields cannot be mapped). */
export function readFormFields(response: unknown): KintoneFieldInfo[] {
  const properties = (response as { properties?: unknown } | null)?.properties;
  if (!properties || typeof properties !== 'object') return [];
  const out: KintoneFieldInfo[] = [];
  for (const value of Object.values(properties as Record<string, unknown>)) {
    const f = value as { code?: unknown; type?: unknown; label?: unknown; unique?: unknown } | null;
    if (!f || typeof f.code !== 'string' || typeof f.type !== 'string') continue;
    out.push({
      code: f.code,
      type: f.type,
      label: typeof f.label === 'string' ? f.label : f.code,
      unique: f.unique === true || f.unique === 'true',
    });
  }
  return out.sort((a, b) => (a.label ?? a.code).localeCompare(b.label ?? b.code));
}

/** `app/form/layout.json` → the element IDs of the Blank space fields (rows, and rows inside groups). */
export function readSpacers(response: unknown): string[] {
  const ids: string[] = [];
  const visit = (rows: unknown) => {
    if (!Array.isArray(rows)) return;
    for (const row of rows as { type?: string; fields?: unknown; layout?: unknown }[]) {
      if (row?.type === 'GROUP') visit(row.layout);
      if (!Array.isArray(row?.fields)) continue;
      for (const f of row.fields as { type?: string; elementId?: unknown }[]) {
        if (f?.type === 'SPACER' && typeof f.elementId === 'string' && f.elementId !== '')
          ids.push(f.elementId);
      }
    }
  };
  visit((response as { layout?: unknown } | null)?.layout);
  return [...new Set(ids)];
}

const squash = (s: string) => s.toLowerCase().replace(/[\s_\-.]/g, '');

/**
 * A first mapping for an app never mapped before: a compatible field whose code or label matches the
 * Notta field's name or label (meeting_id, "Action items", 会議 ID…). The admin checks it before saving.
 */
export function suggestMapping(fields: readonly KintoneFieldInfo[]): MeetingMappingDraft {
  const out: MeetingMappingDraft = {};
  const used = new Set<string>();
  for (const field of meetingFields) {
    const rule = meetingFieldRules[field];
    const names = [field, rule.label.en, rule.label.ja, field === 'recordingUrl' ? 'recording' : ''].map(
      squash,
    );
    const hit = compatibleFields(field, fields).find(
      (f) => !used.has(f.code) && (names.includes(squash(f.code)) || names.includes(squash(f.label ?? ''))),
    );
    if (hit) {
      out[field] = hit.code;
      used.add(hit.code);
    }
  }
  return out;
}

function typeName(type: string, i18n: I18n): string {
  const key = `fieldType${type}` as MessageKey;
  return key in FIELD_TYPE_KEYS ? i18n.t(key) : type;
}

const FIELD_TYPE_KEYS: Record<string, true> = {
  fieldTypeSINGLE_LINE_TEXT: true,
  fieldTypeMULTI_LINE_TEXT: true,
  fieldTypeRICH_TEXT: true,
  fieldTypeNUMBER: true,
  fieldTypeDATETIME: true,
  fieldTypeLINK: true,
};

/** The Kintone field types a Notta field accepts, in words ("Text area or Rich text"). */
export function expectedTypes(field: MeetingField, i18n: I18n): string {
  return meetingFieldRules[field].types.map((t) => typeName(t, i18n)).join(i18n.t('or'));
}

/** One mapping problem as the sentence shown beside its select. */
export function problemMessage(problem: MappingProblem, i18n: I18n): string {
  const field = meetingFieldRules[problem.field].label[i18n.locale];
  switch (problem.problem) {
    case 'required':
      return i18n.t('problemRequired', { field });
    case 'unknown-field':
      return i18n.t('problemUnknownField', { code: problem.code });
    case 'wrong-type':
      return i18n.t('problemWrongType', {
        code: problem.code,
        type: typeName(problem.type, i18n),
        field,
        expected: expectedTypes(problem.field, i18n),
      });
    case 'not-unique':
      return i18n.t('problemNotUnique', { code: problem.code });
    case 'used-twice':
      return i18n.t('problemUsedTwice', { code: problem.code });
  }
}

/** Problems by Notta field; `required` only once the admin tried to save. */
export function mappingErrors(
  mapping: MeetingMappingDraft,
  fields: readonly KintoneFieldInfo[],
  i18n: I18n,
  includeRequired: boolean,
): Partial<Record<MeetingField, string>> {
  const out: Partial<Record<MeetingField, string>> = {};
  for (const problem of checkMeetingMapping(mapping, fields)) {
    if (problem.problem === 'required' && !includeRequired) continue;
    out[problem.field] ??= problemMessage(problem, i18n);
  }
  return out;
}

/** Plug-in keys are long random strings; this only catches an obviously truncated paste. */
export const MIN_KEY_LENGTH = 16;
