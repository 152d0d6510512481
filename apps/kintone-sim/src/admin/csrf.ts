import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { readCookie, SESSION_COOKIE } from '../auth/sessions.js';

/**
 * Per-session CSRF tokens for the admin and consent forms: an HMAC of the session cookie under a key
 * that lives as long as the process. Nothing to store, and a token from one session is useless in
 * another. `purpose` keeps a token for one form from being replayed on a different one.
 */
const key = randomBytes(32);

export function csrfToken(req: Request, purpose = 'form'): string {
  const session = readCookie(req, SESSION_COOKIE) ?? '';
  return createHmac('sha256', key).update(`${purpose}\n${session}`).digest('base64url');
}

export function csrfValid(req: Request, token: unknown, purpose = 'form'): boolean {
  if (typeof token !== 'string' || !readCookie(req, SESSION_COOKIE)) return false;
  const expected = Buffer.from(csrfToken(req, purpose));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
