import { z } from 'zod';
import type { InstalledPlugin, KApp, PluginAppSettings, User } from '../tenant/model.js';
import type { Tenant } from '../tenant/tenant.js';
import type { VerifiedPlugin } from './verify.js';

/** Plug-in state changes on the tenant, independent of HTTP, each answering a readable refusal. */

/** An app holds at most 20 plug-ins (platform notes §5.1). */
export const MAX_PLUGINS_PER_APP = 20;
/** setConfig: 256 KB per plug-in, 65,535 characters per value (notes §5.1). */
export const MAX_CONFIG_BYTES = 256 * 1024;
export const MAX_CONFIG_VALUE_CHARS = 65_535;

export class PluginStateError extends Error {
  constructor(
    message: string,
    readonly status = 400,
    readonly code = 'CB_VA01',
  ) {
    super(message);
  }
}

export function canView(user: User, app: KApp): boolean {
  return user.isAdmin || app.permissions.some((p) => p.userCode === user.code && p.view);
}

/** "Manage app": may open the app's settings, hence its plug-in settings and saved proxy secrets. */
export function canManage(user: User, app: KApp): boolean {
  return user.isAdmin || app.permissions.some((p) => p.userCode === user.code && p.manage);
}

export function pluginName(plugin: InstalledPlugin, language = 'en'): string {
  const name = plugin.manifest.name as Record<string, string> | undefined;
  return name?.[language] ?? name?.en ?? plugin.id;
}

/** Installs, or updates in place when the ID is already installed (same key, e.g. a newer version). */
export function installPlugin(
  tenant: Tenant,
  verified: VerifiedPlugin,
): { plugin: InstalledPlugin; previousVersion: string | undefined } {
  const files: Record<string, string> = {};
  for (const [name, data] of verified.files) files[name] = data.toString('base64');
  const existing = tenant.state.plugins.find((p) => p.id === verified.id);
  const plugin: InstalledPlugin = {
    id: verified.id,
    manifest: verified.manifest,
    files,
    installedAt: existing?.installedAt ?? new Date(tenant.now()).toISOString(),
    version: verified.version,
  };
  if (existing) tenant.state.plugins[tenant.state.plugins.indexOf(existing)] = plugin;
  else tenant.state.plugins.push(plugin);
  return { plugin, previousVersion: existing?.version };
}

export function addPluginToApp(tenant: Tenant, app: KApp, pluginId: string): PluginAppSettings {
  if (!tenant.state.plugins.some((p) => p.id === pluginId)) {
    throw new PluginStateError(
      `The plug-in ${pluginId} is not installed in this Kintone environment.`,
      404,
      'GAIA_PL_NOT_FOUND',
    );
  }
  const existing = app.plugins[pluginId];
  if (existing) return existing;
  if (Object.keys(app.plugins).length >= MAX_PLUGINS_PER_APP) {
    throw new PluginStateError(`An app can have up to ${MAX_PLUGINS_PER_APP} plug-ins.`);
  }
  const settings: PluginAppSettings = { config: {}, proxy: [] };
  app.plugins[pluginId] = settings;
  return settings;
}

export function appPluginSettings(app: KApp, pluginId: string): PluginAppSettings {
  const settings = app.plugins[pluginId];
  if (!settings)
    throw new PluginStateError('The plug-in has not been added to this app.', 404, 'GAIA_PL_NOT_FOUND');
  return settings;
}

// Keys are ASCII (Kintone refuses others); values strings only.
export const configSchema = z.record(
  z
    .string()
    .min(1)
    .max(64)
    .regex(/^[\x20-\x7e]+$/, 'keys must be printable ASCII'),
  z
    .string({ message: 'values must be strings' })
    .max(MAX_CONFIG_VALUE_CHARS, `values are at most ${MAX_CONFIG_VALUE_CHARS} characters`),
);

export function saveConfig(app: KApp, pluginId: string, config: Record<string, string>): void {
  const settings = appPluginSettings(app, pluginId);
  const bytes = Buffer.byteLength(JSON.stringify(config), 'utf8');
  if (bytes > MAX_CONFIG_BYTES) {
    throw new PluginStateError(
      `The plug-in settings are ${bytes} bytes; at most ${MAX_CONFIG_BYTES} bytes can be saved.`,
    );
  }
  // Only the last save is kept (notes §5.1): replace, not merge.
  settings.config = { ...config };
}

export function saveProxyConfig(
  app: KApp,
  pluginId: string,
  entry: PluginAppSettings['proxy'][number],
): void {
  const settings = appPluginSettings(app, pluginId);
  // Saving the same URL and method again overwrites (notes §5.2).
  settings.proxy = settings.proxy.filter((p) => !(p.url === entry.url && p.method === entry.method));
  settings.proxy.push(entry);
}
