import type { IntegrationState, SetupStep } from '@notta/shared';
import type { ColumnType, Generated } from 'kysely';
import type { AccountsTables } from '../accounts/tables.js';
import type { KintoneTables } from '../kintone-setup/tables.js';
import type { PluginApiTables } from '../plugin-api/tables.js';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;

/** The tables of the backend's database, as Kysely sees them. Migrations in ./migrations create them. */
export interface Database extends AccountsTables, KintoneTables, PluginApiTables {
  workspaces: {
    id: Generated<string>;
    name: string;
    plan: 'free' | 'pro' | 'business' | 'enterprise';
    created_at: CreatedAt;
  };
  kintone_integrations: {
    workspace_id: string;
    /** The wizard step shown: add-client, configure-users, link-client or authorize. */
    setup_step: ColumnType<SetupStep, SetupStep | undefined, SetupStep>;
    /** The furthest step reached; the admin may go back to any step up to it. */
    furthest_step: ColumnType<SetupStep, SetupStep | undefined, SetupStep>;
    state: ColumnType<IntegrationState, IntegrationState | undefined, IntegrationState>;
    base_url: string | null;
    client_id: string | null;
    /** Encrypted envelope (see encryption/keyring.ts), never plain text; deleted on revoke. */
    client_secret: string | null;
    credentials_updated_at: Date | null;
    uses_ip_restriction: boolean | null;
    authorized_by: string | null;
    authorized_at: Date | null;
    authorized_base_url: string | null;
    revoked_at: Date | null;
    created_at: CreatedAt;
    updated_at: UpdatedAt;
  };
}
