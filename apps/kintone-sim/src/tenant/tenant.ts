import { randomBytes } from 'node:crypto';
import type { KApp, TenantState, User } from './model.js';

/**
 * One tenant's state plus the few lookups every feature needs. Features keep their own rules in their
 * own folders and change `state` directly; nothing here knows about HTTP.
 */
export class Tenant {
  constructor(
    public state: TenantState,
    /** Milliseconds since the epoch; tests move it to expire codes and tokens. */
    public now: () => number = Date.now,
  ) {}

  userByCode(code: string): User | undefined {
    return this.state.users.find((u) => u.code === code);
  }

  app(appId: string | number): KApp | undefined {
    return this.state.apps.find((a) => a.appId === String(appId));
  }

  /** A fresh numeric id, unique within the tenant (comment ids, record trace ids…). */
  nextSequence(): number {
    this.state.sequence += 1;
    return this.state.sequence;
  }

  /** An unguessable token of the given byte length, URL-safe. */
  static secret(bytes = 24): string {
    return randomBytes(bytes).toString('base64url');
  }
}
