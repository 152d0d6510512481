import express, { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { parseAllowedEntry } from '../access/access-control.js';
import type { SimContext } from '../app.js';
import { requireAdmin } from '../auth/sessions.js';
import { MultipartError, parseMultipart } from '../http/multipart.js';
import { html, page, type SafeHtml } from '../pages/html.js';
import type { OAuthClient, User } from '../tenant/model.js';
import {
  addClient,
  type ClientInput,
  deleteClient,
  endpoints,
  type FieldErrors,
  findClient,
  logoFromBytes,
  logoFromDataUrl,
  MAX_LOGO_BYTES,
  MAX_OAUTH_CLIENTS,
  setAllowedUsers,
  TOO_MANY_CLIENTS_MESSAGE,
  updateClient,
  validateClientInput,
} from './clients.js';
import { csrfToken, csrfValid } from './csrf.js';

/** Kintone allows up to 1,000 allowed-address entries on kintone.com (platform notes §1.13). */
const MAX_ACCESS_ENTRIES = 1000;
const EXPIRED_FORM_MESSAGE = 'This page has expired. Reload the page and try again.';

function adminPage(res: Response, title: string, body: SafeHtml, status = 200): void {
  const user = res.locals.user as User;
  res
    .status(status)
    .type('html')
    .send(page({ title: `${title} - Users & System Administration`, user, body }));
}

function breadcrumb(...items: [string, string?][]): SafeHtml {
  return html`<nav class="k-muted" aria-label="Breadcrumb"><a href="/admin/">Users &amp; System Administration</a>${items.map(
    ([label, href]) => html` › ${href ? html`<a href="${href}">${label}</a>` : label}`,
  )}</nav>`;
}

function errorBox(errors: string[]): SafeHtml {
  if (errors.length === 0) return html``;
  return html`<div class="k-error" role="alert">${errors.map((e) => html`<p>${e}</p>`)}</div>`;
}

// ---------- OAuth client pages ----------

function clientListPage(ctx: SimContext, res: Response, notice?: string): void {
  const clients = ctx.tenant.state.oauthClients;
  adminPage(
    res,
    'OAuth',
    html`${breadcrumb(['Integrations'], ['OAuth'])}
<h1>OAuth</h1>
${notice ? html`<p class="k-notice" role="status">${notice}</p>` : ''}
<p><a class="k-button k-button-primary" href="/admin/oauth/new">Add OAuth Client</a>
<span class="k-muted">${clients.length} of ${MAX_OAUTH_CLIENTS} clients</span></p>
${
  clients.length === 0
    ? html`<p class="k-muted">No OAuth clients have been added.</p>`
    : html`<table id="oauth-clients"><thead><tr><th>Client name</th><th>Client logo</th><th>Redirect endpoint</th><th>Allowed users</th><th></th></tr></thead><tbody>
${clients.map(
  (c) => html`<tr data-client-id="${c.clientId}">
<td><a href="/admin/oauth/${encodeURIComponent(c.clientId)}" title="Edit" aria-label="Edit ${c.name}">✎</a> ${c.name}</td>
<td>${c.logo ? html`<img src="${c.logo}" alt="" height="32">` : ''}</td>
<td><code>${c.redirectUri}</code></td>
<td>${c.allowedUsers.length}</td>
<td><a class="k-button" href="/admin/oauth/${encodeURIComponent(c.clientId)}/users">Configure users</a>
<a class="k-button k-button-danger" href="/admin/oauth/${encodeURIComponent(c.clientId)}/delete">Delete</a></td></tr>`,
)}</tbody></table>`
}`,
  );
}

function clientFormPage(
  ctx: SimContext,
  req: Request,
  res: Response,
  options: {
    client?: OAuthClient;
    values: ClientInput;
    errors: FieldErrors;
    general?: string[];
    status?: number;
  },
): void {
  const { client, values, errors } = options;
  const action = client ? `/admin/oauth/${encodeURIComponent(client.clientId)}` : '/admin/oauth';
  const title = client ? 'Edit OAuth Client' : 'Add OAuth Client';
  const fieldError = (message: string | undefined, id: string) =>
    message ? html`<p class="k-error" id="${id}">${message}</p>` : '';
  const e = endpoints(ctx);
  adminPage(
    res,
    title,
    html`${breadcrumb(['Integrations'], ['OAuth', '/admin/oauth'], [title])}
<h1>${title}</h1>
${errorBox([...(options.general ?? []), ...Object.values(errors)])}
${
  client
    ? html`<table id="client-details"><tbody>
<tr><th>Client ID</th><td><code id="client-id">${client.clientId}</code></td></tr>
<tr><th>Client secret</th><td><code id="client-secret">${client.clientSecret}</code></td></tr>
<tr><th>Authorization endpoint</th><td><code id="authorization-endpoint">${e.authorizationEndpoint}</code></td></tr>
<tr><th>Token endpoint</th><td><code id="token-endpoint">${e.tokenEndpoint}</code></td></tr>
</tbody></table>`
    : ''
}
<form method="post" action="${action}" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="${csrfToken(req)}">
<label for="name">Client name (required)</label>
<input type="text" id="name" name="name" value="${values.name}" required maxlength="100">
${fieldError(errors.name, 'name-error')}
<label for="logo">Client logo</label>
${client?.logo ? html`<p><img src="${client.logo}" alt="Current logo" height="48"> <label style="display:inline;font-weight:400"><input type="checkbox" name="removeLogo" value="1"> Remove the logo</label></p>` : ''}
<input type="file" id="logo" name="logo" accept="image/png,image/jpeg,image/gif">
<p class="k-muted">PNG, JPEG or GIF, up to 1 MB. Shown on the consent screen.</p>
${fieldError(errors.logo, 'logo-error')}
<label for="redirectUri">Redirect endpoint (required)</label>
<input type="url" id="redirectUri" name="redirectUri" value="${values.redirectUri}" required>
<p class="k-muted">https:// URL (http://localhost or http://127.0.0.1 for development).</p>
${fieldError(errors.redirectUri, 'redirect-error')}
<p><button class="k-button k-button-primary" type="submit">Save</button> <a class="k-button" href="/admin/oauth">Cancel</a></p>
</form>`,
    options.status ?? 200,
  );
}

/** Reads the client form (multipart, because of the logo) into input and field errors. */
async function readClientForm(
  req: Request,
  editing: boolean,
): Promise<{ csrf: unknown; input: ClientInput; errors: FieldErrors }> {
  const form = await parseMultipart(req, 'logo', MAX_LOGO_BYTES);
  const input: ClientInput = {
    name: (form.fields.name ?? '').trim(),
    redirectUri: (form.fields.redirectUri ?? '').trim(),
  };
  const errors = validateClientInput(input);
  if (form.file) {
    const logo = logoFromBytes(form.file.bytes, form.file.truncated);
    if ('error' in logo) errors.logo = logo.error;
    else input.logo = logo.logo;
  } else if (editing && form.fields.removeLogo === '1') {
    input.logo = null;
  }
  return { csrf: form.fields.csrf, input, errors };
}

function expiredForm(res: Response): void {
  adminPage(res, 'Error', html`<p class="k-error" role="alert">${EXPIRED_FORM_MESSAGE}</p>`, 403);
}

/**
 * Reads a submitted client form (new when `client` is undefined) and answers it when it cannot be used:
 * unreadable, expired CSRF token, or field errors shown on the form again. Returns the input otherwise.
 */
async function acceptClientForm(
  ctx: SimContext,
  req: Request,
  res: Response,
  client?: OAuthClient,
): Promise<ClientInput | undefined> {
  let read: Awaited<ReturnType<typeof readClientForm>>;
  try {
    read = await readClientForm(req, client !== undefined);
  } catch (error) {
    if (!(error instanceof MultipartError)) throw error;
    res.status(400).type('text/plain').send('The form could not be read. Submit it again.');
    return undefined;
  }
  if (!csrfValid(req, read.csrf)) {
    expiredForm(res);
    return undefined;
  }
  if (Object.keys(read.errors).length > 0) {
    clientFormPage(ctx, req, res, {
      ...(client ? { client } : {}),
      values: read.input,
      errors: read.errors,
      status: 400,
    });
    return undefined;
  }
  return read.input;
}

// ---------- Access control page ----------

/** Splits the textarea (lines, commas or spaces) into entries and names the bad ones. */
export function parseAllowedList(text: string): { allowed: string[]; invalid: string[] } {
  const entries = text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const allowed = [...new Set(entries)];
  return { allowed, invalid: allowed.filter((e) => parseAllowedEntry(e) === undefined) };
}

function accessErrors(enabled: boolean, allowed: string[], invalid: string[]): string[] {
  const errors: string[] = [];
  if (invalid.length > 0)
    errors.push(`These entries are not valid IPv4 addresses or CIDR ranges: ${invalid.join(', ')}`);
  if (allowed.length > MAX_ACCESS_ENTRIES)
    errors.push(`You can enter up to ${MAX_ACCESS_ENTRIES} IP addresses or ranges.`);
  if (enabled && allowed.length === 0)
    errors.push('Enter at least one IP address or range to allow before turning the restriction on.');
  return errors;
}

function accessPage(
  req: Request,
  res: Response,
  values: { enabled: boolean; text: string },
  errors: string[],
  notice?: string,
): void {
  adminPage(
    res,
    'Access control',
    html`${breadcrumb(['Security'], ['Access control'])}
<h1>Access control</h1>
${notice ? html`<p class="k-notice" role="status">${notice}</p>` : ''}
${errorBox(errors)}
<form method="post" action="/admin/security/access">
<input type="hidden" name="csrf" value="${csrfToken(req)}">
<h2>IP address restriction</h2>
<label style="font-weight:400"><input type="radio" name="enabled" value="0" ${values.enabled ? '' : 'checked'}> Do not restrict</label>
<label style="font-weight:400"><input type="radio" name="enabled" value="1" ${values.enabled ? 'checked' : ''}> Allow specific IP addresses</label>
<label for="allowed">Allowed IP addresses (IPv4 addresses or CIDR ranges, one per line)</label>
<textarea id="allowed" name="allowed" rows="8">${values.text}</textarea>
<p class="k-muted">Requests from other addresses — browsers, the OAuth token endpoint and the REST API — get "Access Forbidden.".</p>
<p><button class="k-button k-button-primary" type="submit">Save</button></p>
</form>`,
    errors.length > 0 ? 400 : 200,
  );
}

// ---------- JSON admin API for tests ----------

const clientBody = z.object({
  name: z.string().trim().min(1, 'Client name is required.').max(100),
  redirectUri: z.string().trim(),
  logo: z.string().optional(),
  /** Optional shortcut: users to tick straight away. */
  users: z.array(z.string()).optional(),
});
const usersBody = z.object({ users: z.array(z.string()) });
const accessBody = z.object({ enabled: z.boolean(), allowed: z.array(z.string()) });

function badRequest(res: Response, errors: Record<string, string>): void {
  res.status(400).json({ message: 'Invalid request body', errors });
}

function zodErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[issue.path.join('.') || 'body'] ??= issue.message;
  return out;
}

