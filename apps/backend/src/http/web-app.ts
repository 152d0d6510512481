import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

/**
 * Serves Notta Web's build: its hashed assets for a year, and index.html for every other page path so the
 * SPA's router can take over. API paths never fall through to it.
 */
export function webAppRoutes(webDistDir: string): Router {
  const router = express.Router();
  const index = path.join(webDistDir, 'index.html');
  router.use(
    '/assets',
    express.static(path.join(webDistDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  router.use(express.static(webDistDir, { index: false }));
  router.get('/{*path}', (req, res, next) => {
    if (req.path.startsWith('/api/') || req.path === '/api') return next();
    if (!req.accepts('html')) return next();
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .send(
          'Notta Web has not been built yet. Run `pnpm build` (or `npm start`, which builds everything).',
        );
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
