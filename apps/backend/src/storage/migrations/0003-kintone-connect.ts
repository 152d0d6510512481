import type { Kysely } from 'kysely';

/** The Kintone connection: setup state, OAuth states, grants. (Stub: to be written.) */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
