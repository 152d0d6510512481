import { html, page, SafeHtml } from '../pages/html.js';
import type { InstalledPlugin, KApp, KRecord, LayoutField, User } from '../tenant/model.js';
import type { Tenant } from '../tenant/tenant.js';
import type { PageContext } from './kintone-global.js';
import { fieldText } from './record-format.js';
import { pluginName } from './store.js';

/**
 * The Kintone pages that host plug-ins: portal, record list and detail (desktop and mobile), the app's
 * plug-in list and a plug-in's settings page, plus Users & System Administration → Plug-ins. Record data is
 * always rendered as escaped text through `html`; only an installed plug-in's own config.html is inserted
 * as markup, as Kintone does (an administrator chose to install it).
 */

/** JSON for an inline <script>: `<`, `>`, `&` and the JS line separators cannot end the script or break it. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function loginUserOf(user: User): Record<string, unknown> {
  // Every field kintone.getLoginUser() documents (notes §5.4); the sim has no phone numbers or guests.
  return {
    id: user.id,
    code: user.code,
    name: user.name,
    email: user.email,
    url: '',
    employeeNumber: '',
    phone: '',
    mobilePhone: '',
    extensionNumber: '',
    timezone: user.timezone,
    isGuest: false,
    language: user.language,
  };
}

/** A plug-in file's URL: relative manifest paths are served by the sim; https URLs load as they are. */
export function pluginFileUrl(pluginId: string, file: string): string {
  if (/^https?:\/\//i.test(file)) return file;
  return `/k/plugin/${encodeURIComponent(pluginId)}/files/${file.split('/').map(encodeURIComponent).join('/')}`;
}

function manifestList(
  plugin: InstalledPlugin,
  area: 'desktop' | 'mobile' | 'config',
  kind: 'js' | 'css',
): string[] {
  const section = plugin.manifest[area] as Record<string, unknown> | undefined;
  const list = section?.[kind];
  return Array.isArray(list) ? list.filter((f): f is string => typeof f === 'string') : [];
}

/** Each plug-in's scripts, each preceded by the line that gives it its kintone.$PLUGIN_ID. */
function pluginScripts(plugins: InstalledPlugin[], area: 'desktop' | 'mobile' | 'config'): SafeHtml {
  return html`${plugins.map((p) =>
    manifestList(p, area, 'js').map(
      (file) =>
        html`<script>kintone.$PLUGIN_ID=${new SafeHtml(scriptJson(p.id))};</script><script src="${pluginFileUrl(p.id, file)}"></script>
`,
    ),
  )}`;
}

function pluginStyles(plugins: InstalledPlugin[], area: 'desktop' | 'mobile' | 'config'): SafeHtml {
  return html`${plugins.map((p) =>
    manifestList(p, area, 'css').map(
      (file) => html`<link rel="stylesheet" href="${pluginFileUrl(p.id, file)}">`,
    ),
  )}`;
}

function bootstrap(context: PageContext): SafeHtml {
  return html`<script>window.__KINTONE_SIM__=${new SafeHtml(scriptJson(context))};</script>
<script src="/k/static/kintone.js"></script>
`;
}

const fire = new SafeHtml('<script>kintone.__simFire();</script>');

const simStyles = new SafeHtml(`<style>
  .k-row{display:flex;flex-wrap:wrap;gap:16px;margin:0 0 12px}
  .k-field{min-width:180px;flex:1} .k-field-label{font-size:12px;color:#777;margin-bottom:4px}
  .k-field-value{white-space:pre-wrap;word-break:break-word;min-height:1.4em}
  .k-space{min-height:8px} .k-toolbar{display:flex;align-items:center;gap:12px;margin-bottom:12px}
  .k-header-menu-space{display:flex;gap:8px}
</style>`);

export interface PageBase {
  tenant: Tenant;
  user: User;
  publicUrl: string;
  requestToken: string;
}

/** The app's plug-ins that are still installed, in the order they were added. */
export function appPlugins(tenant: Tenant, app: KApp): InstalledPlugin[] {
  return Object.keys(app.plugins)
    .map((id) => tenant.state.plugins.find((p) => p.id === id))
    .filter((p): p is InstalledPlugin => p !== undefined);
}

function configsOf(app: KApp): Record<string, Record<string, string>> {
  return Object.fromEntries(Object.entries(app.plugins).map(([id, s]) => [id, { ...s.config }]));
}

function context(base: PageBase, extra: Partial<PageContext> & Pick<PageContext, 'page'>): PageContext {
  return {
    publicUrl: base.publicUrl,
    appId: null,
    recordId: null,
    loginUser: loginUserOf(base.user),
    requestToken: base.requestToken,
    pluginConfigs: {},
    ...extra,
  };
}

export function portalPage(base: PageBase, apps: KApp[]): string {
  return page({
    title: 'Portal - kintone',
    user: base.user,
    lang: base.user.language,
    body: html`<h1>Apps</h1>
${
  apps.length === 0
    ? html`<p class="k-muted">You have no apps yet.</p>`
    : html`<ul class="k-app-list">${apps.map(
        (a) =>
          html`<li><a href="/k/${a.appId}/">${a.name}</a> <span class="k-muted">${a.description}</span></li>`,
      )}</ul>`
}
${bootstrap(context(base, { page: 'portal' }))}`,
  });
}

/** Fields shown as columns of the default list view, in layout order. */
function listColumns(app: KApp): string[] {
  const codes: string[] = [];
  for (const row of app.layout) {
    if (row.type !== 'ROW') continue;
    for (const f of row.fields) {
      const field = f.code ? app.fields[f.code] : undefined;
      if (field && field.type !== 'SUBTABLE') codes.push(field.code);
    }
  }
  return codes;
}

function truncate(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export function recordListPage(
  base: PageBase,
  app: KApp,
  records: { record: KRecord; rest: Record<string, unknown> }[],
  mobile = false,
): string {
  const columns = listColumns(app);
  const plugins = appPlugins(base.tenant, app);
  const area = mobile ? 'mobile' : 'desktop';
  const event = {
    type: mobile ? 'mobile.app.record.index.show' : 'app.record.index.show',
    appId: Number(app.appId),
    viewType: 'list',
    viewId: 20,
    viewName: '(All records)',
    records: records.map((r) => r.rest),
    offset: 0,
    size: records.length,
    date: null,
  };
  const detail = (id: number) =>
    mobile ? `/k/m/${app.appId}/show?record=${id}` : `/k/${app.appId}/show#record=${id}`;
  return page({
    title: `${app.name} - kintone`,
    user: base.user,
    lang: base.user.language,
    head: html`${simStyles}${pluginStyles(plugins, area)}`,
    body: html`<div class="k-toolbar"><h1>${app.name}</h1>
${mobile ? '' : html`<div id="kintone-header-menu-space" class="k-header-menu-space"></div>`}</div>
<div id="${mobile ? 'kintone-mobile-header-space' : 'kintone-header-space'}" class="k-header-space"></div>
<table class="k-record-list"><thead><tr><th></th>${columns.map((c) => html`<th>${app.fields[c]?.label ?? c}</th>`)}</tr></thead>
<tbody>${records.map(
      ({ record, rest }) =>
        html`<tr data-record-id="${record.id}"><td><a href="${detail(record.id)}">#${record.id}</a></td>${columns.map(
          (c) => {
            const field = app.fields[c];
            const cell = rest[c] as { value: unknown } | undefined;
            return html`<td>${field ? truncate(fieldText(field, cell?.value)) : ''}</td>`;
          },
        )}</tr>`,
    )}</tbody></table>
${records.length === 0 ? html`<p class="k-muted">No records.</p>` : ''}
${bootstrap(context(base, { page: mobile ? 'mobile-index' : 'index', appId: Number(app.appId), pluginConfigs: configsOf(app), event }))}
${pluginScripts(plugins, area)}${fire}`,
  });
}

