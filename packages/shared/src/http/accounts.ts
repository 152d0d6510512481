import { z } from 'zod';
import { locales } from '../i18n.js';
import { planSchema, roleSchema } from '../policy.js';

/**
 * Accounts: sign-in, the signed-in user, workspaces and members.
 *
 * Cookie-authenticated requests that change anything carry the session's CSRF token in the
 * `X-CSRF-Token` header (it comes with `GET /api/me` and the sign-in answer).
 */
export const CSRF_HEADER = 'x-csrf-token';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email({ message: 'must be an email address such as name@example.com' }));

/** `POST /api/auth/sign-in` */
export const signInRequest = z.object({
  email: emailSchema,
  password: z.string().min(1, 'is required').max(1024, 'is too long'),
});
export type SignInRequest = z.infer<typeof signInRequest>;

export const workspaceSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  plan: planSchema,
});
export type WorkspaceSummary = z.infer<typeof workspaceSummary>;

export const membershipSummary = z.object({
  workspace: workspaceSummary,
  role: roleSchema,
});
export type MembershipSummary = z.infer<typeof membershipSummary>;

/** `GET /api/me` and the answer to a successful sign-in. */
export const meResponse = z.object({
  user: z.object({ id: z.uuid(), email: z.string(), name: z.string() }),
  memberships: z.array(membershipSummary),
  csrfToken: z.string().min(16),
});
export type MeResponse = z.infer<typeof meResponse>;

export const workspaceIdParams = z.object({ workspaceId: z.uuid({ message: 'must be a workspace id' }) });

export const localeSchema = z.enum(locales);

/** One entry of `GET /api/workspaces/:workspaceId/audit-log` (owners and admins). */
export const auditEntry = z.object({
  id: z.string(),
  at: z.iso.datetime({ offset: true }),
  actor: z.object({ id: z.uuid(), name: z.string(), email: z.string() }).nullable(),
  action: z.string(),
  /** Non-secret facts of the event (tenant, step, member…); never a credential. */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditLogQuery = z.object({
  /** Entries older than this cursor (the `nextCursor` of the previous page). */
  before: z.string().regex(/^\d+$/, 'must be a cursor from a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const auditLogResponse = z.object({
  entries: z.array(auditEntry),
  nextCursor: z.string().nullable(),
});
export type AuditLogResponse = z.infer<typeof auditLogResponse>;
