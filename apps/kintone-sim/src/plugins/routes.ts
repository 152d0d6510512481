import { createHmac, randomBytes } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { SimContext } from '../app.js';
import { readCookie, requireAdmin, requireSignIn, SESSION_COOKIE } from '../auth/sessions.js';
import { type MultipartForm, parseMultipart } from '../http/multipart.js';
import { formatRecord } from '../rest/records.js';
import type { KApp, User } from '../tenant/model.js';
import { KINTONE_JS } from './kintone-global.js';
import {
  appPluginListPage,
  errorPage,
  hashRedirectPage,
  type Notice,
  type PageBase,
  pluginConfigPage,
  portalPage,
  recordDetailPage,
  recordListPage,
  systemPluginPage,
} from './pages.js';
import {
  buildProxyRequest,
  type ForwardOptions,
  findProxyConfig,
  forwardProxyRequest,
  type ProxyMatchRule,
} from './proxy.js';
import {
  addPluginToApp,
  canManage,
  canView,
  configSchema,
  installPlugin,
  PluginStateError,
  pluginName,
  saveConfig,
  saveProxyConfig,
} from './store.js';
import { MAX_UPLOAD_BYTES, manifestFiles, type VerifyResult, verifyPluginZip } from './verify.js';

/**
 * Plug-in installation (Kintone Administration), adding plug-ins to apps, the settings page, the record
 * pages that run plug-ins with the `kintone` global, and the plug-in proxy.
 */

export interface PluginRouteOptions {
  /** Saved-proxy matching rule; defaults to the configured one (notes §7.7). */
  proxyMatch?: ProxyMatchRule;
  /** Forwarding hooks (tests replace DNS resolution or shorten the timeout). */
  forward?: ForwardOptions;
}

const contentTypes: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  bmp: 'image/bmp',
  svg: 'image/svg+xml',
  woff: 'font/woff',
  woff2: 'font/woff2',
};

const appIdParam = z.string().regex(/^[1-9]\d{0,9}$/);
const pluginIdSchema = z.string().regex(/^[a-p]{32}$/, 'a plug-in ID is 32 letters a–p');
const methodSchema = z.enum(['GET', 'POST', 'PUT', 'DELETE']);
const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' });
const stringRecord = z.record(z.string(), z.string());

const configBody = z.object({
  app: z.union([z.number(), z.string()]),
  pluginId: pluginIdSchema,
  config: configSchema,
});
const configQuery = z.object({ app: appIdParam, pluginId: pluginIdSchema });
const proxyConfigBody = z.object({
  app: z.union([z.number(), z.string()]),
  pluginId: pluginIdSchema,
  url: httpUrl,
  method: methodSchema,
  // Saved values are strings: Kintone refuses objects in saved data (notes §5.2).
  headers: stringRecord.default({}),
  data: stringRecord.default({}),
});
const proxyBody = z.object({
  app: z.union([z.number(), z.string()]).nullable().optional(),
  pluginId: pluginIdSchema.nullable().optional(),
  url: httpUrl,
  method: methodSchema,
  headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}),
  data: z.union([z.record(z.string(), z.unknown()), z.string()]).default({}),
});
const addBody = z.object({ id: pluginIdSchema });
const recordQuery = z.object({
  record: z
    .string()
    .regex(/^[1-9]\d{0,9}$/)
    .optional(),
});
const configPageQuery = z.object({ pluginId: pluginIdSchema });
const flowQuery = z.object({ app: appIdParam });

function kintoneError(res: Response, status: number, code: string, message: string, errors?: unknown): void {
  res
    .status(status)
    .json({ code, id: randomBytes(10).toString('hex'), message, ...(errors ? { errors } : {}) });
}

function zodMessage(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
}

