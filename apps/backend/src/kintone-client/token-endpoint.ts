import { KINTONE_TOKEN_PATH } from '@notta/shared';
import { z } from 'zod';
import { KintoneError } from './errors.js';
import { backoffMs, MAX_ATTEMPTS, sleep } from './retry.js';

export interface TokenEndpointOptions {
  /** Per attempt; a slower answer is KINTONE_TIMEOUT. */
  timeoutMs: number;
}

export interface ClientAuth {
  /** The tenant's canonical base URL; the token endpoint is derived from it, never typed by anyone. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

export interface TokenSet {
  accessToken: string;
  /** Kintone's refresh answers carry none: the caller keeps the old one (see `refresh`). */
  refreshToken: string;
  expiresAt: Date;
  scope: string | null;
}

// Kintone answers RFC 6749 JSON; one third-party client has seen `expires_in` as a string, so accept both.
const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().refine((t) => t.toLowerCase() === 'bearer', 'must be Bearer'),
  expires_in: z.coerce
    .number()
    .int()
    .positive()
    .max(365 * 24 * 3600),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
});

const errorResponse = z.object({ error: z.string(), error_description: z.string().optional() });

/** Exchanges an authorization code (setup step 4, or a member's Connect) for tokens. */
export async function exchangeCode(
  options: TokenEndpointOptions,
  input: ClientAuth & { code: string; redirectUri: string; codeVerifier?: string },
): Promise<TokenSet> {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: input.code,
    redirect_uri: input.redirectUri,
  });
  if (input.codeVerifier) form.set('code_verifier', input.codeVerifier);
  const body = await postToken(options, input, form, 'exchange');
  if (!body.refresh_token) {
    // Without a refresh token the grant dies within the hour; refuse now rather than store half a grant.
    throw new KintoneError('KINTONE_UNREACHABLE', { reason: 'no refresh_token in the code exchange answer' });
  }
  return toTokenSet(body, body.refresh_token);
}

/**
 * Refreshes an access token. Kintone's answer usually has no refresh_token (they do not rotate), so the one
 * passed in is kept unless a new one arrives.
 */
export async function refresh(
  options: TokenEndpointOptions,
  input: ClientAuth & { refreshToken: string },
): Promise<TokenSet> {
  const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: input.refreshToken });
  const body = await postToken(options, input, form, 'refresh');
  return toTokenSet(body, body.refresh_token ?? input.refreshToken);
}

function toTokenSet(body: z.infer<typeof tokenResponse>, refreshToken: string): TokenSet {
  return {
    accessToken: body.access_token,
    refreshToken,
    expiresAt: new Date(Date.now() + body.expires_in * 1000),
    scope: body.scope ?? null,
  };
}

async function postToken(
  options: TokenEndpointOptions,
  client: ClientAuth,
  form: URLSearchParams,
  grant: 'exchange' | 'refresh',
): Promise<z.infer<typeof tokenResponse>> {
  const url = `${client.baseUrl}${KINTONE_TOKEN_PATH}`;
  // RFC 6749 §2.3.1: both parts are form-urlencoded before Basic encoding.
  const basic = Buffer.from(
    `${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`,
  ).toString('base64');
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
        // A token endpoint that redirects is misconfigured or hostile: never carry credentials elsewhere.
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      if (isTimeout(error)) throw new KintoneError('KINTONE_TIMEOUT', { endpoint: 'token' });
      throw new KintoneError('KINTONE_UNREACHABLE', { endpoint: 'token', reason: causeOf(error) });
    }
    const status = response.status;
    const text = await readText(response, options.timeoutMs);
    if (status === 200) {
      const parsed = tokenResponse.safeParse(safeJson(text));
      if (!parsed.success) {
        throw new KintoneError('KINTONE_UNREACHABLE', {
          endpoint: 'token',
          reason: 'unexpected answer',
          status,
        });
      }
      return parsed.data;
    }
    const retryable = status === 429 || status >= 500;
    if (retryable && attempt < MAX_ATTEMPTS) {
      await sleep(backoffMs(attempt));
      continue;
    }
    throw translateTokenFailure(status, text, grant);
  }
}

function translateTokenFailure(status: number, text: string, grant: 'exchange' | 'refresh'): KintoneError {
  const rfc = errorResponse.safeParse(safeJson(text));
  const error = rfc.success ? rfc.data.error : undefined;
  const detail = { endpoint: 'token', status, ...(error ? { error } : {}) };
  if (status === 401 || error === 'invalid_client' || error === 'unauthorized_client')
    return new KintoneError('KINTONE_CLIENT_INVALID', detail);
  if (error === 'invalid_grant') {
    return new KintoneError(
      grant === 'exchange' ? 'KINTONE_AUTHORIZATION_CODE_INVALID' : 'KINTONE_RECONNECT_REQUIRED',
      detail,
    );
  }
  // Kintone's IP address restriction answers the token endpoint with its "Access Forbidden." page.
  if (status === 403) return new KintoneError('KINTONE_TOKEN_IP_FORBIDDEN', detail);
  if (status === 429) return new KintoneError('KINTONE_RATE_LIMITED', detail);
  return new KintoneError('KINTONE_UNREACHABLE', detail);
}

async function readText(response: Response, timeoutMs: number): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    if (isTimeout(error)) throw new KintoneError('KINTONE_TIMEOUT', { endpoint: 'token' });
    throw new KintoneError('KINTONE_UNREACHABLE', { endpoint: 'token', reason: causeOf(error), timeoutMs });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** The network-level reason (ECONNREFUSED…), never the request, which carries credentials. */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } })?.cause;
  return typeof cause?.code === 'string' ? cause.code : error instanceof Error ? error.name : 'unknown';
}
