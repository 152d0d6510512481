import type { Kysely } from 'kysely';

/** Accounts: users, memberships, sessions, rate limits, the audit log. (Stub: to be written.) */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
