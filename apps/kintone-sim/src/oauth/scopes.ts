import type { KintoneScope } from '../tenant/model.js';

/**
 * Kintone's six OAuth scopes and what the consent screen says about each (platform notes §1.9). Kept here
 * rather than taken from @notta/shared on purpose: the stand-in plays Kintone, so a mistake in Notta's own
 * scope list must fail against it instead of being agreed with.
 */
export const SCOPE_DESCRIPTIONS: Record<KintoneScope, string> = {
  'k:app_record:read': 'View records and comments in apps',
  'k:app_record:write': 'Add, edit and delete records, comments, statuses and assignees in apps',
  'k:app_settings:read': 'View app settings, such as form fields, layout, views and permissions',
  'k:app_settings:write': 'Change and deploy app settings',
  'k:file:read': 'Download files',
  'k:file:write': 'Upload files',
};

export function isKintoneScope(value: string): value is KintoneScope {
  return Object.hasOwn(SCOPE_DESCRIPTIONS, value);
}

/**
 * A space-separated scope parameter as a list of Kintone scopes (duplicates dropped), or undefined when
 * it is empty or names a scope Kintone does not have.
 */
export function parseScopes(value: string): KintoneScope[] | undefined {
  const names = value.split(' ').filter((s) => s !== '');
  if (names.length === 0 || !names.every(isKintoneScope)) return undefined;
  return [...new Set(names)];
}
