import { describe, expect, it } from 'vitest';
import {
  apiErrorBody,
  catalogueEntry,
  type ErrorCode,
  errorCatalogue,
  formatLocalized,
  isErrorCode,
  setupSteps,
  toApiErrorBody,
} from '../src/index.js';

const entries = Object.entries(errorCatalogue);
// Hiragana, katakana or kanji: a "ja" text that is really English would fail this.
const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('error catalogue', () => {
  it.each(entries)('%s is complete in English and Japanese', (key, e) => {
    expect(e.code).toBe(key);
    expect(key).toMatch(/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/);
    expect(e.status).toBeGreaterThanOrEqual(400);
    expect(e.status).toBeLessThan(600);
    expect(e.step === null || (setupSteps as readonly string[]).includes(e.step)).toBe(true);
    for (const text of [e.title, e.cause, e.fix]) {
      expect(text.en.trim()).not.toBe('');
      expect(text.ja.trim()).not.toBe('');
      expect(text.ja).toMatch(japanese);
      // The same placeholders in both languages, or one language would show a raw {name}.
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(text.ja)).toEqual(names(text.en));
    }
  });

  it('keeps the original four entries', () => {
    for (const code of ['REQUEST_INVALID', 'NOT_FOUND', 'DATABASE_UNAVAILABLE', 'INTERNAL']) {
      expect(isErrorCode(code)).toBe(true);
    }
  });

  it.each([
    [
      'KINTONE_OAUTH_NOT_PERMITTED',
      'You do not have permission to use OAuth. Ask your administrator to configure the necessary settings.',
      'configure-users',
    ],
    ['KINTONE_REDIRECT_URI_INVALID', 'The redirect_uri parameter is not valid.', 'add-client'],
    ['KINTONE_ACCESS_FORBIDDEN', 'Access Forbidden.', 'authorize'],
  ] as const)(
    '%s quotes Kintone’s screen exactly and points at the step that fixes it',
    (code, message, step) => {
      const e = catalogueEntry(code);
      expect(e.kintoneMessage).toBe(message);
      expect(e.step).toBe(step);
    },
  );

  it.each([
    ['KINTONE_CLIENT_INVALID', 'link-client'],
    ['KINTONE_TOKEN_IP_FORBIDDEN', 'authorize'],
    ['KINTONE_ENDPOINT_IS_TOKEN_ENDPOINT', 'link-client'],
    ['KINTONE_RATE_LIMITED', null],
  ] as const)('%s sends the user to step %s', (code, step) => {
    expect(catalogueEntry(code).step).toBe(step);
  });

  it.each([
    ['KINTONE_RATE_LIMITED', 429],
    ['KINTONE_TOKEN_INVALID', 401],
    ['KINTONE_RECONNECT_REQUIRED', 401],
    ['KINTONE_RECORD_NOT_FOUND', 404],
    ['PLAN_EXCLUDES_KINTONE', 402],
    ['ROLE_NOT_ALLOWED', 403],
    ['KINTONE_UNREACHABLE', 502],
    ['KINTONE_TIMEOUT', 504],
    ['CONFIG_INVALID', 500],
  ] as const)('%s answers HTTP %i', (code, status) => {
    expect(catalogueEntry(code).status).toBe(status);
  });

  it('rejects codes that are not in the catalogue, including inherited names', () => {
    expect(isErrorCode('NOPE')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode(undefined)).toBe(false);
  });
});

describe('toApiErrorBody', () => {
  it('fills placeholders in both languages and validates against the shared schema', () => {
    const body = toApiErrorBody('CONFIG_INVALID', { params: { name: 'DATABASE_URL', reason: 'not a URL' } });
    expect(body.error.cause.en).toBe('The setting DATABASE_URL is missing or not valid: not a URL');
    expect(body.error.cause.ja).toContain('DATABASE_URL');
    expect(body.error.fix.ja).toContain('DATABASE_URL');
    expect(apiErrorBody.parse(body)).toEqual(body);
  });

  it('carries Kintone’s own message so the UI can show what the user saw', () => {
    const body = toApiErrorBody('KINTONE_ACCESS_FORBIDDEN', { requestId: 'r-1' });
    expect(body.error).toMatchObject({
      status: 403,
      step: 'authorize',
      kintoneMessage: 'Access Forbidden.',
      requestId: 'r-1',
    });
    expect(toApiErrorBody('INTERNAL').error).not.toHaveProperty('kintoneMessage');
  });

  it('every entry turns into a valid response body', () => {
    for (const code of Object.keys(errorCatalogue) as ErrorCode[]) {
      expect(apiErrorBody.safeParse(toApiErrorBody(code)).success).toBe(true);
    }
  });

  it('leaves unknown placeholders visible rather than inventing text', () => {
    expect(formatLocalized({ en: 'a {x} {y}', ja: 'あ {x}' }, { x: 1 })).toEqual({
      en: 'a 1 {y}',
      ja: 'あ 1',
    });
  });
});
