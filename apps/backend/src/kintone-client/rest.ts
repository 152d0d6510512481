import { KintoneRestAPIClient, KintoneRestAPIError } from '@kintone/rest-api-client';
import { KintoneError } from './errors.js';
import { backoffMs, MAX_ATTEMPTS, sleep } from './retry.js';

export interface RestOptions {
  timeoutMs: number;
}

/**
 * Runs REST calls against one tenant with one access token. The official client holds a fixed token, so a
 * new one is built per call (cheap) and the caller refreshes between calls. 429 (over the concurrency limit)
 * and 5xx are retried with backoff; every failure ends as a KintoneError with a catalogue code.
 */
export async function callKintoneRest<T>(
  options: RestOptions,
  target: { baseUrl: string; accessToken: string },
  call: (client: KintoneRestAPIClient) => Promise<T>,
): Promise<T> {
  const client = new KintoneRestAPIClient({
    baseUrl: target.baseUrl,
    auth: { oAuthToken: target.accessToken },
    socketTimeout: options.timeoutMs,
    userAgent: 'notta-for-kintone',
  });
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(client);
    } catch (error) {
      const translated = translateRestFailure(error);
      const status = Number(translated.detail.status ?? 0);
      if ((status === 429 || status >= 500) && attempt < MAX_ATTEMPTS) {
        await sleep(backoffMs(attempt));
        continue;
      }
      throw translated;
    }
  }
}

/** Kintone's error codes (docs/kintone-platform.md §2.3) to the catalogue. */
export function translateRestFailure(error: unknown): KintoneError {
  if (error instanceof KintoneError) return error;
  if (error instanceof KintoneRestAPIError) {
    const detail = { status: error.status, kintoneCode: error.code, kintoneId: error.id };
    if (error.status === 429) return new KintoneError('KINTONE_RATE_LIMITED', detail);
    if (error.code === 'CB_OA01')
      return new KintoneError(
        error.status === 403 ? 'KINTONE_SCOPE_MISSING' : 'KINTONE_TOKEN_INVALID',
        detail,
      );
    if (error.code === 'CB_NO02') return new KintoneError('KINTONE_NO_PERMISSION', detail);
    if (error.code === 'GAIA_RE01') return new KintoneError('KINTONE_RECORD_NOT_FOUND', detail);
    if (error.code === 'CB_VA01') return new KintoneError('KINTONE_VALIDATION_FAILED', detail);
    if (error.status === 401) return new KintoneError('KINTONE_TOKEN_INVALID', detail);
    return new KintoneError('KINTONE_UNREACHABLE', detail);
  }
  // The official client turns a non-JSON error body into `Error("<status>: <statusText>")`.
  const message = error instanceof Error ? error.message : String(error);
  const plain = /^(\d{3}): /.exec(message);
  if (plain) {
    const status = Number(plain[1]);
    // A 403 page without Kintone's JSON is the IP restriction's "Access Forbidden.".
    if (status === 403) return new KintoneError('KINTONE_TOKEN_IP_FORBIDDEN', { status });
    if (status === 429) return new KintoneError('KINTONE_RATE_LIMITED', { status });
    return new KintoneError('KINTONE_UNREACHABLE', { status });
  }
  const code = (error as { code?: unknown })?.code;
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(message))
    return new KintoneError('KINTONE_TIMEOUT', {});
  return new KintoneError('KINTONE_UNREACHABLE', { reason: typeof code === 'string' ? code : 'network' });
}
