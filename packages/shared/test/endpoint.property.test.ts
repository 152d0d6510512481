import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type KintoneEndpointErrorCode, parseAuthorizationEndpoint } from '../src/index.js';

const runs = { numRuns: 2000 };

const suffixes = ['cybozu.com', 'kintone.com', 'cybozu.cn', 's.cybozu.com', 's.kintone.com'] as const;

const subdomainArb = fc
  .stringMatching(/^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$/)
  .filter((s) => !s.startsWith('xn--'));

// What trim() removes and what people really paste around a value: newlines, NBSP, ideographic space, BOM.
const surroundingWhitespace = fc.string({
  unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u3000', '\ufeff'),
  maxLength: 4,
});

const validParts = fc.record({ subdomain: subdomainArb, suffix: fc.constantFrom(...suffixes) });
const canonicalUrl = ({ subdomain, suffix }: { subdomain: string; suffix: string }) =>
  `https://${subdomain}.${suffix}/oauth2/authorization`;

/**
 * An independent statement of what is acceptable, written as one regular expression over the
 * trimmed input (scheme and host case-insensitive in ASCII only, path exact). Returns the canonical
 * endpoint, or null when the input must be rejected.
 */
const acceptedForm =
  /^https:\/\/([a-z0-9][a-z0-9-]{1,30}[a-z0-9])\.(s\.cybozu\.com|s\.kintone\.com|cybozu\.com|kintone\.com|cybozu\.cn)\/oauth2\/authorization$/;
