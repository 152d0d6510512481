import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

/** JSON facts of an audit entry; written as a JSON string cast to jsonb so both engines store it alike. */
export type AuditDetails = Record<string, string | number | boolean | null>;

/** Tables of the accounts feature (users, memberships, sessions, rate limits, audit log). Created by migration 0002. */
export interface AccountsTables {
  users: {
    id: Generated<string>;
    /** Always lower-case (a check constraint holds it), so the unique index is case-insensitive. */
    email: string;
    name: string;
    /** `scrypt$N$r$p$salt$hash` (see accounts/passwords.ts); never leaves the backend. */
    password_hash: string;
    created_at: CreatedAt;
  };
  memberships: {
    workspace_id: string;
    user_id: string;
    role: 'owner' | 'admin' | 'member';
    created_at: CreatedAt;
  };
  sessions: {
    /** sha256 (hex) of the cookie token: a database leak yields no usable cookie. */
    id: string;
    user_id: string;
    csrf_token: string;
    created_at: CreatedAt;
    last_seen_at: ColumnType<Date, Date | undefined, Date>;
    expires_at: ColumnType<Date, Date, Date>;
  };
  rate_limits: {
    key: string;
    window_start: Date;
    count: number;
  };
  audit_log: {
    /** bigserial; read as text (`id::text`) since the two drivers disagree on int8. */
    id: Generated<string>;
    workspace_id: string;
    actor_user_id: string | null;
    action: string;
    details: ColumnType<AuditDetails, string, never>;
    created_at: CreatedAt;
  };
}
