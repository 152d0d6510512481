import { describe, expect, it } from 'vitest';
import {
  isKintoneBaseUrl,
  type KintoneEndpointErrorCode,
  kintoneTenantSchema,
  parseAuthorizationEndpoint,
  parseKintoneBaseUrl,
  toApiErrorBody,
} from '../src/index.js';

describe('parseAuthorizationEndpoint accepts the five Kintone forms', () => {
  it.each([
    ['https://acme.cybozu.com/oauth2/authorization', 'acme', 'cybozu.com', 'jp', false],
    ['https://acme.kintone.com/oauth2/authorization', 'acme', 'kintone.com', 'us', false],
    ['https://acme.cybozu.cn/oauth2/authorization', 'acme', 'cybozu.cn', 'cn', false],
    ['https://acme.s.cybozu.com/oauth2/authorization', 'acme', 'cybozu.com', 'jp', true],
    ['https://acme.s.kintone.com/oauth2/authorization', 'acme', 'kintone.com', 'us', true],
  ] as const)('%s', (input, subdomain, domain, region, secureAccess) => {
    const result = parseAuthorizationEndpoint(input);
    const host = `${subdomain}.${secureAccess ? 's.' : ''}${domain}`;
    expect(result).toEqual({
      ok: true,
      tenant: {
        baseUrl: `https://${host}`,
        subdomain,
        domain,
        region,
        secureAccess,
        authorizationEndpoint: `https://${host}/oauth2/authorization`,
        tokenEndpoint: `https://${host}/oauth2/token`,
      },
    });
  });

  it.each([
    ['  HTTPS://ACME.Cybozu.COM/oauth2/authorization\n', 'https://acme.cybozu.com'],
    ['\tHttps://My-Team-01.S.Kintone.com/oauth2/authorization \r\n', 'https://my-team-01.s.kintone.com'],
    ['\u3000https://acme.cybozu.cn/oauth2/authorization\u00a0', 'https://acme.cybozu.cn'],
    ['\ufeffhttps://acme.cybozu.com/oauth2/authorization', 'https://acme.cybozu.com'],
  ])('canonicalises %j to lower case without the surrounding whitespace', (input, baseUrl) => {
    const result = parseAuthorizationEndpoint(input);
    expect(result.ok && result.tenant.baseUrl).toBe(baseUrl);
    expect(result.ok && result.tenant.authorizationEndpoint).toBe(`${baseUrl}/oauth2/authorization`);
  });

  it.each([
    'abc',
    'a-b',
    '123',
    'a1234567890123456789012345678901', // 32 characters
    'team--x',
  ])('subdomain %s is within the rules', (subdomain) => {
    const result = parseAuthorizationEndpoint(`https://${subdomain}.cybozu.com/oauth2/authorization`);
    expect(result.ok && result.tenant.subdomain).toBe(subdomain);
  });
});