function oracle(input: string): string | null {
  const trimmed = input.trim();
  const m = /^([^/]*\/\/[^/?#]*)(.*)$/s.exec(trimmed);
  if (!m) return null;
  const candidate = m[1]!.replace(/[A-Z]/g, (c) => c.toLowerCase()) + m[2];
  const match = acceptedForm.exec(candidate);
  if (!match || match[1]!.startsWith('xn--')) return null;
  return candidate;
}

function expectAgreesWithOracle(input: string) {
  const result = parseAuthorizationEndpoint(input);
  const expected = oracle(input);
  if (expected === null) {
    expect(result.ok, `accepted ${JSON.stringify(input)}`).toBe(false);
  } else {
    expect(result.ok, `rejected ${JSON.stringify(input)}`).toBe(true);
    if (!result.ok) return;
    expect(result.tenant.authorizationEndpoint).toBe(expected);
    // What a browser would open is exactly what was accepted.
    expect(new URL(input.trim()).href).toBe(expected);
  }
}

describe('every valid form is accepted and canonicalised', () => {
  it('random subdomain × domain form × upper-casing × surrounding whitespace', () => {
    fc.assert(
      fc.property(
        validParts,
        fc.mixedCase(fc.constant('https://')),
        fc.func(fc.boolean()),
        surroundingWhitespace,
        surroundingWhitespace,
        (parts, scheme, upper, before, after) => {
          const host = [...`${parts.subdomain}.${parts.suffix}`]
            .map((c, i) => (upper(i) ? c.toUpperCase() : c))
            .join('');
          const result = parseAuthorizationEndpoint(`${before}${scheme}${host}/oauth2/authorization${after}`);
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          const secureAccess = parts.suffix.startsWith('s.');
          const domain = secureAccess ? parts.suffix.slice(2) : parts.suffix;
          expect(result.tenant).toEqual({
            baseUrl: `https://${parts.subdomain}.${parts.suffix}`,
            subdomain: parts.subdomain,
            domain,
            region: { 'cybozu.com': 'jp', 'kintone.com': 'us', 'cybozu.cn': 'cn' }[domain],
            secureAccess,
            authorizationEndpoint: canonicalUrl(parts),
            tokenEndpoint: `https://${parts.subdomain}.${parts.suffix}/oauth2/token`,
          });
        },
      ),
      runs,
    );
  });
});

/** Puts `text` at a position strictly inside `s`, so trimming cannot remove it. */
const insertInside = (s: string, text: string, at: number) => {
  const i = 1 + (at % (s.length - 1));
  return s.slice(0, i) + text + s.slice(i);
};

type Mutation = { name: string; input: string; codes: readonly KintoneEndpointErrorCode[] | 'any' };

type Parts = { subdomain: string; suffix: string };
const pathOf = '/oauth2/authorization';
const hostOf = (p: Parts) => `${p.subdomain}.${p.suffix}`;
const safeText = (max: number) =>
  fc.string({ unit: fc.constantFrom(...'abcXYZ019-._~=&+!$,;:'.split('')), maxLength: max });
const label = fc.stringMatching(/^[a-z0-9-]{1,20}$/);

// Each generator yields "how to spoil a valid endpoint"; the arbitraries are built once, not per run.
const spoilers: fc.Arbitrary<(p: Parts) => Mutation> = fc.oneof(
  fc.integer({ min: 0, max: 99999 }).map((port) => (p: Parts) => ({
    name: 'add port',
    input: `https://${hostOf(p)}:${port}${pathOf}`,
    codes: ['KINTONE_ENDPOINT_PORT'] as const,
  })),
  safeText(12).map((user) => (p: Parts) => ({
    name: 'add user info',
    input: `https://${user}@${hostOf(p)}${pathOf}`,
    codes: ['KINTONE_ENDPOINT_USERINFO'] as const,
  })),
  fc.tuple(fc.constantFrom('?', '#'), safeText(12)).map(([mark, tail]) => (p: Parts) => ({
    name: 'add query or fragment',
    input: `${canonicalUrl(p)}${mark}${tail}`,
    codes: ['KINTONE_ENDPOINT_QUERY_OR_FRAGMENT'] as const,
  })),
  fc
    .mixedCase(fc.constantFrom('http', 'ftp', 'ws', 'wss', 'file', 'httpss', 'htps', 'hxxps', 'javascript'))
    .map((scheme) => (p: Parts) => ({
      name: 'change scheme',
      input: `${scheme}://${hostOf(p)}${pathOf}`,
      codes: ['KINTONE_ENDPOINT_SCHEME_NOT_HTTPS'] as const,
    })),
  label.map((l) => (p: Parts) => ({
    name: 'prepend host label',
    input: `https://${l}.${hostOf(p)}${pathOf}`,
    codes: ['KINTONE_ENDPOINT_INVALID_SUBDOMAIN', 'KINTONE_ENDPOINT_INTERNATIONALIZED_DOMAIN'] as const,
  })),
  label.map((l) => (p: Parts) => ({
    name: 'append host label',
    input: `https://${hostOf(p)}.${l}${pathOf}`,
    codes: [
      'KINTONE_ENDPOINT_NOT_KINTONE',
      'KINTONE_ENDPOINT_IP_ADDRESS',
      'KINTONE_ENDPOINT_INTERNATIONALIZED_DOMAIN',
    ] as const,
  })),
  fc
    .constantFrom('net', 'org', 'jp', 'co', 'io', 'comm', 'c0m', 'co.jp', 'com.evil.com')
    .map((tld) => (p: Parts) => ({
      name: 'replace TLD',
      input: `https://${hostOf(p).replace(/\.[a-z]+$/, `.${tld}`)}${pathOf}`,
      codes: ['KINTONE_ENDPOINT_NOT_KINTONE'] as const,
    })),
  fc.constant((p: Parts) => ({
    name: 'trailing dot',
    input: `https://${hostOf(p)}.${pathOf}`,
    codes: ['KINTONE_ENDPOINT_NOT_KINTONE'] as const,
  })),
  fc.nat().map((at) => (p: Parts) => ({
    name: 'insert @',
    input: insertInside(canonicalUrl(p), '@', at),
    codes: 'any' as const,
  })),
  fc.nat().map((at) => (p: Parts) => ({
    name: 'insert backslash',
    input: insertInside(canonicalUrl(p), '\\', at),
    codes: ['KINTONE_ENDPOINT_INVALID_CHARACTERS'] as const,
  })),
  fc.constant((p: Parts) => ({
    name: 'slashes as backslashes',
    input: canonicalUrl(p).replaceAll('/', '\\'),
    codes: ['KINTONE_ENDPOINT_INVALID_CHARACTERS'] as const,
  })),
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u3000', '\u200b', '\u2028', '\ufeff', '\u0000'),
    )
    .map(([at, ws]) => (p: Parts) => ({
      name: 'insert whitespace or control',
      input: insertInside(canonicalUrl(p), ws, at),
      codes: ['KINTONE_ENDPOINT_INVALID_CHARACTERS'] as const,
    })),
  fc.nat().map((at) => (p: Parts) => {
    // Percent-encode one character after the scheme (in the host or the path).
    const url = canonicalUrl(p);
    const start = 'https://'.length;
    const i = start + (at % (url.length - start));
    const encoded = `%${url.charCodeAt(i).toString(16).toUpperCase().padStart(2, '0')}`;
    return {
      name: 'percent-encode',
      input: url.slice(0, i) + encoded + url.slice(i + 1),
      codes: 'any' as const,
    };
  }),
  fc.ipV4Extended().map((ip) => () => ({
    name: 'IPv4 host',
    input: `https://${ip}${pathOf}`,
    codes: ['KINTONE_ENDPOINT_IP_ADDRESS'] as const,
  })),
  fc.ipV6().map((ip) => () => ({
    name: 'IPv6 host',
    input: `https://[${ip}]${pathOf}`,
    codes: ['KINTONE_ENDPOINT_IP_ADDRESS'] as const,
  })),
  fc
    .tuple(fc.nat(), fc.constantFrom('\uff41', '\u0430', '\u00e9', '\u0131', '\u212a', '\u3002', '\uff0e'))
    .map(([at, ch]) => (p: Parts) => {
      const url = canonicalUrl(p);
      const i = 'https://'.length + (at % p.subdomain.length);
      return {
        name: 'non-ASCII look-alike in the subdomain',
        input: url.slice(0, i) + ch + url.slice(i + 1),
        codes: ['KINTONE_ENDPOINT_INTERNATIONALIZED_DOMAIN'] as const,
      };
    }),
  fc.constantFrom('/', '/x', '.json', '/../authorization').map((tail) => (p: Parts) => ({
    name: 'extend the path',
    input: `${canonicalUrl(p)}${tail}`,
    codes: ['KINTONE_ENDPOINT_WRONG_PATH'] as const,
  })),
  fc.constant((p: Parts) => ({
    name: 'drop the scheme',
    input: `${hostOf(p)}${pathOf}`,
    codes: ['KINTONE_ENDPOINT_SCHEME_MISSING'] as const,
  })),
);

const mutations: fc.Arbitrary<Mutation> = fc.tuple(validParts, spoilers).map(([p, spoil]) => spoil(p));

describe('nothing but a Kintone authorization endpoint is ever accepted', () => {
  it('mutations of a valid endpoint are rejected, with the code for that mutation', () => {
    fc.assert(
      fc.property(mutations, ({ name, input, codes }) => {
        const result = parseAuthorizationEndpoint(input);
        expect(result.ok, `${name}: ${JSON.stringify(input)}`).toBe(false);
        if (result.ok || codes === 'any') return;
        expect(codes, `${name}: ${JSON.stringify(input)}`).toContain(result.error.code);
      }),
      runs,
    );
  });

  it('agrees with the independent oracle on web URLs', () => {
    const webUrl = fc.webUrl({
      validSchemes: ['https', 'http', 'ftp'],
      withQueryParameters: true,
      withFragments: true,
    });
    fc.assert(fc.property(webUrl, expectAgreesWithOracle), runs);
  });

  it('agrees with the independent oracle on URL-shaped strings built from Kintone-ish pieces', () => {
    // Scheme + host pieces + path + tail, weighted so a good share lands on or next to an accepted form.
    const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) =>
      fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: bad, weight: 1 });
    const scheme = mostly(
      fc.constantFrom('https://', 'HTTPS://', 'hTTps://'),
      fc.constantFrom('http://', 'https:/', '//', '', 'https://@', 'https:\\\\'),
    );
    const hostPiece = mostly(
      fc.constantFrom(
        'acme',
        'ACME',
        'team-1',
        '.cybozu.com',
        '.kintone.com',
        '.cybozu.cn',
        '.s.cybozu.com',
        '.s.KINTONE.com',
      ),
      fc.constantFrom(
        'ab',
        '-',
        '.',
        'xn--',
        's.',
        'evil.com',
        ':443',
        '@',
        '%2e',
        '127.0.0.1',
        '\uff41',
        ' ',
        '\u212a',
      ),
    );
    const path = mostly(
      fc.constant('/oauth2/authorization'),
      fc.constantFrom('/oauth2/token', '/OAUTH2/authorization', '', '/', '\\oauth2/authorization'),
    );
    const tail = mostly(fc.constant(''), fc.constantFrom('?', '#', '/', ' ', '?x=1', '.', '\t'));
    const shaped = fc
      .tuple(scheme, fc.array(hostPiece, { minLength: 1, maxLength: 3 }), path, tail)
      .map(([sc, host, p, t]) => `${sc}${host.join('')}${p}${t}`);
    fc.assert(fc.property(shaped, expectAgreesWithOracle), runs);
  });

  it('agrees with the independent oracle on mutated and arbitrary strings', () => {
    const anyString = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
      mutations.map((m) => m.input),
      validParts.map(canonicalUrl),
    );
    fc.assert(fc.property(anyString, expectAgreesWithOracle), runs);
  });
});
