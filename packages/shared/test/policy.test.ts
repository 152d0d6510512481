import { describe, expect, it } from 'vitest';
import {
  decideKintoneAction,
  type KintoneAction,
  kintoneActions,
  type Plan,
  planIncludesKintone,
  planSchema,
  plans,
  type Role,
  roleSchema,
  roles,
} from '../src/index.js';

describe('plans and roles', () => {
  it('only Business and Enterprise include Kintone', () => {
    expect(plans.filter(planIncludesKintone)).toEqual(['business', 'enterprise']);
  });

  it('parses the known values and nothing else', () => {
    expect(planSchema.parse('business')).toBe('business');
    expect(roleSchema.parse('owner')).toBe('owner');
    expect(planSchema.safeParse('Business').success).toBe(false);
    expect(roleSchema.safeParse('guest').success).toBe(false);
  });
});

type Expected = 'allowed' | 'PLAN_EXCLUDES_KINTONE' | 'ROLE_NOT_ALLOWED' | 'KINTONE_WORKSPACE_NOT_AUTHORIZED';

/**
 * The whole decision table written out independently, action by action, so a change to the rules has
 * to be made here on purpose.
 */
function expected(action: KintoneAction, plan: Plan, role: Role, authorized: boolean): Expected {
  const paid = plan === 'business' || plan === 'enterprise';
  const admin = role === 'owner' || role === 'admin';
  switch (action) {
    case 'setup':
    case 'view-connections':
      if (!paid) return 'PLAN_EXCLUDES_KINTONE';
      return admin ? 'allowed' : 'ROLE_NOT_ALLOWED';
    case 'revoke':
      return admin ? 'allowed' : 'ROLE_NOT_ALLOWED';
    case 'connect-own':
      if (!paid) return 'PLAN_EXCLUDES_KINTONE';
      return authorized ? 'allowed' : 'KINTONE_WORKSPACE_NOT_AUTHORIZED';
    case 'disconnect-own':
      return 'allowed';
  }
}

const table = kintoneActions.flatMap((action) =>
  plans.flatMap((plan) =>
    roles.flatMap((role) =>
      [true, false].map((workspaceAuthorized) => ({ action, plan, role, workspaceAuthorized })),
    ),
  ),
);

describe('decideKintoneAction: every action × plan × role × setup state', () => {
  it('covers all 120 combinations', () => {
    expect(table).toHaveLength(5 * 4 * 3 * 2);
  });

  it.each(table)('$action by $role on $plan (authorized: $workspaceAuthorized)', ({ action, ...ctx }) => {
    const decision = decideKintoneAction(action, ctx);
    const want = expected(action, ctx.plan, ctx.role, ctx.workspaceAuthorized);
    expect(decision.allowed ? 'allowed' : decision.code).toBe(want);
  });
});

describe('decideKintoneAction: the rules as users meet them', () => {
  const business = { plan: 'business', workspaceAuthorized: true } as const;

  it('a member cannot set up or revoke, or see other members’ connections', () => {
    for (const action of ['setup', 'revoke', 'view-connections'] as const) {
      expect(decideKintoneAction(action, { ...business, role: 'member' })).toEqual({
        allowed: false,
        code: 'ROLE_NOT_ALLOWED',
      });
    }
  });

  it('owners and admins connect their own account like any member', () => {
    for (const role of roles) {
      expect(decideKintoneAction('connect-own', { ...business, role }).allowed).toBe(true);
    }
  });

  it('nobody connects before the workspace is authorized, and is told to ask an admin', () => {
    expect(
      decideKintoneAction('connect-own', { ...business, role: 'admin', workspaceAuthorized: false }),
    ).toEqual({
      allowed: false,
      code: 'KINTONE_WORKSPACE_NOT_AUTHORIZED',
    });
  });

  it('an admin on Pro is told about the plan, not the role', () => {
    expect(decideKintoneAction('setup', { plan: 'pro', role: 'member', workspaceAuthorized: false })).toEqual(
      {
        allowed: false,
        code: 'PLAN_EXCLUDES_KINTONE',
      },
    );
  });

  it('after a downgrade to Free, grants can still be removed', () => {
    const free = { plan: 'free', workspaceAuthorized: true } as const;
    expect(decideKintoneAction('revoke', { ...free, role: 'owner' }).allowed).toBe(true);
    expect(decideKintoneAction('disconnect-own', { ...free, role: 'member' }).allowed).toBe(true);
    expect(decideKintoneAction('connect-own', { ...free, role: 'member' }).allowed).toBe(false);
  });
});
