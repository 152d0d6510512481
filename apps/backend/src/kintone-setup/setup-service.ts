import {
  decideKintoneAction,
  errorCatalogue,
  KINTONE_INTEGRATION_SCOPES,
  type KintoneAction,
  type KintoneIntegrationView,
  type LinkClientRequest,
  type MemberConnection,
  parseAuthorizationEndpoint,
  parseKintoneBaseUrl,
  type SetupStep,
  setupSteps,
} from '@notta/shared';
import type { MemberContext } from '../accounts/middleware.js';
import { recordAudit } from '../audit/audit-log.js';
import { deleteWorkspaceGrants, findOwnGrant } from '../connections/grants-store.js';
import type { AppDeps } from '../http/app.js';
import { AppError } from '../http/errors.js';
import { redirectEndpoint } from '../kintone-oauth/authorization.js';
import { disableWorkspacePluginKeys } from '../plugin-api/keys.js';
import { maskedClientSecret, saveClientCredentials } from './credentials-store.js';
import {
  type IntegrationRow,
  lockIntegration,
  readIntegration,
  updateIntegration,
} from './integration-store.js';

type State = IntegrationRow['state'];
const stepNumber = (step: SetupStep) => setupSteps.indexOf(step) + 1;
const stepAt = (n: number): SetupStep => setupSteps[n - 1]!;
const laterStep = (a: SetupStep, b: SetupStep) => (stepNumber(a) >= stepNumber(b) ? a : b);

/** Setup progress only moves forward, except that after a revocation any completed step starts over. */
const progress: Record<Exclude<State, 'revoked'>, number> = {
  'not-started': 0,
  'client-added': 1,
  'users-configured': 2,
  'credentials-confirmed': 3,
  authorized: 4,
};
function advance(current: State, to: Exclude<State, 'revoked' | 'not-started'>): State {
  if (current === 'revoked') return to;
  return progress[current] >= progress[to] ? current : to;
}

/** Plan, then role, then setup state, on the server, for every request (shared `decideKintoneAction`). */
export function assertAllowed(
  action: KintoneAction,
  member: MemberContext,
  integration: IntegrationRow,
): void {
  const decision = decideKintoneAction(action, {
    plan: member.workspace.plan,
    role: member.role,
    workspaceAuthorized: integration.state === 'authorized',
  });
  if (!decision.allowed) throw new AppError(decision.code);
}

/** `GET …/kintone`: facts and the client only for those who may set up; `me` is the viewer's own connection. */
export async function integrationView(
  deps: AppDeps,
  member: MemberContext,
  userId: string,
): Promise<KintoneIntegrationView> {
  const { db } = deps.database;
  const workspaceId = member.workspace.id;
  const row = await readIntegration(db, workspaceId);
  const canManage = decideKintoneAction('setup', {
    plan: member.workspace.plan,
    role: member.role,
    workspaceAuthorized: row.state === 'authorized',
  }).allowed;
  const own = await findOwnGrant(db, workspaceId, userId, row.base_url);
  const tenant = row.base_url
    ? parseKintoneBaseUrl(row.base_url, { extraOrigins: deps.config.kintoneDevOrigins })
    : undefined;
  const authorizer =
    row.state === 'authorized' && row.authorized_by
      ? await db
          .selectFrom('users')
          .select(['id', 'name'])
          .where('id', '=', row.authorized_by)
          .executeTakeFirst()
      : undefined;
  const attention = canManage
    ? await db
        .selectFrom('kintone_grants')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('status', '=', 'needs-reconnect')
        .executeTakeFirst()
    : own?.status === 'needs-reconnect'
      ? own
      : undefined;
  return {
    workspace: member.workspace,
    planIncludesKintone: member.workspace.plan === 'business' || member.workspace.plan === 'enterprise',
    canManage,
    state: row.state,
    currentStep: stepNumber(row.setup_step),
    furthestStep: stepNumber(row.furthest_step),
    facts: canManage
      ? {
          clientName: deps.config.kintone.clientName,
          clientLogoUrl: `${deps.config.publicUrl}/api/kintone/client-logo.png`,
          redirectEndpoint: redirectEndpoint(deps.config.publicUrl),
          egressIp: deps.config.egress.ip,
          egressCidr: deps.config.egress.cidr,
          scopes: [...KINTONE_INTEGRATION_SCOPES],
          kintoneDevOrigins: deps.config.kintoneDevOrigins,
        }
      : null,
    client:
      canManage && row.client_id && tenant?.ok
        ? {
            clientId: row.client_id,
            clientSecretMasked: maskedClientSecret(deps.keyring, workspaceId, row.client_secret),
            tenant: tenant.tenant,
            updatedAt: (row.credentials_updated_at ?? row.updated_at).toISOString(),
          }
        : null,
    usesIpRestriction: row.uses_ip_restriction,
    authorization:
      row.state === 'authorized' && authorizer && row.authorized_at && row.authorized_base_url
        ? {
            by: { id: authorizer.id, name: authorizer.name },
            at: row.authorized_at.toISOString(),
            tenantBaseUrl: row.authorized_base_url,
          }
        : null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    needsAttention: attention !== undefined,
    me: {
      status: own ? own.status : 'never-connected',
      connectedAt: own ? new Date(own.connected_at).toISOString() : null,
      lastUsedAt: own?.last_used_at ? new Date(own.last_used_at).toISOString() : null,
    },
  };
}

