import type { RequestHandler } from 'express';
import { KintoneError, messages } from './errors.js';

/**
 * The code of the sim's 429 body. Kintone's body for the concurrency limit is not documented; the
 * rest-api-client only needs a JSON object (a text body would surface as a plain Error, not a
 * KintoneRestAPIError), so the sim answers `{code, id, message}` with this code.
 */
export const TOO_MANY_REQUESTS_CODE = 'CB_TM01';

export const tooManyRequests = () => new KintoneError(429, TOO_MANY_REQUESTS_CODE, messages.tooManyRequests);

export type ConcurrencyLimiter = RequestHandler & { inFlight(): number };

/**
 * Counts REST calls in flight; beyond `limit()` simultaneous calls the next answers 429 at once (Kintone:
 * 100 per domain). A slot is freed when the response finishes or the connection closes, whichever comes
 * first. Every answer carries Kintone's X-ConcurrencyLimit-Limit / -Running headers.
 */
export function concurrencyLimiter(limit: () => number): ConcurrencyLimiter {
  let running = 0;
  const handler: RequestHandler = (_req, res, next) => {
    const max = limit();
    res.setHeader('X-ConcurrencyLimit-Limit', String(max));
    if (running >= max) {
      res.setHeader('X-ConcurrencyLimit-Running', String(running));
      const e = tooManyRequests();
      // The caller is not known yet (nothing is authenticated before the limit), so English.
      res.status(e.status).json(e.body('en'));
      return;
    }
    running += 1;
    res.setHeader('X-ConcurrencyLimit-Running', String(running));
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      running -= 1;
    };
    res.once('finish', release);
    res.once('close', release);
    next();
  };
  return Object.assign(handler, { inFlight: () => running });
}
