import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { browser } from '../src/kintone/navigate';
import { authorizedView, CSRF, KINTONE, me, mockBackend, renderApp, signedIn, view } from './helpers';

async function card() {
  const article = await screen.findByRole('article', { name: 'Kintone' });
  await within(article).findByText(
    /Not connected|Setting up|Connected|Needs attention|Revoked|Not in your plan/,
    {
      selector: '.pill',
    },
  );
  return article;
}

describe('Kintone card: states at a glance', () => {
  it('not connected: an admin gets Connect, which opens the wizard', async () => {
    mockBackend(signedIn(view()));
    const { router } = renderApp('/integrations');
    const c = await card();

    expect(within(c).getByText('Not connected')).toBeTruthy();
    fireEvent.click(within(c).getByRole('link', { name: 'Connect' }));
    expect(router.state.location.pathname).toBe('/integrations/kintone/setup');
  });

  it('setting up: shows the step and Continue setup', async () => {
    mockBackend(signedIn(view({ state: 'users-configured', currentStep: 3, furthestStep: 3 })));
    renderApp('/integrations');
    const c = await card();

    expect(within(c).getByText('Setting up · step 3 of 4')).toBeTruthy();
    expect(within(c).getByRole('link', { name: 'Continue setup' }).getAttribute('href')).toBe(
      '/integrations/kintone/setup',
    );
  });

  it('connected: tenant, by whom and when, own connection and the admin tools', async () => {
    mockBackend(signedIn(authorizedView()));
    renderApp('/integrations');
    const c = await card();

    expect(within(c).getByText('Connected')).toBeTruthy();
    expect(within(c).getByText(/Connected to https:\/\/acme\.cybozu\.com by Aiko Tanaka on /)).toBeTruthy();
    expect(within(c).getByText(/^Connected since .*Last used: /)).toBeTruthy();
    expect(within(c).getByRole('button', { name: 'Check connection' })).toBeTruthy();
    expect(within(c).getByRole('button', { name: 'Disconnect' })).toBeTruthy();
    expect(within(c).getByRole('link', { name: "Members' connections" })).toBeTruthy();
    expect(within(c).getByRole('link', { name: 'Audit log' })).toBeTruthy();
    expect(within(c).getByRole('button', { name: 'Revoke authorization' })).toBeTruthy();
  });

  it('needs attention: says members must reconnect', async () => {
    mockBackend(signedIn(authorizedView({ needsAttention: true })));
    renderApp('/integrations');
    const c = await card();

    expect(within(c).getByText('Needs attention')).toBeTruthy();
    expect(within(c).getByText(/Some members' Kintone connections need to be reconnected/)).toBeTruthy();
  });

  it('revoked: says so, with Set up again for an admin', async () => {
    mockBackend(
      signedIn(
        view({ state: 'revoked', revokedAt: '2026-03-09T12:00:00.000Z', currentStep: 1, furthestStep: 1 }),
      ),
    );
    renderApp('/integrations');
    const c = await card();

    expect(within(c).getByText('Revoked')).toBeTruthy();
    expect(within(c).getByText(/^Authorization was revoked on /)).toBeTruthy();
    expect(within(c).getByRole('link', { name: 'Set up again' })).toBeTruthy();
  });

  it('in Japanese too', async () => {
    window.localStorage.setItem('notta.locale', 'ja');
    mockBackend(signedIn(view({ state: 'client-added', currentStep: 2, furthestStep: 2 })));
    renderApp('/integrations');
    const article = await screen.findByRole('article', { name: 'Kintone' });

    expect(await within(article).findByText('設定中(手順 2/4)')).toBeTruthy();
    expect(within(article).getByRole('link', { name: '設定を続ける' })).toBeTruthy();
  });
});

describe('Kintone card: plan and role', () => {
  it('on Pro: says which plans include Kintone, and offers no Connect', async () => {
    mockBackend(
      signedIn(
        view({
          workspace: { id: view().workspace.id, name: 'Acme', plan: 'pro' },
          planIncludesKintone: false,
        }),
        me('owner', 'pro'),
      ),
    );
    renderApp('/integrations');
    const c = await card();

    expect(within(c).getByText('Not in your plan')).toBeTruthy();
    expect(
      within(c).getByText(/included in the Business and Enterprise plans.*on the Pro plan/),
    ).toBeTruthy();
    expect(within(c).queryByRole('link', { name: 'Connect' })).toBeNull();
    expect(within(c).queryByRole('button', { name: 'Connect' })).toBeNull();
  });

  it('a member before authorization is told to ask a workspace admin', async () => {
    mockBackend(signedIn(view({ canManage: false }), me('member')));
    renderApp('/integrations');
    const c = await card();

    expect(within(c).getByText(/Ask a workspace owner or admin to set it up/)).toBeTruthy();
    expect(within(c).queryByRole('link', { name: 'Connect' })).toBeNull();
  });

  it('a member once authorized connects their own account (with the Configure users note)', async () => {
    const backend = mockBackend({
      ...signedIn(
        authorizedView({
          canManage: false,
          facts: null,
          me: { status: 'never-connected', connectedAt: null, lastUsedAt: null },
        }),
        me('member'),
      ),
      [`POST ${KINTONE}/connection`]: {
        json: { authorizationUrl: 'https://acme.cybozu.com/oauth2/authorization?x=1' },
      },
    });
    const assign = vi.spyOn(browser, 'assign').mockImplementation(() => {});
    renderApp('/integrations');
    const c = await card();

    const connect = within(c).getByRole('button', { name: 'Connect' });
    const note = document.getElementById(connect.getAttribute('aria-describedby') ?? '');
    expect(note?.textContent).toMatch(/ticked you under Configure users/);
    expect(within(c).queryByRole('button', { name: 'Revoke authorization' })).toBeNull();
    expect(within(c).queryByRole('link', { name: "Members' connections" })).toBeNull();

    fireEvent.click(connect);
    await waitFor(() =>
      expect(assign).toHaveBeenCalledWith('https://acme.cybozu.com/oauth2/authorization?x=1'),
    );
    const sent = backend.mutations();
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${KINTONE}/connection`]);
    expect(sent[0]?.headers['x-csrf-token']).toBe(CSRF);
  });

  it('disconnect and check send the CSRF header; a failed check shows its catalogue entry', async () => {
    const backend = mockBackend({
      ...signedIn(authorizedView()),
      [`POST ${KINTONE}/check`]: {
        json: { ok: false, checkedAt: '2026-03-05T08:00:00.000Z', error: 'KINTONE_RECONNECT_REQUIRED' },
      },
      [`DELETE ${KINTONE}/connection`]: {
        json: authorizedView({ me: { status: 'never-connected', connectedAt: null, lastUsedAt: null } }),
      },
    });
    renderApp('/integrations');
    const c = await card();

    fireEvent.click(within(c).getByRole('button', { name: 'Check connection' }));
    expect(await within(c).findByRole('heading', { name: 'Reconnect your Kintone account' })).toBeTruthy();

    fireEvent.click(within(c).getByRole('button', { name: 'Disconnect' }));
    expect(await within(c).findByText('Your Kintone account is not connected.')).toBeTruthy();
    for (const request of backend.mutations()) expect(request.headers['x-csrf-token']).toBe(CSRF);
    expect(backend.mutations().map((r) => r.method)).toEqual(['POST', 'DELETE']);
  });
});

describe('Revoke authorization', () => {
  it('explains what it does; Cancel sends nothing and returns focus', async () => {
    const backend = mockBackend(signedIn(authorizedView()));
    renderApp('/integrations');
    const c = await card();
    const opener = within(c).getByRole('button', { name: 'Revoke authorization' });
    opener.focus();
    fireEvent.click(opener);

    const dialog = screen.getByRole('dialog', { name: 'Revoke Kintone authorization?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(
      within(dialog).getByText(/deletes every member's Kintone connection.*stored client secret/),
    ).toBeTruthy();
    expect(within(dialog).getByText(/shows as revoked.*set it up again/)).toBeTruthy();
    expect(
      within(dialog).getByText(
        /Kintone has no way for Notta to revoke access.*deletes the Notta OAuth client, or unticks users/,
      ),
    ).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));

    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(backend.mutations()).toEqual([]);
  });

  it('Escape closes it without sending anything', async () => {
    const backend = mockBackend(signedIn(authorizedView()));
    renderApp('/integrations');
    const c = await card();
    fireEvent.click(within(c).getByRole('button', { name: 'Revoke authorization' }));
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(backend.mutations()).toEqual([]);
  });

  it('Confirm sends POST /revoke with the CSRF header and shows the revoked state and the Kintone reminder', async () => {
    const backend = mockBackend({
      ...signedIn(authorizedView()),
      [`POST ${KINTONE}/revoke`]: {
        json: view({
          state: 'revoked',
          revokedAt: '2026-03-09T12:00:00.000Z',
          client: null,
          usesIpRestriction: null,
        }),
      },
    });
    renderApp('/integrations');
    const c = await card();
    fireEvent.click(within(c).getByRole('button', { name: 'Revoke authorization' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Revoke authorization' }));

    expect(await within(c).findByText('Kintone authorization was revoked.')).toBeTruthy();
    expect(within(c).getByText('Revoked')).toBeTruthy();
    expect(within(c).getByText(/Kintone has no way for Notta to revoke access/)).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    const sent = backend.mutations();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', path: `${KINTONE}/revoke` });
    expect(sent[0]?.headers['x-csrf-token']).toBe(CSRF);
  });
});
