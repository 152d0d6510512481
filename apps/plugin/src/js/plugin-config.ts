/**
 * The plug-in's settings as stored with `kintone.plugin.app.setConfig`.
 *
 * Plug-in settings are readable by every user of the app (`getConfig` works on record pages), so only
 * non-secret values belong here. Secrets go through the plug-in proxy (`setProxyConfig`) in a later task.
 */
export interface PluginConfig {
  readonly nottaUrl: string;
}

/** The only keys this plug-in ever writes with `setConfig`. */
export const CONFIG_KEYS = ['nottaUrl'] as const satisfies readonly (keyof PluginConfig)[];

const MAX_URL_LENGTH = 2048;

export type NottaUrlError = 'urlRequired' | 'urlNotHttps' | 'urlInvalid' | 'urlHasCredentials';

export type NottaUrlResult = { ok: true; value: string } | { ok: false; error: NottaUrlError };

/** Validates and normalises the Notta URL typed by the app administrator: https only, no credentials. */
export function parseNottaUrl(input: string): NottaUrlResult {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'urlRequired' };
  if (!/^https:\/\//i.test(text)) return { ok: false, error: 'urlNotHttps' };
  if (text.length > MAX_URL_LENGTH || /\s/.test(text)) return { ok: false, error: 'urlInvalid' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, error: 'urlInvalid' };
  }
  if (url.protocol !== 'https:' || url.hostname === '') return { ok: false, error: 'urlInvalid' };
  if (url.username !== '' || url.password !== '') return { ok: false, error: 'urlHasCredentials' };
  const bareOrigin = url.pathname === '/' && url.search === '' && url.hash === '';
  return { ok: true, value: bareOrigin ? url.origin : url.href };
}

export type ConfigState =
  | { kind: 'not-configured' }
  | { kind: 'invalid' }
  | { kind: 'configured'; config: PluginConfig; host: string };

/** Interprets whatever `getConfig` returned (an object of strings, `{}` before the first save, or null). */
export function readPluginConfig(raw: unknown): ConfigState {
  if (raw === null || typeof raw !== 'object') return { kind: 'not-configured' };
  const stored = (raw as Record<string, unknown>).nottaUrl;
  if (stored === undefined || stored === '') return { kind: 'not-configured' };
  if (typeof stored !== 'string') return { kind: 'invalid' };
  const parsed = parseNottaUrl(stored);
  if (!parsed.ok) return { kind: 'invalid' };
  return { kind: 'configured', config: { nottaUrl: parsed.value }, host: new URL(parsed.value).host };
}

/** The exact object handed to `setConfig`: string values, known keys only. */
export function toConfigRecord(config: PluginConfig): Record<(typeof CONFIG_KEYS)[number], string> {
  return { nottaUrl: config.nottaUrl };
}
