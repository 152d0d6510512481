import type { ColumnType, Generated } from 'kysely';
import type { AccountsTables } from '../accounts/tables.js';
import type { KintoneTables } from '../kintone-setup/tables.js';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;

/** The tables of the backend's database, as Kysely sees them. Migrations in ./migrations create them. */
export interface Database extends AccountsTables, KintoneTables {
  workspaces: {
    id: Generated<string>;
    name: string;
    plan: 'free' | 'pro' | 'business' | 'enterprise';
    created_at: CreatedAt;
  };
  kintone_integrations: {
    workspace_id: string;
    /** Where the admin is in the four-step setup wizard. */
    setup_step: string;
    base_url: string | null;
    client_id: string | null;
    /** Encrypted envelope (see encryption/keyring.ts), never plain text. */
    client_secret: string | null;
    created_at: CreatedAt;
    updated_at: UpdatedAt;
  };
}
