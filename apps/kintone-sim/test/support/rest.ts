import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { createSimApp, type SimContext } from '../../src/app.js';
import { loadSimConfig } from '../../src/config.js';
import type { KintoneScope } from '../../src/tenant/model.js';
import { Tenant } from '../../src/tenant/tenant.js';

export const ALL_SCOPES: KintoneScope[] = [
  'k:app_record:read',
  'k:app_record:write',
  'k:app_settings:read',
  'k:app_settings:write',
  'k:file:read',
  'k:file:write',
];

/** A fresh sim (demo tenant) for REST tests. */
export function restSim(env: Record<string, string> = {}): { app: Express; ctx: SimContext } {
  return createSimApp(loadSimConfig({ KINTONE_SIM_PORT: '3999', ...env }));
}

const TEST_CLIENT = 'rest-test-client';

/**
 * Mints an access token the way the token endpoint would store it (a client with the user ticked),
 * without walking the OAuth flow. `expiresInMs` may be negative for an expired token.
 */
export function mintToken(
  ctx: SimContext,
  userCode: string,
  scopes: KintoneScope[] = ALL_SCOPES,
  expiresInMs = 3_600_000,
): string {
  let client = ctx.tenant.state.oauthClients.find((c) => c.clientId === TEST_CLIENT);
  if (!client) {
    client = {
      clientId: TEST_CLIENT,
      clientSecret: 'secret',
      name: 'REST tests',
      redirectUri: 'https://example.com/callback',
      allowedUsers: [],
      createdAt: new Date().toISOString(),
    };
    ctx.tenant.state.oauthClients.push(client);
  }
  if (!client.allowedUsers.includes(userCode)) client.allowedUsers.push(userCode);
  const token = Tenant.secret(32);
  ctx.tenant.state.accessTokens.push({
    token,
    clientId: TEST_CLIENT,
    userCode,
    scopes,
    expiresAt: ctx.tenant.now() + expiresInMs,
  });
  return token;
}

/** Starts the app on an ephemeral localhost port (for clients that need a real URL). */
export async function listen(app: Express): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