function unknownUsers(ctx: SimContext, users: string[]): string[] {
  return users.filter((u) => !ctx.tenant.userByCode(u));
}

function clientJson(ctx: SimContext, c: OAuthClient) {
  return {
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    name: c.name,
    redirectUri: c.redirectUri,
    logo: c.logo ?? null,
    allowedUsers: c.allowedUsers,
    createdAt: c.createdAt,
    ...endpoints(ctx),
  };
}

/**
 * Users & System Administration (cybozu.com administrators only): Integrations → OAuth and Security →
 * Access control, server-rendered. Plus a JSON admin API for tests under /_sim/ (no sign-in; the sim is
 * a local test double):
 *   GET  /_sim/oauth/clients                 → list, with secrets and endpoints
 *   POST /_sim/oauth/clients {name, redirectUri, logo?: data: URL, users?: string[]} → 201 client
 *   PUT  /_sim/oauth/clients/:id/users {users: string[]}  (the ticked user codes)
 *   DELETE /_sim/oauth/clients/:id          → 204 (tokens retired)
 *   GET/PUT /_sim/access {enabled, allowed: string[]}
 *   GET  /_sim/oauth/tokens                  → live token counts per client and user
 */
export function adminRoutes(ctx: SimContext): Router {
  const router = Router();
  const admin = requireAdmin(ctx.sessions, ctx.tenant);
  const form = express.urlencoded({ extended: false, limit: '256kb' });
  const json = express.json({ limit: '4mb' });

  router.get(['/admin', '/admin/'], admin, (_req, res) => {
    adminPage(
      res,
      'Users & System Administration',
      html`<h1>Users &amp; System Administration</h1>
<h2>Integrations</h2>
<ul><li><a href="/admin/oauth">OAuth</a> <span class="k-muted">— add OAuth clients and choose who may use them</span></li></ul>
<h2>Security</h2>
<ul><li><a href="/admin/security/access">Access control</a> <span class="k-muted">— IP address restriction</span></li></ul>`,
    );
  });

  router.get('/admin/oauth', admin, (req, res) => {
    const notices: Record<string, string> = {
      added: 'The OAuth client has been added. Click "Configure users" to choose who may use it.',
      saved: 'The OAuth client has been saved.',
      users: 'The allowed users have been saved.',
      deleted: 'The OAuth client has been deleted.',
    };
    const key = typeof req.query.done === 'string' ? req.query.done : '';
    clientListPage(ctx, res, notices[key]);
  });

  router.get('/admin/oauth/new', admin, (req, res) => {
    const full = ctx.tenant.state.oauthClients.length >= MAX_OAUTH_CLIENTS;
    clientFormPage(ctx, req, res, {
      values: { name: '', redirectUri: '' },
      errors: {},
      general: full ? [TOO_MANY_CLIENTS_MESSAGE] : [],
    });
  });

  router.post('/admin/oauth', admin, async (req, res) => {
    const input = await acceptClientForm(ctx, req, res);
    if (!input) return;
    const added = addClient(ctx, input);
    if ('error' in added) {
      clientFormPage(ctx, req, res, { values: input, errors: {}, general: [added.error], status: 400 });
      return;
    }
    res.redirect(303, '/admin/oauth?done=added');
  });

  router.get('/admin/oauth/:id', admin, (req, res, next) => {
    const client = findClient(ctx, String(req.params.id));
    if (!client) {
      next();
      return;
    }
    clientFormPage(ctx, req, res, { client, values: client, errors: {} });
  });

  router.post('/admin/oauth/:id', admin, async (req, res, next) => {
    const client = findClient(ctx, String(req.params.id));
    if (!client) {
      req.resume();
      next();
      return;
    }
    const input = await acceptClientForm(ctx, req, res, client);
    if (!input) return;
    updateClient(client, input);
    res.redirect(303, '/admin/oauth?done=saved');
  });

  router.get('/admin/oauth/:id/users', admin, (req, res, next) => {
    const client = findClient(ctx, String(req.params.id));
    if (!client) {
      next();
      return;
    }
    adminPage(
      res,
      'Configure users',
      html`${breadcrumb(['Integrations'], ['OAuth', '/admin/oauth'], ['Configure users'])}
<h1>Configure users</h1>
<p>Users who may use <strong>${client.name}</strong>:</p>
<form method="post" action="/admin/oauth/${encodeURIComponent(client.clientId)}/users">
<input type="hidden" name="csrf" value="${csrfToken(req)}">
<table id="allowed-users"><thead><tr><th></th><th>Display name</th><th>Login name</th></tr></thead><tbody>
${ctx.tenant.state.users.map(
  (
    u,
  ) => html`<tr><td><input type="checkbox" id="user-${u.code}" name="users" value="${u.code}" ${client.allowedUsers.includes(u.code) ? 'checked' : ''}></td>
<td><label for="user-${u.code}" style="margin:0;font-weight:400">${u.name}</label></td><td>${u.code}</td></tr>`,
)}
</tbody></table>
<p><button class="k-button k-button-primary" type="submit">Save</button> <a class="k-button" href="/admin/oauth">Cancel</a></p>
</form>`,
    );
  });

  router.post('/admin/oauth/:id/users', admin, form, (req, res, next) => {
    const client = findClient(ctx, String(req.params.id));
    if (!client) {
      next();
      return;
    }
    const body = z
      .object({ csrf: z.string().optional(), users: z.union([z.string(), z.array(z.string())]).optional() })
      .safeParse(req.body ?? {});
    if (!body.success || !csrfValid(req, body.data.csrf)) {
      expiredForm(res);
      return;
    }
    const raw = body.data.users;
    const users = (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]).filter((u) =>
      ctx.tenant.userByCode(u),
    );
    setAllowedUsers(ctx, client, users);
    res.redirect(303, '/admin/oauth?done=users');
  });

  router.get('/admin/oauth/:id/delete', admin, (req, res, next) => {
    const client = findClient(ctx, String(req.params.id));
    if (!client) {
      next();
      return;
    }
    adminPage(
      res,
      'Delete OAuth Client',
      html`${breadcrumb(['Integrations'], ['OAuth', '/admin/oauth'], ['Delete'])}
<h1>Delete OAuth Client</h1>
<p>Delete the OAuth client <strong>${client.name}</strong>? Every user who authorized it loses access at once.</p>
<form method="post" action="/admin/oauth/${encodeURIComponent(client.clientId)}/delete">
<input type="hidden" name="csrf" value="${csrfToken(req)}">
<p><button class="k-button k-button-primary" type="submit">Delete</button> <a class="k-button" href="/admin/oauth">Cancel</a></p>
</form>`,
    );
  });

  router.post('/admin/oauth/:id/delete', admin, form, (req, res, next) => {
    const client = findClient(ctx, String(req.params.id));
    if (!client) {
      next();
      return;
    }
    const body = z.object({ csrf: z.string().optional() }).safeParse(req.body ?? {});
    if (!body.success || !csrfValid(req, body.data.csrf)) {
      expiredForm(res);
      return;
    }
    deleteClient(ctx, client.clientId);
    res.redirect(303, '/admin/oauth?done=deleted');
  });

  router.get('/admin/security/access', admin, (req, res) => {
    const r = ctx.tenant.state.ipRestriction;
    accessPage(req, res, { enabled: r.enabled, text: r.allowed.join('\n') }, []);
  });

  router.post('/admin/security/access', admin, form, (req, res) => {
    const body = z
      .object({ csrf: z.string().optional(), enabled: z.string().optional(), allowed: z.string().optional() })
      .safeParse(req.body ?? {});
    if (!body.success || !csrfValid(req, body.data.csrf)) {
      expiredForm(res);
      return;
    }
    const enabled = body.data.enabled === '1';
    const text = body.data.allowed ?? '';
    const { allowed, invalid } = parseAllowedList(text);
    const errors = accessErrors(enabled, allowed, invalid);
    if (errors.length > 0) {
      accessPage(req, res, { enabled, text }, errors);
      return;
    }
    ctx.tenant.state.ipRestriction = { enabled, allowed };
    accessPage(req, res, { enabled, text: allowed.join('\n') }, [], 'The settings have been saved.');
  });

  // ----- JSON admin API for tests -----
  router.get('/_sim/oauth/clients', (_req, res) => {
    res.json({ clients: ctx.tenant.state.oauthClients.map((c) => clientJson(ctx, c)) });
  });

  router.post('/_sim/oauth/clients', json, (req, res) => {
    const parsed = clientBody.safeParse(req.body);
    if (!parsed.success) {
      badRequest(res, zodErrors(parsed.error));
      return;
    }
    const { name, redirectUri, logo, users } = parsed.data;
    const input: ClientInput = { name, redirectUri };
    const errors: Record<string, string> = { ...validateClientInput(input) };
    if (logo !== undefined) {
      const checked = logoFromDataUrl(logo);
      if ('error' in checked) errors.logo = checked.error;
      else input.logo = checked.logo;
    }
    const unknown = unknownUsers(ctx, users ?? []);
    if (unknown.length > 0) errors.users = `Unknown users: ${unknown.join(', ')}`;
    if (Object.keys(errors).length > 0) {
      badRequest(res, errors);
      return;
    }
    const added = addClient(ctx, input);
    if ('error' in added) {
      res.status(409).json({ message: added.error });
      return;
    }
    if (users) setAllowedUsers(ctx, added.client, users);
    res.status(201).json(clientJson(ctx, added.client));
  });

  router.put('/_sim/oauth/clients/:id/users', json, (req, res) => {
    const client = findClient(ctx, String(req.params.id));
    if (!client) {
      res.status(404).json({ message: 'No such OAuth client' });
      return;
    }
    const parsed = usersBody.safeParse(req.body);
    if (!parsed.success) {
      badRequest(res, zodErrors(parsed.error));
      return;
    }
    const unknown = unknownUsers(ctx, parsed.data.users);
    if (unknown.length > 0) {
      badRequest(res, { users: `Unknown users: ${unknown.join(', ')}` });
      return;
    }
    setAllowedUsers(ctx, client, parsed.data.users);
    res.json(clientJson(ctx, client));
  });

  router.delete('/_sim/oauth/clients/:id', (req, res) => {
    if (!deleteClient(ctx, String(req.params.id))) {
      res.status(404).json({ message: 'No such OAuth client' });
      return;
    }
    res.status(204).end();
  });

  router.get('/_sim/access', (_req, res) => {
    res.json(ctx.tenant.state.ipRestriction);
  });

  router.put('/_sim/access', json, (req, res) => {
    const parsed = accessBody.safeParse(req.body);
    if (!parsed.success) {
      badRequest(res, zodErrors(parsed.error));
      return;
    }
    const allowed = [...new Set(parsed.data.allowed.map((a) => a.trim()))];
    const invalid = allowed.filter((e) => parseAllowedEntry(e) === undefined);
    if (invalid.length > 0) {
      badRequest(res, { allowed: `Not valid IPv4 addresses or CIDR ranges: ${invalid.join(', ')}` });
      return;
    }
    // Unlike the page, an empty list with the restriction on is accepted: tests use it to block all.
    ctx.tenant.state.ipRestriction = { enabled: parsed.data.enabled, allowed };
    res.json(ctx.tenant.state.ipRestriction);
  });

  router.get('/_sim/oauth/tokens', (_req, res) => {
    const now = ctx.tenant.now();
    const rows = new Map<
      string,
      { clientId: string; userCode: string; refreshTokens: number; accessTokens: number }
    >();
    const row = (clientId: string, userCode: string) => {
      const key = `${clientId}\n${userCode}`;
      let r = rows.get(key);
      if (!r) {
        r = { clientId, userCode, refreshTokens: 0, accessTokens: 0 };
        rows.set(key, r);
      }
      return r;
    };
    for (const t of ctx.tenant.state.refreshTokens) row(t.clientId, t.userCode).refreshTokens += 1;
    for (const t of ctx.tenant.state.accessTokens)
      if (t.expiresAt > now) row(t.clientId, t.userCode).accessTokens += 1;
    res.json({ tokens: [...rows.values()] });
  });

  return router;
}
