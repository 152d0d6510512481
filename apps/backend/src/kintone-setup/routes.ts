import {
  connectionCheckResponse,
  ipRestrictionRequest,
  linkClientRequest,
  setStepRequest,
} from '@notta/shared';
import { type Request, type Response, Router } from 'express';
import {
  authOf,
  memberOf,
  requireCsrf,
  requireSession,
  requireWorkspaceMember,
} from '../accounts/middleware.js';
import { recordAudit } from '../audit/audit-log.js';
import { callAsGrant } from '../connections/access-token.js';
import { deleteOwnGrants, findOwnGrant } from '../connections/grants-store.js';
import type { AppDeps } from '../http/app.js';
import { AppError, parseInput } from '../http/errors.js';
import { KintoneError } from '../kintone-client/index.js';
import { startAuthorization } from '../kintone-oauth/authorization.js';
import { oauthCallbackRoutes } from '../kintone-oauth/routes.js';
import { clientLogoPng } from './client-logo.js';
import { readIntegration } from './integration-store.js';
import {
  assertAllowed,
  completeStep,
  integrationView,
  linkClient,
  memberConnections,
  revoke,
  setIpRestriction,
  setStep,
} from './setup-service.js';

/**
 * The Kintone connection's HTTP face: the client logo, the OAuth callback, and under
 * `/workspaces/:workspaceId/kintone` the wizard, authorization, the member's own connection, the members'
 * connections and revoke. Every workspace route needs a session and membership (another workspace is a 404),
 * every change the CSRF token, and each checks plan and role with the shared `decideKintoneAction`.
 */
export function kintoneRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/kintone/client-logo.png', (_req, res) => {
    res.setHeader('Content-Type', 'image/png');
    res.setHeader('Content-Disposition', 'inline; filename="notta-kintone-logo.png"');
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.send(clientLogoPng);
  });
  router.use(oauthCallbackRoutes(deps));

  const ws = Router({ mergeParams: true });
  ws.use(requireSession(deps), requireCsrf, requireWorkspaceMember(deps));
  const actor = (res: Response) => ({ member: memberOf(res), userId: authOf(res).userId });
  const sendView = async (res: Response, status = 200) => {
    res.status(status).json(await integrationView(deps, memberOf(res), authOf(res).userId));
  };
  const integrationOf = (res: Response) => readIntegration(deps.database.db, memberOf(res).workspace.id);

  ws.get('/', (_req, res) => sendView(res));
  ws.put('/step', async (req, res) => {
    const { step } = parseInput(setStepRequest, req.body, 'body');
    await setStep(deps, actor(res), step);
    await sendView(res);
  });
  ws.post('/client-added', async (_req, res) => {
    await completeStep(deps, actor(res), 'add-client');
    await sendView(res);
  });
  ws.post('/users-configured', async (_req, res) => {
    await completeStep(deps, actor(res), 'configure-users');
    await sendView(res);
  });
  ws.put('/credentials', async (req, res) => {
    const body = parseInput(linkClientRequest, req.body, 'body');
    await linkClient(deps, actor(res), body);
    await sendView(res);
  });
  ws.put('/ip-restriction', async (req, res) => {
    const { usesIpRestriction } = parseInput(ipRestrictionRequest, req.body, 'body');
    await setIpRestriction(deps, actor(res), usesIpRestriction);
    await sendView(res);
  });
  ws.post('/authorize', async (req, res) => {
    const integration = await integrationOf(res);
    assertAllowed('setup', memberOf(res), integration);
    if (integration.furthest_step !== 'authorize') throw new AppError('KINTONE_STEP_NOT_REACHED');
    res.json({ authorizationUrl: await startAuthorization(deps, who(req, res), 'workspace') });
  });
  ws.post('/connection', async (req, res) => {
    assertAllowed('connect-own', memberOf(res), await integrationOf(res));
    res.json({ authorizationUrl: await startAuthorization(deps, who(req, res), 'member') });
  });
  ws.delete('/connection', async (_req, res) => {
    const { member, userId } = actor(res);
    assertAllowed('disconnect-own', member, await integrationOf(res));
    const removed = await deleteOwnGrants(deps.database.db, member.workspace.id, userId);
    if (removed > 0) {
      await recordAudit(deps.database.db, {
        workspaceId: member.workspace.id,
        actorUserId: userId,
        action: 'kintone.disconnected',
        details: { grantsRemoved: removed },
      });
    }
    await sendView(res);
  });
  ws.post('/check', async (_req, res) => {
    const { member, userId } = actor(res);
    const integration = await integrationOf(res);
    assertAllowed('connect-own', member, integration);
    const grant = await findOwnGrant(deps.database.db, member.workspace.id, userId, integration.base_url);
    if (!grant) throw new AppError('KINTONE_NOT_CONNECTED');
    let error: string | null = null;
    try {
      await callAsGrant(deps, { id: grant.id, baseUrl: grant.base_url }, (client) =>
        client.app.getApps({ limit: 1 }),
      );
    } catch (failure) {
      if (failure instanceof KintoneError) error = failure.code;
      else if (failure instanceof AppError) error = failure.code;
      else throw failure;
    }
    res.json(
      connectionCheckResponse.parse({ ok: error === null, checkedAt: new Date().toISOString(), error }),
    );
  });
  ws.get('/connections', async (_req, res) => {
    const member = memberOf(res);
    assertAllowed('view-connections', member, await integrationOf(res));
    res.json({ connections: await memberConnections(deps, member.workspace.id) });
  });
  ws.post('/revoke', async (_req, res) => {
    await revoke(deps, actor(res));
    await sendView(res);
  });

  router.use('/workspaces/:workspaceId/kintone', ws);
  return router;
}

function who(_req: Request, res: Response) {
  const auth = authOf(res);
  return { sessionId: auth.sessionId, userId: auth.userId, workspaceId: memberOf(res).workspace.id };
}
