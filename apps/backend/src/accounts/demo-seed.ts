import type { Plan, Role } from '@notta/shared';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../storage/schema.js';
import { addMember, createWorkspace } from './workspaces.js';

/** Everyone in the demo signs in with this password; printed by the quick start, never used in production. */
export const DEMO_PASSWORD = 'notta-demo';
export const DEMO_SIGN_IN_EMAIL = 'owner@example.com';

const demo: { name: string; plan: Plan; members: { email: string; name: string; role: Role }[] }[] = [
  {
    name: 'Acme Corporation (demo)',
    plan: 'business',
    members: [
      { email: 'owner@example.com', name: 'Olivia Owner', role: 'owner' },
      { email: 'admin@example.com', name: 'Aiko Admin (管理者)', role: 'admin' },
      { email: 'member1@example.com', name: 'Mika Member', role: 'member' },
      { email: 'member2@example.com', name: 'Ken Member', role: 'member' },
    ],
  },
  {
    name: 'Pro Team (demo)',
    plan: 'pro',
    members: [
      { email: 'pro-owner@example.com', name: 'Paul Pro-Owner', role: 'owner' },
      { email: 'member1@example.com', name: 'Mika Member', role: 'member' },
    ],
  },
];

/**
 * Creates the demo workspaces when the database has no users at all; returns whether it did. One
 * transaction under an advisory lock, so backends starting together seed once and never half.
 */
export async function seedDemoIfEmpty(db: Kysely<Database>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('notta-demo-seed'))`.execute(trx);
    const anyUser = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (anyUser) return false;
    const created = new Set<string>();
    for (const ws of demo) {
      const { id } = await createWorkspace(trx, { name: ws.name, plan: ws.plan });
      for (const m of ws.members) {
        const result = await addMember(trx, {
          workspaceId: id,
          email: m.email,
          name: m.name,
          role: m.role,
          ...(created.has(m.email) ? {} : { password: DEMO_PASSWORD }),
        });
        if (!result.ok) throw new Error(`demo seed: ${m.email}: ${result.reason}`);
        created.add(m.email);
      }
    }
    return true;
  });
}
