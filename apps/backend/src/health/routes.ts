import type { HealthResponse, ReadinessResponse } from '@notta/shared';
import { Router } from 'express';
import type { DatabaseHandle } from '../storage/database.js';

export function healthRoutes(deps: { database: DatabaseHandle; version: string }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    const body: HealthResponse = { status: 'ok', service: 'notta-backend', version: deps.version };
    res.json(body);
  });
  router.get('/readyz', async (_req, res) => {
    const ok = await deps.database.ping();
    const body: ReadinessResponse = {
      status: ok ? 'ready' : 'unavailable',
      checks: { database: ok ? 'ok' : 'failing' },
      database: { engine: deps.database.engine },
    };
    res.status(ok ? 200 : 503).json(body);
  });
  return router;
}
