import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { SimContext } from '../app.js';
import { injectedLatency, takeFault } from '../faults/faults.js';
import { parseMultipart } from '../http/multipart.js';
import type { KintoneScope, Language } from '../tenant/model.js';
import { Tenant } from '../tenant/tenant.js';
import { formatApp, formatFieldProperties, formatLayout, SETTINGS_REVISION } from './app-settings.js';
import { authenticate, type Caller, requireApp, requireScope } from './auth.js';
import { concurrencyLimiter, TOO_MANY_REQUESTS_CODE } from './concurrency.js';
import { err, fieldError, KintoneError, traceId } from './errors.js';
import {
  addComment,
  addRecord,
  addRecords,
  attachmentOwner,
  getRecord,
  getRecords,
  updateRecord,
  updateRecords,
} from './operations.js';
import { appRights } from './records.js';
import {
  addCommentBody,
  addRecordBody,
  addRecordsBody,
  appIdParams,
  fileKeyParams,
  formParams,
  getAppsParams,
  getRecordParams,
  getRecordsParams,
  parseOrThrow,
  updateRecordBody,
  updateRecordsBody,
} from './schemas.js';

/** Largest upload the sim keeps in memory (Kintone allows 1 GB; the sim is for tests and demos). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** Codes for injected faults that do not name one, so clients see a Kintone-shaped error. */
function faultCode(status: number): string {
  if (status === 429) return TOO_MANY_REQUESTS_CODE;
  if (status === 401) return 'CB_OA01';
  if (status === 403) return 'CB_NO02';
  if (status === 404) return 'GAIA_RE01';
  if (status === 409) return 'GAIA_CO02';
  if (status === 400) return 'CB_VA01';
  return 'CB_UN01';
}

/**
 * The parameters of a GET: the query string, with `name[]` / `name[0]` keys (what qs, used by the
 * rest-api-client, writes) gathered into arrays; or the JSON body of a POST sent with
 * `X-HTTP-Method-Override: GET` (how the client sends a GET whose URL would be too long).
 */
