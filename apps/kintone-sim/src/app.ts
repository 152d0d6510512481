import express, { type Express } from 'express';
import { accessControl } from './access/access-control.js';
import { adminRoutes } from './admin/routes.js';
import { authRoutes } from './auth/routes.js';
import { Sessions } from './auth/sessions.js';
import type { SimConfig } from './config.js';
import { faultRoutes } from './faults/faults.js';
import { oauthRoutes } from './oauth/routes.js';
import { pluginRoutes } from './plugins/routes.js';
import { restRoutes } from './rest/routes.js';
import { defaultState } from './tenant/seed.js';
import { Tenant } from './tenant/tenant.js';

/** What every feature of the stand-in gets: its configuration, the tenant's state and the browser sessions. */
export interface SimContext {
  config: SimConfig;
  tenant: Tenant;
  sessions: Sessions;
}

/**
 * One Kintone tenant, played locally. Each feature folder adds its routes; the order matters only in
 * that access control runs before everything a Kintone user could reach.
 */
export function createSimApp(
  config: SimConfig,
  options: { tenant?: Tenant } = {},
): { app: Express; ctx: SimContext } {
  const ctx: SimContext = {
    config,
    tenant: options.tenant ?? new Tenant(defaultState()),
    sessions: new Sessions(),
  };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: 'kintone-sim', baseUrl: config.publicUrl });
  });
  // The JSON admin API for tests (/_sim/…) is not part of the tenant: access control lets it through.
  app.use(faultRoutes(ctx));
  app.use(accessControl(ctx));
  app.use(adminRoutes(ctx));
  app.use(authRoutes(ctx));
  app.use(oauthRoutes(ctx));
  app.use(restRoutes(ctx));
  app.use(pluginRoutes(ctx));
  app.get('/', (_req, res) => res.redirect('/k/'));

  app.use((_req, res) => {
    res.status(404).json({ code: 'CB_NO01', id: 'sim', message: 'The specified API or page was not found.' });
  });
  return { app, ctx };
}
