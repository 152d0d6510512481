import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { CSRF_HEADER } from '@notta/shared';
import express from 'express';
import { createSession, SESSION_COOKIE } from '../../src/accounts/sessions.js';
import { loadConfig } from '../../src/config/config.js';
import { Keyring } from '../../src/encryption/keyring.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/http/logger.js';
import type { DatabaseHandle } from '../../src/storage/database.js';

/** A canned answer instead of the normal behaviour (status, JSON or text body, delay before answering). */
export interface CannedAnswer {
  status: number;
  json?: unknown;
  text?: string;
  delayMs?: number;
  /** Location header, for a redirect. */
  location?: string;
}

/**
 * A tiny stand-in for one Kintone tenant's token endpoint and `GET /k/v1/apps.json`, on an ephemeral port,
 * with call counts and queues of canned answers. Codes are issued by the test (as Kintone would after consent).
 */
export async function startFakeKintone(options: { clientId?: string; clientSecret?: string } = {}) {
  const client = {
    id: options.clientId ?? 'fake-client-id',
    secret: options.clientSecret ?? 'fake-client-secret-0123456789',
  };
  const codes = new Map<string, { user: string }>();
  const refreshTokens = new Map<string, { user: string }>();
  const accessTokens = new Map<string, { user: string; expiresAt: number }>();
  const state = {
    /** Lifetime of issued access tokens, seconds. */
    expiresIn: 3600 as number | string,
    rotateRefreshTokens: false,
    tokenAnswers: [] as CannedAnswer[],
    restAnswers: [] as CannedAnswer[],
    /** Milliseconds each refresh takes (to widen race windows). */
    refreshDelayMs: 0,
    /** `properties` of `app/form/fields.json` per app ID; an app not listed answers 404 (no such app). */
    formFields: {} as Record<string, Record<string, { code: string; type: string; unique?: boolean }>>,
    calls: { exchange: 0, refresh: 0, token: 0, rest: 0 },
    tokenRequests: [] as { authorization: string | undefined; body: Record<string, string> }[],
  };
  const app = express();
  app.use(express.urlencoded({ extended: false }));

  app.post('/oauth2/token', async (req, res) => {
    state.calls.token++;
    const body = req.body as Record<string, string>;
    state.tokenRequests.push({ authorization: req.headers.authorization, body });
    if (body.grant_type === 'authorization_code') state.calls.exchange++;
    if (body.grant_type === 'refresh_token') state.calls.refresh++;
    const canned = state.tokenAnswers.shift();
    if (canned) return answer(res, canned);
    const expected = `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`;
    if (req.headers.authorization !== expected)
      return res
        .status(401)
        .json({ error: 'invalid_client', error_description: 'Client authentication failed' });
    if (body.grant_type === 'authorization_code') {
      const entry = codes.get(body.code ?? '');
      codes.delete(body.code ?? '');
      if (!entry) return res.status(400).json({ error: 'invalid_grant' });
      const refreshToken = `rt-${randomBytes(12).toString('hex')}`;
      refreshTokens.set(refreshToken, entry);
      return res.json({ ...issueAccess(entry.user), refresh_token: refreshToken });
    }
    if (body.grant_type === 'refresh_token') {
      const entry = refreshTokens.get(body.refresh_token ?? '');
      if (!entry) return res.status(400).json({ error: 'invalid_grant' });
      if (state.refreshDelayMs) await new Promise((r) => setTimeout(r, state.refreshDelayMs));
      const extra: Record<string, string> = {};
      if (state.rotateRefreshTokens) {
        refreshTokens.delete(body.refresh_token ?? '');
        extra.refresh_token = `rt-${randomBytes(12).toString('hex')}`;
        refreshTokens.set(extra.refresh_token, entry);
      }
      return res.json({ ...issueAccess(entry.user), ...extra });
    }
    return res.status(400).json({ error: 'unsupported_grant_type' });
  });

  app.get('/k/v1/apps.json', (req, res) => {
    state.calls.rest++;
    const canned = state.restAnswers.shift();
    if (canned) return answer(res, canned);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const entry = token ? accessTokens.get(token) : undefined;
    if (!entry || entry.expiresAt < Date.now())
      return res.status(401).json({ code: 'CB_OA01', id: 'fake', message: 'Invalid or expired token' });
    return res.json({ apps: [{ appId: '1', name: 'Meeting notes' }] });
  });

  app.get('/k/v1/app/form/fields.json', (req, res) => {
    state.calls.rest++;
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const entry = token ? accessTokens.get(token) : undefined;
    if (!entry || entry.expiresAt < Date.now())
      return res.status(401).json({ code: 'CB_OA01', id: 'fake', message: 'Invalid or expired token' });
    const properties = state.formFields[String(req.query.app)];
    if (!properties) return res.status(404).json({ code: 'GAIA_AP01', id: 'fake', message: 'No app' });
    return res.json({ properties, revision: '1' });
  });

  function issueAccess(user: string) {
    const accessToken = `at-${randomBytes(12).toString('hex')}`;
    accessTokens.set(accessToken, { user, expiresAt: Date.now() + Number(state.expiresIn) * 1000 });
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: state.expiresIn,
      scope: 'k:app_record:read',
    };
  }

  async function answer(res: express.Response, canned: CannedAnswer) {
    if (canned.delayMs) await new Promise((r) => setTimeout(r, canned.delayMs));
    if (canned.location) res.setHeader('Location', canned.location);
    if (canned.json !== undefined) return res.status(canned.status).json(canned.json);
    return res
      .status(canned.status)
      .type('text/html')
      .send(canned.text ?? '');
  }

  // The official REST client insists on https except for `localhost`; listening on every address serves it.
  const server = app.listen(0);
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    client,
    state,
    /** What Kintone gives the browser after consent. */
    issueCode(user = 'administrator'): string {
      const code = `code-${randomBytes(12).toString('hex')}`;
      codes.set(code, { user });
      return code;
    },
    /** Every secret the fake handed out, to search responses, rows and logs for. */
    secrets(): string[] {
      return [client.secret, ...refreshTokens.keys(), ...accessTokens.keys()];
    },
    /** Makes every refresh token stop working (an admin unticked the user, or an 11th token retired it). */
    forgetRefreshTokens() {
      refreshTokens.clear();
    },
    expireAccessTokens() {
      for (const entry of accessTokens.values()) entry.expiresAt = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeKintone = Awaited<ReturnType<typeof startFakeKintone>>;

/** One encryption key per test file, so two app instances on one database read each other's secrets. */
export const sharedKeyring = () => new Keyring([{ id: 'test', key: randomBytes(32) }], 'test');

/** The backend app as main.ts builds it, pointed at the fake tenant, with its log lines captured. */
export function buildKintoneTestApp(
  database: DatabaseHandle,
  fake: FakeKintone,
  keyring: Keyring,
  env: NodeJS.ProcessEnv = {},
) {
  const config = loadConfig({
    NODE_ENV: 'test',
    PUBLIC_URL: 'http://notta.test',
    KINTONE_DEV_ORIGINS: fake.origin,
    KINTONE_TIMEOUT_MS: '1000',
    EGRESS_IP: '203.0.113.10',
    EGRESS_CIDR: '203.0.113.0/28',
    ...env,
  });
  const logLines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const app = createApp({ config, database, keyring, logger, version: '0.0.0-test' });
  return {
    app,
    config,
    keyring,
    logLines,
    deps: { config, database, keyring, logger, version: '0.0.0-test' },
  };
}

/**
 * A signed-in browser for `userId` without going through sign-in (which is rate limited and slow by design):
 * the same server-side session row sign-in creates.
 */
export async function browserOf(database: DatabaseHandle, userId: string) {
  const { token, session } = await createSession(database.db, userId);
  const cookie = `${SESSION_COOKIE}=${token}`;
  return {
    cookie,
    sessionId: session.sessionId,
    headers: { Cookie: cookie, [CSRF_HEADER]: session.csrfToken },
  };
}
