import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { AppPermission, FieldProperty, KApp, KRecord, LayoutRow, TenantState, User } from './model.js';

const at = '2026-11-02T01:00:00Z';

export const defaultUsers: User[] = [
  {
    id: '1',
    code: 'administrator',
    name: 'Administrator',
    email: 'admin@example.com',
    password: 'password',
    isAdmin: true,
    language: 'en',
    timezone: 'Asia/Tokyo',
  },
  {
    id: '2',
    code: 'yamada',
    name: '山田 太郎',
    email: 'yamada@example.com',
    password: 'password',
    isAdmin: false,
    language: 'ja',
    timezone: 'Asia/Tokyo',
  },
  {
    id: '3',
    code: 'suzuki',
    name: '鈴木 花子',
    email: 'suzuki@example.com',
    password: 'password',
    isAdmin: false,
    language: 'ja',
    timezone: 'Asia/Tokyo',
  },
  {
    id: '4',
    code: 'emily',
    name: 'Emily Clark',
    email: 'emily@example.com',
    password: 'password',
    isAdmin: false,
    language: 'en',
    timezone: 'America/Los_Angeles',
  },
  {
    id: '5',
    code: 'tanaka',
    name: '田中 一郎',
    email: 'tanaka@example.com',
    password: 'password',
    isAdmin: false,
    language: 'ja',
    timezone: 'Asia/Tokyo',
  },
];

const systemFields: Record<string, FieldProperty> = {
  record_number: { type: 'RECORD_NUMBER', code: 'record_number', label: 'Record number' },
  creator: { type: 'CREATOR', code: 'creator', label: 'Created by' },
  created_time: { type: 'CREATED_TIME', code: 'created_time', label: 'Created datetime' },
  modifier: { type: 'MODIFIER', code: 'modifier', label: 'Updated by' },
  updated_time: { type: 'UPDATED_TIME', code: 'updated_time', label: 'Updated datetime' },
};

const row = (...codes: string[]): LayoutRow => ({
  type: 'ROW',
  fields: codes.map((code) =>
    code.startsWith('space:')
      ? { type: 'SPACER', elementId: code.slice(6), size: { width: '600', height: '40' } }
      : { type: 'SINGLE_LINE_TEXT', code },
  ),
});

function fixLayoutTypes(layout: LayoutRow[], fields: Record<string, FieldProperty>): LayoutRow[] {
  return layout.map((r) => ({
    ...r,
    fields: r.fields.map((f) => (f.code ? { ...f, type: fields[f.code]?.type ?? f.type } : f)),
  }));
}

const everyone = (manager: string[], readOnly: string[] = []): AppPermission[] =>
  defaultUsers.map((u) => ({
    userCode: u.code,
    view: true,
    add: !readOnly.includes(u.code),
    edit: !readOnly.includes(u.code),
    manage: u.isAdmin || manager.includes(u.code),
  }));

function record(id: number, creator: string, values: Record<string, unknown>): KRecord {
  return {
    id,
    revision: 1,
    values,
    createdBy: creator,
    createdAt: at,
    updatedBy: creator,
    updatedAt: at,
    comments: [],
  };
}

const meetingFields: Record<string, FieldProperty> = {
  meeting_id: {
    type: 'SINGLE_LINE_TEXT',
    code: 'meeting_id',
    label: 'Meeting ID',
    required: true,
    unique: true,
    maxLength: '64',
  },
  title: { type: 'SINGLE_LINE_TEXT', code: 'title', label: 'Title' },
  start: { type: 'DATETIME', code: 'start', label: 'Start' },
  meeting_date: { type: 'DATE', code: 'meeting_date', label: 'Date' },
  duration: { type: 'NUMBER', code: 'duration', label: 'Duration (minutes)' },
  participants: { type: 'MULTI_LINE_TEXT', code: 'participants', label: 'Participants' },
  owner: { type: 'USER_SELECT', code: 'owner', label: 'Owner' },
  summary: { type: 'RICH_TEXT', code: 'summary', label: 'Summary' },
  action_items: { type: 'MULTI_LINE_TEXT', code: 'action_items', label: 'Action items' },
  transcript: { type: 'MULTI_LINE_TEXT', code: 'transcript', label: 'Transcript' },
  recording_url: { type: 'LINK', code: 'recording_url', label: 'Recording', protocol: 'WEB' },
  status: {
    type: 'DROP_DOWN',
    code: 'status',
    label: 'Status',
    options: { Scheduled: { label: 'Scheduled', index: '0' }, Done: { label: 'Done', index: '1' } },
  },
  topics: {
    type: 'CHECK_BOX',
    code: 'topics',
    label: 'Topics',
    options: {
      Sales: { label: 'Sales', index: '0' },
      Support: { label: 'Support', index: '1' },
      Product: { label: 'Product', index: '2' },
    },
  },
  attachments: { type: 'FILE', code: 'attachments', label: 'Attachments' },
  ...systemFields,
};
// Blank spaces (like notta_panel) are not fields: Kintone lists them only in the layout.

