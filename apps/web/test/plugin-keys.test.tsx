import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  apiError,
  authorizedView,
  CSRF,
  me,
  mockBackend,
  renderApp,
  signedIn,
  view,
  WORKSPACE_ID,
} from './helpers';

const KEYS = `/api/workspaces/${WORKSPACE_ID}/plugin-keys`;
const APPS = `/api/workspaces/${WORKSPACE_ID}/kintone/apps`;
const SECRET = `npk_${'s'.repeat(43)}`;

const key = (n: number, label: string, lastUsedAt: string | null = null) => ({
  id: `6666666${n}-6666-4666-8666-666666666666`,
  label,
  prefix: `npk_abcd123${n}`,
  createdAt: '2026-03-02T10:30:00.000Z',
  createdBy: { id: '77777777-7777-4777-8777-777777777777', name: 'Aiko Tanaka' },
  lastUsedAt,
});

describe('Plug-in keys', () => {
  it('lists keys by label, prefix and dates, never a secret', async () => {
    mockBackend({
      ...signedIn(authorizedView()),
      [KEYS]: { json: { keys: [key(1, 'Sales app', '2026-03-05T08:00:00.000Z'), key(2, 'Support')] } },
    });
    renderApp('/integrations/kintone/plugin-keys');
    const table = await screen.findByRole('table', { name: 'Plug-in keys' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0] as HTMLElement).getByText('Sales app')).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByText('npk_abcd1231…')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('Never used')).toBeTruthy();
  });

  it('creates a key with a label and shows its secret once, with a warning, until dismissed', async () => {
    const backend = mockBackend({
      ...signedIn(authorizedView()),
      [`GET ${KEYS}`]: { json: { keys: [] } },
      [`POST ${KEYS}`]: { status: 201, json: { key: key(1, 'Sales app'), secret: SECRET } },
    });
    renderApp('/integrations/kintone/plugin-keys');
    await screen.findByText('No plug-in keys yet.');

    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    expect(await screen.findByText('Enter a label.')).toBeTruthy();
    expect(backend.mutations()).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('Label'), { target: { value: '  Sales app ' } });
    backend.answer({ [`GET ${KEYS}`]: { json: { keys: [key(1, 'Sales app')] } } });
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));

    const secret = (await screen.findByLabelText('Plug-in key')) as HTMLInputElement;
    expect(secret.value).toBe(SECRET);
    expect(screen.getByRole('alert').textContent).toContain('shown only once');
    const [post] = backend.mutations();
    expect(post?.body).toEqual({ label: 'Sales app' });
    expect(post?.headers['x-csrf-token']).toBe(CSRF);
    await screen.findByRole('table', { name: 'Plug-in keys' });

    fireEvent.click(screen.getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByDisplayValue(SECRET)).toBeNull();
    expect(document.body.textContent).not.toContain(SECRET);
  });

  it('revokes a key only after the confirm dialog', async () => {
    const backend = mockBackend({
      ...signedIn(authorizedView()),
      [`GET ${KEYS}`]: { json: { keys: [key(1, 'Sales app')] } },
      [`DELETE ${KEYS}/${key(1, '').id}`]: { status: 204 },
    });
    renderApp('/integrations/kintone/plugin-keys');
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke “Sales app”' }));
    let dialog = screen.getByRole('dialog', { name: 'Revoke the key “Sales app”?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(backend.mutations()).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Revoke “Sales app”' }));
    dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('npk_abcd1231');
    backend.answer({ [`GET ${KEYS}`]: { json: { keys: [] } } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke key' }));
    await screen.findByText('No plug-in keys yet.');
    expect(backend.mutations().map((r) => `${r.method} ${r.path}`)).toEqual([
      `DELETE ${KEYS}/${key(1, '').id}`,
    ]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows the server’s refusal (a plain member, an unauthorized workspace)', async () => {
    mockBackend({
      ...signedIn(view({ canManage: false }), me('member')),
      [KEYS]: apiError('ROLE_NOT_ALLOWED', 403),
    });
    renderApp('/integrations/kintone/plugin-keys');
    expect(await screen.findByRole('heading', { name: 'Title of ROLE_NOT_ALLOWED' })).toBeTruthy();
  });

  it('is linked from the Kintone card for admins of an authorized workspace, with the linked apps', async () => {
    mockBackend(signedIn(authorizedView()));
    const { router } = renderApp('/integrations');
    const c = await screen.findByRole('article', { name: 'Kintone' });
    fireEvent.click(await within(c).findByRole('link', { name: 'Plug-in keys' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/integrations/kintone/plugin-keys'));
  });
});

describe('Linked apps', () => {
  it('lists app, tenant, mapped fields and when it was linked', async () => {
    mockBackend({
      ...signedIn(authorizedView()),
      [APPS]: {
        json: {
          apps: [
            {
              appId: '12',
              tenantBaseUrl: 'https://acme.cybozu.com',
              appName: 'Meeting notes',
              mapping: { meetingId: 'meeting_id', transcript: 'transcript' },
              panelSpace: null,
              linkedAt: '2026-03-02T10:30:00.000Z',
              updatedAt: '2026-03-02T10:30:00.000Z',
            },
          ],
        },
      },
    });
    renderApp('/integrations/kintone/apps');
    const table = await screen.findByRole('table', { name: 'Linked apps' });
    const row = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(within(row).getByText('Meeting notes')).toBeTruthy();
    expect(within(row).getByText('App ID 12')).toBeTruthy();
    expect(within(row).getByText('https://acme.cybozu.com')).toBeTruthy();
    expect(within(row).getByText('Meeting ID → meeting_id')).toBeTruthy();
    expect(within(row).getByText('Transcript → transcript')).toBeTruthy();
  });

  it('says so when no app is linked', async () => {
    mockBackend({ ...signedIn(authorizedView()), [APPS]: { json: { apps: [] } } });
    renderApp('/integrations/kintone/apps');
    expect(await screen.findByText('No Kintone app is linked yet.')).toBeTruthy();
  });
});
