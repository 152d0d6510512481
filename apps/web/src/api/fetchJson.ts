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

/** GETs `path` and validates the JSON body against `contract` (or, failing that, the shared error shape). */
export async function fetchJson<T>(
  path: string,
  contract: Contract<T>,
  signal?: AbortSignal,
): Promise<FetchOutcome<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { accept: 'application/json' },
      cache: 'no-store',
      ...(signal ? { signal } : {}),
    });
  } catch {
    return { kind: 'network' };
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { kind: 'invalid', httpStatus: response.status };
  }

  const parsed = contract.safeParse(body);
  if (parsed.success) return { kind: 'ok', data: parsed.data, httpStatus: response.status };
  const error = apiErrorBody.safeParse(body);
  if (error.success) return { kind: 'api-error', body: error.data, httpStatus: response.status };
  return { kind: 'invalid', httpStatus: response.status };
}
