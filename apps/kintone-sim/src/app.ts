import express, { type Express } from 'express';
import type { SimConfig } from './config.js';

/**
 * One Kintone tenant, played locally. This is the skeleton: it answers its health check and says what it
 * is; the tenant's behaviour (OAuth, REST API, plug-ins) is built on it.
 */
export function createSimApp(config: SimConfig): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: 'kintone-sim', baseUrl: config.publicUrl });
  });
  app.get('/', (_req, res) => {
    res
      .type('html')
      .send(
        `<!doctype html><html lang="en"><meta charset="utf-8"><title>Kintone stand-in</title>` +
          `<body style="font-family:sans-serif;margin:2rem"><h1>Kintone stand-in</h1>` +
          `<p>A local stand-in for one Kintone tenant at <code>${config.publicUrl}</code>, for development and tests.</p></body></html>`,
      );
  });
  app.use((_req, res) => {
    res.status(404).json({ code: 'CB_NO01', id: 'sim', message: 'Not found' });
  });
  return app;
}
