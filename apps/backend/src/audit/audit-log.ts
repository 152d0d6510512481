import type { AuditEntry } from '@notta/shared';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { AuditDetails } from '../accounts/tables.js';
import type { Database } from '../storage/schema.js';

export interface AuditRecord {
  workspaceId: string;
  /** null when no signed-in user did it (the operator CLI, a background job). */
  actorUserId: string | null;
  /** Dotted verb such as `member.added` or `kintone.credentials-saved`. */
  action: string;
  /** Non-secret facts only: a client secret, token or password must never be passed here. */
  details?: AuditDetails;
}

/**
 * Appends one entry to a workspace's audit log. Pass the transaction that makes the change, so the
 * entry exists exactly when the change does.
 */
export async function recordAudit(
  db: Kysely<Database> | Transaction<Database>,
  entry: AuditRecord,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      workspace_id: entry.workspaceId,
      actor_user_id: entry.actorUserId,
      action: entry.action,
      details: sql<string>`${JSON.stringify(entry.details ?? {})}::jsonb`,
    })
    .execute();
}

/** One page of a workspace's audit log, newest first; `before` is the id of the last entry already seen. */
export async function readAuditLog(
  db: Kysely<Database>,
  workspaceId: string,
  page: { before?: string; limit: number },
): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
    .select([
      sql<string>`audit_log.id::text`.as('id'),
      'audit_log.created_at',
      'audit_log.action',
      'audit_log.details',
      'users.id as actor_id',
      'users.name as actor_name',
      'users.email as actor_email',
    ])
    .where('audit_log.workspace_id', '=', workspaceId)
    .orderBy('audit_log.id', 'desc')
    .limit(page.limit + 1);
  if (page.before !== undefined) query = query.where('audit_log.id', '<', page.before);
  const rows = await query.execute();
  const entries = rows.slice(0, page.limit).map(
    (r): AuditEntry => ({
      id: r.id,
      at: new Date(r.created_at).toISOString(),
      actor:
        r.actor_id && r.actor_name !== null && r.actor_email !== null
          ? { id: r.actor_id, name: r.actor_name, email: r.actor_email }
          : null,
      action: r.action,
      details: typeof r.details === 'string' ? JSON.parse(r.details) : r.details,
    }),
  );
  const last = entries.at(-1);
  return { entries, nextCursor: rows.length > page.limit && last ? last.id : null };
}
