import type { Plan, Role } from '@notta/shared';
import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Database } from '../storage/schema.js';
import { generatePassword, hashPassword } from './passwords.js';

/**
 * Workspaces and their members, as the operator CLI and the demo seed change them. Every change
 * writes its audit entry in the same transaction; `actorUserId` is null for the operator.
 */

type Db = Kysely<Database> | Transaction<Database>;

/** Runs `fn` in the caller's transaction when there is one (the demo seed), else in a new one. */
function inTransaction<T>(db: Db, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<Database>) : db.transaction().execute(fn);
}

export interface WorkspaceRow {
  id: string;
  name: string;
  plan: Plan;
}

export async function createWorkspace(
  db: Db,
  input: { name: string; plan: Plan },
  actorUserId: string | null = null,
): Promise<WorkspaceRow> {
  return inTransaction(db, async (trx) => {
    const ws = await trx
      .insertInto('workspaces')
      .values({ name: input.name, plan: input.plan })
      .returning(['id', 'name', 'plan'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      workspaceId: ws.id,
      actorUserId,
      action: 'workspace.created',
      details: { name: ws.name, plan: ws.plan },
    });
    return ws;
  });
}

export async function listWorkspaces(db: Db): Promise<(WorkspaceRow & { members: number })[]> {
  const rows = await db
    .selectFrom('workspaces')
    .leftJoin('memberships', 'memberships.workspace_id', 'workspaces.id')
    .select(['workspaces.id', 'workspaces.name', 'workspaces.plan'])
    .select((eb) => eb.fn.count<string>('memberships.user_id').as('members'))
    .groupBy(['workspaces.id', 'workspaces.name', 'workspaces.plan', 'workspaces.created_at'])
    .orderBy('workspaces.created_at')
    .orderBy('workspaces.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, plan: r.plan, members: Number(r.members) }));
}

export async function findWorkspace(db: Db, workspaceId: string): Promise<WorkspaceRow | undefined> {
  return db
    .selectFrom('workspaces')
    .select(['id', 'name', 'plan'])
    .where('id', '=', workspaceId)
    .executeTakeFirst();
}

/** Changes the plan; undefined when the workspace does not exist. */
export async function setWorkspacePlan(
  db: Db,
  workspaceId: string,
  plan: Plan,
  actorUserId: string | null = null,
): Promise<{ from: Plan; to: Plan } | undefined> {
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('workspaces')
      .select('plan')
      .where('id', '=', workspaceId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) return undefined;
    await trx.updateTable('workspaces').set({ plan }).where('id', '=', workspaceId).execute();
    await recordAudit(trx, {
      workspaceId,
      actorUserId,
      action: 'workspace.plan-changed',
      details: { from: before.plan, to: plan },
    });
    return { from: before.plan, to: plan };
  });
}

export type AddMemberResult =
  | { ok: true; userId: string; userCreated: boolean; generatedPassword?: string }
  | { ok: false; reason: 'workspace-not-found' | 'already-member' | 'password-for-existing-user' };

/**
 * Adds a member, creating the user when the email is new. A new user without a password gets a
 * generated one, returned once so the operator can hand it over; it is stored only as a hash.
 */