const meetingsApp: KApp = {
  appId: '1',
  code: 'MEETINGS',
  name: 'Meeting notes',
  description: 'Notes, action items and transcripts of customer meetings.',
  createdAt: at,
  creator: { code: 'administrator', name: 'Administrator' },
  fields: meetingFields,
  layout: fixLayoutTypes(
    [
      row('meeting_id', 'title'),
      row('start', 'meeting_date', 'duration'),
      row('owner', 'status', 'topics'),
      row('space:notta_panel'),
      row('participants'),
      row('summary'),
      row('action_items'),
      row('transcript'),
      row('recording_url', 'attachments'),
    ],
    meetingFields,
  ),
  permissions: everyone(['yamada']),
  records: [
    record(1, 'yamada', {
      meeting_id: 'mtg-2026-1101-acme',
      title: 'ACME 株式会社 定例ミーティング',
      start: '2026-11-01T01:00:00Z',
      meeting_date: '2026-11-01',
      duration: '45',
      participants: '山田 太郎\n鈴木 花子\nACME 佐藤様',
      owner: [{ code: 'yamada', name: '山田 太郎' }],
      summary: '<p>新プランの導入時期を確認し、12 月からの試験運用で合意しました。</p>',
      action_items: '見積書を送付する(山田、11/5 まで)\n導入スケジュール案を作成する(鈴木)',
      transcript:
        '[00:00:05] 山田: 本日はよろしくお願いいたします。\n[00:00:12] 佐藤: よろしくお願いします。新プランの件ですが…\n[00:01:40] 鈴木: 12 月から試験運用はいかがでしょうか。',
      recording_url: 'https://app.notta.ai/recordings/mtg-2026-1101-acme',
      status: 'Done',
      topics: ['Sales'],
      attachments: [],
    }),
    record(2, 'emily', {
      meeting_id: 'mtg-2026-1102-globex',
      title: 'Globex onboarding call',
      start: '2026-11-02T17:30:00Z',
      meeting_date: '2026-11-02',
      duration: '30',
      participants: 'Emily Clark\nHank Scorpio (Globex)',
      owner: [{ code: 'emily', name: 'Emily Clark' }],
      summary: '<p>Walked Globex through the import of their customer list.</p>',
      action_items: 'Send the import template (Emily)\nSchedule a follow-up in two weeks',
      transcript: '[00:00:02] Emily: Thanks for joining.\n[00:00:09] Hank: Happy to be here.',
      recording_url: 'https://app.notta.ai/recordings/mtg-2026-1102-globex',
      status: 'Done',
      topics: ['Support'],
      attachments: [],
    }),
  ],
  nextRecordId: 3,
  commentsEnabled: true,
  plugins: {},
};

const customerFields: Record<string, FieldProperty> = {
  company_name: {
    type: 'SINGLE_LINE_TEXT',
    code: 'company_name',
    label: 'Company name',
    required: true,
    unique: true,
  },
  industry: {
    type: 'DROP_DOWN',
    code: 'industry',
    label: 'Industry',
    options: {
      Manufacturing: { label: 'Manufacturing', index: '0' },
      Retail: { label: 'Retail', index: '1' },
      IT: { label: 'IT', index: '2' },
    },
  },
  website: { type: 'LINK', code: 'website', label: 'Website', protocol: 'WEB' },
  notes: { type: 'RICH_TEXT', code: 'notes', label: 'Notes' },
  last_contact: { type: 'DATE', code: 'last_contact', label: 'Last contact' },
  account_manager: { type: 'USER_SELECT', code: 'account_manager', label: 'Account manager' },
  contacts: {
    type: 'SUBTABLE',
    code: 'contacts',
    label: 'Contacts',
    fields: {
      contact_name: { type: 'SINGLE_LINE_TEXT', code: 'contact_name', label: 'Name' },
      contact_email: { type: 'SINGLE_LINE_TEXT', code: 'contact_email', label: 'Email' },
    },
  },
  ...systemFields,
};

