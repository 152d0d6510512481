/**
 * The state of one Kintone tenant, shaped after Kintone's own names (field codes, revision, updateKey…).
 * Everything lives in memory; `snapshot.ts` can write it to a file and read it back.
 */

export type Language = 'en' | 'ja';

export interface User {
  /** Kintone's numeric user id, as a string (getLoginUser().id). */
  id: string;
  /** Login name (getLoginUser().code). */
  code: string;
  name: string;
  email: string;
  password: string;
  /** cybozu.com administrator: may open Users & System Administration. */
  isAdmin: boolean;
  language: Language;
  timezone: string;
}

export type KintoneScope =
  | 'k:app_record:read'
  | 'k:app_record:write'
  | 'k:app_settings:read'
  | 'k:app_settings:write'
  | 'k:file:read'
  | 'k:file:write';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  name: string;
  /** A data: URL of the uploaded logo, or undefined. */
  logo?: string;
  redirectUri: string;
  /** User codes ticked under "Configure users"; empty when the client is created. */
  allowedUsers: string[];
  createdAt: string;
}

export interface AuthorizationCode {
  code: string;
  clientId: string;
  redirectUri: string;
  userCode: string;
  scopes: KintoneScope[];
  expiresAt: number;
  used: boolean;
}

export interface RefreshToken {
  token: string;
  clientId: string;
  userCode: string;
  scopes: KintoneScope[];
  createdAt: number;
}

export interface AccessToken {
  token: string;
  clientId: string;
  userCode: string;
  scopes: KintoneScope[];
  expiresAt: number;
}

export interface IpRestriction {
  enabled: boolean;
  /** IPv4 addresses and CIDR ranges, e.g. 203.0.113.10 or 203.0.113.0/28. */
  allowed: string[];
}

export type FieldType =
  | 'SINGLE_LINE_TEXT'
  | 'MULTI_LINE_TEXT'
  | 'RICH_TEXT'
  | 'NUMBER'
  | 'DATE'
  | 'DATETIME'
  | 'LINK'
  | 'CHECK_BOX'
  | 'DROP_DOWN'
  | 'USER_SELECT'
  | 'FILE'
  | 'SUBTABLE'
  | 'SPACER'
  | 'RECORD_NUMBER'
  | 'CREATOR'
  | 'CREATED_TIME'
  | 'MODIFIER'
  | 'UPDATED_TIME';

/** A field as GET app/form/fields.json describes it. */
export interface FieldProperty {
  type: FieldType;
  code: string;
  label: string;
  noLabel?: boolean;
  required?: boolean;
  /** "Prohibit duplicate values" (SINGLE_LINE_TEXT, NUMBER, LINK…). */
  unique?: boolean;
  maxLength?: string;
  options?: Record<string, { label: string; index: string }>;
  /** LINK: WEB, CALL or MAIL. */
  protocol?: 'WEB' | 'CALL' | 'MAIL';
  /** SUBTABLE: its inner fields. */
  fields?: Record<string, FieldProperty>;
  /** SPACER: the element ID that kintone.app.record.getSpaceElement takes. */
  elementId?: string;
  defaultValue?: unknown;
}

/** GET app/form/layout.json: rows of fields, subtables and groups. */
export type LayoutRow =
  | { type: 'ROW'; fields: LayoutField[] }
  | { type: 'SUBTABLE'; code: string; fields: LayoutField[] };

export interface LayoutField {
  type: FieldType | 'LABEL' | 'HR';
  code?: string;
  elementId?: string;
  label?: string;
  size?: { width?: string; height?: string; innerHeight?: string };
}

export type FieldValue =
  | string
  | string[]
  | { code: string; name: string }[]
  | { fileKey: string; name: string; contentType: string; size: string }[]
  | { id: string; value: Record<string, { type: FieldType; value: unknown }> }[]
  | { code: string; name: string }
  | null;

export interface KRecord {
  id: number;
  revision: number;
  /** Values by field code, as Kintone returns them (without the type, which the app's fields give). */
  values: Record<string, unknown>;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  comments: RecordComment[];
}

export interface RecordComment {
  id: string;
  text: string;
  createdAt: string;
  creator: { code: string; name: string };
  mentions: { code: string; type: 'USER' | 'GROUP' | 'ORGANIZATION' }[];
}

/** Who may do what in an app. Users not listed have no access; admins have all. */
export interface AppPermission {
  userCode: string;
  view: boolean;
  add: boolean;
  edit: boolean;
  /** May open the app's settings (and so plug-in settings). */
  manage: boolean;
}

export interface PluginAppSettings {
  /** kintone.plugin.app.setConfig: string values only. */
  config: Record<string, string>;
  /** kintone.plugin.app.setProxyConfig entries. */
  proxy: {
    url: string;
    method: 'GET' | 'POST' | 'PUT' | 'DELETE';
    headers: Record<string, string>;
    data: Record<string, string>;
  }[];
}

export interface KApp {
  appId: string;
  code: string;
  name: string;
  description: string;
  createdAt: string;
  creator: { code: string; name: string };
  fields: Record<string, FieldProperty>;
  layout: LayoutRow[];
  permissions: AppPermission[];
  records: KRecord[];
  nextRecordId: number;
  commentsEnabled: boolean;
  /** Plug-in ids added to this app, with their settings. */
  plugins: Record<string, PluginAppSettings>;
}

export interface StoredFile {
  fileKey: string;
  name: string;
  contentType: string;
  /** base64 of the bytes. */
  data: string;
  uploadedAt: number;
  attached: boolean;
}

export interface InstalledPlugin {
  id: string;
  /** The parsed manifest.json. */
  manifest: Record<string, unknown>;
  /** contents.zip's files, base64 by path. */
  files: Record<string, string>;
  installedAt: string;
  version: string;
}

/** Faults to inject on demand (admin API). */
export interface Faults {
  /** The next N token-endpoint calls answer with this. */
  token: { remaining: number; status: number; error?: string; description?: string }[];
  /** The next N REST calls answer with this. */
  rest: { remaining: number; status: number; code?: string; message?: string }[];
  /** Added to every token and REST call. */
  latencyMs: number;
}

export interface TenantState {
  users: User[];
  oauthClients: OAuthClient[];
  authorizationCodes: AuthorizationCode[];
  refreshTokens: RefreshToken[];
  accessTokens: AccessToken[];
  ipRestriction: IpRestriction;
  apps: KApp[];
  files: StoredFile[];
  plugins: InstalledPlugin[];
  faults: Faults;
  /** Counters for ids. */
  sequence: number;
}
