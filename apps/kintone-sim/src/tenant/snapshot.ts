import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { TenantState } from './model.js';

export function readSnapshot(file: string): TenantState | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as TenantState;
  } catch (error) {
    throw new Error(
      `Snapshot ${file} could not be read: ${(error as Error).message}. Delete it to start from the seed.`,
    );
  }
}

/** Writes atomically, so a crash mid-write leaves the previous snapshot intact. */
export function writeSnapshot(file: string, state: TenantState): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, file);
}