const customersApp: KApp = {
  appId: '2',
  code: 'CUSTOMERS',
  name: 'Customers',
  description: 'Companies we work with.',
  createdAt: at,
  creator: { code: 'administrator', name: 'Administrator' },
  fields: customerFields,
  layout: [
    ...fixLayoutTypes(
      [row('company_name', 'industry'), row('website', 'last_contact', 'account_manager'), row('notes')],
      customerFields,
    ),
    {
      type: 'SUBTABLE',
      code: 'contacts',
      fields: [
        { type: 'SINGLE_LINE_TEXT', code: 'contact_name' },
        { type: 'SINGLE_LINE_TEXT', code: 'contact_email' },
      ],
    },
  ],
  permissions: everyone([], ['tanaka']),
  records: [
    record(1, 'administrator', {
      company_name: 'ACME 株式会社',
      industry: 'Manufacturing',
      website: 'https://acme.example.jp',
      notes: '<p>主要顧客</p>',
      last_contact: '2026-11-01',
      account_manager: [{ code: 'yamada', name: '山田 太郎' }],
      contacts: [
        {
          id: '1',
          value: {
            contact_name: { type: 'SINGLE_LINE_TEXT', value: '佐藤 一郎' },
            contact_email: { type: 'SINGLE_LINE_TEXT', value: 'sato@acme.example.jp' },
          },
        },
      ],
    }),
    record(2, 'administrator', {
      company_name: 'Globex Corporation',
      industry: 'IT',
      website: 'https://globex.example.com',
      notes: '',
      last_contact: '2026-11-02',
      account_manager: [{ code: 'emily', name: 'Emily Clark' }],
      contacts: [],
    }),
    record(3, 'administrator', {
      company_name: '丸和商事',
      industry: 'Retail',
      website: '',
      notes: '',
      last_contact: '',
      account_manager: [],
      contacts: [],
    }),
  ],
  nextRecordId: 4,
  commentsEnabled: true,
  plugins: {},
};

/** The demo tenant: an administrator, four users (three in Japanese), Meeting notes and Customers apps. */
export function defaultState(): TenantState {
  return structuredClone({
    users: defaultUsers,
    oauthClients: [],
    authorizationCodes: [],
    refreshTokens: [],
    accessTokens: [],
    ipRestriction: { enabled: false, allowed: [] },
    apps: [meetingsApp, customersApp],
    files: [],
    plugins: [],
    faults: { token: [], rest: [], latencyMs: 0 },
    sequence: 1000,
  });
}

const seedUser = z.object({
  id: z.string().regex(/^\d+$/).optional(),
  code: z.string().regex(/^[A-Za-z0-9._@-]{1,128}$/, 'must be 1-128 letters, digits, ".", "_", "@" or "-"'),
  name: z.string().min(1),
  email: z.string().email().optional(),
  password: z.string().min(1),
  isAdmin: z.boolean().default(false),
  language: z.enum(['en', 'ja']).default('en'),
  timezone: z.string().default('Asia/Tokyo'),
});

/** A seed file replaces the users (and, when given, the apps) of the demo tenant. */
export const seedFileSchema = z.object({
  users: z
    .array(seedUser)
    .min(1)
    .refine(
      (users) => users.some((u) => u.isAdmin),
      'must include at least one administrator (isAdmin: true)',
    ),
  apps: z
    .array(
      z.custom<KApp>(
        (v) => typeof v === 'object' && v !== null && 'appId' in v && 'fields' in v,
        'each app needs appId and fields',
      ),
    )
    .optional(),
});

export class SeedError extends Error {}

export function stateFromSeedFile(file: string): TenantState {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SeedError(`Seed file ${file} could not be read as JSON: ${(error as Error).message}`);
  }
  const parsed = seedFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new SeedError(
      `Seed file ${file} is not valid:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n')}`,
    );
  }
  const state = defaultState();
  state.users = parsed.data.users.map((u, i) => ({
    ...u,
    id: u.id ?? String(i + 1),
    email: u.email ?? `${u.code}@example.com`,
  }));
  if (parsed.data.apps) state.apps = parsed.data.apps;
  return state;
}