interface Actor {
  member: MemberContext;
  userId: string;
}

/** Runs one wizard change under the integration row's lock, with its audit entry in the same transaction. */
async function change(
  deps: AppDeps,
  actor: Actor,
  apply: (
    row: IntegrationRow,
    trx: Parameters<typeof lockIntegration>[0],
  ) => Promise<Record<string, string | number | boolean | null> | undefined>,
  action: string,
): Promise<void> {
  const workspaceId = actor.member.workspace.id;
  await deps.database.db.transaction().execute(async (trx) => {
    const row = await lockIntegration(trx, workspaceId);
    assertAllowed('setup', actor.member, row);
    const details = await apply(row, trx);
    if (details) await recordAudit(trx, { workspaceId, actorUserId: actor.userId, action, details });
  });
}

function requireReached(row: IntegrationRow, step: SetupStep): void {
  if (stepNumber(row.furthest_step) < stepNumber(step)) throw new AppError('KINTONE_STEP_NOT_REACHED');
}

/** `PUT …/step`: go back (or forward again) to any step already reached. */
export function setStep(deps: AppDeps, actor: Actor, step: number): Promise<void> {
  return change(
    deps,
    actor,
    async (row, trx) => {
      const target = stepAt(step);
      requireReached(row, target);
      if (row.setup_step === target) return undefined;
      await updateIntegration(trx, row.workspace_id, { setup_step: target });
      return { from: row.setup_step, to: target };
    },
    'kintone.step-changed',
  );
}

/** Step 1 and 2 done: the admin says the client exists in Kintone, then that users are ticked. */
export function completeStep(
  deps: AppDeps,
  actor: Actor,
  done: 'add-client' | 'configure-users',
): Promise<void> {
  const next: SetupStep = done === 'add-client' ? 'configure-users' : 'link-client';
  const state = done === 'add-client' ? 'client-added' : 'users-configured';
  return change(
    deps,
    actor,
    async (row, trx) => {
      requireReached(row, done);
      const newState = advance(row.state, state);
      await updateIntegration(trx, row.workspace_id, {
        state: newState,
        setup_step: next,
        furthest_step: laterStep(row.furthest_step, next),
      });
      return { step: done, state: newState };
    },
    done === 'add-client' ? 'kintone.client-added' : 'kintone.users-configured',
  );
}

/**
 * Step 3: client ID, secret and authorization endpoint. The endpoint is parsed strictly and the token
 * endpoint derived from it. Linking another tenant to an authorized workspace ends its authorization and
 * every grant (they belong to the old tenant); the same tenant keeps them.
 */
