import { z } from 'zod';
import { meetingMappingSchema } from '../kintone/meeting-mapping.js';
import { integrationStateSchema } from './kintone-connect.js';

/**
 * Plug-in keys (Notta Web, owners and admins) and the plug-in API the Kintone plug-in calls through
 * `kintone.plugin.app.proxy`. The key travels in the `X-Notta-Plugin-Key` header, which the app
 * administrator saves with `kintone.plugin.app.setProxyConfig` so Kintone adds it server-side.
 */
export const PLUGIN_KEY_HEADER = 'x-notta-plugin-key';

/** `POST /api/workspaces/:workspaceId/plugin-keys` */
export const createPluginKeyRequest = z.object({
  label: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
});

export const pluginKeySummary = z.object({
  id: z.uuid(),
  label: z.string(),
  /** The first characters of the key, so admins can tell keys apart; never the secret. */
  prefix: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  createdBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  lastUsedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type PluginKeySummary = z.infer<typeof pluginKeySummary>;

/** The answer to creating a key: the only time the secret is ever shown. */
export const createdPluginKey = z.object({ key: pluginKeySummary, secret: z.string().min(32) });

/** `GET /api/workspaces/:workspaceId/plugin-keys` (revoked keys are deleted, so not listed). */
export const pluginKeyListResponse = z.object({ keys: z.array(pluginKeySummary) });

export const pluginKeyParams = z.object({
  workspaceId: z.uuid(),
  keyId: z.uuid({ message: 'must be a key id' }),
});

/** The Kintone tenant the plug-in runs in, sent by the plug-in (`location.origin`). */
const tenantBaseUrl = z.url({
  protocol: /^https?$/,
  message: 'must be the Kintone base URL, e.g. https://example.cybozu.com',
});

/** `GET /api/plugin/v1/connection?tenantBaseUrl=` */
export const pluginConnectionQuery = z.object({ tenantBaseUrl });
export const pluginConnectionResponse = z.object({
  workspace: z.object({ id: z.uuid(), name: z.string() }),
  tenant: z.object({ baseUrl: z.string() }),
  state: integrationStateSchema,
  keyLabel: z.string(),
});
export type PluginConnectionResponse = z.infer<typeof pluginConnectionResponse>;

export const pluginAppParams = z.object({
  appId: z.string().regex(/^[1-9]\d{0,18}$/, 'must be a Kintone app ID (a positive whole number)'),
});

/** `PUT /api/plugin/v1/apps/:appId`: link (or update) an app. */
export const linkAppRequest = z.object({
  tenantBaseUrl,
  appName: z.string().max(256).optional(),
  mapping: meetingMappingSchema,
  /** The blank space field's element ID for the record panel, or null for the header menu space. */
  panelSpace: z.string().max(128).nullable(),
});
export type LinkAppRequest = z.infer<typeof linkAppRequest>;

export const linkedApp = z.object({
  appId: z.string(),
  tenantBaseUrl: z.string(),
  appName: z.string().nullable(),
  mapping: meetingMappingSchema,
  panelSpace: z.string().nullable(),
  linkedAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type LinkedApp = z.infer<typeof linkedApp>;

/** `DELETE /api/plugin/v1/apps/:appId?tenantBaseUrl=` unlinks; `GET …/health?tenantBaseUrl=` reports. */
export const pluginAppQuery = z.object({ tenantBaseUrl });

export const appHealthStatus = z.enum(['connected', 'needs-attention', 'revoked', 'not-linked']);
export const appHealthResponse = z.object({
  status: appHealthStatus,
  /** A catalogue code explaining a status other than connected. */
  code: z.string().nullable(),
  checkedAt: z.iso.datetime({ offset: true }),
});
export type AppHealthResponse = z.infer<typeof appHealthResponse>;

/** `GET /api/workspaces/:workspaceId/kintone/apps`: the apps linked from the plug-in (Notta Web). */
export const linkedAppsResponse = z.object({ apps: z.array(linkedApp) });
