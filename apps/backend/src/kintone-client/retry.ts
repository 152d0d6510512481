/** Kintone's transient answers (429 over the concurrency limit, 5xx) are retried this many times. */
export const MAX_ATTEMPTS = 3;

/** Exponential backoff with jitter: about 200 ms, then 400 ms; short, as a person is usually waiting. */
export function backoffMs(attempt: number, baseMs = 200): number {
  return baseMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
