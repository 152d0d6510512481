import { type ApiErrorBody, apiErrorBody } from '@notta/shared';

/** What a call to the backend came to, as far as the UI needs to tell the user. */
export type FetchOutcome<T> =
  /** The body matched the expected contract (whatever the HTTP status: `/readyz` answers 503 with one). */
  | { kind: 'ok'; data: T; httpStatus: number }
  /** The backend answered with a catalogue error. */
  | { kind: 'api-error'; body: ApiErrorBody; httpStatus: number }
  /** The backend answered, but with a body that matches neither the contract nor the error shape. */
  | { kind: 'invalid'; httpStatus: number }
  /** No answer at all: offline, DNS, refused connection, CORS, aborted. */
  | { kind: 'network' };

/** The part of a zod schema this module needs; keeps the web app free of a direct zod dependency. */
export interface Contract<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false };
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** GETs `path` and validates the JSON body against `contract` (or, failing that, the shared error shape). */
export function fetchJson<T>(
  path: string,
  contract: Contract<T>,
  signal?: AbortSignal,
): Promise<FetchOutcome<T>> {
  return requestJson(path, contract, signal ? { signal } : {});
}

/** Any method: sends `body` as JSON, validates the answer like `fetchJson`. A 204 counts as `ok` with `null`. */
export async function requestJson<T>(
  path: string,
  contract: Contract<T>,
  { method = 'GET', body, headers = {}, signal }: RequestOptions = {},
): Promise<FetchOutcome<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      cache: 'no-store',
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    });
  } catch {
    return { kind: 'network' };
  }
  if (response.status === 204) {
    const parsed = contract.safeParse(null);
    return parsed.success
      ? { kind: 'ok', data: parsed.data, httpStatus: 204 }
      : { kind: 'invalid', httpStatus: 204 };
  }

  let answer: unknown;
  try {
    answer = await response.json();
  } catch {
    return { kind: 'invalid', httpStatus: response.status };
  }

  const parsed = contract.safeParse(answer);
  if (parsed.success) return { kind: 'ok', data: parsed.data, httpStatus: response.status };
  const error = apiErrorBody.safeParse(answer);
  if (error.success) return { kind: 'api-error', body: error.data, httpStatus: response.status };
  return { kind: 'invalid', httpStatus: response.status };
}
