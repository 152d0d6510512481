import {
  type AppHealthResponse,
  appHealthResponse,
  checkMeetingMapping,
  createdPluginKey,
  createPluginKeyRequest,
  decideKintoneAction,
  type IntegrationState,
  type KintoneAction,
  type KintoneFieldInfo,
  type LinkAppRequest,
  linkAppRequest,
  linkedApp,
  linkedAppsResponse,
  type MeetingMapping,
  meetingFields,
  PLUGIN_KEY_HEADER,
  type Plan,
  planIncludesKintone,
  pluginAppParams,
  pluginAppQuery,
  pluginConnectionQuery,
  pluginConnectionResponse,
  pluginKeyListResponse,
  pluginKeyParams,
} from '@notta/shared';
import { type Response, Router } from 'express';
import { sql } from 'kysely';
import {
  authOf,
  type MemberContext,
  memberOf,
  requireCsrf,
  requireSession,
  requireWorkspaceMember,
} from '../accounts/middleware.js';
import { hitRateLimit } from '../accounts/rate-limit.js';
import { recordAudit } from '../audit/audit-log.js';
import { callAsGrant } from '../connections/access-token.js';
import type { AppDeps } from '../http/app.js';
import { AppError, parseInput } from '../http/errors.js';
import { KintoneError } from '../kintone-client/index.js';
import { type IntegrationRow, readIntegration } from '../kintone-setup/integration-store.js';
import {
  deletePluginKey,
  findPluginKeyBySecret,
  insertPluginKey,
  listPluginKeys,
  looksLikePluginKey,
  readPluginKey,
  toSummary,
  touchPluginKey,
} from './keys.js';
import {
  deleteLinkedApp,
  findLinkedApp,
  listLinkedApps,
  normaliseTenantBaseUrl,
  toLinkedApp,
  upsertLinkedApp,
} from './linked-apps.js';

/** Plan, then role (shared `decideKintoneAction`), as the Kintone setup routes check them. */
function assertMay(action: KintoneAction, member: MemberContext, integration: IntegrationRow): void {
  const decision = decideKintoneAction(action, {
    plan: member.workspace.plan,
    role: member.role,
    workspaceAuthorized: integration.state === 'authorized',
  });
  if (!decision.allowed) throw new AppError(decision.code);
}

/**
 * Notta Web's side: plug-in keys (owners and admins of a Business or Enterprise workspace) and the apps linked
 * from the plug-in. Session, CSRF on changes, and membership (another workspace is a 404) like every
 * workspace route.
 */
export function pluginKeyRoutes(deps: AppDeps): Router {
  const router = Router();
  const ws = Router({ mergeParams: true });
  ws.use(requireSession(deps), requireCsrf, requireWorkspaceMember(deps));
  const { db } = deps.database;

  ws.get('/plugin-keys', async (_req, res) => {
    const member = memberOf(res);
    assertMay('setup', member, await readIntegration(db, member.workspace.id));
    const rows = await listPluginKeys(db, member.workspace.id);
    res.json(pluginKeyListResponse.parse({ keys: rows.map(toSummary) }));
  });

  ws.post('/plugin-keys', async (req, res) => {
    const member = memberOf(res);
    const userId = authOf(res).userId;
    const { label } = parseInput(createPluginKeyRequest, req.body, 'body');
    const workspaceId = member.workspace.id;
    const created = await db.transaction().execute(async (trx) => {
      const integration = await readIntegration(trx, workspaceId);
      assertMay('setup', member, integration);
      // A key is only useful once the workspace is authorized; a revoke disables keys made before it.
      if (integration.state !== 'authorized') throw new AppError('KINTONE_WORKSPACE_NOT_AUTHORIZED');
      const key = await insertPluginKey(trx, { workspaceId, label, createdBy: userId });
      // Label and display prefix only: the secret is never recorded anywhere.
      await recordAudit(trx, {
        workspaceId,
        actorUserId: userId,
        action: 'kintone.plugin-key-created',
        details: { keyId: key.id, label, prefix: key.prefix },
      });
      return key;
    });
    const row = await readPluginKey(db, workspaceId, created.id);
    if (!row) throw new Error('plug-in key vanished right after it was created');
    // The one time the secret leaves the backend; it is not logged (pino-http logs no bodies).
    res.status(201).json(createdPluginKey.parse({ key: toSummary(row), secret: created.secret }));
  });

  ws.delete('/plugin-keys/:keyId', async (req, res) => {
    const member = memberOf(res);
    const { keyId } = parseInput(pluginKeyParams, req.params, 'params');
    const workspaceId = member.workspace.id;
    // Taking access away is never blocked by the plan (shared policy: revoke needs a role only).
    assertMay('revoke', member, await readIntegration(db, workspaceId));
    const removed = await db.transaction().execute(async (trx) => {
      const key = await deletePluginKey(trx, workspaceId, keyId);
      if (key) {
        await recordAudit(trx, {
          workspaceId,
          actorUserId: authOf(res).userId,
          action: 'kintone.plugin-key-revoked',
          details: { keyId, label: key.label, prefix: key.prefix },
        });
      }
      return key !== undefined;
    });
    // Idempotent: a key this workspace already revoked is 204 again (its audit entry says so); an id that was
    // never this workspace's (another workspace's key, a made-up id) is 404 and changes nothing.
    if (!removed && !(await wasRevokedHere(deps, workspaceId, keyId))) throw new AppError('NOT_FOUND');
    res.status(204).end();
  });

  // Any member may see which apps are linked (no secrets in them: app IDs, names, field codes), like the
  // integration's state itself; changing links happens only in Kintone, by that app's administrators.
  ws.get('/kintone/apps', async (_req, res) => {
    const member = memberOf(res);
    res.json(linkedAppsResponse.parse({ apps: await listLinkedApps(db, member.workspace.id) }));
  });

  router.use('/workspaces/:workspaceId', ws);
  return router;
}

