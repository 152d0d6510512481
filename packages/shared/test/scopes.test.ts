import { describe, expect, it } from 'vitest';
import {
  formatScopeParam,
  KINTONE_INTEGRATION_SCOPES,
  kintoneScopeDescriptions,
  kintoneScopeSchema,
  kintoneScopes,
} from '../src/index.js';

describe('Kintone scopes', () => {
  it('lists all six Kintone scopes, each described in English and Japanese', () => {
    expect([...kintoneScopes].sort()).toEqual([
      'k:app_record:read',
      'k:app_record:write',
      'k:app_settings:read',
      'k:app_settings:write',
      'k:file:read',
      'k:file:write',
    ]);
    for (const scope of kintoneScopes) {
      expect(kintoneScopeDescriptions[scope].en).not.toBe('');
      expect(kintoneScopeDescriptions[scope].ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });

  it('asks Kintone for exactly what the integration uses, and never to change apps or download files', () => {
    expect(formatScopeParam(KINTONE_INTEGRATION_SCOPES)).toBe(
      'k:app_record:read k:app_record:write k:app_settings:read k:file:write',
    );
    expect(KINTONE_INTEGRATION_SCOPES).not.toContain('k:app_settings:write');
    expect(KINTONE_INTEGRATION_SCOPES).not.toContain('k:file:read');
  });

  it('formats the scope parameter space-separated, each scope once, keeping order', () => {
    expect(formatScopeParam(['k:file:write', 'k:app_record:read', 'k:file:write'])).toBe(
      'k:file:write k:app_record:read',
    );
    expect(formatScopeParam([])).toBe('');
  });

  it('refuses unknown scope names, e.g. from a token response', () => {
    expect(kintoneScopeSchema.safeParse('k:app_record:read').success).toBe(true);
    expect(kintoneScopeSchema.safeParse('k:app_record:admin').success).toBe(false);
  });
});
