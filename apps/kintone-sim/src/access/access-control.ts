import type { Request, RequestHandler, Response } from 'express';
import type { SimContext } from '../app.js';
import { html, page } from '../pages/html.js';

/** Kintone's IP-block screen text, word for word (platform notes §1.11). */
export const ACCESS_FORBIDDEN_TEXT = 'Access Forbidden.';

/** Test-only header: replaces the socket address when the sim runs with --test-mode. */
export const CLIENT_ADDRESS_HEADER = 'x-sim-client-address';

/** A dotted-quad IPv4 address as a 32-bit unsigned number, or undefined when it is not one. */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    // Digits only, no leading zeros (012 is ambiguous: octal in some tools), 0–255.
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

/**
 * One allow-list entry (an IPv4 address or CIDR range such as 203.0.113.0/24) as a network and mask,
 * or undefined when the entry is not valid. Host bits set in a range (203.0.113.5/24) are tolerated and
 * masked away, like most network tools do.
 */
export function parseAllowedEntry(entry: string): { network: number; prefix: number } | undefined {
  const text = entry.trim();
  const slash = text.indexOf('/');
  const address = parseIPv4(slash < 0 ? text : text.slice(0, slash));
  if (address === undefined) return undefined;
  let prefix = 32;
  if (slash >= 0) {
    const bits = text.slice(slash + 1);
    if (!/^(0|[1-9]\d?)$/.test(bits)) return undefined;
    prefix = Number(bits);
    if (prefix > 32) return undefined;
  }
  return { network: (address & maskOf(prefix)) >>> 0, prefix };
}

function maskOf(prefix: number): number {
  // `<< 32` is a no-op in JavaScript, so /0 needs its own case.
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Whether the address falls within any valid entry of the list; invalid entries are ignored. */
export function ipAllowed(list: readonly string[], address: string): boolean {
  const ip = parseIPv4(address);
  if (ip === undefined) return false;
  return list.some((entry) => {
    const parsed = parseAllowedEntry(entry);
    return parsed !== undefined && (ip & maskOf(parsed.prefix)) >>> 0 === parsed.network;
  });
}

/** IPv4-mapped IPv6 (::ffff:127.0.0.1) and the IPv6 loopback are the IPv4 caller Kintone would see. */
export function normaliseAddress(address: string): string {
  const text = address.trim();
  if (text === '::1') return '127.0.0.1';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text);
  return mapped ? mapped[1]! : text;
}

/**
 * The caller's address as Kintone's access control sees it: the socket's remote address, or, only in
 * test mode, the X-Sim-Client-Address header (so tests can play a blocked or an allowed caller).
 */
export function clientAddress(req: Request, ctx: Pick<SimContext, 'config'>): string {
  if (ctx.config.testMode) {
    const header = req.headers[CLIENT_ADDRESS_HEADER];
    const value = Array.isArray(header) ? header[0] : header;
    if (value && value.trim() !== '') return normaliseAddress(value);
  }
  return normaliseAddress(req.socket.remoteAddress ?? '');
}

/** Kintone's 403 page. */
export function sendAccessForbidden(res: Response): void {
  res
    .status(403)
    .type('html')
    .send(
      page({
        title: 'Access Forbidden',
        body: html`<p class="k-error" role="alert" id="k-access-forbidden">${ACCESS_FORBIDDEN_TEXT}</p>`,
      }),
    );
}

/** The sim's own admin API and health check are not part of the tenant and stay reachable. */
function exempt(path: string): boolean {
  return path === '/healthz' || path.startsWith('/_sim/') || path === '/_sim';
}

/**
 * Security → Access control: with IP address restriction on, every tenant path — pages, the OAuth
 * endpoints and the REST API — answers 403 "Access Forbidden." to a caller outside the allow list.
 * The REST API gets the same HTML page rather than a JSON error: the block happens in front of
 * Kintone's application servers, and what body a blocked REST call gets is unconfirmed (§7.5).
 */
export function accessControl(ctx: SimContext): RequestHandler {
  return (req, res, next) => {
    const restriction = ctx.tenant.state.ipRestriction;
    if (!restriction.enabled || exempt(req.path)) {
      next();
      return;
    }
    if (ipAllowed(restriction.allowed, clientAddress(req, ctx))) {
      next();
      return;
    }
    sendAccessForbidden(res);
  };
}
