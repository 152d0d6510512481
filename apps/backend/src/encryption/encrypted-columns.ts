import type { Database } from '../storage/schema.js';

/** Every column that holds a ciphertext. Key rotation walks this list: a new secret column must be added here. */
export const encryptedColumns = [
  { table: 'kintone_integrations', idColumn: 'workspace_id', column: 'client_secret' },
] as const satisfies readonly { table: keyof Database; idColumn: string; column: string }[];

export type EncryptedColumn = (typeof encryptedColumns)[number];

/** The authenticated context of one ciphertext: it only decrypts in the row and column it was written for. */
export function encryptionContext(target: { table: string; column: string }, rowId: string): string {
  return `${target.table}.${target.column}:${rowId}`;
}
