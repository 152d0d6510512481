import type { Database } from '../storage/schema.js';

/** Every column that holds a ciphertext. Key rotation walks this list: a new secret column must be added here. */
export const encryptedColumns = [
  { table: 'kintone_integrations', idColumn: 'workspace_id', column: 'client_secret' },
  { table: 'kintone_grants', idColumn: 'id', column: 'access_token' },
  { table: 'kintone_grants', idColumn: 'id', column: 'refresh_token' },
  { table: 'kintone_oauth_states', idColumn: 'state_hash', column: 'code_verifier' },
] as const satisfies readonly { table: keyof Database; idColumn: string; column: string }[];

export type EncryptedColumn = (typeof encryptedColumns)[number];

/** The registered entry for one secret column, so writers and key rotation share one context. */
export function encryptedColumn<
  T extends EncryptedColumn['table'],
  C extends Extract<EncryptedColumn, { table: T }>['column'],
>(table: T, column: C): Extract<EncryptedColumn, { table: T; column: C }> {
  const found = encryptedColumns.find((c) => c.table === table && c.column === column);
  if (!found) throw new Error(`${table}.${column} is not registered as an encrypted column`);
  return found as Extract<EncryptedColumn, { table: T; column: C }>;
}

/** The authenticated context of one ciphertext: it only decrypts in the row and column it was written for. */
export function encryptionContext(target: { table: string; column: string }, rowId: string): string {
  return `${target.table}.${target.column}:${rowId}`;
}
