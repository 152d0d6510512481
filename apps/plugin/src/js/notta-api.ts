/**
 * Calls to Notta's plug-in API through `kintone.plugin.app.proxy` (Kintone adds the saved plug-in key
 * server-side), and the catalogue error an answer other than 2xx turns into. No zod here: the bundles
 * stay small, so answers are checked by hand.
 */
import { type CatalogueEntry, catalogueEntry, isErrorCode, type Locale, type Localized } from '@notta/shared';
import { pluginApiBase } from './plugin-config';

export type ProxyMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The methods the plug-in calls, so the proxy configuration holding the key is saved for each. */
export const PROXY_METHODS = ['GET', 'PUT'] as const satisfies readonly ProxyMethod[];

/** The header Kintone adds from the proxy configuration (`PLUGIN_KEY_HEADER`, as Kintone's docs spell headers). */
export const PLUGIN_KEY_HEADER_NAME = 'X-Notta-Plugin-Key';

export interface ProxyApi {
  plugin: {
    app: {
      proxy(
        pluginId: string,
        url: string,
        method: string,
        headers: Record<string, string>,
        data: Record<string, unknown> | string,
      ): PromiseLike<unknown>;
    };
  };
}

/** What the user sees for a failure: a catalogue entry's texts (code null when Notta was not reached). */
export interface NottaProblem {
  readonly code: string | null;
  readonly status: number | null;
  readonly title: Localized;
  readonly cause: Localized;
  readonly fix: Localized;
}

export type NottaResult<T> = { ok: true; value: T } | { ok: false; problem: NottaProblem };

const localized = (value: unknown): value is Localized =>
  !!value &&
  typeof value === 'object' &&
  typeof (value as Localized).en === 'string' &&
  typeof (value as Localized).ja === 'string';

function fromEntry(entry: CatalogueEntry, status: number | null): NottaProblem {
  return { code: entry.code, status, title: entry.title, cause: entry.cause, fix: entry.fix };
}

/** Not a catalogue answer: Notta could not be reached (DNS, timeout, wrong URL, proxy refused). */
export function unreachable(status: number | null, host: string): NottaProblem {
  const where = status === null ? '' : ` (HTTP ${status})`;
  const whereJa = status === null ? '' : `(HTTP ${status})`;
  return {
    code: null,
    status,
    title: { en: 'Notta could not be reached', ja: 'Notta に接続できませんでした' },
    cause: {
      en: `Kintone's plug-in proxy got no usable answer from ${host}${where}.`,
      ja: `kintone のプラグインプロキシが ${host} から有効な応答を受け取れませんでした${whereJa}。`,
    },
    fix: {
      en: 'Check the Notta URL in the plug-in settings, and that Notta is reachable from Kintone.',
      ja: 'プラグイン設定の Notta の URL と、kintone から Notta に接続できることを確認してください。',
    },
  };
}

/** Turns a non-2xx answer into the catalogue error it carries (`apiErrorBody`), or "unreachable". */
export function problemFromAnswer(body: string, status: number, host: string): NottaProblem {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return unreachable(status, host);
  }
  const error = (parsed as { error?: Record<string, unknown> } | null)?.error;
  if (error && typeof error === 'object') {
    const code = typeof error.code === 'string' ? error.code : null;
    // The body's texts have the entry's {placeholders} filled in; prefer them, then the catalogue.
    if (code && localized(error.title) && localized(error.cause) && localized(error.fix)) {
      return { code, status, title: error.title, cause: error.cause, fix: error.fix };
    }
    if (isErrorCode(code)) return fromEntry(catalogueEntry(code), status);
  }
  return unreachable(status, host);
}

export function problemText(problem: NottaProblem, locale: Locale) {
  return { title: problem.title[locale], cause: problem.cause[locale], fix: problem.fix[locale] };
}

/** One call through the plug-in proxy; JSON in, JSON out; never throws. */
export async function callNotta(
  kintone: ProxyApi,
  pluginId: string,
  nottaUrl: string,
  path: string,
  method: ProxyMethod,
  options: { headers?: Record<string, string>; data?: Record<string, unknown> } = {},
): Promise<NottaResult<unknown>> {
  const host = new URL(nottaUrl).host;
  const headers: Record<string, string> = { ...options.headers };
  if (options.data) headers['Content-Type'] = 'application/json';
  let answer: unknown;
  try {
    answer = await kintone.plugin.app.proxy(
      pluginId,
      `${pluginApiBase(nottaUrl)}${path}`,
      method,
      headers,
      options.data ?? {},
    );
  } catch {
    return { ok: false, problem: unreachable(null, host) };
  }
  if (!Array.isArray(answer)) return { ok: false, problem: unreachable(null, host) };
  const [body, status] = answer as [unknown, unknown];
  const text = typeof body === 'string' ? body : '';
  const code = typeof status === 'number' ? status : 0;
  if (code < 200 || code > 299) return { ok: false, problem: problemFromAnswer(text, code, host) };
  try {
    return { ok: true, value: text === '' ? null : JSON.parse(text) };
  } catch {
    return { ok: false, problem: unreachable(code, host) };
  }
}

export interface ConnectionInfo {
  readonly workspaceName: string;
  readonly tenantBaseUrl: string;
  readonly state: string;
  readonly keyLabel: string;
}

/** Checks the shape of `pluginConnectionResponse`. */
export function readConnection(value: unknown): ConnectionInfo | null {
  const v = value as {
    workspace?: { name?: unknown };
    tenant?: { baseUrl?: unknown };
    state?: unknown;
    keyLabel?: unknown;
  } | null;
  if (!v || typeof v !== 'object') return null;
  if (typeof v.workspace?.name !== 'string' || typeof v.tenant?.baseUrl !== 'string') return null;
  return {
    workspaceName: v.workspace.name,
    tenantBaseUrl: v.tenant.baseUrl,
    state: typeof v.state === 'string' ? v.state : '',
    keyLabel: typeof v.keyLabel === 'string' ? v.keyLabel : '',
  };
}

export const HEALTH_STATUSES = ['connected', 'needs-attention', 'revoked', 'not-linked'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

export interface AppHealth {
  readonly status: HealthStatus;
  readonly code: string | null;
}

/** Checks the shape of `appHealthResponse`. */
export function readHealth(value: unknown): AppHealth | null {
  const v = value as { status?: unknown; code?: unknown } | null;
  if (!v || typeof v !== 'object') return null;
  if (!(HEALTH_STATUSES as readonly unknown[]).includes(v.status)) return null;
  return { status: v.status as HealthStatus, code: typeof v.code === 'string' ? v.code : null };
}

/** The catalogue entry explaining a health code, if it is one. */
export function healthProblem(code: string | null): NottaProblem | null {
  return isErrorCode(code) ? fromEntry(catalogueEntry(code), null) : null;
}