export function pluginRoutes(ctx: SimContext, options: PluginRouteOptions = {}): Router {
  const router = Router();
  const { tenant, sessions, config } = ctx;
  const matchRule: ProxyMatchRule = options.proxyMatch ?? config.proxyMatch;
  const signIn = requireSignIn(sessions, tenant);
  const admin = requireAdmin(sessions, tenant);
  const tokenSecret = randomBytes(32);

  /** kintone.getRequestToken(): bound to the session, so it cannot be reused by another browser. */
  const requestToken = (req: Request): string =>
    createHmac('sha256', tokenSecret)
      .update(readCookie(req, SESSION_COOKIE) ?? '')
      .digest('base64url');

  const base = (req: Request, res: Response): PageBase => ({
    tenant,
    user: res.locals.user as User,
    publicUrl: config.publicUrl,
    requestToken: requestToken(req),
  });

  /**
   * State-changing calls from pages: the X-Requested-With header (which a cross-site form cannot send) or
   * the request token, as Kintone requires for session-authenticated writes.
   */
  const sameSiteWrite = (req: Request, res: Response, next: NextFunction) => {
    const token = (req.body as { __REQUEST_TOKEN__?: unknown } | undefined)?.__REQUEST_TOKEN__;
    if (req.get('x-requested-with') === 'XMLHttpRequest' || token === requestToken(req)) {
      next();
      return;
    }
    kintoneError(
      res,
      403,
      'CB_NO02',
      'The request must come from a Kintone page (X-Requested-With or request token).',
    );
  };

  /** Browser form posts: refuse a foreign Origin (SameSite=Lax cookies already keep most out). */
  const sameOriginForm = (req: Request, res: Response, next: NextFunction) => {
    const origin = req.get('origin');
    if (origin && origin !== 'null') {
      let host = '';
      try {
        host = new URL(origin).host;
      } catch {
        host = '';
      }
      if (host !== req.get('host')) {
        res.status(403).type('text/plain').send('Cross-site form submissions are refused.');
        return;
      }
    }
    next();
  };

  /** JSON API callers that are signed in; answers Kintone's 401 body otherwise. */
  const apiUser = (req: Request, res: Response, next: NextFunction) => {
    const user = sessions.user(req, tenant);
    if (!user) {
      kintoneError(res, 401, 'CB_AU01', 'Log in to use this API.');
      return;
    }
    res.locals.user = user;
    next();
  };

  const appFor = (appId: unknown): KApp | undefined => {
    const parsed = appIdParam.safeParse(String(appId));
    return parsed.success ? tenant.app(parsed.data) : undefined;
  };

  const json = express.json({ limit: '1mb' });

  // ── Static: the kintone global and installed plug-ins' files ─────────────────────────────────────────
  router.get('/k/static/kintone.js', (_req, res) => {
    res.type('text/javascript; charset=utf-8').set('Cache-Control', 'no-cache').send(KINTONE_JS);
  });

  router.get('/k/plugin/:pluginId/files/*filePath', signIn, (req, res) => {
    const plugin = tenant.state.plugins.find((p) => p.id === req.params.pluginId);
    const segments = (req.params as unknown as { filePath: string[] }).filePath;
    const filePath = Array.isArray(segments) ? segments.join('/') : String(segments);
    // Only the files the manifest names are served, never other entries of contents.zip.
    if (
      !plugin ||
      !manifestFiles(plugin.manifest).includes(filePath) ||
      plugin.files[filePath] === undefined
    ) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    const ext = filePath.slice(filePath.lastIndexOf('.') + 1).toLowerCase();
    res
      .type(contentTypes[ext] ?? 'application/octet-stream')
      .set('X-Content-Type-Options', 'nosniff')
      .set('Cache-Control', 'no-cache')
      .send(Buffer.from(plugin.files[filePath], 'base64'));
  });

  // ── Kintone Administration → Plug-ins ────────────────────────────────────────────────────────────────
  const summary = (result: Extract<VerifyResult, { ok: true }>, previousVersion: string | undefined) => ({
    id: result.plugin.id,
    name: (result.plugin.manifest.name as Record<string, string>).en,
    version: result.plugin.version,
    updated: previousVersion !== undefined,
    previousVersion,
    warnings: result.plugin.warnings,
  });

  router.get('/k/admin/system/plugin/', admin, (req, res) => {
    const n = z.object({ installed: pluginIdSchema.optional() }).safeParse(req.query);
    const installed =
      n.success && n.data.installed ? tenant.state.plugins.find((p) => p.id === n.data.installed) : undefined;
    res.type('html').send(
      systemPluginPage(base(req, res), tenant.state.plugins, {
        notice: installed ? `Imported ${pluginName(installed)} (version ${installed.version}).` : undefined,
      }),
    );
  });
  router.get('/k/admin/system/plugin', (_req, res) => res.redirect('/k/admin/system/plugin/'));

  router.post('/k/admin/system/plugin/import', admin, sameOriginForm, async (req, res) => {
    const render = (status: number, n: Notice) =>
      res
        .status(status)
        .type('html')
        .send(systemPluginPage(base(req, res), tenant.state.plugins, n));
    let upload: MultipartForm;
    try {
      upload = await parseMultipart(req, 'file', MAX_UPLOAD_BYTES);
    } catch (error) {
      render(400, { error: `The upload could not be read: ${(error as Error).message}` });
      return;
    }
    if (upload.file?.truncated)
      return render(413, { error: `The plug-in file is larger than ${MAX_UPLOAD_BYTES} bytes.` });
    if (!upload.file) return render(400, { error: 'Choose a plug-in file (.zip) to import.' });
    const result = await verifyPluginZip(upload.file.bytes);
    if (!result.ok) return render(400, { error: result.message, errors: result.errors });
    installPlugin(tenant, result.plugin);
    res.redirect(303, `/k/admin/system/plugin/?installed=${result.plugin.id}`);
  });

  // JSON admin API for tests (not part of Kintone).
  router.get('/_sim/plugins', (_req, res) => {
    res.json({
      plugins: tenant.state.plugins.map((p) => ({
        id: p.id,
        name: pluginName(p),
        version: p.version,
        installedAt: p.installedAt,
        files: Object.keys(p.files),
      })),
    });
  });
  router.post(
    '/_sim/plugins',
    express.raw({
      type: ['application/zip', 'application/x-zip-compressed', 'application/octet-stream'],
      limit: MAX_UPLOAD_BYTES,
    }),
    async (req, res) => {
      if (!Buffer.isBuffer(req.body)) {
        kintoneError(
          res,
          415,
          'CB_VA01',
          'Send the plug-in zip as the request body with Content-Type: application/zip.',
        );
        return;
      }
      const result = await verifyPluginZip(req.body);
      if (!result.ok) {
        kintoneError(res, 400, 'CB_VA01', result.message, result.errors);
        return;
      }
      const { previousVersion } = installPlugin(tenant, result.plugin);
      res.status(previousVersion === undefined ? 201 : 200).json(summary(result, previousVersion));
    },
  );
  router.get('/_sim/apps/:appId/plugins', (req, res) => {
    const app = appFor(req.params.appId);
    if (!app) return kintoneError(res, 404, 'GAIA_AP01', 'The app (or the specified ID) was not found.');
    res.json({
      plugins: Object.entries(app.plugins).map(([id, s]) => ({ id, config: s.config, proxy: s.proxy })),
    });
  });
  router.post('/_sim/apps/:appId/plugins', json, (req, res) => {
    const app = appFor(req.params.appId);
    if (!app) return kintoneError(res, 404, 'GAIA_AP01', 'The app (or the specified ID) was not found.');
    const body = addBody.safeParse(req.body);
    if (!body.success) return kintoneError(res, 400, 'CB_VA01', zodMessage(body.error));
    try {
      addPluginToApp(tenant, app, body.data.id);
    } catch (error) {
      if (error instanceof PluginStateError)
        return kintoneError(res, error.status, error.code, error.message);
      throw error;
    }
    res.json({ app: app.appId, plugins: Object.keys(app.plugins) });
  });

  // ── App settings → Plug-ins ──────────────────────────────────────────────────────────────────────────
  /** Resolves the app and requires "manage app" permission, rendering Kintone-like refusals. */
  const managedApp = (res: Response, appId: unknown): KApp | undefined => {
    const app = appFor(appId);
    const user = res.locals.user as User;
    if (!app) {
      res
        .status(404)
        .type('html')
        .send(errorPage({ user }, 'App not found', 'The app does not exist or has been deleted.'));
      return undefined;
    }
    if (!canManage(user, app)) {
      res
        .status(403)
        .type('html')
        .send(errorPage({ user }, 'No permission', 'You do not have permission to manage this app.'));
      return undefined;
    }
    return app;
  };

  const listPage = (req: Request, res: Response, app: KApp, n: Notice = {}, status = 200) =>
    res
      .status(status)
      .type('html')
      .send(appPluginListPage(base(req, res), app, n));

  // setConfig without a callback goes to ../../flow?app=<id> from /k/admin/app/<id>/plugin/config.
  router.get('/k/admin/app/flow', signIn, (req, res) => {
    const q = flowQuery.safeParse(req.query);
    if (!q.success) {
      res
        .status(400)
        .type('html')
        .send(errorPage({ user: res.locals.user as User }, 'Bad request', 'Specify the app: ?app=<id>.'));
      return;
    }
    const app = managedApp(res, q.data.app);
    if (app) listPage(req, res, app);
  });
  router.get('/k/admin/app/:appId/plugin/', signIn, (req, res) => {
    const app = managedApp(res, req.params.appId);
    if (app) listPage(req, res, app);
  });
  router.post(
    '/k/admin/app/:appId/plugin/add',
    signIn,
    sameOriginForm,
    express.urlencoded({ extended: false, limit: '16kb' }),
    (req, res) => {
      const app = managedApp(res, req.params.appId);
      if (!app) return;
      const body = addBody.safeParse(req.body);
      if (!body.success) return listPage(req, res, app, { error: 'Choose a plug-in to add.' }, 400);
      try {
        addPluginToApp(tenant, app, body.data.id);
      } catch (error) {
        if (error instanceof PluginStateError)
          return listPage(req, res, app, { error: error.message }, error.status);
        throw error;
      }
      res.redirect(303, `/k/admin/app/flow?app=${app.appId}`);
    },
  );
  router.post(
    '/k/admin/app/:appId/plugin/remove',
    signIn,
    sameOriginForm,
    express.urlencoded({ extended: false, limit: '16kb' }),
    (req, res) => {
      const app = managedApp(res, req.params.appId);
      if (!app) return;
      const body = addBody.safeParse(req.body);
      if (body.success) delete app.plugins[body.data.id];
      res.redirect(303, `/k/admin/app/flow?app=${app.appId}`);
    },
  );

  router.get('/k/admin/app/:appId/plugin/config', signIn, (req, res) => {
    const app = managedApp(res, req.params.appId);
    if (!app) return;
    const q = configPageQuery.safeParse(req.query);
    const plugin = q.success ? tenant.state.plugins.find((p) => p.id === q.data.pluginId) : undefined;
    if (!plugin || !app.plugins[plugin.id]) {
      listPage(req, res, app, { error: 'The plug-in has not been added to this app.' }, 404);
      return;
    }
    const configSection = plugin.manifest.config as { html?: string } | undefined;
    const htmlFile = configSection?.html ? plugin.files[configSection.html] : undefined;
    if (!htmlFile) {
      listPage(req, res, app, { error: 'This plug-in has no settings page.' }, 404);
      return;
    }
    res
      .type('html')
      .send(pluginConfigPage(base(req, res), app, plugin, Buffer.from(htmlFile, 'base64').toString('utf8')));
  });

  // ── Endpoints behind kintone.plugin.app.* ────────────────────────────────────────────────────────────
  /** The app of a JSON call, with the permission the call needs; answers Kintone-style errors otherwise. */
  const apiApp = (res: Response, appId: unknown, need: 'view' | 'manage'): KApp | undefined => {
    const app = appFor(appId);
    const user = res.locals.user as User;
    if (!app || !canView(user, app)) {
      // Kintone does not tell users apart from missing apps they cannot see.
      kintoneError(
        res,
        app ? 403 : 404,
        app ? 'CB_NO02' : 'GAIA_AP01',
        app ? 'No privilege to proceed.' : 'The app (or the specified ID) was not found.',
      );
      return undefined;
    }
    if (need === 'manage' && !canManage(user, app)) {
      kintoneError(
        res,
        403,
        'CB_NO02',
        'No privilege to proceed: only app administrators can change plug-in settings.',
      );
      return undefined;
    }
    return app;
  };

  router.get('/k/api/plugin/app/config.json', apiUser, (req, res) => {
    const q = configQuery.safeParse(req.query);
    if (!q.success) return kintoneError(res, 400, 'CB_VA01', zodMessage(q.error));
    const app = apiApp(res, q.data.app, 'view');
    if (!app) return;
    const settings = app.plugins[q.data.pluginId];
    res.json({ config: settings ? settings.config : null });
  });

  router.post('/k/api/plugin/app/config.json', apiUser, json, sameSiteWrite, (req, res) => {
    const body = configBody.safeParse(req.body);
    if (!body.success) return kintoneError(res, 400, 'CB_VA01', zodMessage(body.error));
    const app = apiApp(res, body.data.app, 'manage');
    if (!app) return;
    try {
      saveConfig(app, body.data.pluginId, body.data.config);
    } catch (error) {
      if (error instanceof PluginStateError)
        return kintoneError(res, error.status, error.code, error.message);
      throw error;
    }
    res.json({});
  });

  router.post('/k/api/plugin/app/proxy/config.json', apiUser, json, sameSiteWrite, (req, res) => {
    const body = proxyConfigBody.safeParse(req.body);
    if (!body.success) return kintoneError(res, 400, 'CB_VA01', zodMessage(body.error));
    const app = apiApp(res, body.data.app, 'manage');
    if (!app) return;
    const entry = {
      url: body.data.url,
      method: body.data.method,
      headers: body.data.headers,
      data: body.data.data,
    };
    try {
      saveProxyConfig(app, body.data.pluginId, entry);
    } catch (error) {
      if (error instanceof PluginStateError)
        return kintoneError(res, error.status, error.code, error.message);
      throw error;
    }
    res.json({ entry });
  });

  router.post(
    '/k/api/plugin/proxy.json',
    apiUser,
    express.json({ limit: '5mb' }),
    sameSiteWrite,
    async (req, res) => {
      const body = proxyBody.safeParse(req.body);
      if (!body.success) return kintoneError(res, 400, 'CB_VA01', zodMessage(body.error));
      let saved: ReturnType<typeof findProxyConfig>;
      if (body.data.pluginId) {
        // kintone.plugin.app.proxy: only this plug-in's entries saved in the page's app apply.
        const app = apiApp(res, body.data.app, 'view');
        if (!app) return;
        const settings = app.plugins[body.data.pluginId];
        if (!settings)
          return kintoneError(res, 400, 'CB_VA01', 'The plug-in has not been added to this app.');
        saved = findProxyConfig(settings.proxy, body.data.method, body.data.url, matchRule);
      }
      const outgoing = buildProxyRequest(
        { url: body.data.url, method: body.data.method, headers: body.data.headers, data: body.data.data },
        saved,
      );
      res.json(await forwardProxyRequest(outgoing, options.forward));
    },
  );

  // ── Portal and app pages ─────────────────────────────────────────────────────────────────────────────
  router.get('/k/', signIn, (req, res) => {
    const user = res.locals.user as User;
    res.type('html').send(
      portalPage(
        base(req, res),
        tenant.state.apps.filter((a) => canView(user, a)),
      ),
    );
  });

  /** Paths under /k/ that are not app IDs (e.g. /k/v1/, /k/admin/) are left to other routes. */
  const onlyAppIds = (req: Request, _res: Response, next: NextFunction) => {
    next(appIdParam.safeParse(req.params.appId).success ? undefined : 'route');
  };

  /** The app of a page, or a Kintone-like refusal. */
  const viewedApp = (req: Request, res: Response): KApp | undefined => {
    const user = res.locals.user as User;
    const app = tenant.app(String(req.params.appId));
    if (!app || !canView(user, app)) {
      res
        .status(app ? 403 : 404)
        .type('html')
        .send(
          app
            ? errorPage({ user }, 'No permission', 'You do not have permission to view this app.')
            : errorPage({ user }, 'App not found', 'The app does not exist or has been deleted.'),
        );
      return undefined;
    }
    return app;
  };

  const listRecords = (app: KApp) =>
    [...app.records]
      .sort((a, b) => b.id - a.id)
      .slice(0, 100)
      .map((record) => ({ record, rest: formatRecord(tenant, app, record) }));

  const detail = (mobile: boolean) => (req: Request, res: Response) => {
    const app = viewedApp(req, res);
    if (!app) return;
    const q = recordQuery.safeParse(req.query);
    if (!q.success || !q.data.record) {
      if (mobile) {
        res
          .status(400)
          .type('html')
          .send(
            errorPage({ user: res.locals.user as User }, 'Bad request', 'Specify the record: ?record=<id>.'),
          );
      } else {
        res.type('html').send(hashRedirectPage());
      }
      return;
    }
    const record = app.records.find((r) => r.id === Number(q.data.record));
    if (!record) {
      res
        .status(404)
        .type('html')
        .send(
          errorPage(
            { user: res.locals.user as User },
            'Record not found',
            'The record does not exist or has been deleted.',
          ),
        );
      return;
    }
    res
      .type('html')
      .send(recordDetailPage(base(req, res), app, record, formatRecord(tenant, app, record), mobile));
  };

  router.get('/k/m/:appId/show', onlyAppIds, signIn, detail(true));
  router.get('/k/m/:appId/', onlyAppIds, signIn, (req, res) => {
    const app = viewedApp(req, res);
    if (app) res.type('html').send(recordListPage(base(req, res), app, listRecords(app), true));
  });
  router.get('/k/:appId/show', onlyAppIds, signIn, detail(false));
  router.get('/k/:appId/', onlyAppIds, signIn, (req, res) => {
    const app = viewedApp(req, res);
    if (app) res.type('html').send(recordListPage(base(req, res), app, listRecords(app)));
  });

  return router;
}
