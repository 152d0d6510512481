import { createdPluginKey, linkedAppsResponse, pluginKeyListResponse } from '@notta/shared';
import { useMemo } from 'react';
import { type Session, useSession } from '../session/SessionProvider';
import type { Contract } from './fetchJson';

/** A 204 (nothing in the body) is the only good answer to a revoke. */
const nothing: Contract<null> = {
  safeParse: (input) => (input === null ? { success: true, data: null } : { success: false }),
};

/** Plug-in keys and linked apps of one workspace, as the signed-in user (the session adds the CSRF token). */
export function pluginKeysApi(request: Session['request'], workspaceId: string) {
  const workspace = `/api/workspaces/${encodeURIComponent(workspaceId)}`;
  return {
    list: () => request(`${workspace}/plugin-keys`, pluginKeyListResponse),
    create: (label: string) =>
      request(`${workspace}/plugin-keys`, createdPluginKey, { method: 'POST', body: { label } }),
    revoke: (keyId: string) =>
      request(`${workspace}/plugin-keys/${encodeURIComponent(keyId)}`, nothing, { method: 'DELETE' }),
    linkedApps: () => request(`${workspace}/kintone/apps`, linkedAppsResponse),
  };
}

export function usePluginKeysApi() {
  const { request, membership } = useSession();
  const workspaceId = membership?.workspace.id ?? '';
  return useMemo(() => pluginKeysApi(request, workspaceId), [request, workspaceId]);
}
