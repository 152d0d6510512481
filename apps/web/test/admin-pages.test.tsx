import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, me, mockBackend, renderApp, signedIn, view, WORKSPACE_ID } from './helpers';

const member = (n: number, role: 'owner' | 'admin' | 'member') => ({
  id: `5555555${n}-5555-4555-8555-555555555555`,
  name: `Person ${n}`,
  email: `p${n}@example.com`,
  role,
});

describe("Members' connections", () => {
  it('lists every member with their connection state', async () => {
    mockBackend({
      ...signedIn(),
      [`/api/workspaces/${WORKSPACE_ID}/kintone/connections`]: {
        json: {
          connections: [
            {
              member: member(1, 'owner'),
              status: 'connected',
              connectedAt: '2026-03-02T10:30:00.000Z',
              lastUsedAt: '2026-03-05T08:00:00.000Z',
            },
            {
              member: member(2, 'member'),
              status: 'needs-reconnect',
              connectedAt: '2026-03-01T10:00:00.000Z',
              lastUsedAt: null,
            },
            { member: member(3, 'member'), status: 'never-connected', connectedAt: null, lastUsedAt: null },
          ],
        },
      },
    });
    renderApp('/integrations/kintone/connections');

    const table = await screen.findByRole('table', { name: "Members' connections" });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(within(rows[0] as HTMLElement).getByText('Connected')).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByText('Owner')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('Needs reconnect')).toBeTruthy();
    expect(within(rows[2] as HTMLElement).getByText('Never connected')).toBeTruthy();
    expect(within(rows[2] as HTMLElement).getByText('p3@example.com')).toBeTruthy();
  });

  it('shows the server’s refusal to a plain member', async () => {
    mockBackend({
      ...signedIn(view({ canManage: false }), me('member')),
      [`/api/workspaces/${WORKSPACE_ID}/kintone/connections`]: apiError('ROLE_NOT_ALLOWED', 403),
    });
    renderApp('/integrations/kintone/connections');
    expect(await screen.findByRole('heading', { name: 'Title of ROLE_NOT_ALLOWED' })).toBeTruthy();
  });
});

describe('Audit log', () => {
  it('shows actions in words with who and when, newest first, and loads more with the cursor', async () => {
    const entry = (id: string, action: string, at: string) => ({
      id,
      at,
      actor: { id: member(1, 'owner').id, name: 'Aiko Tanaka', email: 'aiko@example.com' },
      action,
      details: { tenant: 'https://acme.cybozu.com' },
    });
    const backend = mockBackend({
      ...signedIn(),
      [`/api/workspaces/${WORKSPACE_ID}/audit-log`]: {
        json: {
          entries: [
            entry('12', 'kintone.revoked', '2026-03-09T12:00:00.000Z'),
            entry('11', 'kintone.authorized', '2026-03-02T10:30:00.000Z'),
          ],
          nextCursor: '11',
        },
      },
    });
    renderApp('/audit-log');

    const list = await screen.findByRole('list', { name: 'Audit log' });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]?.textContent).toContain('Revoked Kintone authorization');
    expect(items[0]?.textContent).toContain('By Aiko Tanaka (aiko@example.com)');
    expect(items[1]?.textContent).toContain('Authorized Kintone for the workspace');

    backend.answer({
      [`/api/workspaces/${WORKSPACE_ID}/audit-log`]: {
        json: {
          entries: [{ ...entry('10', 'kintone.some-new-thing', '2026-03-01T09:00:00.000Z'), actor: null }],
          nextCursor: null,
        },
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await screen.findByText('kintone.some-new-thing')).toBeTruthy();
    expect(screen.getByText('By Notta (no signed-in user)')).toBeTruthy();
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    const pages = backend.requests.filter((r) => r.path.endsWith('/audit-log')).map((r) => r.search);
    expect(pages).toEqual(['?limit=50', '?limit=50&before=11']);
  });

  it('speaks Japanese', async () => {
    window.localStorage.setItem('notta.locale', 'ja');
    mockBackend({
      ...signedIn(),
      [`/api/workspaces/${WORKSPACE_ID}/audit-log`]: {
        json: {
          entries: [
            {
              id: '1',
              at: '2026-03-09T12:00:00.000Z',
              actor: null,
              action: 'kintone.disconnected',
              details: {},
            },
          ],
          nextCursor: null,
        },
      },
    });
    renderApp('/audit-log');
    expect(await screen.findByText('kintone アカウントの接続を解除')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: '監査ログ' })).toBeTruthy();
  });
});
