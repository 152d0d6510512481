import { z } from 'zod';
import type { ErrorCode } from './errors/catalogue.js';

export const plans = ['free', 'pro', 'business', 'enterprise'] as const;
export type Plan = (typeof plans)[number];
export const planSchema = z.enum(plans);

export const roles = ['owner', 'admin', 'member'] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles);

/** The Kintone integration is sold with the Business and Enterprise plans only. */
export function planIncludesKintone(plan: Plan): boolean {
  return plan === 'business' || plan === 'enterprise';
}

export function isWorkspaceAdmin(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}

export const kintoneActions = [
  'setup',
  'revoke',
  'connect-own',
  'disconnect-own',
  'view-connections',
] as const;
export type KintoneAction = (typeof kintoneActions)[number];
export const kintoneActionSchema = z.enum(kintoneActions);

export interface KintoneActionContext {
  readonly plan: Plan;
  readonly role: Role;
  /** Setup step 4 (Authorize & Connect) has completed and has not been revoked since. */
  readonly workspaceAuthorized: boolean;
}

export type KintoneDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly code: Extract<ErrorCode, KintoneDenialCode> };

type KintoneDenialCode = 'PLAN_EXCLUDES_KINTONE' | 'ROLE_NOT_ALLOWED' | 'KINTONE_WORKSPACE_NOT_AUTHORIZED';

const allow: KintoneDecision = { allowed: true };
const deny = (code: KintoneDenialCode): KintoneDecision => ({ allowed: false, code });

/**
 * Who may do what with the Kintone integration. Removing access (revoke, disconnect) is never blocked
 * by the plan, so a workspace that downgrades can still cut its Kintone grants. Checks run plan, then
 * role, then setup state, so the answer names the first thing that has to change.
 */
export function decideKintoneAction(action: KintoneAction, ctx: KintoneActionContext): KintoneDecision {
  switch (action) {
    case 'setup':
    case 'view-connections':
      if (!planIncludesKintone(ctx.plan)) return deny('PLAN_EXCLUDES_KINTONE');
      return isWorkspaceAdmin(ctx.role) ? allow : deny('ROLE_NOT_ALLOWED');
    case 'revoke':
      return isWorkspaceAdmin(ctx.role) ? allow : deny('ROLE_NOT_ALLOWED');
    case 'connect-own':
      if (!planIncludesKintone(ctx.plan)) return deny('PLAN_EXCLUDES_KINTONE');
      return ctx.workspaceAuthorized ? allow : deny('KINTONE_WORKSPACE_NOT_AUTHORIZED');
    case 'disconnect-own':
      return allow;
  }
}
