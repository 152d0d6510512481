import { z } from 'zod';
import { kintoneTenantSchema } from '../kintone/endpoint.js';
import { planSchema } from '../policy.js';

/**
 * The Kintone connection of a workspace: the four-step setup, authorization, members' own connections,
 * disconnect and revoke. All under `/api/workspaces/:workspaceId/kintone`, except the OAuth callback
 * (`GET /api/kintone/oauth/callback`, the one fixed redirect endpoint) and the client logo
 * (`GET /api/kintone/client-logo.png`).
 */

/** Where a workspace's integration stands. */
export const integrationStates = [
  'not-started',
  'client-added',
  'users-configured',
  'credentials-confirmed',
  'authorized',
  'revoked',
] as const;
export const integrationStateSchema = z.enum(integrationStates);
export type IntegrationState = z.infer<typeof integrationStateSchema>;

/** The wizard's steps, 1 to 4. */
export const wizardStepSchema = z.number().int().min(1).max(4);

/** What Notta shows the admin to type into Kintone (step 1) and to whitelist (step 4). */
export const setupFacts = z.object({
  clientName: z.string(),
  /** Absolute URL of the logo image the backend serves (downloadable). */
  clientLogoUrl: z.url(),
  /** The one fixed redirect endpoint, derived from the public URL. */
  redirectEndpoint: z.url(),
  egressIp: z.string(),
  egressCidr: z.string(),
  /** The OAuth scopes Notta asks for, space-separated as sent. */
  scopes: z.array(z.string()),
  /**
   * Origins the backend accepts as a Kintone tenant besides real Kintone (its `KINTONE_DEV_ORIGINS`, e.g.
   * kintone-sim), so Notta Web's instant check of the Authorization endpoint agrees with the server's.
   */
  kintoneDevOrigins: z.array(z.string()).optional(),
});
export type SetupFacts = z.infer<typeof setupFacts>;

export const linkedClient = z.object({
  clientId: z.string(),
  /** e.g. `••••••••3f9a`: the secret itself is never sent back. */
  clientSecretMasked: z.string(),
  tenant: kintoneTenantSchema,
  updatedAt: z.iso.datetime({ offset: true }),
});
export type LinkedClient = z.infer<typeof linkedClient>;

export const connectionStatus = z.enum(['connected', 'needs-reconnect', 'never-connected']);
export type ConnectionStatus = z.infer<typeof connectionStatus>;

/** The signed-in member's own Kintone connection. */
export const ownConnection = z.object({
  status: connectionStatus,
  connectedAt: z.iso.datetime({ offset: true }).nullable(),
  lastUsedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type OwnConnection = z.infer<typeof ownConnection>;

/** `GET /api/workspaces/:workspaceId/kintone`: everything the Integrations card and the wizard show. */
export const kintoneIntegrationView = z.object({
  workspace: z.object({ id: z.uuid(), name: z.string(), plan: planSchema }),
  /** False on Free and Pro: the card then says which plans include Kintone. */
  planIncludesKintone: z.boolean(),
  /** The viewer may run the setup wizard and revoke (owner or admin). */
  canManage: z.boolean(),
  state: integrationStateSchema,
  /** The wizard step to show (remembered across reloads and sign-outs). */
  currentStep: wizardStepSchema,
  /** The furthest step reached; the admin may go back to any step up to it. */
  furthestStep: wizardStepSchema,
  /** Only for owners and admins. */
  facts: setupFacts.nullable(),
  client: linkedClient.nullable(),
  usesIpRestriction: z.boolean().nullable(),
  authorization: z
    .object({
      by: z.object({ id: z.uuid(), name: z.string() }),
      at: z.iso.datetime({ offset: true }),
      tenantBaseUrl: z.url(),
    })
    .nullable(),
  revokedAt: z.iso.datetime({ offset: true }).nullable(),
  /** One or more connections need attention (needs reconnect). */
  needsAttention: z.boolean(),
  me: ownConnection,
});
export type KintoneIntegrationView = z.infer<typeof kintoneIntegrationView>;

/** `PUT …/kintone/step`: move the wizard (back to any reached step, or on after completing one). */
export const setStepRequest = z.object({ step: wizardStepSchema });

/** `POST …/kintone/client-added` (step 1 done) and `POST …/kintone/users-configured` (step 2 done): no body. */

/** `PUT …/kintone/credentials` (step 3). The secret may be left out to keep the stored one. */
export const linkClientRequest = z.object({
  clientId: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(200, 'is too long')
    .regex(/^[\x21-\x7e]+$/, 'must be the client ID exactly as Kintone shows it, without spaces'),
  clientSecret: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(500, 'is too long')
    .regex(/^[\x21-\x7e]+$/, 'must be the client secret exactly as Kintone shows it, without spaces')
    .optional(),
  authorizationEndpoint: z.string().max(500, 'is too long'),
});
export type LinkClientRequest = z.infer<typeof linkClientRequest>;

/** `PUT …/kintone/ip-restriction` (step 4's question). */
export const ipRestrictionRequest = z.object({ usesIpRestriction: z.boolean() });

/** `POST …/kintone/authorize` (admin, step 4) and `POST …/kintone/connection` (a member's own account). */
export const authorizationStart = z.object({
  /** Send the browser here: the tenant's authorization endpoint with client_id, redirect_uri, state, scope. */
  authorizationUrl: z.url(),
});
export type AuthorizationStart = z.infer<typeof authorizationStart>;

/** `GET /api/kintone/oauth/callback`: what Kintone sends back. Anything else is refused. */
export const oauthCallbackQuery = z.union([
  z.object({ code: z.string().min(1).max(2048), state: z.string().min(1).max(512) }),
  z.object({
    error: z.string().min(1).max(200),
    error_description: z.string().max(2000).optional(),
    state: z.string().max(512).optional(),
  }),
]);

/**
 * Where the callback sends the browser back in Notta Web: `/integrations/kintone/result` with
 * `outcome=authorized|connected` or `error=<catalogue code>`.
 */
export const oauthResultQuery = z.object({
  outcome: z.enum(['authorized', 'connected']).optional(),
  /** The workspace the flow was for, so the page opens that one even when another was chosen since. */
  workspaceId: z.uuid().optional(),
  error: z
    .string()
    .regex(/^[A-Z0-9_]+$/)
    .optional(),
});

/** `GET …/kintone/connections` (owners and admins): every member's state. */
export const memberConnection = z.object({
  member: z.object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: z.enum(['owner', 'admin', 'member']),
  }),
  status: connectionStatus,
  connectedAt: z.iso.datetime({ offset: true }).nullable(),
  lastUsedAt: z.iso.datetime({ offset: true }).nullable(),
});
export const memberConnectionsResponse = z.object({ connections: z.array(memberConnection) });
export type MemberConnection = z.infer<typeof memberConnection>;

/** `POST …/kintone/revoke` (owner or admin): answers the view after revocation. `POST …/kintone/check`: checks the member's own connection against Kintone. */
export const connectionCheckResponse = z.object({
  ok: z.boolean(),
  checkedAt: z.iso.datetime({ offset: true }),
  /** A catalogue code when the check failed. */
  error: z.string().nullable(),
});
export type ConnectionCheckResponse = z.infer<typeof connectionCheckResponse>;
