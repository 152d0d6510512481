import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { accountsRoutes } from '../accounts/routes.js';
import type { Config } from '../config/config.js';
import type { Keyring } from '../encryption/keyring.js';
import { healthRoutes } from '../health/routes.js';
import { withoutOAuthQuery } from '../kintone-oauth/routes.js';
import { kintoneRoutes } from '../kintone-setup/routes.js';
import { pluginApiRoutes, pluginKeyRoutes } from '../plugin-api/routes.js';
import type { DatabaseHandle } from '../storage/database.js';
import { errorHandler, notFound } from './errors.js';
import type { Logger } from './logger.js';
import { webAppRoutes } from './web-app.js';

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  keyring: Keyring;
  logger: Logger;
  version: string;
}

/** Builds the whole HTTP app without listening, so tests drive it in-process. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (_req, res) => {
        const id = randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      // Health probes run every few seconds; logging each would drown the rest.
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      serializers: { req: withoutOAuthQuery },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'", 'https:', ...deps.config.kintoneDevOrigins],
          upgradeInsecureRequests: deps.config.publicUrl.startsWith('https://') ? [] : null,
        },
      },
      strictTransportSecurity: deps.config.publicUrl.startsWith('https://'),
    }),
  );
  app.use(express.json({ limit: '256kb' }));

  app.use(healthRoutes({ database: deps.database, version: deps.version }));

  const api = express.Router();
  api.use(accountsRoutes(deps));
  // Before kintoneRoutes, whose `/workspaces/:id/kintone` guard would otherwise run first for `…/kintone/apps`.
  api.use(pluginKeyRoutes(deps));
  api.use(kintoneRoutes(deps));
  // Authenticated by the plug-in key header alone (no session, no CSRF): Kintone's proxy calls it.
  api.use('/plugin/v1', pluginApiRoutes(deps));
  app.use('/api', api);
  app.use('/api', notFound);

  app.use(webAppRoutes(deps.config.webDistDir));
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
