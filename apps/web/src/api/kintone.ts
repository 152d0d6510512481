import {
  type ApiErrorBody,
  type AuditLogResponse,
  auditLogResponse,
  authorizationStart,
  connectionCheckResponse,
  type KintoneIntegrationView,
  kintoneIntegrationView,
  type LinkClientRequest,
  memberConnectionsResponse,
} from '@notta/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { type Session, useSession } from '../session/SessionProvider';
import type { Contract, FetchOutcome } from './fetchJson';

/** A view, or nothing (a 204): after a change that answers without a body the view is read again. */
const viewOrNothing: Contract<KintoneIntegrationView | null> = {
  safeParse(input) {
    if (input === null) return { success: true, data: null };
    return kintoneIntegrationView.safeParse(input);
  },
};

/** Every call of the Kintone connection API for one workspace, as the signed-in user. */
export function kintoneApi(request: Session['request'], workspaceId: string) {
  const base = `/api/workspaces/${encodeURIComponent(workspaceId)}/kintone`;
  const post = <T>(path: string, contract: Contract<T>) =>
    request(`${base}${path}`, contract, { method: 'POST' });
  return {
    view: () => request(base, kintoneIntegrationView),
    setStep: (step: number) => request(`${base}/step`, viewOrNothing, { method: 'PUT', body: { step } }),
    clientAdded: () => post('/client-added', viewOrNothing),
    usersConfigured: () => post('/users-configured', viewOrNothing),
    linkClient: (body: LinkClientRequest) =>
      request(`${base}/credentials`, viewOrNothing, { method: 'PUT', body }),
    setIpRestriction: (usesIpRestriction: boolean) =>
      request(`${base}/ip-restriction`, viewOrNothing, { method: 'PUT', body: { usesIpRestriction } }),
    authorize: () => post('/authorize', authorizationStart),
    connect: () => post('/connection', authorizationStart),
    disconnect: () => request(`${base}/connection`, viewOrNothing, { method: 'DELETE' }),
    check: () => post('/check', connectionCheckResponse),
    connections: () => request(`${base}/connections`, memberConnectionsResponse),
    revoke: () => post('/revoke', viewOrNothing),
    auditLog: (before?: string): Promise<FetchOutcome<AuditLogResponse>> => {
      const query = new URLSearchParams({ limit: '50', ...(before ? { before } : {}) });
      return request(
        `/api/workspaces/${encodeURIComponent(workspaceId)}/audit-log?${query}`,
        auditLogResponse,
      );
    },
  };
}

export type KintoneApi = ReturnType<typeof kintoneApi>;

/** What went wrong with a call, as the page shows it: a catalogue error, or no (understandable) answer. */
export type Failure = { kind: 'api-error'; body: ApiErrorBody } | { kind: 'network' } | { kind: 'invalid' };

export function failureOf(outcome: FetchOutcome<unknown>): Failure | null {
  if (outcome.kind === 'ok') return null;
  if (outcome.kind === 'api-error') return { kind: 'api-error', body: outcome.body };
  return outcome.kind === 'network' ? { kind: 'network' } : { kind: 'invalid' };
}

/** The API for the current workspace. */
export function useKintoneApi(): KintoneApi {
  const { request, membership } = useSession();
  const workspaceId = membership?.workspace.id ?? '';
  return useMemo(() => kintoneApi(request, workspaceId), [request, workspaceId]);
}

/**
 * The workspace's Kintone integration as the server sees it, and `run` to change it: the change's answer
 * (or, for a body-less answer, a fresh read) replaces the view; a failure is kept to show.
 */
export function useKintoneView() {
  const api = useKintoneApi();
  const [view, setView] = useState<KintoneIntegrationView | null>(null);
  const [loadFailure, setLoadFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    const outcome = await api.view();
    if (outcome.kind === 'ok') {
      setView(outcome.data);
      setLoadFailure(null);
    } else setLoadFailure(failureOf(outcome));
  }, [api]);

  useEffect(() => {
    setView(null);
    void load();
  }, [load]);

  /** Runs a change named `name` (for the busy state); answers the failure, or null when it worked. */
  const run = useCallback(
    async (name: string, change: () => Promise<FetchOutcome<KintoneIntegrationView | null>>) => {
      setBusy(name);
      try {
        const outcome = await change();
        if (outcome.kind === 'ok') {
          if (outcome.data) setView(outcome.data);
          else await load();
          return null;
        }
        return failureOf(outcome);
      } finally {
        setBusy(null);
      }
    },
    [load],
  );

  return { api, view, loadFailure, busy, setBusy, run, reload: load };
}
