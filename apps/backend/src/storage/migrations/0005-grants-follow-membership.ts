import { type Kysely, sql } from 'kysely';

/**
 * A member's Kintone grant belongs to their membership: removing someone from a workspace deletes their
 * grant there too (tokens are deleted, not left behind), however the membership is removed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Grants whose membership is already gone would block the constraint; they should not exist anyway.
  await sql`
    delete from kintone_grants g
    where not exists (
      select 1 from memberships m where m.workspace_id = g.workspace_id and m.user_id = g.user_id
    )`.execute(db);
  await sql`
    alter table kintone_grants add constraint kintone_grants_membership_fk
    foreign key (workspace_id, user_id) references memberships (workspace_id, user_id) on delete cascade`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table kintone_grants drop constraint kintone_grants_membership_fk`.execute(db);
}
