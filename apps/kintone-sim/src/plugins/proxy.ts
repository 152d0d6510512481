import { lookup } from 'node:dns/promises';
import type { PluginAppSettings } from '../tenant/model.js';

/**
 * The plug-in proxy (platform notes §5.2). Matching saved configurations is pure and unit-tested; the
 * forwarder is the only part that touches the network.
 */

export type ProxyMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type SavedProxyConfig = PluginAppSettings['proxy'][number];

/**
 * Kintone's documented rule ("Conditions for Saved Data to be Added to the Request") is: same plug-in, same
 * method, the request URL starts with the saved URL, the longest such saved URL wins. The wording is not
 * confirmed on a live tenant (notes §7.7), so `exact` (only a byte-identical saved URL applies) can be
 * selected with KINTONE_SIM_PROXY_MATCH=exact.
 */
export type ProxyMatchRule = 'longest-prefix' | 'exact';

/** The saved configuration that applies to a call, or undefined. Callers pass one plug-in's entries of one app. */
export function findProxyConfig(
  saved: readonly SavedProxyConfig[],
  method: ProxyMethod,
  url: string,
  rule: ProxyMatchRule = 'longest-prefix',
): SavedProxyConfig | undefined {
  let best: SavedProxyConfig | undefined;
  for (const entry of saved) {
    if (entry.method !== method) continue;
    const applies = rule === 'exact' ? url === entry.url : url.startsWith(entry.url);
    if (applies && (!best || entry.url.length > best.url.length)) best = entry;
  }
  return best;
}

export interface ProxyCall {
  url: string;
  method: ProxyMethod;
  headers: Record<string, string>;
  /** An object (sent as JSON) or a string body; used only for POST and PUT, as Kintone does. */
  data: Record<string, unknown> | string | undefined;
}

export interface OutgoingRequest {
  url: string;
  method: ProxyMethod;
  headers: Record<string, string>;
  body: string | undefined;
}

/** Header names compare case-insensitively, so a saved `authorization` replaces a sent `Authorization`. */
function mergeHeaders(sent: Record<string, string>, saved: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const names = new Map<string, string>();
  for (const [name, value] of [...Object.entries(sent), ...Object.entries(saved)]) {
    const lower = name.toLowerCase();
    const previous = names.get(lower);
    if (previous !== undefined) delete out[previous];
    names.set(lower, name);
    out[name] = value;
  }
  return out;
}

/** The request to forward: the call with the saved headers and data merged over it (saved values win). */
export function buildProxyRequest(call: ProxyCall, saved: SavedProxyConfig | undefined): OutgoingRequest {
  const headers = mergeHeaders(call.headers, saved?.headers ?? {});
  let body: string | undefined;
  if (call.method === 'POST' || call.method === 'PUT') {
    const savedData = saved?.data ?? {};
    if (typeof call.data === 'string' && Object.keys(savedData).length === 0) {
      body = call.data;
    } else {
      let sentData: Record<string, unknown> = {};
      if (typeof call.data === 'string') {
        // A string body can only take saved keys when it is a JSON object; anything else is kept as sent.
        try {
          const parsed: unknown = JSON.parse(call.data);
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
            sentData = parsed as Record<string, unknown>;
        } catch {
          sentData = {};
        }
      } else if (call.data) {
        sentData = call.data;
      }
      body = JSON.stringify({ ...sentData, ...savedData });
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['Content-Type'] = 'application/json';
      }
    }
  }
  return { url: call.url, method: call.method, headers, body };
}

/** What kintone.proxy resolves with: [body, status, headers]. */
export type ProxyAnswer = [string, number, Record<string, string>];

export interface ForwardOptions {
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  /** Resolves a host name; tests replace it. */
  resolve?: (host: string) => Promise<unknown>;
}

/**
 * Forwards without following redirects (the 3xx goes back to the plug-in, as a server-side proxy does).
 * Kintone answers an unknown host with 503 "DNS Cache Missing"; the sim does the same, and answers 504 on a
 * timeout and 502 when the connection fails, in the same [body, status, headers] shape.
 */
export async function forwardProxyRequest(
  req: OutgoingRequest,
  options: ForwardOptions = {},
): Promise<ProxyAnswer> {
  const url = new URL(req.url);
  const resolve = options.resolve ?? ((host: string) => lookup(host));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  try {
    await resolve(host);
  } catch {
    return ['DNS Cache Missing', 503, { 'content-type': 'text/plain; charset=utf-8' }];
  }
  const doFetch = options.fetchImpl ?? fetch;
  try {
    const res = await doFetch(url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return [await res.text(), res.status, headers];
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return ['Gateway Timeout', 504, { 'content-type': 'text/plain; charset=utf-8' }];
    }
    return ['Bad Gateway', 502, { 'content-type': 'text/plain; charset=utf-8' }];
  }
}