function renderValue(
  app: KApp,
  code: string,
  rest: Record<string, { type: string; value: unknown }>,
): SafeHtml {
  const field = app.fields[code];
  const value = rest[code]?.value;
  if (!field) return html``;
  if (field.type === 'LINK' && typeof value === 'string' && /^https?:\/\//i.test(value)) {
    // Only http(s) URLs become links (Secure Coding Guidelines); anything else stays text.
    return html`<a href="${value}" rel="noopener noreferrer" target="_blank">${value}</a>`;
  }
  if (field.type === 'SUBTABLE') {
    const inner = Object.values(field.fields ?? {});
    const rows = Array.isArray(value)
      ? (value as { id: string; value: Record<string, { value: unknown }> }[])
      : [];
    return html`<table class="k-subtable"><thead><tr>${inner.map((f) => html`<th>${f.label}</th>`)}</tr></thead><tbody>${rows.map(
      (r) => html`<tr>${inner.map((f) => html`<td>${fieldText(f, r.value?.[f.code]?.value)}</td>`)}</tr>`,
    )}</tbody></table>`;
  }
  return html`${fieldText(field, value)}`;
}

function renderLayoutField(
  app: KApp,
  f: LayoutField,
  rest: Record<string, { type: string; value: unknown }>,
): SafeHtml {
  if (f.type === 'SPACER') {
    // Kintone's blank space: an empty element plug-ins fill (getSpaceElement).
    return html`<div id="user-js-${f.elementId ?? ''}" class="k-space" data-element-id="${f.elementId ?? ''}"></div>`;
  }
  if (f.type === 'HR') return html`<hr>`;
  if (f.type === 'LABEL') return html`<div class="k-label">${f.label ?? ''}</div>`;
  if (!f.code) return html``;
  const field = app.fields[f.code];
  return html`<div class="k-field" data-field-code="${f.code}"><div class="k-field-label">${field?.noLabel ? '' : (field?.label ?? f.code)}</div><div class="k-field-value">${renderValue(app, f.code, rest)}</div></div>`;
}

