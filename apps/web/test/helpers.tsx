import { render } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { vi } from 'vitest';
import { App } from '../src/App';
import { routes } from '../src/routes';

/** Renders the whole app (i18n, layout, routes) at `path`, with an in-memory history. */
export function renderApp(path = '/') {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(<App router={router} />);
  return { router, ...view };
}

/** Pretends the browser's language preferences are `languages` (what `navigator.languages` returns). */
export function setBrowserLanguages(languages: readonly string[]): void {
  Object.defineProperty(window.navigator, 'languages', { configurable: true, get: () => languages });
}

/** Back to jsdom's own `navigator.languages`. */
export function resetBrowserLanguages(): void {
  Reflect.deleteProperty(window.navigator, 'languages');
}

/** How the mocked backend answers one path: a JSON body, raw text, a network failure, or never. */
export type Reply =
  | { status?: number; json: unknown }
  | { status?: number; text: string }
  | { status: 204 }
  | 'network-error'
  | 'pending';

/** A reply, or a function of the request's JSON body that gives one (for answers that depend on it). */
export type Answer = Reply | ((body: unknown) => Reply);

export interface SentRequest {
  method: string;
  path: string;
  search: string;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * Replaces `fetch` with a backend that answers each path as told. Keys are a path (any method) or
 * "METHOD /path" (that method only, checked first). Returns the mock and every request sent.
 */
export function mockBackend(replies: Record<string, Answer>) {
  const answers = { ...replies };
  const requests: SentRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const parsedUrl = new URL(url, 'http://localhost');
    const path = parsedUrl.pathname;
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers = Object.fromEntries(
      Object.entries((init?.headers as Record<string, string>) ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    requests.push({ method, path, search: parsedUrl.search, headers, body });
    const answer = answers[`${method} ${path}`] ?? answers[path];
    if (answer === undefined) throw new Error(`No mocked reply for ${method} ${path}`);
    const reply = typeof answer === 'function' ? answer(body) : answer;
    if (reply === 'network-error') throw new TypeError('Failed to fetch');
    if (reply === 'pending') return new Promise<Response>(() => {});
    if (!('json' in reply) && !('text' in reply)) return new Response(null, { status: reply.status });
    const text = 'json' in reply ? JSON.stringify(reply.json) : reply.text;
    const type = 'json' in reply ? 'application/json' : 'text/html';
    return new Response(text, { status: reply.status ?? 200, headers: { 'content-type': type } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    fetchMock,
    requests,
    /** Requests that change something (everything but GET). */
    mutations: () => requests.filter((r) => r.method !== 'GET'),
    /** Changes what later requests get, e.g. the backend coming back up before "Check again". */
    answer(next: Record<string, Answer>) {
      Object.assign(answers, next);
    },
  };
}

export const healthy = { json: { status: 'ok', service: 'notta-backend', version: '1.4.2' } } as const;
export const ready = {
  json: { status: 'ready', checks: { database: 'ok' }, database: { engine: 'pglite' } },
} as const;
export const unavailable = {
  status: 503,
  json: { status: 'unavailable', checks: { database: 'failing' }, database: { engine: 'postgres' } },
} as const;

// ---------- Accounts and the Kintone integration ----------

export const WORKSPACE_ID = '11111111-1111-4111-8111-111111111111';
export const OTHER_WORKSPACE_ID = '22222222-2222-4222-8222-222222222222';
export const CSRF = 'csrf-token-0123456789abcdef';
export const KINTONE = `/api/workspaces/${WORKSPACE_ID}/kintone`;

type Role = 'owner' | 'admin' | 'member';
type Plan = 'free' | 'pro' | 'business' | 'enterprise';

export function me(
  role: Role = 'admin',
  plan: Plan = 'business',
  extra: { name: string; plan: Plan }[] = [],
) {
  return {
    user: { id: '33333333-3333-4333-8333-333333333333', email: 'aiko@example.com', name: 'Aiko Tanaka' },
    memberships: [
      { workspace: { id: WORKSPACE_ID, name: 'Acme', plan }, role },
      ...extra.map((w, i) => ({
        workspace: { id: i === 0 ? OTHER_WORKSPACE_ID : `4444444${i}-4444-4444-8444-444444444444`, ...w },
        role,
      })),
    ],
    csrfToken: CSRF,
  };
}

export const facts = {
  clientName: 'Notta',
  clientLogoUrl: 'http://localhost:3000/api/kintone/client-logo.png',
  redirectEndpoint: 'http://localhost:3000/api/kintone/oauth/callback',
  egressIp: '203.0.113.7',
  egressCidr: '203.0.113.0/28',
  scopes: ['k:app_record:read', 'k:app_record:write', 'k:app_settings:read', 'k:file:write'],
};

export const tenant = {
  baseUrl: 'https://acme.cybozu.com',
  subdomain: 'acme',
  domain: 'cybozu.com',
  region: 'jp',
  secureAccess: false,
  authorizationEndpoint: 'https://acme.cybozu.com/oauth2/authorization',
  tokenEndpoint: 'https://acme.cybozu.com/oauth2/token',
};

export const linkedClient = {
  clientId: 'notta-client-1',
  clientSecretMasked: '••••••••3f9a',
  tenant,
  updatedAt: '2026-03-01T09:00:00.000Z',
};

/** A `kintoneIntegrationView`: an admin's, on Business, not started, unless told otherwise. */
export function view(overrides: Record<string, unknown> = {}) {
  const canManage = overrides.canManage ?? true;
  return {
    workspace: { id: WORKSPACE_ID, name: 'Acme', plan: 'business' },
    planIncludesKintone: true,
    canManage,
    state: 'not-started',
    currentStep: 1,
    furthestStep: 1,
    facts: canManage ? facts : null,
    client: null,
    usesIpRestriction: null,
    authorization: null,
    revokedAt: null,
    needsAttention: false,
    me: { status: 'never-connected', connectedAt: null, lastUsedAt: null },
    ...overrides,
  };
}

export const authorizedView = (overrides: Record<string, unknown> = {}) =>
  view({
    state: 'authorized',
    currentStep: 4,
    furthestStep: 4,
    client: linkedClient,
    usesIpRestriction: false,
    authorization: {
      by: { id: '33333333-3333-4333-8333-333333333333', name: 'Aiko Tanaka' },
      at: '2026-03-02T10:30:00.000Z',
      tenantBaseUrl: 'https://acme.cybozu.com',
    },
    me: {
      status: 'connected',
      connectedAt: '2026-03-02T10:30:00.000Z',
      lastUsedAt: '2026-03-05T08:00:00.000Z',
    },
    ...overrides,
  });

/** A catalogue error body as the backend sends it. */
export function apiError(code: string, status: number, fields?: { path: string; message: string }[]) {
  return {
    status,
    json: {
      error: {
        code,
        status,
        title: { en: `Title of ${code}`, ja: `${code} のタイトル` },
        cause: { en: `Cause of ${code}`, ja: `${code} の原因` },
        fix: { en: `Fix for ${code}`, ja: `${code} の対処方法` },
        step: null,
        ...(fields ? { fields } : {}),
        requestId: 'req-1',
      },
    },
  };
}

/** A signed-in admin of a Business workspace, with the Kintone view answering `kintone`. */
export function signedIn(kintone: unknown = view(), who = me()) {
  return { '/api/me': { json: who }, [`GET ${KINTONE}`]: { json: kintone } } as Record<string, Answer>;
}
