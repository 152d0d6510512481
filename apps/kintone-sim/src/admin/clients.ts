import type { SimContext } from '../app.js';
import { retireTokens } from '../oauth/tokens.js';
import type { OAuthClient } from '../tenant/model.js';
import { Tenant } from '../tenant/tenant.js';

/** Kintone allows at most 20 OAuth clients per tenant. */
export const MAX_OAUTH_CLIENTS = 20;
/** Logos larger than this are refused (Kintone's own limit is not published; ~1 MB is generous). */
export const MAX_LOGO_BYTES = 1024 * 1024;

export const TOO_MANY_CLIENTS_MESSAGE = `You cannot add more than ${MAX_OAUTH_CLIENTS} OAuth clients. Delete a client you no longer use first.`;

export interface ClientInput {
  name: string;
  redirectUri: string;
  /** A data: URL, undefined to keep (edit) or leave empty (add), null to remove. */
  logo?: string | null | undefined;
}

export interface FieldErrors {
  name?: string;
  redirectUri?: string;
  logo?: string;
}

/**
 * The redirect endpoint must be an absolute https URL; plain http is accepted only for localhost and
 * 127.0.0.1, for development. No fragment (RFC 6749 §3.1.2).
 */
export function redirectUriError(value: string): string | undefined {
  if (value === '') return 'Redirect endpoint is required.';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Redirect endpoint must be a valid URL.';
  }
  if (value.includes('#')) return 'Redirect endpoint must not contain a fragment (#).';
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && local) return undefined;
  return 'Redirect endpoint must start with https:// (http:// is allowed only for localhost or 127.0.0.1).';
}

/** Which image format the bytes hold, by their signature (not by the name or type the browser sent). */
export function imageType(bytes: Buffer): 'image/png' | 'image/jpeg' | 'image/gif' | undefined {
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(bytes.subarray(0, 6).toString('latin1'))) return 'image/gif';
  return undefined;
}

/** An uploaded logo as a data: URL, or the reason it is refused. */
export function logoFromBytes(bytes: Buffer, truncated: boolean): { logo: string } | { error: string } {
  if (truncated || bytes.length > MAX_LOGO_BYTES) return { error: 'Client logo must be 1 MB or smaller.' };
  const type = imageType(bytes);
  if (!type) return { error: 'Client logo must be a PNG, JPEG or GIF image.' };
  return { logo: `data:${type};base64,${bytes.toString('base64')}` };
}

const dataUrl = /^data:(image\/(?:png|jpeg|gif));base64,([A-Za-z0-9+/]+={0,2})$/;

/** A logo given as a data: URL (JSON admin API): checked like an upload. */
export function logoFromDataUrl(value: string): { logo: string } | { error: string } {
  const m = dataUrl.exec(value);
  if (!m) return { error: 'Client logo must be a data: URL of a PNG, JPEG or GIF image.' };
  return logoFromBytes(Buffer.from(m[2]!, 'base64'), false);
}

export function validateClientInput(input: ClientInput): FieldErrors {
  const errors: FieldErrors = {};
  if (input.name.trim() === '') errors.name = 'Client name is required.';
  else if (input.name.length > 100) errors.name = 'Client name must be 100 characters or fewer.';
  const redirect = redirectUriError(input.redirectUri);
  if (redirect) errors.redirectUri = redirect;
  return errors;
}

export function findClient(ctx: Pick<SimContext, 'tenant'>, clientId: string): OAuthClient | undefined {
  return ctx.tenant.state.oauthClients.find((c) => c.clientId === clientId);
}

/** Adds a client, or says why not. The caller has validated the input. */
export function addClient(
  ctx: Pick<SimContext, 'tenant'>,
  input: ClientInput,
): { client: OAuthClient } | { error: string } {
  if (ctx.tenant.state.oauthClients.length >= MAX_OAUTH_CLIENTS) return { error: TOO_MANY_CLIENTS_MESSAGE };
  const client: OAuthClient = {
    // Kintone's client IDs look like "l.1.abc…"; the exact shape does not matter to callers.
    clientId: `l.${ctx.tenant.nextSequence()}.${Tenant.secret(12).toLowerCase()}`,
    clientSecret: Tenant.secret(32),
    name: input.name.trim(),
    redirectUri: input.redirectUri,
    allowedUsers: [],
    createdAt: new Date(ctx.tenant.now()).toISOString(),
  };
  if (input.logo) client.logo = input.logo;
  ctx.tenant.state.oauthClients.push(client);
  return { client };
}

export function updateClient(client: OAuthClient, input: ClientInput): void {
  client.name = input.name.trim();
  client.redirectUri = input.redirectUri;
  if (input.logo === null) delete client.logo;
  else if (input.logo) client.logo = input.logo;
}

/** Configure users: the ticked users keep access; anyone unticked loses their tokens at once. */
export function setAllowedUsers(ctx: Pick<SimContext, 'tenant'>, client: OAuthClient, users: string[]): void {
  const next = [...new Set(users)];
  for (const removed of client.allowedUsers.filter((u) => !next.includes(u))) {
    retireTokens(ctx.tenant, client.clientId, removed);
  }
  client.allowedUsers = next;
}

/** Deleting a client cuts off every user: codes, refresh and access tokens go with it. */
export function deleteClient(ctx: Pick<SimContext, 'tenant'>, clientId: string): boolean {
  const before = ctx.tenant.state.oauthClients.length;
  ctx.tenant.state.oauthClients = ctx.tenant.state.oauthClients.filter((c) => c.clientId !== clientId);
  retireTokens(ctx.tenant, clientId);
  return ctx.tenant.state.oauthClients.length < before;
}

export function endpoints(ctx: Pick<SimContext, 'config'>): {
  authorizationEndpoint: string;
  tokenEndpoint: string;
} {
  return {
    authorizationEndpoint: `${ctx.config.publicUrl}/oauth2/authorization`,
    tokenEndpoint: `${ctx.config.publicUrl}/oauth2/token`,
  };
}