export function recordDetailPage(
  base: PageBase,
  app: KApp,
  record: KRecord,
  rest: Record<string, { type: string; value: unknown }>,
  mobile = false,
): string {
  const plugins = appPlugins(base.tenant, app);
  const area = mobile ? 'mobile' : 'desktop';
  const event = {
    type: mobile ? 'mobile.app.record.detail.show' : 'app.record.detail.show',
    appId: Number(app.appId),
    record: rest,
    recordId: record.id,
  };
  const layout = app.layout.map((row) =>
    row.type === 'SUBTABLE'
      ? html`<div class="k-row">${renderLayoutField(app, { type: 'SUBTABLE', code: row.code }, rest)}</div>`
      : html`<div class="k-row">${row.fields.map((f) => renderLayoutField(app, f, rest))}</div>`,
  );
  return page({
    title: `${app.name} #${record.id} - kintone`,
    user: base.user,
    lang: base.user.language,
    head: html`${simStyles}${pluginStyles(plugins, area)}`,
    body: html`<div class="k-toolbar"><a href="${mobile ? `/k/m/${app.appId}/` : `/k/${app.appId}/`}">${app.name}</a> › <h1>#${record.id}</h1>
${mobile ? '' : html`<div id="kintone-record-header-menu-space" class="k-header-menu-space"></div>`}</div>
${mobile ? html`<div id="kintone-mobile-header-space" class="k-header-space"></div>` : ''}
<div class="k-record" data-record-id="${record.id}">${layout}</div>
${bootstrap(
  context(base, {
    page: mobile ? 'mobile-detail' : 'detail',
    appId: Number(app.appId),
    recordId: record.id,
    pluginConfigs: configsOf(app),
    event,
    record: rest,
  }),
)}
${pluginScripts(plugins, area)}${fire}`,
  });
}

