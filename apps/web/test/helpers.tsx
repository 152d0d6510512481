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
  | 'network-error'
  | 'pending';

/** Replaces `fetch` with a backend that answers each path as told; returns the mock to inspect calls. */
export function mockBackend(replies: Record<string, Reply>) {
  const answers = { ...replies };
  const fetchMock = vi.fn(async (input: RequestInfo | URL): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = new URL(url, 'http://localhost').pathname;
    const reply = answers[path];
    if (reply === undefined) throw new Error(`No mocked reply for ${path}`);
    if (reply === 'network-error') throw new TypeError('Failed to fetch');
    if (reply === 'pending') return new Promise<Response>(() => {});
    const body = 'json' in reply ? JSON.stringify(reply.json) : reply.text;
    const type = 'json' in reply ? 'application/json' : 'text/html';
    return new Response(body, { status: reply.status ?? 200, headers: { 'content-type': type } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    fetchMock,
    /** Changes what later requests get, e.g. the backend coming back up before "Check again". */
    answer(next: Record<string, Reply>) {
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