export async function addMember(
  db: Db,
  input: { workspaceId: string; email: string; name: string; role: Role; password?: string },
  actorUserId: string | null = null,
): Promise<AddMemberResult> {
  // Hash before the transaction: scrypt takes tens of milliseconds and needs no lock.
  const existing = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', input.email)
    .executeTakeFirst();
  if (existing && input.password !== undefined) return { ok: false, reason: 'password-for-existing-user' };
  const generatedPassword = existing || input.password !== undefined ? undefined : generatePassword();
  const passwordHash = existing ? undefined : await hashPassword(input.password ?? generatedPassword ?? '');

  return inTransaction(db, async (trx): Promise<AddMemberResult> => {
    if (!(await findWorkspace(trx, input.workspaceId))) return { ok: false, reason: 'workspace-not-found' };
    let userId = existing?.id;
    let userCreated = false;
    if (!userId) {
      const created = await trx
        .insertInto('users')
        .values({ email: input.email, name: input.name, password_hash: passwordHash ?? '' })
        .onConflict((oc) => oc.column('email').doNothing())
        .returning('id')
        .executeTakeFirst();
      // Another operator created the same email meanwhile: use that account, not our password.
      if (!created) return { ok: false, reason: 'password-for-existing-user' };
      userId = created.id;
      userCreated = true;
    }
    const added = await trx
      .insertInto('memberships')
      .values({ workspace_id: input.workspaceId, user_id: userId, role: input.role })
      .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doNothing())
      .returning('user_id')
      .executeTakeFirst();
    if (!added) return { ok: false, reason: 'already-member' };
    await recordAudit(trx, {
      workspaceId: input.workspaceId,
      actorUserId,
      action: 'member.added',
      details: { email: input.email, role: input.role },
    });
    return { ok: true, userId, userCreated, ...(generatedPassword ? { generatedPassword } : {}) };
  });
}

export type MemberChangeResult =
  | { ok: true; from: Role }
  | { ok: false; reason: 'not-a-member' | 'last-owner' };

/** Changes a member's role; the last owner cannot be demoted, so a workspace always has one. */
export async function setMemberRole(
  db: Db,
  input: { workspaceId: string; email: string; role: Role },
  actorUserId: string | null = null,
): Promise<MemberChangeResult> {
  return changeMembership(db, input.workspaceId, input.email, actorUserId, async (trx, m) => {
    if (m.role === 'owner' && input.role !== 'owner' && (await ownerCount(trx, input.workspaceId)) <= 1)
      return { ok: false, reason: 'last-owner' };
    await trx
      .updateTable('memberships')
      .set({ role: input.role })
      .where('workspace_id', '=', input.workspaceId)
      .where('user_id', '=', m.userId)
      .execute();
    return { ok: true, action: 'member.role-changed', details: { from: m.role, to: input.role } };
  });
}

/** Removes a member (the user account stays); the last owner cannot be removed. */
export async function removeMember(
  db: Db,
  input: { workspaceId: string; email: string },
  actorUserId: string | null = null,
): Promise<MemberChangeResult> {
  return changeMembership(db, input.workspaceId, input.email, actorUserId, async (trx, m) => {
    if (m.role === 'owner' && (await ownerCount(trx, input.workspaceId)) <= 1)
      return { ok: false, reason: 'last-owner' };
    await trx
      .deleteFrom('memberships')
      .where('workspace_id', '=', input.workspaceId)
      .where('user_id', '=', m.userId)
      .execute();
    return { ok: true, action: 'member.removed', details: { role: m.role } };
  });
}

async function changeMembership(
  db: Db,
  workspaceId: string,
  email: string,
  actorUserId: string | null,
  change: (
    trx: Transaction<Database>,
    member: { userId: string; role: Role },
  ) => Promise<
    { ok: true; action: string; details: Record<string, string> } | { ok: false; reason: 'last-owner' }
  >,
): Promise<MemberChangeResult> {
  return inTransaction(db, async (trx): Promise<MemberChangeResult> => {
    // Lock the workspace's memberships so two operators cannot both remove "the other" owner.
    const rows = await trx
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['memberships.user_id', 'memberships.role', 'users.email'])
      .where('memberships.workspace_id', '=', workspaceId)
      .forUpdate('memberships')
      .execute();
    const row = rows.find((r) => r.email === email);
    if (!row) return { ok: false, reason: 'not-a-member' };
    const outcome = await change(trx, { userId: row.user_id, role: row.role });
    if (!outcome.ok) return outcome;
    await recordAudit(trx, {
      workspaceId,
      actorUserId,
      action: outcome.action,
      details: { email, ...outcome.details },
    });
    return { ok: true, from: row.role };
  });
}

async function ownerCount(trx: Transaction<Database>, workspaceId: string): Promise<number> {
  const row = await trx
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
