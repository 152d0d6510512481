import { z } from 'zod';
import type { ErrorCode } from '../errors/catalogue.js';

/** The three Kintone domain families; Secure Access adds an `s.` label in front of the first two. */
export const kintoneDomains = ['cybozu.com', 'kintone.com', 'cybozu.cn'] as const;
export type KintoneDomain = (typeof kintoneDomains)[number];

/** `dev` is a configured stand-in (e.g. apps/kintone-sim), never a real Kintone domain. */
export const kintoneRegions = ['jp', 'us', 'cn', 'dev'] as const;
export type KintoneRegion = (typeof kintoneRegions)[number];

export const KINTONE_AUTHORIZATION_PATH = '/oauth2/authorization';
export const KINTONE_TOKEN_PATH = '/oauth2/token';

export interface KintoneTenant {
  /** Canonical, lower-case origin with no trailing slash, e.g. `https://acme.cybozu.com`. */
  readonly baseUrl: string;
  /** For a `dev` tenant, the configured host name (e.g. `localhost`). */
  readonly subdomain: string;
  readonly domain: KintoneDomain | null;
  readonly region: KintoneRegion;
  readonly secureAccess: boolean;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
}

export type KintoneEndpointErrorCode = Extract<ErrorCode, `KINTONE_ENDPOINT_${string}`>;

export interface KintoneEndpointError {
  readonly code: KintoneEndpointErrorCode;
  /** Values for the catalogue entry's `{placeholders}`. */
  readonly params?: Readonly<Record<string, string>>;
}

export type KintoneEndpointResult =
  | { readonly ok: true; readonly tenant: KintoneTenant }
  | { readonly ok: false; readonly error: KintoneEndpointError };

export interface KintoneEndpointOptions {
  /**
   * Origins accepted besides real Kintone, such as `http://localhost:3100` for kintone-sim. Only ever
   * from explicit configuration: anything listed here is trusted as a Kintone tenant.
   */
  readonly extraOrigins?: readonly string[];
}

/** Secure Access forms first, so `acme.s.cybozu.com` is read as `acme` on Secure Access, not `acme.s`. */
const hostForms: readonly { suffix: string; domain: KintoneDomain; secureAccess: boolean }[] = [
  { suffix: 's.cybozu.com', domain: 'cybozu.com', secureAccess: true },
  { suffix: 's.kintone.com', domain: 'kintone.com', secureAccess: true },
  { suffix: 'cybozu.com', domain: 'cybozu.com', secureAccess: false },
  { suffix: 'kintone.com', domain: 'kintone.com', secureAccess: false },
  { suffix: 'cybozu.cn', domain: 'cybozu.cn', secureAccess: false },
];

const regionOf: Record<KintoneDomain, KintoneRegion> = {
  'cybozu.com': 'jp',
  'kintone.com': 'us',
  'cybozu.cn': 'cn',
};

/** Kintone allows 3–32 letters, digits and hyphens; like DNS, no hyphen at either end. */
const subdomainPattern = /^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$/;

/**
 * Parses what an admin pastes into "Authorization endpoint" (setup step 3). Strict by design: the
 * result decides where Notta sends users' browsers and client secrets, so anything that a browser
 * might resolve differently from how it reads (backslashes, IDN, user info, ports) is refused.
 */
export function parseAuthorizationEndpoint(
  input: string,
  options: KintoneEndpointOptions = {},
): KintoneEndpointResult {
  return parse(input, options, 'authorization');
}

/**
 * Parses a stored or configured Kintone base URL such as `https://acme.cybozu.com` (a trailing `/` is
 * tolerated). Same rules and codes as `parseAuthorizationEndpoint`, without the path.
 */
export function parseKintoneBaseUrl(
  input: string,
  options: KintoneEndpointOptions = {},
): KintoneEndpointResult {
  return parse(input, options, 'base');
}

export function isKintoneBaseUrl(input: string, options: KintoneEndpointOptions = {}): boolean {
  return parseKintoneBaseUrl(input, options).ok;
}

type Expected = 'authorization' | 'base';

