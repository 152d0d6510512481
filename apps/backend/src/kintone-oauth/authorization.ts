import {
  decideKintoneAction,
  type ErrorCode,
  formatScopeParam,
  KINTONE_INTEGRATION_SCOPES,
  parseKintoneBaseUrl,
} from '@notta/shared';
import { hitRateLimit } from '../accounts/rate-limit.js';
import { recordAudit } from '../audit/audit-log.js';
import { replaceGrant } from '../connections/grants-store.js';
import type { AppDeps } from '../http/app.js';
import { AppError } from '../http/errors.js';
import { exchangeCode, KintoneError } from '../kintone-client/index.js';
import { readClientCredentials } from '../kintone-setup/credentials-store.js';
import { lockIntegration, readIntegration, updateIntegration } from '../kintone-setup/integration-store.js';
import { consumeState, issueState, type Purpose } from './states.js';

/** Starts per user per minute; an authorization start writes a row and sends the browser to Kintone. */
const STARTS_PER_MINUTE = 10;

/** The one fixed redirect endpoint Kintone is told about in setup step 1. */
export function redirectEndpoint(publicUrl: string): string {
  return `${publicUrl}/api/kintone/oauth/callback`;
}

/**
 * The tenant's authorization endpoint with client_id, the fixed redirect_uri, a one-time state, the scopes
 * (space-separated, `%20`-encoded as Kintone's examples show) and, when enabled, a PKCE S256 challenge.
 */
export async function startAuthorization(
  deps: AppDeps,
  who: { sessionId: string; userId: string; workspaceId: string },
  purpose: Purpose,
): Promise<string> {
  const { db } = deps.database;
  const limit = await hitRateLimit(db, `kintone-authorize:${who.userId}`, STARTS_PER_MINUTE, 60);
  if (!limit.allowed) throw new AppError('RATE_LIMITED', { retryAfter: limit.retryAfter });
  const integration = await readIntegration(db, who.workspaceId);
  if (!integration.base_url || !integration.client_id || !integration.client_secret)
    throw new AppError('KINTONE_CREDENTIALS_MISSING');
  const tenant = parseKintoneBaseUrl(integration.base_url, { extraOrigins: deps.config.kintoneDevOrigins });
  // A stored tenant the configuration no longer accepts (a dev origin removed) must not receive users.
  if (!tenant.ok) throw new AppError('KINTONE_CREDENTIALS_MISSING');
  const issued = await issueState(
    db,
    deps.keyring,
    { ...who, baseUrl: tenant.tenant.baseUrl, purpose },
    { pkce: deps.config.kintone.pkce },
  );
  const params: [string, string][] = [
    ['client_id', integration.client_id],
    ['redirect_uri', redirectEndpoint(deps.config.publicUrl)],
    ['state', issued.state],
    ['response_type', 'code'],
    ['scope', formatScopeParam(KINTONE_INTEGRATION_SCOPES)],
  ];
  if (issued.codeChallenge)
    params.push(['code_challenge', issued.codeChallenge], ['code_challenge_method', 'S256']);
  const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `${tenant.tenant.authorizationEndpoint}?${query}`;
}

export type CallbackOutcome =
  | { outcome: 'authorized' | 'connected'; workspaceId: string }
  | { error: ErrorCode; workspaceId?: string };

/**
 * Completes a callback that carried a code: the state is used up, the binding re-checked (the user may have
 * lost their role, the workspace its plan, or the admin may have linked another tenant meanwhile), the code
 * exchanged, and the grant stored. For the workspace authorization the admin is connected by that same grant.
 */
export async function completeAuthorization(
  deps: AppDeps,
  input: { state: string; code: string; sessionId: string },
): Promise<CallbackOutcome> {
  const { db } = deps.database;
  const consumed = await consumeState(db, deps.keyring, input.state, input.sessionId);
  if (!consumed.ok) return { error: consumed.code };
  const { binding } = consumed;
  const workspaceId = binding.workspaceId;

  const member = await db
    .selectFrom('memberships')
    .innerJoin('workspaces', 'workspaces.id', 'memberships.workspace_id')
    .select(['workspaces.plan', 'memberships.role'])
    .where('memberships.workspace_id', '=', workspaceId)
    .where('memberships.user_id', '=', binding.userId)
    .executeTakeFirst();
  if (!member) return { error: 'KINTONE_OAUTH_STATE_SESSION_MISMATCH' };
  const integration = await readIntegration(db, workspaceId);
  const decision = decideKintoneAction(binding.purpose === 'workspace' ? 'setup' : 'connect-own', {
    plan: member.plan,
    role: member.role,
    workspaceAuthorized: integration.state === 'authorized',
  });
  if (!decision.allowed) return { error: decision.code, workspaceId };

  const client = await readClientCredentials(db, deps.keyring, workspaceId);
  if (!client) return { error: 'KINTONE_CREDENTIALS_MISSING', workspaceId };
  if (client.baseUrl !== binding.baseUrl) return { error: 'KINTONE_OAUTH_STATE_INVALID', workspaceId };

  let tokens: Awaited<ReturnType<typeof exchangeCode>>;
  try {
    tokens = await exchangeCode(
      { timeoutMs: deps.config.kintone.timeoutMs },
      {
        baseUrl: client.baseUrl,
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        code: input.code,
        redirectUri: redirectEndpoint(deps.config.publicUrl),
        ...(consumed.codeVerifier ? { codeVerifier: consumed.codeVerifier } : {}),
      },
    );
  } catch (error) {
    if (error instanceof KintoneError) {
      deps.logger.warn(
        { workspaceId, kintone: error.detail, code: error.code },
        'Kintone code exchange failed',
      );
      return { error: error.code, workspaceId };
    }
    throw error;
  }

  return db.transaction().execute(async (trx): Promise<CallbackOutcome> => {
    const current = await lockIntegration(trx, workspaceId);
    // Revoked or re-linked to another tenant while the user was at Kintone: the new grant must not land.
    if (current.base_url !== binding.baseUrl || !current.client_secret)
      return { error: 'KINTONE_OAUTH_STATE_INVALID', workspaceId };
    if (binding.purpose === 'member' && current.state !== 'authorized')
      return { error: 'KINTONE_WORKSPACE_NOT_AUTHORIZED', workspaceId };
    await replaceGrant(
      trx,
      deps.keyring,
      { workspaceId, userId: binding.userId, baseUrl: binding.baseUrl },
      tokens,
    );
    if (binding.purpose === 'workspace') {
      await updateIntegration(trx, workspaceId, {
        state: 'authorized',
        setup_step: 'authorize',
        furthest_step: 'authorize',
        authorized_by: binding.userId,
        authorized_at: new Date(),
        authorized_base_url: binding.baseUrl,
        revoked_at: null,
      });
      await recordAudit(trx, {
        workspaceId,
        actorUserId: binding.userId,
        action: 'kintone.authorized',
        details: { tenant: binding.baseUrl, connectedAuthorizer: true },
      });
      return { outcome: 'authorized', workspaceId };
    }
    await recordAudit(trx, {
      workspaceId,
      actorUserId: binding.userId,
      action: 'kintone.connected',
      details: { tenant: binding.baseUrl },
    });
    return { outcome: 'connected', workspaceId };
  });
}
