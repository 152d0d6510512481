import type { ColumnType } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;

/** Tables of the plug-in API (plug-in keys, linked Kintone apps). Created by migration 0004. */
export interface PluginApiTables {
  plugin_keys: {
    id: string;
    workspace_id: string;
    label: string;
    /** The first characters of the key (`npk_` and 8 more), shown so admins can tell keys apart. */
    prefix: string;
    /** sha256 (hex) of the whole key; the key itself is never stored. */
    key_hash: string;
    created_by: string | null;
    created_at: CreatedAt;
    last_used_at: Date | null;
    /**
     * Set when the workspace's Kintone authorization was revoked: the key no longer works, but is kept so the
     * plug-in can still be told "revoked" (health) instead of "unknown key". Never cleared.
     */
    disabled_at: Date | null;
  };
  plugin_linked_apps: {
    id: string;
    workspace_id: string;
    /** Normalised (lower-case host, no trailing slash). */
    tenant_base_url: string;
    app_id: string;
    app_name: string | null;
    /** The meeting field mapping (shared `meetingMappingSchema`), written as a JSON string cast to jsonb. */
    mapping: ColumnType<unknown, string, string>;
    panel_space: string | null;
    linked_at: CreatedAt;
    updated_at: UpdatedAt;
  };
}