function parse(rawInput: string, options: KintoneEndpointOptions, expected: Expected): KintoneEndpointResult {
  const input = typeof rawInput === 'string' ? rawInput.trim() : '';
  if (input === '') return fail('KINTONE_ENDPOINT_EMPTY');
  if (hasForbiddenCharacter(input)) return fail('KINTONE_ENDPOINT_INVALID_CHARACTERS');

  const split = splitScheme(input);
  if (split.kind === 'missing') return fail('KINTONE_ENDPOINT_SCHEME_MISSING');
  if (split.kind === 'malformed') return fail('KINTONE_ENDPOINT_MALFORMED');
  const { scheme } = split;
  if (split.kind === 'opaque') return fail('KINTONE_ENDPOINT_SCHEME_NOT_HTTPS', { scheme: excerpt(scheme) });

  const rest = split.rest;
  const authorityEnd = firstIndexOf(rest, ['/', '?', '#']);
  const authority = rest.slice(0, authorityEnd);
  const afterAuthority = rest.slice(authorityEnd);

  // A configured stand-in: its exact origin, and nothing looser.
  const origin = `${scheme}://${authority.toLowerCase()}`;
  if (normalizeOrigins(options.extraOrigins).has(origin)) {
    const pathError = checkPath(afterAuthority, expected);
    if (pathError) return { ok: false, error: pathError };
    const hostname = authority.toLowerCase().replace(/:\d*$/, '');
    return { ok: true, tenant: tenant(origin, hostname, null, 'dev', false) };
  }

  if (scheme !== 'https') return fail('KINTONE_ENDPOINT_SCHEME_NOT_HTTPS', { scheme: excerpt(scheme) });
  if (authority === '') return fail('KINTONE_ENDPOINT_MALFORMED');
  if (authority.includes('@')) return fail('KINTONE_ENDPOINT_USERINFO');
  if (authority.startsWith('[') || authority.split(':').length > 2)
    return fail('KINTONE_ENDPOINT_IP_ADDRESS');

  const colon = authority.indexOf(':');
  if (colon === 0) return fail('KINTONE_ENDPOINT_MALFORMED');
  if (colon > 0) return fail('KINTONE_ENDPOINT_PORT', { port: excerpt(authority.slice(colon + 1)) });

  const hostResult = classifyHost(authority);
  if ('code' in hostResult) return { ok: false, error: hostResult };

  const pathError = checkPath(afterAuthority, expected);
  if (pathError) return { ok: false, error: pathError };

  const { subdomain, form } = hostResult;
  const baseUrl = `https://${subdomain}.${form.suffix}`;
  return {
    ok: true,
    tenant: tenant(baseUrl, subdomain, form.domain, regionOf[form.domain], form.secureAccess),
  };
}

type SchemeSplit =
  | { kind: 'hierarchical'; scheme: string; rest: string }
  | { kind: 'opaque'; scheme: string }
  | { kind: 'missing' }
  | { kind: 'malformed' };

