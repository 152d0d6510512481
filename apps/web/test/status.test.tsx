import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { healthy, mockBackend, ready, renderApp, unavailable } from './helpers';

/** The row of the details list whose label is `label`, to read its value. */
function detail(label: string): HTMLElement {
  const term = screen.getByText(label, { selector: 'dt' });
  const row = term.parentElement;
  if (!row) throw new Error(`no row for ${label}`);
  return row;
}

describe('system status page', () => {
  it('says it is checking while the backend has not answered', () => {
    mockBackend({ '/healthz': 'pending', '/readyz': 'pending' });
    renderApp('/status');

    expect(screen.getByRole('heading', { name: 'Checking the system…' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('Checking the system…');
  });

  it('shows a ready backend with its version, database engine and database check', async () => {
    const { fetchMock } = mockBackend({ '/healthz': healthy, '/readyz': ready });
    renderApp('/status');

    expect(await screen.findByRole('heading', { name: 'Notta is ready' })).toBeTruthy();
    expect(screen.getByText('The backend is running and its database answers.')).toBeTruthy();
    expect(within(detail('Readiness')).getByText('Ready')).toBeTruthy();
    expect(within(detail('Database')).getByText('Answering')).toBeTruthy();
    expect(within(detail('Database engine')).getByText('PGlite (embedded PostgreSQL)')).toBeTruthy();
    expect(within(detail('Backend version')).getByText('1.4.2')).toBeTruthy();
    expect(within(detail('Service')).getByText('notta-backend')).toBeTruthy();
    expect(screen.getByText(/^Last checked at /)).toBeTruthy();

    const paths = fetchMock.mock.calls
      .map(([input]) => String(input))
      .filter((path) => !path.startsWith('/api/'))
      .sort();
    expect(paths).toEqual(['/healthz', '/readyz']);
  });

  it('shows an unavailable backend when /readyz answers 503 with a failing database', async () => {
    mockBackend({ '/healthz': healthy, '/readyz': unavailable });
    renderApp('/status');

    expect(await screen.findByRole('heading', { name: 'Notta is not ready' })).toBeTruthy();
    expect(within(detail('Readiness')).getByText('Unavailable')).toBeTruthy();
    expect(within(detail('Database')).getByText('Not answering')).toBeTruthy();
    expect(within(detail('Database engine')).getByText('PostgreSQL')).toBeTruthy();
    expect(within(detail('Backend version')).getByText('1.4.2')).toBeTruthy();
  });

  it('shows a network error when the backend cannot be reached, and recovers on "Check again"', async () => {
    const backend = mockBackend({ '/healthz': 'network-error', '/readyz': 'network-error' });
    renderApp('/status');

    expect(await screen.findByRole('heading', { name: "Can't reach the Notta backend" })).toBeTruthy();
    expect(screen.getByText(/Check your network connection/)).toBeTruthy();
    expect(within(detail('Readiness')).getByText('Unreachable')).toBeTruthy();
    expect(within(detail('Backend version')).getByText('Unknown')).toBeTruthy();

    backend.answer({ '/healthz': healthy, '/readyz': ready });
    fireEvent.click(screen.getByRole('button', { name: 'Check again' }));

    expect(await screen.findByRole('heading', { name: 'Notta is ready' })).toBeTruthy();
    expect(screen.queryByText("Can't reach the Notta backend")).toBeNull();
    expect(backend.requests.filter((r) => !r.path.startsWith('/api/'))).toHaveLength(4);
  });

  it('rejects a malformed /readyz body with an error state instead of crashing', async () => {
    mockBackend({
      '/healthz': healthy,
      '/readyz': { json: { status: 'great', checks: {}, database: { engine: 'sqlite' } } },
    });
    renderApp('/status');

    expect(await screen.findByRole('heading', { name: 'Unexpected response from the backend' })).toBeTruthy();
    expect(
      screen.getByText(/The backend answered \/readyz with something this page does not understand/),
    ).toBeTruthy();
    expect(within(detail('Readiness')).getByText('Unknown')).toBeTruthy();
    expect(within(detail('Database engine')).getByText('Unknown')).toBeTruthy();
    // The page itself still stands.
    expect(screen.getByRole('heading', { level: 1, name: 'System status' })).toBeTruthy();
    expect(screen.queryByText('Notta is ready')).toBeNull();
  });

  it('treats a non-JSON answer (say, a proxy error page) as an unexpected response', async () => {
    mockBackend({
      '/healthz': { status: 502, text: '<html>Bad gateway</html>' },
      '/readyz': { status: 502, text: '<html>Bad gateway</html>' },
    });
    renderApp('/status');

    expect(await screen.findByRole('heading', { name: 'Unexpected response from the backend' })).toBeTruthy();
    expect(within(detail('Backend version')).getByText('Unknown')).toBeTruthy();
  });

  it('shows a catalogue error from /readyz with its cause, fix and request ID', async () => {
    mockBackend({
      '/healthz': healthy,
      '/readyz': {
        status: 503,
        json: {
          error: {
            code: 'DATABASE_UNAVAILABLE',
            status: 503,
            title: { en: 'Notta is temporarily unavailable', ja: 'Notta は一時的に利用できません' },
            cause: {
              en: "Notta's database did not answer.",
              ja: 'Notta のデータベースが応答しませんでした。',
            },
            fix: { en: 'Try again in a minute.', ja: 'しばらくしてからもう一度お試しください。' },
            step: null,
            requestId: 'req-7f3a',
          },
        },
      },
    });
    renderApp('/status');

    expect(await screen.findByRole('heading', { name: 'Notta is not ready' })).toBeTruthy();
    const notice = screen.getByRole('alert');
    expect(within(notice).getByRole('heading', { name: 'Notta is temporarily unavailable' })).toBeTruthy();
    expect(within(notice).getByText("Notta's database did not answer.")).toBeTruthy();
    expect(within(notice).getByText('req-7f3a')).toBeTruthy();
  });

  it('speaks Japanese: ready and network-error states', async () => {
    window.localStorage.setItem('notta.locale', 'ja');
    const backend = mockBackend({ '/healthz': healthy, '/readyz': ready });
    renderApp('/status');

    expect(screen.getByRole('heading', { level: 1, name: 'システムの状態' })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Notta は正常に稼働しています' })).toBeTruthy();
    expect(within(detail('データベースエンジン')).getByText('PGlite(組み込み PostgreSQL)')).toBeTruthy();
    expect(within(detail('稼働状況')).getByText('正常')).toBeTruthy();

    backend.answer({ '/healthz': 'network-error', '/readyz': 'network-error' });
    fireEvent.click(screen.getByRole('button', { name: '再確認' }));

    expect(await screen.findByRole('heading', { name: 'Notta のバックエンドに接続できません' })).toBeTruthy();
    expect(within(detail('バックエンドのバージョン')).getByText('不明')).toBeTruthy();
  });
});