const rejections: [string, string, KintoneEndpointErrorCode, Record<string, string>?][] = [
  ['nothing entered', '', 'KINTONE_ENDPOINT_EMPTY'],
  ['only whitespace', ' \t\n ', 'KINTONE_ENDPOINT_EMPTY'],

  ['domain pasted without scheme', 'acme.cybozu.com/oauth2/authorization', 'KINTONE_ENDPOINT_SCHEME_MISSING'],
  ['host:port without scheme', 'acme.cybozu.com:443/oauth2/authorization', 'KINTONE_ENDPOINT_SCHEME_MISSING'],
  ['protocol-relative', '//acme.cybozu.com/oauth2/authorization', 'KINTONE_ENDPOINT_SCHEME_MISSING'],
  ['empty scheme', '://acme.cybozu.com/oauth2/authorization', 'KINTONE_ENDPOINT_SCHEME_MISSING'],
  [
    'stand-in host:port without scheme',
    'localhost:3100/oauth2/authorization',
    'KINTONE_ENDPOINT_SCHEME_MISSING',
  ],

  [
    'http',
    'http://acme.cybozu.com/oauth2/authorization',
    'KINTONE_ENDPOINT_SCHEME_NOT_HTTPS',
    { scheme: 'http' },
  ],
  [
    'HTTP upper case',
    'HTTP://acme.cybozu.com/oauth2/authorization',
    'KINTONE_ENDPOINT_SCHEME_NOT_HTTPS',
    { scheme: 'http' },
  ],
  [
    'ftp',
    'ftp://acme.cybozu.com/oauth2/authorization',
    'KINTONE_ENDPOINT_SCHEME_NOT_HTTPS',
    { scheme: 'ftp' },
  ],
  ['javascript:', 'javascript:alert(1)', 'KINTONE_ENDPOINT_SCHEME_NOT_HTTPS', { scheme: 'javascript' }],
  [
    'javascript: dressed as a Kintone URL',
    'JavaScript:alert(document.cookie)//https://acme.cybozu.com/oauth2/authorization',
    'KINTONE_ENDPOINT_SCHEME_NOT_HTTPS',
    { scheme: 'javascript' },
  ],
  ['data:', 'data:text/html,<b>hi</b>', 'KINTONE_ENDPOINT_SCHEME_NOT_HTTPS', { scheme: 'data' }],
  ['http without slashes', 'http:acme.cybozu.com/oauth2/authorization', 'KINTONE_ENDPOINT_SCHEME_NOT_HTTPS'],

  ['https without slashes', 'https:acme.cybozu.com/oauth2/authorization', 'KINTONE_ENDPOINT_MALFORMED'],
  ['https with one slash', 'https:/acme.cybozu.com/oauth2/authorization', 'KINTONE_ENDPOINT_MALFORMED'],
  ['no host', 'https:///oauth2/authorization', 'KINTONE_ENDPOINT_MALFORMED'],
  ['scheme only', 'https://', 'KINTONE_ENDPOINT_MALFORMED'],

  [
    'other site',
    'https://example.com/oauth2/authorization',
    'KINTONE_ENDPOINT_NOT_KINTONE',
    { host: 'example.com' },
  ],
  [
    'Kintone domain in the path',
    'https://evil.com/.cybozu.com/oauth2/authorization',
    'KINTONE_ENDPOINT_NOT_KINTONE',
    { host: 'evil.com' },
  ],
  [
    'Kintone domain as a prefix',
    'https://x.cybozu.com.evil.com/oauth2/authorization',
    'KINTONE_ENDPOINT_NOT_KINTONE',
    { host: 'x.cybozu.com.evil.com' },
  ],
  ['glued to the domain', 'https://acmecybozu.com/oauth2/authorization', 'KINTONE_ENDPOINT_NOT_KINTONE'],
  ['trailing dot', 'https://acme.cybozu.com./oauth2/authorization', 'KINTONE_ENDPOINT_NOT_KINTONE'],
  ['wrong TLD', 'https://acme.cybozu.co.jp/oauth2/authorization', 'KINTONE_ENDPOINT_NOT_KINTONE'],
  [
    'kintone.cn does not exist',
    'https://acme.kintone.cn/oauth2/authorization',
    'KINTONE_ENDPOINT_NOT_KINTONE',
  ],
  ['percent-encoded dot', 'https://acme%2ecybozu.com/oauth2/authorization', 'KINTONE_ENDPOINT_NOT_KINTONE'],

  ['user info', 'https://x.cybozu.com@evil.com/oauth2/authorization', 'KINTONE_ENDPOINT_USERINFO'],
  [
    'user and password',
    'https://user:pass@acme.cybozu.com/oauth2/authorization',
    'KINTONE_ENDPOINT_USERINFO',
  ],

  ['IPv4', 'https://127.0.0.1/oauth2/authorization', 'KINTONE_ENDPOINT_IP_ADDRESS'],
  ['IPv4 as one number', 'https://2130706433/oauth2/authorization', 'KINTONE_ENDPOINT_IP_ADDRESS'],
  ['IPv4 short form', 'https://127.1/oauth2/authorization', 'KINTONE_ENDPOINT_IP_ADDRESS'],
  ['IPv4 in hex', 'https://0x7f.0x0.0x0.0x1/oauth2/authorization', 'KINTONE_ENDPOINT_IP_ADDRESS'],
  ['IPv4 with trailing dot', 'https://10.0.0.1./oauth2/authorization', 'KINTONE_ENDPOINT_IP_ADDRESS'],
  ['IPv6', 'https://[::1]/oauth2/authorization', 'KINTONE_ENDPOINT_IP_ADDRESS'],
  ['IPv6 with port', 'https://[2001:db8::1]:443/oauth2/authorization', 'KINTONE_ENDPOINT_IP_ADDRESS'],

  [
    'punycode subdomain',
    'https://xn--acme-9oa.cybozu.com/oauth2/authorization',
    'KINTONE_ENDPOINT_INTERNATIONALIZED_DOMAIN',
  ],
  [
    'punycode upper case',
    'https://XN--ACME-9OA.cybozu.com/oauth2/authorization',
    'KINTONE_ENDPOINT_INTERNATIONALIZED_DOMAIN',
  ],
  [
    'punycode domain',
    'https://acme.xn--cybozu-9ra.com/oauth2/authorization',
    'KINTONE_ENDPOINT_INTERNATIONALIZED_DOMAIN',
  ],
  [
    'full-width letters',
    'https://ａｃｍｅ.cybozu.com/oauth2/authorization',
    'KINTONE_ENDPOINT_INTERNATIONALIZED_DOMAIN',
  ],
  [
    'ideographic full stop',
    'https://acme。cybozu.com/oauth2/authorization',
    'KINTONE_ENDPOINT_INTERNATIONALIZED_DOMAIN',
  ],
  [
    'Cyrillic look-alike',
    'https://\u0430cme.cybozu.com/oauth2/authorization',
    'KINTONE_ENDPOINT_INTERNATIONALIZED_DOMAIN',
  ],
  [
    'Kelvin sign (lower-cases to k)',
    'https://\u212aintone.cybozu.com/oauth2/authorization',
    'KINTONE_ENDPOINT_INTERNATIONALIZED_DOMAIN',
  ],

  ['port 443', 'https://acme.cybozu.com:443/oauth2/authorization', 'KINTONE_ENDPOINT_PORT', { port: '443' }],
  [
    'port 8443',
    'https://acme.cybozu.com:8443/oauth2/authorization',
    'KINTONE_ENDPOINT_PORT',
    { port: '8443' },
  ],
  ['empty port', 'https://acme.cybozu.com:/oauth2/authorization', 'KINTONE_ENDPOINT_PORT', { port: '' }],

  ['empty query', 'https://acme.cybozu.com/oauth2/authorization?', 'KINTONE_ENDPOINT_QUERY_OR_FRAGMENT'],
  ['empty fragment', 'https://acme.cybozu.com/oauth2/authorization#', 'KINTONE_ENDPOINT_QUERY_OR_FRAGMENT'],
  [
    'full authorization URL',
    'https://acme.cybozu.com/oauth2/authorization?client_id=abc&response_type=code',
    'KINTONE_ENDPOINT_QUERY_OR_FRAGMENT',
  ],
  ['fragment', 'https://acme.cybozu.com/oauth2/authorization#top', 'KINTONE_ENDPOINT_QUERY_OR_FRAGMENT'],

  ['subdomain too short', 'https://ab.cybozu.com/oauth2/authorization', 'KINTONE_ENDPOINT_INVALID_SUBDOMAIN'],
  [
    'subdomain too long',
    `https://${'a'.repeat(33)}.cybozu.com/oauth2/authorization`,
    'KINTONE_ENDPOINT_INVALID_SUBDOMAIN',
  ],
  ['underscore', 'https://ac_me.cybozu.com/oauth2/authorization', 'KINTONE_ENDPOINT_INVALID_SUBDOMAIN'],
  ['leading hyphen', 'https://-acme.cybozu.com/oauth2/authorization', 'KINTONE_ENDPOINT_INVALID_SUBDOMAIN'],
  ['trailing hyphen', 'https://acme-.kintone.com/oauth2/authorization', 'KINTONE_ENDPOINT_INVALID_SUBDOMAIN'],
  ['nested labels', 'https://a.b.cybozu.com/oauth2/authorization', 'KINTONE_ENDPOINT_INVALID_SUBDOMAIN'],
  [
    'nested under Secure Access',
    'https://www.acme.s.cybozu.com/oauth2/authorization',
    'KINTONE_ENDPOINT_INVALID_SUBDOMAIN',
  ],
  [
    'Secure Access on cybozu.cn',
    'https://acme.s.cybozu.cn/oauth2/authorization',
    'KINTONE_ENDPOINT_INVALID_SUBDOMAIN',
  ],
  ['no subdomain', 'https://cybozu.com/oauth2/authorization', 'KINTONE_ENDPOINT_INVALID_SUBDOMAIN'],
  [
    'bare Secure Access domain',
    'https://s.kintone.com/oauth2/authorization',
    'KINTONE_ENDPOINT_INVALID_SUBDOMAIN',
  ],
  ['empty label', 'https://.cybozu.com/oauth2/authorization', 'KINTONE_ENDPOINT_INVALID_SUBDOMAIN'],
  [
    'percent-encoded letter',
    'https://%61cme.cybozu.com/oauth2/authorization',
    'KINTONE_ENDPOINT_INVALID_SUBDOMAIN',
  ],

  ['base URL only', 'https://acme.cybozu.com', 'KINTONE_ENDPOINT_WRONG_PATH'],
  ['base URL with slash', 'https://acme.cybozu.com/', 'KINTONE_ENDPOINT_WRONG_PATH'],
  ['Kintone portal page', 'https://acme.cybozu.com/k/#/portal', 'KINTONE_ENDPOINT_WRONG_PATH'],
  ['trailing slash', 'https://acme.cybozu.com/oauth2/authorization/', 'KINTONE_ENDPOINT_WRONG_PATH'],
  ['different case', 'https://acme.cybozu.com/OAuth2/Authorization', 'KINTONE_ENDPOINT_WRONG_PATH'],
  ['similar word', 'https://acme.cybozu.com/oauth2/authorize', 'KINTONE_ENDPOINT_WRONG_PATH'],
  ['percent-encoded path', 'https://acme.cybozu.com/oauth2/%61uthorization', 'KINTONE_ENDPOINT_WRONG_PATH'],
  ['dot segment', 'https://acme.cybozu.com/./oauth2/authorization', 'KINTONE_ENDPOINT_WRONG_PATH'],
  ['double slash', 'https://acme.cybozu.com/oauth2//authorization', 'KINTONE_ENDPOINT_WRONG_PATH'],

  ['token endpoint', 'https://acme.cybozu.com/oauth2/token', 'KINTONE_ENDPOINT_IS_TOKEN_ENDPOINT'],
  ['token endpoint, US', 'https://acme.kintone.com/oauth2/token', 'KINTONE_ENDPOINT_IS_TOKEN_ENDPOINT'],

  ['space in path', 'https://acme.cybozu.com/oauth2/ authorization', 'KINTONE_ENDPOINT_INVALID_CHARACTERS'],
  ['space in host', 'https://acme .cybozu.com/oauth2/authorization', 'KINTONE_ENDPOINT_INVALID_CHARACTERS'],
  [
    'tab in host (browsers drop it)',
    'https://ev\til.com/oauth2/authorization',
    'KINTONE_ENDPOINT_INVALID_CHARACTERS',
  ],
  [
    'line break between two URLs',
    'https://acme.cybozu.com/oauth2/authorization\nhttps://evil.com',
    'KINTONE_ENDPOINT_INVALID_CHARACTERS',
  ],
  [
    'NUL',
    'https://acme.cybozu.com\u0000.evil.com/oauth2/authorization',
    'KINTONE_ENDPOINT_INVALID_CHARACTERS',
  ],
  [
    'zero-width space',
    'https://acme\u200b.cybozu.com/oauth2/authorization',
    'KINTONE_ENDPOINT_INVALID_CHARACTERS',
  ],
  [
    'right-to-left override',
    'https://acme.cybozu.com/\u202eoauth2/authorization',
    'KINTONE_ENDPOINT_INVALID_CHARACTERS',
  ],
  [
    'no-break space inside',
    'https://acme.cybozu.com/oauth2\u00a0/authorization',
    'KINTONE_ENDPOINT_INVALID_CHARACTERS',
  ],
  [
    'backslashes (browsers read them as /)',
    'https:\\\\acme.cybozu.com\\oauth2\\authorization',
    'KINTONE_ENDPOINT_INVALID_CHARACTERS',
  ],
  [
    'backslash before @',
    'https://acme.cybozu.com\\@evil.com/oauth2/authorization',
    'KINTONE_ENDPOINT_INVALID_CHARACTERS',
  ],
];