async function wasRevokedHere(deps: AppDeps, workspaceId: string, keyId: string): Promise<boolean> {
  const row = await deps.database.db
    .selectFrom('audit_log')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('action', '=', 'kintone.plugin-key-revoked')
    .where(sql<string>`details->>'keyId'`, '=', keyId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The plug-in key of a request that passed `authenticatePluginKey`. */
interface PluginKeyContext {
  keyId: string;
  label: string;
  prefix: string;
  /** Disabled by a revoke of the workspace's authorization. */
  disabled: boolean;
  workspace: { id: string; name: string; plan: Plan };
}

function keyOf(res: Response): PluginKeyContext {
  const key = res.locals.pluginKey as PluginKeyContext | undefined;
  if (!key) throw new Error('authenticatePluginKey must run before this handler');
  return key;
}

/**
 * Failed key attempts per client address. Requests come through Kintone's plug-in proxy, so many tenants share
 * few addresses: only failures count (a working key is never slowed down) and the allowance is generous. Keys
 * are 256 random bits, so this guards against noise and misconfigured loops rather than guessing.
 */
const FAILED_KEYS_PER_ADDRESS = 60;
const FAILED_KEYS_WINDOW_SECONDS = 5 * 60;

/**
 * The plug-in API under `/plugin/v1`: no session and no CSRF (Kintone's server calls it, not a browser with
 * Notta's cookie); the `X-Notta-Plugin-Key` header alone says which workspace is calling.
 */
export function pluginApiRoutes(deps: AppDeps): Router {
  const router = Router();
  const { db } = deps.database;

  router.use(async (req, res, next) => {
    const sent = req.get(PLUGIN_KEY_HEADER);
    const key = looksLikePluginKey(sent) ? await findPluginKeyBySecret(db, sent) : undefined;
    if (!key) {
      const limit = await hitRateLimit(
        db,
        `plugin-key:address:${req.ip ?? 'unknown'}`,
        FAILED_KEYS_PER_ADDRESS,
        FAILED_KEYS_WINDOW_SECONDS,
      );
      if (!limit.allowed) {
        res.setHeader('Retry-After', String(limit.retryAfter));
        throw new AppError('RATE_LIMITED', { retryAfter: limit.retryAfter });
      }
      throw new AppError('PLUGIN_KEY_INVALID');
    }
    res.locals.pluginKey = {
      keyId: key.id,
      label: key.label,
      prefix: key.prefix,
      disabled: key.disabled_at !== null,
      workspace: { id: key.workspace_id, name: key.workspace_name, plan: key.workspace_plan },
    } satisfies PluginKeyContext;
    if (key.disabled_at === null) await touchPluginKey(db, key.id);
    next();
  });

  /** A disabled key, or a workspace whose authorization was revoked, may do nothing but hear "revoked". */
  const assertLive = (key: PluginKeyContext, integration: IntegrationRow) => {
    if (key.disabled || integration.state === 'revoked') throw new AppError('KINTONE_INTEGRATION_REVOKED');
    if (!planIncludesKintone(key.workspace.plan)) throw new AppError('PLAN_EXCLUDES_KINTONE');
  };
  /** The tenant the workspace is (or was last being set up) for; the plug-in's must be the same. */
  const tenantOf = (integration: IntegrationRow) => {
    const url = integration.authorized_base_url ?? integration.base_url;
    return url ? normaliseTenantBaseUrl(url) : null;
  };
  const assertTenant = (integration: IntegrationRow, requested: string): string => {
    const tenant = normaliseTenantBaseUrl(requested);
    if (tenantOf(integration) !== tenant) throw new AppError('PLUGIN_TENANT_MISMATCH');
    return tenant;
  };

  router.get('/connection', async (req, res) => {
    const { tenantBaseUrl } = parseInput(pluginConnectionQuery, req.query, 'query');
    const key = keyOf(res);
    const integration = await readIntegration(db, key.workspace.id);
    assertLive(key, integration);
    const tenant = assertTenant(integration, tenantBaseUrl);
    res.json(
      pluginConnectionResponse.parse({
        workspace: { id: key.workspace.id, name: key.workspace.name },
        tenant: { baseUrl: tenant },
        state: integration.state satisfies IntegrationState,
        keyLabel: key.label,
      }),
    );
  });

  router.put('/apps/:appId', async (req, res) => {
    const { appId } = parseInput(pluginAppParams, req.params, 'params');
    const body = parseLinkRequest(req.body);
    const key = keyOf(res);
    const workspaceId = key.workspace.id;
    // Outside the transaction: no database lock is held across a call to Kintone.
    await checkMappingAgainstApp(deps, key, appId, body);
    const linked = await db.transaction().execute(async (trx) => {
      const integration = await readIntegration(trx, workspaceId);
      assertLive(key, integration);
      const tenant = assertTenant(integration, body.tenantBaseUrl);
      // Notta writes meetings with the authorizing admin's grant: without an authorization nothing would work.
      if (integration.state !== 'authorized') throw new AppError('KINTONE_WORKSPACE_NOT_AUTHORIZED');
      const { row, created } = await upsertLinkedApp(trx, {
        workspaceId,
        tenantBaseUrl: tenant,
        appId,
        request: body,
      });
      await recordAudit(trx, {
        workspaceId,
        actorUserId: null,
        action: created ? 'kintone.app-linked' : 'kintone.app-link-updated',
        details: {
          appId,
          appName: body.appName ?? null,
          tenant,
          mappedFields: Object.keys(body.mapping).join(', '),
          keyLabel: key.label,
          keyPrefix: key.prefix,
        },
      });
      return row;
    });
    res.json(linkedApp.parse(toLinkedApp(linked)));
  });

  router.delete('/apps/:appId', async (req, res) => {
    const { appId } = parseInput(pluginAppParams, req.params, 'params');
    const { tenantBaseUrl } = parseInput(pluginAppQuery, req.query, 'query');
    const key = keyOf(res);
    const workspaceId = key.workspace.id;
    await db.transaction().execute(async (trx) => {
      const integration = await readIntegration(trx, workspaceId);
      assertLive(key, integration);
      const tenant = assertTenant(integration, tenantBaseUrl);
      // Idempotent: unlinking an app that is not linked changes nothing and records nothing.
      if (await deleteLinkedApp(trx, workspaceId, tenant, appId)) {
        await recordAudit(trx, {
          workspaceId,
          actorUserId: null,
          action: 'kintone.app-unlinked',
          details: { appId, tenant, keyLabel: key.label, keyPrefix: key.prefix },
        });
      }
    });
    res.status(204).end();
  });

  router.get('/apps/:appId/health', async (req, res) => {
    const { appId } = parseInput(pluginAppParams, req.params, 'params');
    const { tenantBaseUrl } = parseInput(pluginAppQuery, req.query, 'query');
    res.json(appHealthResponse.parse(await appHealth(deps, keyOf(res), appId, tenantBaseUrl)));
  });

  return router;
}

/**
 * The record list badge's answer. A key disabled by a revoke still gets an answer here (status revoked), not a
 * 401, so the badge can say what happened; it learns nothing else.
 */
async function appHealth(
  deps: AppDeps,
  key: PluginKeyContext,
  appId: string,
  tenantBaseUrl: string,
): Promise<AppHealthResponse> {
  const { db } = deps.database;
  const answer = (status: AppHealthResponse['status'], code: string | null): AppHealthResponse => ({
    status,
    code,
    checkedAt: new Date().toISOString(),
  });
  const integration = await readIntegration(db, key.workspace.id);
  if (key.disabled || integration.state === 'revoked')
    return answer('revoked', 'KINTONE_INTEGRATION_REVOKED');
  const tenant = normaliseTenantBaseUrl(tenantBaseUrl);
  const workspaceTenant = integration.authorized_base_url ?? integration.base_url;
  if (!workspaceTenant || normaliseTenantBaseUrl(workspaceTenant) !== tenant) {
    throw new AppError('PLUGIN_TENANT_MISMATCH');
  }
  if (!planIncludesKintone(key.workspace.plan)) return answer('needs-attention', 'PLAN_EXCLUDES_KINTONE');
  if (integration.state !== 'authorized')
    return answer('needs-attention', 'KINTONE_WORKSPACE_NOT_AUTHORIZED');
  if (!(await findLinkedApp(db, key.workspace.id, tenant, appId))) {
    return answer('not-linked', 'PLUGIN_APP_NOT_LINKED');
  }
  // Meetings are written with the authorizing admin's grant: when it needs reconnecting, nothing arrives.
  const grant = integration.authorized_by
    ? await db
        .selectFrom('kintone_grants')
        .select('status')
        .where('workspace_id', '=', key.workspace.id)
        .where('user_id', '=', integration.authorized_by)
        .where('base_url', '=', integration.authorized_base_url ?? '')
        .executeTakeFirst()
    : undefined;
  if (grant?.status !== 'connected') return answer('needs-attention', 'KINTONE_RECONNECT_REQUIRED');
  return answer('connected', null);
}

/**
 * The link request, with mapping problems told apart from other bad input: they get PLUGIN_MAPPING_INVALID
 * naming each bad meeting field (the config screen shows the message beside those fields).
 */
function parseLinkRequest(body: unknown) {
  const result = linkAppRequest.safeParse(body);
  if (!result.success) {
    const mappingIssues = result.error.issues.filter((issue) => issue.path[0] === 'mapping');
    if (mappingIssues.length > 0 && mappingIssues.length === result.error.issues.length) {
      throw mappingInvalid(
        mappingIssues.map((issue) => ({
          field: issue.path.length > 1 ? String(issue.path[1]) : 'meetingId',
          message: issue.message,
        })),
      );
    }
    return parseInput(linkAppRequest, body, 'body');
  }
  // One Kintone field cannot hold two meeting fields: the later one would overwrite the earlier.
  const seen = new Set<string>();
  const twice: { field: string; message: string }[] = [];
  for (const field of meetingFields) {
    const code = result.data.mapping[field];
    if (!code) continue;
    if (seen.has(code))
      twice.push({ field, message: `uses field ${code}, which another meeting field uses` });
    seen.add(code);
  }
  if (twice.length > 0) throw mappingInvalid(twice);
  return result.data;
}

function mappingInvalid(problems: { field: string; message: string }[]): AppError {
  const fields = problems.map((p) => ({ path: `body.mapping.${p.field}`, message: p.message }));
  return new AppError(
    'PLUGIN_MAPPING_INVALID',
    { fields: [...new Set(problems.map((p) => p.field))].join(', ') },
    fields,
  );
}

/**
 * Checks the mapping against the app's real fields (`app/form/fields.json`) with the authorizing admin's grant,
 * the same rules the config screen applies (shared `checkMeetingMapping`). Best effort: when the grant is not
 * usable or Kintone does not answer, the link is saved on the config screen's word (which checked the same
 * rules against the same fields) and the health check reports a grant that needs reconnecting.
 */
async function checkMappingAgainstApp(
  deps: AppDeps,
  key: PluginKeyContext,
  appId: string,
  body: LinkAppRequest,
): Promise<void> {
  const integration = await readIntegration(deps.database.db, key.workspace.id);
  if (key.disabled || integration.state !== 'authorized' || !integration.authorized_by) return;
  if (!integration.authorized_base_url) return;
  if (normaliseTenantBaseUrl(integration.authorized_base_url) !== normaliseTenantBaseUrl(body.tenantBaseUrl))
    return;
  const grant = await deps.database.db
    .selectFrom('kintone_grants')
    .select(['id', 'base_url'])
    .where('workspace_id', '=', key.workspace.id)
    .where('user_id', '=', integration.authorized_by)
    .where('base_url', '=', integration.authorized_base_url)
    .where('status', '=', 'connected')
    .executeTakeFirst();
  if (!grant) return;
  let fields: KintoneFieldInfo[];
  try {
    const answer = await callAsGrant(deps, { id: grant.id, baseUrl: grant.base_url }, (client) =>
      client.app.getFormFields({ app: appId }),
    );
    fields = Object.values(answer.properties).map((p) => ({
      code: p.code,
      type: p.type,
      unique: 'unique' in p ? Boolean(p.unique) : false,
    }));
  } catch (failure) {
    if (failure instanceof KintoneError || failure instanceof AppError) return;
    throw failure;
  }
  const problems = checkMeetingMapping(body.mapping satisfies MeetingMapping, fields);
  if (problems.length === 0) return;
  throw mappingInvalid(
    problems.map((p) => ({
      field: p.field,
      message:
        p.problem === 'required'
          ? 'is required'
          : p.problem === 'unknown-field'
            ? `field ${p.code} is not in the app`
            : p.problem === 'wrong-type'
              ? `field ${p.code} is ${p.type}; expected ${p.expected.join(' or ')}`
              : p.problem === 'not-unique'
                ? `field ${p.code} must have "Prohibit duplicate values" on`
                : `field ${p.code} is used by another meeting field`,
    })),
  );
}
