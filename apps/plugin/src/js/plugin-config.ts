/**
 * The plug-in's settings as stored with `kintone.plugin.app.setConfig`.
 *
 * Plug-in settings are readable by every user of the app (`getConfig` works on record pages), so only
 * non-secret values belong here. The plug-in key goes through the plug-in proxy (`setProxyConfig`) only.
 */
import type { MeetingField } from '@notta/shared';

/**
 * `meetingFields` of @notta/shared, repeated here (a test keeps them equal): importing the shared module
 * at run time would also bring its zod schema, and zod alone would double the record-page bundles.
 */
export const MEETING_FIELDS = [
  'meetingId',
  'title',
  'start',
  'duration',
  'participants',
  'summary',
  'actionItems',
  'transcript',
  'recordingUrl',
] as const satisfies readonly MeetingField[];

export type MeetingMappingDraft = Partial<Record<MeetingField, string>>;

export interface PluginConfig {
  readonly nottaUrl: string;
  /** Notta meeting field → Kintone field code. */
  readonly mapping: MeetingMappingDraft;
  /** The blank space field's element ID for the record panel, or null for the header menu space. */
  readonly panelSpace: string | null;
}

/** The only keys this plug-in ever writes with `setConfig`. */
export const CONFIG_KEYS = [
  'nottaUrl',
  'mapping',
  'panelSpace',
] as const satisfies readonly (keyof PluginConfig)[];

const MAX_URL_LENGTH = 2048;

/**
 * The ONE place that decides where plain http is allowed: development hosts on this machine (the Kintone
 * stand-in and the backend run on localhost). Any port. Everything else must be https.
 */
export const DEV_HTTP_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

export function isAllowedDevHttpUrl(url: URL): boolean {
  return url.protocol === 'http:' && DEV_HTTP_HOSTS.includes(url.hostname);
}

export type NottaUrlError = 'urlRequired' | 'urlNotHttps' | 'urlInvalid' | 'urlHasCredentials';

export type NottaUrlResult = { ok: true; value: string } | { ok: false; error: NottaUrlError };

/**
 * Validates and normalises the Notta URL typed by the app administrator: https, or http for an allowed
 * development host only; no credentials, query or fragment.
 */
export function parseNottaUrl(input: string): NottaUrlResult {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'urlRequired' };
  if (!/^https?:\/\//i.test(text)) return { ok: false, error: 'urlNotHttps' };
  if (text.length > MAX_URL_LENGTH || /\s/.test(text)) return { ok: false, error: 'urlInvalid' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return /^https:/i.test(text) ? { ok: false, error: 'urlInvalid' } : { ok: false, error: 'urlNotHttps' };
  }
  if (url.protocol === 'http:' && !isAllowedDevHttpUrl(url)) return { ok: false, error: 'urlNotHttps' };
  if (url.hostname === '') return { ok: false, error: 'urlInvalid' };
  if (url.username !== '' || url.password !== '') return { ok: false, error: 'urlHasCredentials' };
  if (url.search !== '' || url.hash !== '') return { ok: false, error: 'urlInvalid' };
  const bareOrigin = url.pathname === '/';
  return { ok: true, value: bareOrigin ? url.origin : url.href.replace(/\/+$/, '') };
}

/** The prefix every plug-in API call starts with; the proxy configuration is saved for exactly this URL. */
export function pluginApiBase(nottaUrl: string): string {
  return `${nottaUrl.replace(/\/+$/, '')}/api/plugin/v1/`;
}

const FIELD_CODE = /^[^\s]{1,128}$/;

/** Reads the stored mapping JSON leniently: unknown keys and non-string values are dropped. */
export function parseMapping(raw: unknown): MeetingMappingDraft {
  if (typeof raw !== 'string' || raw === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return {};
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  const out: MeetingMappingDraft = {};
  for (const field of MEETING_FIELDS) {
    const code = (parsed as Record<string, unknown>)[field];
    if (typeof code === 'string' && FIELD_CODE.test(code)) out[field] = code;
  }
  return out;
}

export type ConfigState =
  | { kind: 'not-configured' }
  | { kind: 'invalid' }
  | { kind: 'configured'; config: PluginConfig; host: string };

/** Interprets whatever `getConfig` returned (an object of strings, `{}` before the first save, or null). */
export function readPluginConfig(raw: unknown): ConfigState {
  if (raw === null || typeof raw !== 'object') return { kind: 'not-configured' };
  const record = raw as Record<string, unknown>;
  const stored = record.nottaUrl;
  if (stored === undefined || stored === '') return { kind: 'not-configured' };
  if (typeof stored !== 'string') return { kind: 'invalid' };
  const parsed = parseNottaUrl(stored);
  if (!parsed.ok) return { kind: 'invalid' };
  const space = record.panelSpace;
  const panelSpace = typeof space === 'string' && FIELD_CODE.test(space) ? space : null;
  return {
    kind: 'configured',
    config: { nottaUrl: parsed.value, mapping: parseMapping(record.mapping), panelSpace },
    host: new URL(parsed.value).host,
  };
}

/** The exact object handed to `setConfig`: string values, known keys only (never the plug-in key). */
export function toConfigRecord(config: PluginConfig): Record<(typeof CONFIG_KEYS)[number], string> {
  const mapping: MeetingMappingDraft = {};
  for (const field of MEETING_FIELDS) {
    const code = config.mapping[field];
    if (code) mapping[field] = code;
  }
  return {
    nottaUrl: config.nottaUrl,
    mapping: JSON.stringify(mapping),
    panelSpace: config.panelSpace ?? '',
  };
}