export function linkClient(deps: AppDeps, actor: Actor, request: LinkClientRequest): Promise<void> {
  const parsed = parseAuthorizationEndpoint(request.authorizationEndpoint, {
    extraOrigins: deps.config.kintoneDevOrigins,
  });
  if (!parsed.ok) {
    throw new AppError(parsed.error.code, parsed.error.params ?? {}, [
      { path: 'body.authorizationEndpoint', message: errorCatalogue[parsed.error.code].title.en },
    ]);
  }
  const tenant = parsed.tenant;
  return change(
    deps,
    actor,
    async (row, trx) => {
      requireReached(row, 'link-client');
      if (request.clientSecret === undefined && !row.client_secret) {
        throw new AppError('REQUEST_INVALID', { fields: 'body.clientSecret' }, [
          { path: 'body.clientSecret', message: 'is required' },
        ]);
      }
      const tenantChanged = row.base_url !== null && row.base_url !== tenant.baseUrl;
      const keepsAuthorization = row.state === 'authorized' && !tenantChanged;
      let grantsRemoved = 0;
      if (tenantChanged) grantsRemoved = await deleteWorkspaceGrants(trx, row.workspace_id);
      await saveClientCredentials(trx, deps.keyring, row.workspace_id, {
        baseUrl: tenant.baseUrl,
        clientId: request.clientId,
        ...(request.clientSecret === undefined ? {} : { clientSecret: request.clientSecret }),
      });
      await updateIntegration(trx, row.workspace_id, {
        state: keepsAuthorization
          ? 'authorized'
          : row.state === 'authorized'
            ? 'credentials-confirmed'
            : advance(row.state, 'credentials-confirmed'),
        setup_step: 'authorize',
        furthest_step: 'authorize',
        ...(keepsAuthorization
          ? {}
          : { authorized_by: null, authorized_at: null, authorized_base_url: null }),
      });
      // Never the secret: only whether it was replaced.
      return {
        tenant: tenant.baseUrl,
        clientId: request.clientId,
        secretReplaced: request.clientSecret !== undefined,
        tenantChanged,
        grantsRemoved,
      };
    },
    'kintone.credentials-saved',
  );
}

/** Step 4's question; decides whether the wizard shows Notta's IP address and CIDR. */
export function setIpRestriction(deps: AppDeps, actor: Actor, usesIpRestriction: boolean): Promise<void> {
  return change(
    deps,
    actor,
    async (row, trx) => {
      requireReached(row, 'authorize');
      await updateIntegration(trx, row.workspace_id, { uses_ip_restriction: usesIpRestriction });
      return { usesIpRestriction };
    },
    'kintone.ip-restriction-set',
  );
}

/**
 * Org-wide revoke, in one transaction: every grant of the workspace and the client secret are deleted (not
 * flagged); the client ID and tenant stay to pre-fill step 3. Kintone has no revocation endpoint, so its
 * side ends only when an admin deletes the client or unticks users there. Revoking twice changes nothing.
 */
export async function revoke(deps: AppDeps, actor: Actor): Promise<void> {
  const workspaceId = actor.member.workspace.id;
  await deps.database.db.transaction().execute(async (trx) => {
    const row = await lockIntegration(trx, workspaceId);
    assertAllowed('revoke', actor.member, row);
    const grantsRemoved = await deleteWorkspaceGrants(trx, workspaceId);
    // Plug-in keys stop working with the authorization; kept disabled so the plug-in can be told "revoked".
    const pluginKeysDisabled = await disableWorkspacePluginKeys(trx, workspaceId);
    if (row.state === 'revoked' && grantsRemoved === 0 && pluginKeysDisabled === 0 && !row.client_secret)
      return;
    await updateIntegration(trx, workspaceId, {
      state: 'revoked',
      client_secret: null,
      setup_step: 'add-client',
      authorized_by: null,
      authorized_at: null,
      authorized_base_url: null,
      revoked_at: new Date(),
    });
    await recordAudit(trx, {
      workspaceId,
      actorUserId: actor.userId,
      action: 'kintone.revoked',
      details: {
        tenant: row.base_url,
        grantsRemoved,
        pluginKeysDisabled,
        secretDeleted: row.client_secret !== null,
      },
    });
  });
}

/** `GET …/connections`: every member of the workspace with the state of their grant for the current tenant. */
export async function memberConnections(deps: AppDeps, workspaceId: string): Promise<MemberConnection[]> {
  const { db } = deps.database;
  const row = await readIntegration(db, workspaceId);
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .leftJoin('kintone_grants', (join) =>
      join
        .onRef('kintone_grants.user_id', '=', 'memberships.user_id')
        .onRef('kintone_grants.workspace_id', '=', 'memberships.workspace_id')
        .on('kintone_grants.base_url', '=', row.base_url ?? ''),
    )
    .select([
      'users.id',
      'users.name',
      'users.email',
      'memberships.role',
      'kintone_grants.status',
      'kintone_grants.connected_at',
      'kintone_grants.last_used_at',
    ])
    .where('memberships.workspace_id', '=', workspaceId)
    .orderBy('users.name')
    .orderBy('users.id')
    .execute();
  return rows.map((r) => ({
    member: { id: r.id, name: r.name, email: r.email, role: r.role },
    status: r.status ?? 'never-connected',
    connectedAt: r.connected_at ? new Date(r.connected_at).toISOString() : null,
    lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null,
  }));
}