function getParams(req: Request, res: Response): Record<string, unknown> {
  if (res.locals.methodOverride) return (req.body as Record<string, unknown>) ?? {};
  const out: Record<string, unknown> = {};
  const search = new URL(req.originalUrl, 'http://sim.invalid').searchParams;
  for (const [rawKey, value] of search) {
    const m = /^([^[\]]+)\[(\d*)\]$/.exec(rawKey);
    const key = m ? m[1]! : rawKey;
    const existing = out[key];
    if (m) out[key] = Array.isArray(existing) ? [...existing, value] : [value];
    else if (existing === undefined) out[key] = value;
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

type Handler = (caller: Caller, req: Request, res: Response) => unknown | Promise<unknown>;

/**
 * The REST API subset under /k/v1 (and /k/guest/{spaceId}/v1, which the sim answers with CB_NO02: it
 * has no guest spaces). Every call counts against the concurrency limit, waits the injected latency,
 * may take an injected fault, then authenticates (OAuth bearer or browser session), checks the scope and
 * the user's own app permissions.
 */
export function restRoutes(ctx: SimContext): Router {
  const router = Router();
  const api = Router();
  const limiter = concurrencyLimiter(() => ctx.config.concurrencyLimit);

  const langOf = (res: Response): Language =>
    (res.locals.caller as Caller | undefined)?.user.language ?? 'en';
  const sendError = (res: Response, e: KintoneError) => {
    if (!res.headersSent) res.status(e.status).json(e.body(langOf(res)));
  };

  const route = (method: 'get' | 'post' | 'put', path: string, scope: KintoneScope, handler: Handler) => {
    api[method](path, async (req, res) => {
      try {
        const caller = authenticate(ctx, req);
        res.locals.caller = caller;
        requireScope(caller, scope);
        // No guest spaces exist in the sim, so no user is a member of one.
        if (req.baseUrl.startsWith('/k/guest/')) throw err.noPrivilege();
        const body = await handler(caller, req, res);
        if (body !== undefined && !res.headersSent) res.json(body);
      } catch (e) {
        if (e instanceof KintoneError) sendError(res, e);
        else throw e;
      }
    });
  };

  api.use(async (_req, res, next) => {
    await injectedLatency(ctx.tenant);
    const fault = takeFault(ctx.tenant, 'rest');
    if (fault) {
      res.status(fault.status).json({
        code: fault.code ?? faultCode(fault.status),
        id: traceId(),
        message: fault.message ?? `Injected fault (HTTP ${fault.status}).`,
      });
      return;
    }
    next();
  });
  api.use(express.json({ limit: '20mb' }));
  api.use((req, res, next) => {
    // A long GET arrives as a POST with this header (rest-api-client does this beyond 4 KB of URL).
    if (
      req.method === 'POST' &&
      String(req.headers['x-http-method-override'] ?? '').toUpperCase() === 'GET'
    ) {
      req.method = 'GET';
      res.locals.methodOverride = true;
    }
    next();
  });

  // ----- apps and form settings (k:app_settings:read)

  route('get', '/apps.json', 'k:app_settings:read', (caller, req, res) => {
    const p = parseOrThrow(getAppsParams, getParams(req, res));
    const name = p.name?.toLowerCase();
    const apps = ctx.tenant.state.apps
      .filter((a) => appRights(caller.user, a).view)
      .filter((a) => !p.ids?.length || p.ids.includes(a.appId))
      .filter((a) => !p.codes?.length || p.codes.includes(a.code))
      .filter((a) => !name || a.name.toLowerCase().includes(name))
      // Every sim app lives outside spaces, so filtering by space finds nothing.
      .filter(() => !p.spaceIds?.length)
      .sort((a, b) => Number(a.appId) - Number(b.appId))
      .slice(p.offset, p.offset + p.limit);
    return { apps: apps.map(formatApp) };
  });

  route('get', '/app.json', 'k:app_settings:read', (caller, req, res) => {
    const p = parseOrThrow(appIdParams, getParams(req, res));
    return formatApp(requireApp(ctx, caller, p.id, 'view'));
  });

  route('get', '/app/form/fields.json', 'k:app_settings:read', (caller, req, res) => {
    const p = parseOrThrow(formParams, getParams(req, res));
    const app = requireApp(ctx, caller, p.app, 'view');
    return { properties: formatFieldProperties(app), revision: SETTINGS_REVISION };
  });

  route('get', '/app/form/layout.json', 'k:app_settings:read', (caller, req, res) => {
    const p = parseOrThrow(formParams, getParams(req, res));
    const app = requireApp(ctx, caller, p.app, 'view');
    return { layout: formatLayout(app), revision: SETTINGS_REVISION };
  });

  // ----- records (k:app_record:read / write)

  route('get', '/record.json', 'k:app_record:read', (caller, req, res) =>
    getRecord(ctx, caller, parseOrThrow(getRecordParams, getParams(req, res))),
  );
  route('post', '/record.json', 'k:app_record:write', (caller, req) =>
    addRecord(ctx, caller, parseOrThrow(addRecordBody, req.body)),
  );
  route('put', '/record.json', 'k:app_record:write', (caller, req) =>
    updateRecord(ctx, caller, parseOrThrow(updateRecordBody, req.body)),
  );
  route('get', '/records.json', 'k:app_record:read', (caller, req, res) =>
    getRecords(ctx, caller, parseOrThrow(getRecordsParams, getParams(req, res))),
  );
  route('post', '/records.json', 'k:app_record:write', (caller, req) =>
    addRecords(ctx, caller, parseOrThrow(addRecordsBody, req.body)),
  );
  route('put', '/records.json', 'k:app_record:write', (caller, req) =>
    updateRecords(ctx, caller, parseOrThrow(updateRecordsBody, req.body)),
  );
  route('post', '/record/comment.json', 'k:app_record:write', (caller, req) =>
    addComment(ctx, caller, parseOrThrow(addCommentBody, req.body)),
  );

  // ----- files (k:file:write / read)

  route('post', '/file.json', 'k:file:write', async (_caller, req) => {
    const { name, contentType, data } = await readUpload(req);
    const fileKey = Tenant.secret(18);
    ctx.tenant.state.files.push({
      fileKey,
      name,
      contentType,
      data: data.toString('base64'),
      uploadedAt: ctx.tenant.now(),
      attached: false,
    });
    return { fileKey };
  });

  route('get', '/file.json', 'k:file:read', (caller, req, res) => {
    const { fileKey } = parseOrThrow(fileKeyParams, getParams(req, res));
    const file = ctx.tenant.state.files.find((f) => f.fileKey === fileKey);
    if (!file) throw err.fileNotFound(fileKey);
    // An attachment is visible to whoever may view its app's records.
    const owner = attachmentOwner(ctx, fileKey);
    if (owner && !appRights(caller.user, owner).view) throw err.noPrivilege();
    res
      .status(200)
      .type(file.contentType || 'application/octet-stream')
      .setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .send(Buffer.from(file.data, 'base64'));
    return undefined;
  });

  // Everything else under the API prefix: Kintone-shaped 404 instead of the pages' HTML.
  api.use((req, res) => {
    res.status(404).json({
      code: 'CB_NO01',
      id: traceId(),
      message: `The API (${req.method} ${req.baseUrl}${req.path}) is not available in kintone-sim.`,
    });
  });

  // Body parse failures and anything unexpected, as Kintone-shaped errors.
  api.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const type = (error as { type?: string }).type;
    if (type === 'entity.parse.failed') return sendError(res, err.invalidJson());
    if (type === 'entity.too.large')
      return sendError(
        res,
        new KintoneError(413, 'CB_VA01', {
          en: 'The request is too large.',
          ja: 'リクエストが大きすぎます。',
        }),
      );
    if (error instanceof KintoneError) return sendError(res, error);
    console.error('kintone-sim REST error', error);
    return sendError(
      res,
      new KintoneError(500, 'CB_UN01', {
        en: 'An unexpected error occurred.',
        ja: '予期しないエラーが発生しました。',
      }),
    );
  });

  router.use(['/k/v1', '/k/guest/:spaceId/v1'], limiter, api);
  return router;
}

/** Reads the one `file` part of a multipart upload (Kintone takes one file per call). */
async function readUpload(req: Request): Promise<{ name: string; contentType: string; data: Buffer }> {
  const missing = () => fieldError('file', 'Required. Send one file as the multipart form field "file".');
  if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) throw missing();
  const form = await parseMultipart(req, 'file', MAX_UPLOAD_BYTES).catch(() => {
    throw missing();
  });
  if (form.extraFiles) throw fieldError('file', 'Upload one file per call.');
  if (!form.file) throw missing();
  if (form.file.truncated) {
    throw fieldError('file', `The file is larger than the sim's limit of ${MAX_UPLOAD_BYTES} bytes.`);
  }
  return { name: form.file.name || 'file', contentType: form.file.contentType, data: form.file.bytes };
}