/** Kintone's /k/:appId/show#record=N keeps the record in the fragment, which only the browser sees. */
export function hashRedirectPage(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>kintone</title></head><body>
<script>(function(){var m=/(?:^#|&)record=(\\d+)/.exec(location.hash);if(m){location.replace('show?record='+m[1]+location.hash);}else{document.body.textContent='Specify a record: show#record=<number>.';}})();</script>
<noscript>Specify the record with ?record=&lt;number&gt;.</noscript></body></html>`;
}

export interface Notice {
  notice?: string | undefined;
  error?: string | undefined;
  errors?: string[] | undefined;
}

function notices(n: Notice): SafeHtml {
  return html`${n.notice ? html`<p class="k-notice" role="status">${n.notice}</p>` : ''}${
    n.error
      ? html`<div class="k-error" role="alert"><p>${n.error}</p>${
          n.errors && n.errors.length > 0 ? html`<ul>${n.errors.map((e) => html`<li>${e}</li>`)}</ul>` : ''
        }</div>`
      : ''
  }`;
}

export function systemPluginPage(base: PageBase, plugins: InstalledPlugin[], n: Notice): string {
  return page({
    title: 'Plug-ins - Kintone Administration',
    user: base.user,
    lang: base.user.language,
    body: html`<p class="k-muted">Kintone Administration › Plug-ins</p><h1>Plug-ins</h1>${notices(n)}
<form method="post" action="/k/admin/system/plugin/import" enctype="multipart/form-data">
  <label for="plugin-file">Import a plug-in file (.zip)</label>
  <input type="file" id="plugin-file" name="file" accept=".zip,application/zip" required>
  <p><button class="k-button k-button-primary" type="submit">Import</button></p>
</form>
<h2>Installed plug-ins</h2>
${
  plugins.length === 0
    ? html`<p class="k-muted">No plug-ins are installed.</p>`
    : html`<table><thead><tr><th>Name</th><th>Version</th><th>Plug-in ID</th><th>Installed</th></tr></thead><tbody>${plugins.map(
        (p) =>
          html`<tr data-plugin-id="${p.id}"><td>${pluginName(p, base.user.language)}</td><td>${p.version}</td><td><code>${p.id}</code></td><td>${p.installedAt}</td></tr>`,
      )}</tbody></table>`
}`,
  });
}

export function appPluginListPage(base: PageBase, app: KApp, n: Notice): string {
  const added = appPlugins(base.tenant, app);
  const available = base.tenant.state.plugins.filter((p) => !app.plugins[p.id]);
  return page({
    title: `Plug-ins - ${app.name} - App Settings`,
    user: base.user,
    lang: base.user.language,
    body: html`<p class="k-muted"><a href="/k/${app.appId}/">${app.name}</a> › App Settings › Plug-ins</p><h1>Plug-ins</h1>${notices(n)}
${
  added.length === 0
    ? html`<p class="k-muted">No plug-ins have been added to this app.</p>`
    : html`<table><thead><tr><th>Name</th><th>Version</th><th></th></tr></thead><tbody>${added.map(
        (p) =>
          html`<tr data-plugin-id="${p.id}"><td>${pluginName(p, base.user.language)}</td><td>${p.version}</td><td>${
            p.manifest.config
              ? html`<a class="k-button" href="/k/admin/app/${app.appId}/plugin/config?pluginId=${p.id}">Settings</a>`
              : ''
          }
<form method="post" action="/k/admin/app/${app.appId}/plugin/remove" style="display:inline"><input type="hidden" name="id" value="${p.id}"><button class="k-button k-button-danger" type="submit">Remove</button></form></td></tr>`,
      )}</tbody></table>`
}
<h2>Add plug-in</h2>
${
  available.length === 0
    ? html`<p class="k-muted">Every installed plug-in has been added. A cybozu.com administrator installs plug-ins under Kintone Administration › Plug-ins.</p>`
    : html`<form method="post" action="/k/admin/app/${app.appId}/plugin/add"><label for="add-plugin">Plug-in</label>
<select id="add-plugin" name="id">${available.map((p) => html`<option value="${p.id}">${pluginName(p, base.user.language)} (${p.version})</option>`)}</select>
<p><button class="k-button k-button-primary" type="submit">Add</button></p></form>`
}
${bootstrap(context(base, { page: 'plugin-list', appId: Number(app.appId), pluginConfigs: configsOf(app) }))}`,
  });
}

export function pluginConfigPage(
  base: PageBase,
  app: KApp,
  plugin: InstalledPlugin,
  configHtml: string,
): string {
  const settings = app.plugins[plugin.id];
  return page({
    title: `${pluginName(plugin, base.user.language)} - Plug-in settings - ${app.name}`,
    user: base.user,
    lang: base.user.language,
    head: pluginStyles([plugin], 'config'),
    body: html`<p class="k-muted"><a href="/k/${app.appId}/">${app.name}</a> › <a href="/k/admin/app/flow?app=${app.appId}">App Settings › Plug-ins</a> › ${pluginName(plugin, base.user.language)}</p>
<h1>Plug-in settings: ${pluginName(plugin, base.user.language)}</h1>
<div id="kintone-plugin-config" class="kintone-plugin-config">${new SafeHtml(configHtml)}</div>
${bootstrap(
  context(base, {
    page: 'config',
    appId: Number(app.appId),
    pluginConfigs: configsOf(app),
    settingsPluginId: plugin.id,
    // Only the settings page, which only app managers can open, receives the saved proxy secrets.
    proxyConfigs: settings ? structuredClone(settings.proxy) : [],
  }),
)}
${pluginScripts([plugin], 'config')}`,
  });
}

export function errorPage(base: Pick<PageBase, 'user'> | undefined, title: string, message: string): string {
  return page({
    title,
    user: base?.user,
    body: html`<h1>${title}</h1><p class="k-error" role="alert">${message}</p>`,
  });
}