/** Scheme is lower-cased; `rest` is what follows `scheme://`. */
function splitScheme(input: string): SchemeSplit {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(input);
  if (!match) return { kind: 'missing' };
  const scheme = match[1]!.toLowerCase();
  const afterColon = input.slice(match[0].length);
  if (afterColon.startsWith('//')) return { kind: 'hierarchical', scheme, rest: afterColon.slice(2) };
  if (scheme === 'https') return { kind: 'malformed' };
  // `acme.cybozu.com:443/…` or `localhost:3100/…` is a host and port pasted without a scheme.
  if (scheme.includes('.') || /^\d+(?:[/?#]|$)/.test(afterColon)) return { kind: 'missing' };
  return { kind: 'opaque', scheme };
}

type HostClassification =
  | { subdomain: string; form: (typeof hostForms)[number] }
  | { code: KintoneEndpointErrorCode; params?: Record<string, string> };

function classifyHost(rawHost: string): HostClassification {
  // Controls and spaces were refused earlier, so anything outside printable ASCII is non-ASCII text.
  if (!/^[!-~]*$/.test(rawHost)) return { code: 'KINTONE_ENDPOINT_INTERNATIONALIZED_DOMAIN' };
  const host = rawHost.toLowerCase();
  const labels = host.replace(/\.$/, '').split('.');
  // What WHATWG URL would read as IPv4 (`127.1`, `0x7f.1`, `2130706433`): the last label is numeric.
  if (/^(?:0x[0-9a-f]*|\d+)$/.test(labels[labels.length - 1] ?? ''))
    return { code: 'KINTONE_ENDPOINT_IP_ADDRESS' };
  if (labels.some((label) => label.startsWith('xn--')))
    return { code: 'KINTONE_ENDPOINT_INTERNATIONALIZED_DOMAIN' };

  for (const form of hostForms) {
    if (host === form.suffix) return { code: 'KINTONE_ENDPOINT_INVALID_SUBDOMAIN' };
    if (host.endsWith(`.${form.suffix}`)) {
      const subdomain = host.slice(0, -form.suffix.length - 1);
      if (!subdomainPattern.test(subdomain)) return { code: 'KINTONE_ENDPOINT_INVALID_SUBDOMAIN' };
      return { subdomain, form };
    }
  }
  return { code: 'KINTONE_ENDPOINT_NOT_KINTONE', params: { host: excerpt(host) } };
}

/** `afterAuthority` starts at the path (or `?`/`#`, or is empty). Case-sensitive, as Kintone's paths are. */
function checkPath(afterAuthority: string, expected: Expected): KintoneEndpointError | undefined {
  const pathEnd = firstIndexOf(afterAuthority, ['?', '#']);
  const path = afterAuthority.slice(0, pathEnd);
  if (expected === 'authorization') {
    if (path === KINTONE_TOKEN_PATH) return { code: 'KINTONE_ENDPOINT_IS_TOKEN_ENDPOINT' };
    if (path !== KINTONE_AUTHORIZATION_PATH) return { code: 'KINTONE_ENDPOINT_WRONG_PATH' };
  } else if (path !== '' && path !== '/') {
    return { code: 'KINTONE_ENDPOINT_WRONG_PATH' };
  }
  if (pathEnd < afterAuthority.length) return { code: 'KINTONE_ENDPOINT_QUERY_OR_FRAGMENT' };
  return undefined;
}

function tenant(
  baseUrl: string,
  subdomain: string,
  domain: KintoneDomain | null,
  region: KintoneRegion,
  secureAccess: boolean,
): KintoneTenant {
  return {
    baseUrl,
    subdomain,
    domain,
    region,
    secureAccess,
    authorizationEndpoint: `${baseUrl}${KINTONE_AUTHORIZATION_PATH}`,
    tokenEndpoint: `${baseUrl}${KINTONE_TOKEN_PATH}`,
  };
}

/**
 * Whitespace, controls, backslashes and invisible formatting characters: browsers strip or rewrite
 * these, so what the admin sees would not be where Notta goes.
 */
function hasForbiddenCharacter(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c <= 0x20 || (c >= 0x7f && c <= 0xa0) || ch === '\\') return true;
    if (/\s/.test(ch)) return true;
    if (
      c === 0xad ||
      (c >= 0x200b && c <= 0x200f) ||
      (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2060 && c <= 0x2064) ||
      c === 0xfeff
    ) {
      return true;
    }
  }
  return false;
}

function normalizeOrigins(origins: readonly string[] | undefined): Set<string> {
  return new Set((origins ?? []).map((o) => o.trim().toLowerCase().replace(/\/$/, '')));
}

function firstIndexOf(s: string, chars: readonly string[]): number {
  let index = s.length;
  for (const ch of chars) {
    const i = s.indexOf(ch);
    if (i !== -1 && i < index) index = i;
  }
  return index;
}

/** Pasted values go back into messages; keep them short. */
function excerpt(value: string): string {
  return value.length > 64 ? `${value.slice(0, 63)}…` : value;
}

function fail(code: KintoneEndpointErrorCode, params?: Record<string, string>): KintoneEndpointResult {
  return { ok: false, error: params ? { code, params } : { code } };
}

/**
 * A tenant as stored or sent between apps. Beyond the shape, it checks the fields agree with each
 * other, so a hand-edited row cannot point the token endpoint somewhere the base URL does not.
 */
export const kintoneTenantSchema = z
  .object({
    baseUrl: z.string(),
    subdomain: z.string().min(1),
    domain: z.enum(kintoneDomains).nullable(),
    region: z.enum(kintoneRegions),
    secureAccess: z.boolean(),
    authorizationEndpoint: z.string(),
    tokenEndpoint: z.string(),
  })
  .superRefine((t, ctx) => {
    if (t.authorizationEndpoint !== `${t.baseUrl}${KINTONE_AUTHORIZATION_PATH}`) {
      ctx.addIssue({
        code: 'custom',
        path: ['authorizationEndpoint'],
        message: 'must be baseUrl + /oauth2/authorization',
      });
    }
    if (t.tokenEndpoint !== `${t.baseUrl}${KINTONE_TOKEN_PATH}`) {
      ctx.addIssue({ code: 'custom', path: ['tokenEndpoint'], message: 'must be baseUrl + /oauth2/token' });
    }
    if (t.region === 'dev') {
      if (t.domain !== null || t.secureAccess) {
        ctx.addIssue({ code: 'custom', path: ['domain'], message: 'a dev tenant has no Kintone domain' });
      }
      return;
    }
    const parsed = parseKintoneBaseUrl(t.baseUrl);
    if (!parsed.ok) {
      ctx.addIssue({
        code: 'custom',
        path: ['baseUrl'],
        message: `not a Kintone base URL (${parsed.error.code})`,
      });
      return;
    }
    const p = parsed.tenant;
    if (p.baseUrl !== t.baseUrl) {
      ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: `must be canonical: ${p.baseUrl}` });
    }
    for (const key of ['subdomain', 'domain', 'region', 'secureAccess'] as const) {
      if (p[key] !== t[key]) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `does not match baseUrl (expected ${String(p[key])})`,
        });
      }
    }
  });
