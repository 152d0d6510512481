import { z } from 'zod';
import type { Localized } from '../i18n.js';

/**
 * Which Kintone field each Notta meeting field is written to, and which field types fit. The plug-in's
 * config screen offers only compatible fields and explains mismatches; the backend checks the same rules.
 */
export const meetingFields = [
  'meetingId',
  'title',
  'start',
  'duration',
  'participants',
  'summary',
  'actionItems',
  'transcript',
  'recordingUrl',
] as const;
export type MeetingField = (typeof meetingFields)[number];

/** Kintone field types, as `app/form/fields.json` names them (the ones a mapping can involve). */
export type KintoneFieldType =
  | 'SINGLE_LINE_TEXT'
  | 'MULTI_LINE_TEXT'
  | 'RICH_TEXT'
  | 'NUMBER'
  | 'DATE'
  | 'DATETIME'
  | 'LINK'
  | 'USER_SELECT'
  | (string & {});

export interface MeetingFieldRule {
  readonly types: readonly KintoneFieldType[];
  readonly required: boolean;
  /** The field must have "Prohibit duplicate values" on: meetings are updated by it, never duplicated. */
  readonly unique: boolean;
  readonly label: Localized;
}

export const meetingFieldRules: Readonly<Record<MeetingField, MeetingFieldRule>> = {
  meetingId: {
    types: ['SINGLE_LINE_TEXT'],
    required: true,
    unique: true,
    label: { en: 'Meeting ID', ja: '会議 ID' },
  },
  title: {
    types: ['SINGLE_LINE_TEXT'],
    required: false,
    unique: false,
    label: { en: 'Title', ja: 'タイトル' },
  },
  start: { types: ['DATETIME'], required: false, unique: false, label: { en: 'Start', ja: '開始日時' } },
  duration: {
    types: ['NUMBER'],
    required: false,
    unique: false,
    label: { en: 'Duration (minutes)', ja: '所要時間(分)' },
  },
  participants: {
    types: ['MULTI_LINE_TEXT', 'SINGLE_LINE_TEXT'],
    required: false,
    unique: false,
    label: { en: 'Participants', ja: '参加者' },
  },
  summary: {
    types: ['MULTI_LINE_TEXT', 'RICH_TEXT'],
    required: false,
    unique: false,
    label: { en: 'Summary', ja: '要約' },
  },
  actionItems: {
    types: ['MULTI_LINE_TEXT', 'RICH_TEXT'],
    required: false,
    unique: false,
    label: { en: 'Action items', ja: 'アクションアイテム' },
  },
  transcript: {
    types: ['MULTI_LINE_TEXT', 'RICH_TEXT'],
    required: false,
    unique: false,
    label: { en: 'Transcript', ja: '文字起こし' },
  },
  recordingUrl: {
    types: ['LINK'],
    required: false,
    unique: false,
    label: { en: 'Recording link', ja: '録音リンク' },
  },
};

const fieldCode = z
  .string()
  .min(1)
  .max(128, 'must be a Kintone field code (at most 128 characters)')
  .regex(/^[^\s]+$/, 'must be a Kintone field code, without spaces');

/** Notta meeting field → Kintone field code. `meetingId` is required; the others may be left out. */
export const meetingMappingSchema = z.object({
  meetingId: fieldCode,
  title: fieldCode.optional(),
  start: fieldCode.optional(),
  duration: fieldCode.optional(),
  participants: fieldCode.optional(),
  summary: fieldCode.optional(),
  actionItems: fieldCode.optional(),
  transcript: fieldCode.optional(),
  recordingUrl: fieldCode.optional(),
});
export type MeetingMapping = z.infer<typeof meetingMappingSchema>;

/** What `app/form/fields.json` says about one field (the parts the rules need). */
export interface KintoneFieldInfo {
  readonly code: string;
  readonly type: KintoneFieldType;
  readonly label?: string;
  readonly unique?: boolean;
}

export type MappingProblem =
  | { field: MeetingField; problem: 'required' }
  | { field: MeetingField; problem: 'unknown-field'; code: string }
  | { field: MeetingField; problem: 'wrong-type'; code: string; type: string; expected: readonly string[] }
  | { field: MeetingField; problem: 'not-unique'; code: string }
  | { field: MeetingField; problem: 'used-twice'; code: string };

/** The Kintone fields a Notta meeting field may be mapped to. */
export function compatibleFields(
  field: MeetingField,
  fields: readonly KintoneFieldInfo[],
): KintoneFieldInfo[] {
  const rule = meetingFieldRules[field];
  return fields.filter((f) => rule.types.includes(f.type) && (!rule.unique || f.unique === true));
}

/** Every problem of a mapping against the app's fields, in meeting-field order; empty when it is usable. */
export function checkMeetingMapping(
  mapping: Partial<Record<MeetingField, string | undefined>>,
  fields: readonly KintoneFieldInfo[],
): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const byCode = new Map(fields.map((f) => [f.code, f]));
  const seen = new Map<string, MeetingField>();
  for (const field of meetingFields) {
    const code = mapping[field];
    const rule = meetingFieldRules[field];
    if (!code) {
      if (rule.required) problems.push({ field, problem: 'required' });
      continue;
    }
    const info = byCode.get(code);
    if (!info) {
      problems.push({ field, problem: 'unknown-field', code });
      continue;
    }
    if (!rule.types.includes(info.type)) {
      problems.push({ field, problem: 'wrong-type', code, type: info.type, expected: rule.types });
      continue;
    }
    if (rule.unique && info.unique !== true) {
      problems.push({ field, problem: 'not-unique', code });
      continue;
    }
    if (seen.has(code)) problems.push({ field, problem: 'used-twice', code });
    else seen.set(code, field);
  }
  return problems;
}
