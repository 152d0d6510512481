import { describe, expect, it } from 'vitest';
import { kintoneScreenMessages, matchKintoneMessage } from '../src/index.js';

const notPermitted =
  'You do not have permission to use OAuth. Ask your administrator to configure the necessary settings.';

describe('kintoneScreenMessages', () => {
  it('lists the three Kintone screens with their codes, for UIs to show', () => {
    expect(kintoneScreenMessages).toEqual([
      { code: 'KINTONE_OAUTH_NOT_PERMITTED', message: notPermitted },
      { code: 'KINTONE_REDIRECT_URI_INVALID', message: 'The redirect_uri parameter is not valid.' },
      { code: 'KINTONE_ACCESS_FORBIDDEN', message: 'Access Forbidden.' },
    ]);
  });
});

describe('matchKintoneMessage', () => {
  it.each(kintoneScreenMessages.map((m) => [m.code, m.message]))('%s: the exact message', (code, message) => {
    expect(matchKintoneMessage(message)?.code).toBe(code);
  });

  it.each([
    [
      'lower case, no final period',
      'you do not have permission to use oauth. ask your administrator to configure the necessary settings',
      'KINTONE_OAUTH_NOT_PERMITTED',
    ],
    ['upper case', 'ACCESS FORBIDDEN', 'KINTONE_ACCESS_FORBIDDEN'],
    [
      'wrapped over lines with odd spacing',
      'You do not have\npermission to use\r\n  OAuth.\tAsk your administrator\nto configure the necessary settings.',
      'KINTONE_OAUTH_NOT_PERMITTED',
    ],
    ['only the first sentence', 'You do not have permission to use OAuth', 'KINTONE_OAUTH_NOT_PERMITTED'],
    [
      'non-breaking and ideographic spaces',
      'The\u00a0redirect_uri\u3000parameter is not valid',
      'KINTONE_REDIRECT_URI_INVALID',
    ],
    ['in curly quotes', '“The redirect_uri parameter is not valid.”', 'KINTONE_REDIRECT_URI_INVALID'],
    ['in straight quotes with a prefix', 'Kintone says: "Access Forbidden."', 'KINTONE_ACCESS_FORBIDDEN'],
    [
      'a whole copied page',
      'kintone\nHome  Apps  Spaces\n\nError\n\nYou do not have permission to use OAuth. Ask your administrator to configure the necessary settings.\n\nBack to top\n© Cybozu, Inc.',
      'KINTONE_OAUTH_NOT_PERMITTED',
    ],
    [
      'an address bar and page text together',
      'https://acme.cybozu.com/oauth2/authorization?client_id=x&redirect_uri=https%3A%2F%2Fnotta\nThe redirect_uri parameter is not valid.',
      'KINTONE_REDIRECT_URI_INVALID',
    ],
    ['HTML source', '<html><body><h1>Access Forbidden.</h1></body></html>', 'KINTONE_ACCESS_FORBIDDEN'],
    [
      'with Japanese around it',
      'このエラーが出ました:Access Forbidden.(再読み込みしても同じ)',
      'KINTONE_ACCESS_FORBIDDEN',
    ],
  ] as const)('%s', (_name, pasted, code) => {
    expect(matchKintoneMessage(pasted)?.code).toBe(code);
  });

  it('returns the full catalogue entry, with cause and fix to show', () => {
    const entry = matchKintoneMessage('Access Forbidden.');
    expect(entry?.step).toBe('authorize');
    expect(entry?.fix.ja).toContain('IP アドレス');
  });

  it('picks the message that comes first when a page shows two', () => {
    expect(matchKintoneMessage(`Access Forbidden. Earlier: ${notPermitted}`)?.code).toBe(
      'KINTONE_ACCESS_FORBIDDEN',
    );
    expect(matchKintoneMessage(`${notPermitted} (then later) Access Forbidden.`)?.code).toBe(
      'KINTONE_OAUTH_NOT_PERMITTED',
    );
  });

  it.each([
    ['empty', ''],
    ['only whitespace', ' \n\t '],
    ['plain 403', '403 Forbidden'],
    ['a different denial', 'Access denied'],
    ['another Kintone permission message', 'You do not have permission to view this app.'],
    ['the opposite statement', 'The redirect_uri parameter is valid.'],
    ['a word that merely starts the same', 'access forbiddenness'],
    ['part of the phrase only', 'redirect_uri parameter'],
    ['permission to use something else', 'You do not have permission to use OAuth2 clients.'],
    ['a Kintone REST error body', '{"code":"CB_NO02","message":"No privilege to proceed."}'],
  ])('no match: %s', (_name, pasted) => {
    expect(matchKintoneMessage(pasted)).toBeUndefined();
  });

  it('does not throw on a non-string from untyped callers', () => {
    expect(matchKintoneMessage(null as unknown as string)).toBeUndefined();
  });
});
