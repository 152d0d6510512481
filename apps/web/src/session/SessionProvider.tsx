import { CSRF_HEADER, type MembershipSummary, type MeResponse, meResponse } from '@notta/shared';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { type Contract, type FetchOutcome, type RequestOptions, requestJson } from '../api/fetchJson';

export const ME_PATH = '/api/me';
export const SIGN_IN_PATH = '/api/auth/sign-in';
export const SIGN_OUT_PATH = '/api/auth/sign-out';
/** Where the chosen workspace is remembered, for users who belong to several. */
export const WORKSPACE_STORAGE_KEY = 'notta.workspace';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  /** `/api/me` could not be read (network, unexpected answer): nothing is known about the user. */
  | { status: 'unavailable'; outcome: FetchOutcome<unknown> }
  | { status: 'signed-in'; me: MeResponse };

/** Accepts any answer (for 204 responses and calls whose body the UI does not need). */
export const noContent: Contract<null> = { safeParse: () => ({ success: true, data: null }) };

export interface Session {
  state: SessionState;
  /** The workspace the user works in now (their only one, the remembered one, or the first). */
  membership: MembershipSummary | null;
  selectWorkspace: (workspaceId: string) => void;
  signIn: (email: string, password: string) => Promise<FetchOutcome<MeResponse>>;
  signOut: () => Promise<void>;
  reload: () => void;
  /**
   * Calls the backend as the signed-in user: changes carry the CSRF token, and an answer of 401 signs the
   * user out of Notta Web, so the next screen is the sign-in page.
   */
  request: <T>(path: string, contract: Contract<T>, options?: RequestOptions) => Promise<FetchOutcome<T>>;
}

const SessionContext = createContext<Session | null>(null);

function readStoredWorkspace(): string | null {
  try {
    return window.localStorage.getItem(WORKSPACE_STORAGE_KEY);
  } catch {
    return null;
  }
}

function storeWorkspace(id: string): void {
  try {
    window.localStorage.setItem(WORKSPACE_STORAGE_KEY, id);
  } catch {
    // Blocked storage: the choice lasts for this page only.
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [workspaceId, setWorkspaceId] = useState<string | null>(readStoredWorkspace);
  const csrf = useRef<string | null>(null);

  const adopt = useCallback((me: MeResponse) => {
    csrf.current = me.csrfToken;
    setState({ status: 'signed-in', me });
  }, []);

  const reload = useCallback(() => {
    const controller = new AbortController();
    void requestJson(ME_PATH, meResponse, { signal: controller.signal }).then((outcome) => {
      if (controller.signal.aborted) return;
      if (outcome.kind === 'ok') adopt(outcome.data);
      else if (outcome.kind !== 'network' && outcome.httpStatus === 401) {
        csrf.current = null;
        setState({ status: 'signed-out' });
      } else setState({ status: 'unavailable', outcome });
    });
    return controller;
  }, [adopt]);

  useEffect(() => {
    const controller = reload();
    return () => controller.abort();
  }, [reload]);

  const request = useCallback(
    async <T,>(path: string, contract: Contract<T>, options: RequestOptions = {}) => {
      const method = options.method ?? 'GET';
      const headers = { ...options.headers };
      if (method !== 'GET' && csrf.current) headers[CSRF_HEADER] = csrf.current;
      const outcome = await requestJson(path, contract, { ...options, headers });
      if (outcome.kind !== 'ok' && outcome.kind !== 'network' && outcome.httpStatus === 401) {
        csrf.current = null;
        setState({ status: 'signed-out' });
      }
      return outcome;
    },
    [],
  );

  const signIn = useCallback(
    async (email: string, password: string) => {
      const outcome = await requestJson(SIGN_IN_PATH, meResponse, {
        method: 'POST',
        body: { email, password },
      });
      if (outcome.kind === 'ok') adopt(outcome.data);
      return outcome;
    },
    [adopt],
  );

  const signOut = useCallback(async () => {
    await request(SIGN_OUT_PATH, noContent, { method: 'POST' });
    csrf.current = null;
    setState({ status: 'signed-out' });
  }, [request]);

  const selectWorkspace = useCallback((id: string) => {
    storeWorkspace(id);
    setWorkspaceId(id);
  }, []);

  const membership = useMemo(() => {
    if (state.status !== 'signed-in') return null;
    const { memberships } = state.me;
    return memberships.find((m) => m.workspace.id === workspaceId) ?? memberships[0] ?? null;
  }, [state, workspaceId]);

  const value = useMemo<Session>(
    () => ({ state, membership, selectWorkspace, signIn, signOut, reload, request }),
    [state, membership, selectWorkspace, signIn, signOut, reload, request],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() must be called inside <SessionProvider>.');
  return session;
}
