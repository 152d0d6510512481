import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  apiError,
  CSRF,
  KINTONE,
  me,
  mockBackend,
  OTHER_WORKSPACE_ID,
  renderApp,
  signedIn,
  view,
} from './helpers';

function signIn(email: string, password: string) {
  fireEvent.change(screen.getByLabelText(/Email address|メールアドレス/), { target: { value: email } });
  fireEvent.change(screen.getByLabelText(/^Password$|パスワード/), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: /^(Sign in|サインイン)$/ }));
}

describe('session', () => {
  it('sends a signed-out visitor to sign in, then back to the page they asked for', async () => {
    const backend = mockBackend({
      '/api/me': apiError('AUTH_REQUIRED', 401),
      'POST /api/auth/sign-in': { json: me() },
      [`GET ${KINTONE}`]: { json: view() },
    });
    const { router } = renderApp('/integrations/kintone/setup');

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to Notta' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(router.state.location.search).toBe('?next=%2Fintegrations%2Fkintone%2Fsetup');

    signIn('aiko@example.com', 'correct horse');

    expect(await screen.findByRole('heading', { level: 1, name: 'Connect Kintone' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/integrations/kintone/setup');
    const sent = backend.requests.find((r) => r.path === '/api/auth/sign-in');
    expect(sent?.method).toBe('POST');
    expect(sent?.body).toEqual({ email: 'aiko@example.com', password: 'correct horse' });
  });

  it('shows a wrong password in Japanese when the page is in Japanese, and stays on sign-in', async () => {
    window.localStorage.setItem('notta.locale', 'ja');
    mockBackend({
      '/api/me': apiError('AUTH_REQUIRED', 401),
      'POST /api/auth/sign-in': apiError('AUTH_INVALID_CREDENTIALS', 401),
    });
    const { router } = renderApp('/integrations');

    expect(await screen.findByRole('heading', { level: 1, name: 'Notta にサインイン' })).toBeTruthy();
    signIn('aiko@example.com', 'wrong');

    const notice = await screen.findByRole('alert');
    expect(within(notice).getByRole('heading', { name: 'AUTH_INVALID_CREDENTIALS のタイトル' })).toBeTruthy();
    expect(within(notice).getByText('AUTH_INVALID_CREDENTIALS の原因')).toBeTruthy();
    expect(within(notice).getByText('AUTH_INVALID_CREDENTIALS の対処方法')).toBeTruthy();
    expect(within(notice).queryByText('Title of AUTH_INVALID_CREDENTIALS')).toBeNull();
    expect(router.state.location.pathname).toBe('/sign-in');
  });

  it('signs out from the header with the CSRF token and lands on sign-in', async () => {
    const backend = mockBackend({ ...signedIn(), 'POST /api/auth/sign-out': { status: 204 } });
    const { router } = renderApp('/integrations');
    const banner = screen.getByRole('banner');

    expect(await within(banner).findByText('Aiko Tanaka')).toBeTruthy();
    fireEvent.click(within(banner).getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to Notta' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/sign-in');
    const sent = backend.requests.find((r) => r.path === '/api/auth/sign-out');
    expect(sent?.headers['x-csrf-token']).toBe(CSRF);
  });

  it('switches workspace from the header and remembers the choice', async () => {
    const other = `/api/workspaces/${OTHER_WORKSPACE_ID}/kintone`;
    const backend = mockBackend({
      ...signedIn(view(), me('admin', 'business', [{ name: 'Beta Pro', plan: 'pro' }])),
      [`GET ${other}`]: {
        json: view({
          workspace: { id: OTHER_WORKSPACE_ID, name: 'Beta Pro', plan: 'pro' },
          planIncludesKintone: false,
        }),
      },
    });
    renderApp('/integrations');

    const switcher = await screen.findByRole('combobox', { name: 'Workspace' });
    expect(await screen.findByText('Not connected')).toBeTruthy();
    fireEvent.change(switcher, { target: { value: OTHER_WORKSPACE_ID } });

    expect(await screen.findByText('Not in your plan')).toBeTruthy();
    expect(window.localStorage.getItem('notta.workspace')).toBe(OTHER_WORKSPACE_ID);
    await waitFor(() => expect(backend.requests.some((r) => r.path === other)).toBe(true));
  });
});