describe('parseAuthorizationEndpoint rejects each bad paste with its own code', () => {
  it.each(rejections)('%s: %j → %s', (_name, input, code, params) => {
    const result = parseAuthorizationEndpoint(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    if (params) expect(result.error.params).toEqual(params);
  });

  it.each(rejections)('%s: the message shown has every placeholder filled', (_name, input) => {
    const result = parseAuthorizationEndpoint(input);
    if (result.ok) throw new Error('expected a rejection');
    const body = toApiErrorBody(result.error.code, { params: result.error.params ?? {} });
    for (const text of [body.error.title, body.error.cause, body.error.fix]) {
      expect(text.en).not.toMatch(/\{\w+\}/);
      expect(text.ja).not.toMatch(/\{\w+\}/);
    }
    expect(body.error.status).toBe(400);
    expect(body.error.step).toBe('link-client');
  });

  it('shortens very long pasted hosts before they go into a message', () => {
    const result = parseAuthorizationEndpoint(`https://${'x'.repeat(500)}.example.com/oauth2/authorization`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('KINTONE_ENDPOINT_NOT_KINTONE');
    expect(result.error.params?.host?.length).toBeLessThanOrEqual(64);
  });

  it('does not throw on a non-string from untyped callers', () => {
    const result = parseAuthorizationEndpoint(undefined as unknown as string);
    expect(!result.ok && result.error.code).toBe('KINTONE_ENDPOINT_EMPTY');
  });
});

describe('extra origins (a local Kintone stand-in)', () => {
  const options = { extraOrigins: ['http://localhost:3100'] };

  it('accepts the configured origin as a dev tenant', () => {
    expect(parseAuthorizationEndpoint(' HTTP://LocalHost:3100/oauth2/authorization ', options)).toEqual({
      ok: true,
      tenant: {
        baseUrl: 'http://localhost:3100',
        subdomain: 'localhost',
        domain: null,
        region: 'dev',
        secureAccess: false,
        authorizationEndpoint: 'http://localhost:3100/oauth2/authorization',
        tokenEndpoint: 'http://localhost:3100/oauth2/token',
      },
    });
  });

  it('matches configured origins written with upper case or a trailing slash', () => {
    const result = parseAuthorizationEndpoint('http://localhost:3100/oauth2/authorization', {
      extraOrigins: ['HTTP://LOCALHOST:3100/'],
    });
    expect(result.ok && result.tenant.baseUrl).toBe('http://localhost:3100');
  });

  it('is refused when not configured', () => {
    const result = parseAuthorizationEndpoint('http://localhost:3100/oauth2/authorization');
    expect(!result.ok && result.error.code).toBe('KINTONE_ENDPOINT_SCHEME_NOT_HTTPS');
  });

  it.each([
    ['another port', 'http://localhost:3101/oauth2/authorization', 'KINTONE_ENDPOINT_SCHEME_NOT_HTTPS'],
    ['no port', 'http://localhost/oauth2/authorization', 'KINTONE_ENDPOINT_SCHEME_NOT_HTTPS'],
    ['https instead of http', 'https://localhost:3100/oauth2/authorization', 'KINTONE_ENDPOINT_PORT'],
    [
      'user info in front',
      'http://me@localhost:3100/oauth2/authorization',
      'KINTONE_ENDPOINT_SCHEME_NOT_HTTPS',
    ],
    [
      'host as a prefix',
      'http://localhost:3100.evil.com/oauth2/authorization',
      'KINTONE_ENDPOINT_SCHEME_NOT_HTTPS',
    ],
    ['token endpoint', 'http://localhost:3100/oauth2/token', 'KINTONE_ENDPOINT_IS_TOKEN_ENDPOINT'],
    ['other path', 'http://localhost:3100/', 'KINTONE_ENDPOINT_WRONG_PATH'],
    ['query', 'http://localhost:3100/oauth2/authorization?x=1', 'KINTONE_ENDPOINT_QUERY_OR_FRAGMENT'],
  ] as const)('only that exact origin: %s → %s', (_name, input, code) => {
    const result = parseAuthorizationEndpoint(input, options);
    expect(!result.ok && result.error.code).toBe(code);
  });

  it('still accepts real Kintone domains alongside', () => {
    const result = parseAuthorizationEndpoint('https://acme.cybozu.com/oauth2/authorization', options);
    expect(result.ok && result.tenant.region).toBe('jp');
  });
});

describe('parseKintoneBaseUrl / isKintoneBaseUrl', () => {
  it('accepts a stored base URL, with or without a trailing slash', () => {
    expect(isKintoneBaseUrl('https://acme.cybozu.com')).toBe(true);
    expect(isKintoneBaseUrl('https://ACME.s.kintone.com/')).toBe(true);
    const result = parseKintoneBaseUrl('https://acme.s.kintone.com/');
    expect(result.ok && result.tenant.baseUrl).toBe('https://acme.s.kintone.com');
  });

  it.each([
    ['https://acme.cybozu.com/oauth2/authorization', 'KINTONE_ENDPOINT_WRONG_PATH'],
    ['https://acme.cybozu.com/?x', 'KINTONE_ENDPOINT_QUERY_OR_FRAGMENT'],
    ['https://acme.cybozu.com.evil.com', 'KINTONE_ENDPOINT_NOT_KINTONE'],
    ['http://localhost:3100', 'KINTONE_ENDPOINT_SCHEME_NOT_HTTPS'],
  ] as const)('rejects %s → %s', (input, code) => {
    const result = parseKintoneBaseUrl(input);
    expect(!result.ok && result.error.code).toBe(code);
    expect(isKintoneBaseUrl(input)).toBe(false);
  });

  it('accepts a configured stand-in only when passed the same extra origins', () => {
    expect(isKintoneBaseUrl('http://localhost:3100', { extraOrigins: ['http://localhost:3100'] })).toBe(true);
    expect(isKintoneBaseUrl('http://localhost:3100')).toBe(false);
  });
});

describe('kintoneTenantSchema', () => {
  const parsed = parseAuthorizationEndpoint('https://acme.s.cybozu.com/oauth2/authorization');
  if (!parsed.ok) throw new Error('fixture must parse');
  const tenant = parsed.tenant;

  it('accepts what the parser produces, Kintone or dev', () => {
    expect(kintoneTenantSchema.safeParse(tenant).success).toBe(true);
    const dev = parseAuthorizationEndpoint('http://localhost:3100/oauth2/authorization', {
      extraOrigins: ['http://localhost:3100'],
    });
    expect(dev.ok && kintoneTenantSchema.safeParse(dev.tenant).success).toBe(true);
  });

  it.each([
    ['token endpoint elsewhere', { tokenEndpoint: 'https://evil.com/oauth2/token' }, 'tokenEndpoint'],
    [
      'authorization endpoint elsewhere',
      { authorizationEndpoint: 'https://evil.com/oauth2/authorization' },
      'authorizationEndpoint',
    ],
    ['region disagrees with domain', { region: 'us' }, 'region'],
    ['Secure Access flag disagrees', { secureAccess: false }, 'secureAccess'],
    ['unknown domain', { domain: 'example.com' }, 'domain'],
    [
      'non-Kintone base URL',
      {
        baseUrl: 'https://acme.example.com',
        authorizationEndpoint: 'https://acme.example.com/oauth2/authorization',
        tokenEndpoint: 'https://acme.example.com/oauth2/token',
      },
      'baseUrl',
    ],
    [
      'non-canonical base URL',
      {
        baseUrl: 'https://ACME.s.cybozu.com',
        authorizationEndpoint: 'https://ACME.s.cybozu.com/oauth2/authorization',
        tokenEndpoint: 'https://ACME.s.cybozu.com/oauth2/token',
      },
      'baseUrl',
    ],
    ['dev tenant claiming a domain', { region: 'dev' }, 'domain'],
  ])('rejects a tenant whose %s', (_name, patch, path) => {
    const result = kintoneTenantSchema.safeParse({ ...tenant, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(path);
  });
});
