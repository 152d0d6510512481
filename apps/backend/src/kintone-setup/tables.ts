import type { ColumnType } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;

/** Tables of the Kintone connection (OAuth states, grants). Created by migration 0003. */
export interface KintoneTables {
  kintone_oauth_states: {
    /** sha256 (base64url) of the `state` sent to Kintone. */
    state_hash: string;
    session_id: string;
    workspace_id: string;
    user_id: string;
    base_url: string;
    purpose: 'workspace' | 'member';
    /** PKCE verifier, encrypted; null when PKCE is off. */
    code_verifier: string | null;
    expires_at: Date;
    created_at: CreatedAt;
  };
  kintone_oauth_state_tombstones: {
    state_hash: string;
    used_at: CreatedAt;
  };
  kintone_grants: {
    id: string;
    workspace_id: string;
    user_id: string;
    base_url: string;
    status: 'connected' | 'needs-reconnect';
    /** Encrypted envelopes; null once the grant needs reconnecting (the tokens are deleted then). */
    access_token: string | null;
    refresh_token: string | null;
    access_token_expires_at: Date | null;
    scope: string | null;
    connected_at: CreatedAt;
    last_used_at: Date | null;
    last_refreshed_at: Date | null;
    updated_at: UpdatedAt;
  };
}
