import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CSRF, KINTONE, linkedClient, me, mockBackend, renderApp, signedIn, view } from './helpers';

const RESULT = '/integrations/kintone/result';

describe('Kintone result page', () => {
  it('says the workspace is authorized', async () => {
    mockBackend(signedIn());
    renderApp(`${RESULT}?outcome=authorized`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Kintone is connected' })).toBeTruthy();
    expect(screen.getByText(/your own Kintone account is connected by the same approval/)).toBeTruthy();
  });

  it('says a member’s own account is connected, in Japanese too', async () => {
    window.localStorage.setItem('notta.locale', 'ja');
    mockBackend(signedIn());
    renderApp(`${RESULT}?outcome=connected`);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'kintone アカウントを接続しました' }),
    ).toBeTruthy();
  });

  it('shows the IP-forbidden token error with a link to step 4 that sets the step, then opens the wizard', async () => {
    const backend = mockBackend({
      ...signedIn(),
      [`PUT ${KINTONE}/step`]: {
        json: view({ state: 'credentials-confirmed', currentStep: 4, furthestStep: 4, client: linkedClient }),
      },
    });
    const { router } = renderApp(`${RESULT}?error=KINTONE_TOKEN_IP_FORBIDDEN`);

    const notice = await screen.findByRole('alert');
    expect(within(notice).getByText(/answered 403 Forbidden to Notta’s server/)).toBeTruthy();
    expect(within(notice).getByText('KINTONE_TOKEN_IP_FORBIDDEN')).toBeTruthy();

    // The server now remembers step 4, so the wizard opens there.
    backend.answer({
      [`GET ${KINTONE}`]: {
        json: view({ state: 'credentials-confirmed', currentStep: 4, furthestStep: 4, client: linkedClient }),
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Go to step 4: Authorize & Connect' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/integrations/kintone/setup'));
    const [put] = backend.mutations();
    expect(put).toMatchObject({ method: 'PUT', path: `${KINTONE}/step`, body: { step: 4 } });
    expect(put?.headers['x-csrf-token']).toBe(CSRF);
    expect(await screen.findByRole('heading', { level: 2, name: 'Authorize & Connect' })).toBeTruthy();
  });

  it('the "not permitted" screen error links to step 2, in Japanese', async () => {
    window.localStorage.setItem('notta.locale', 'ja');
    mockBackend(signedIn());
    renderApp(`${RESULT}?error=KINTONE_OAUTH_NOT_PERMITTED`);
    const notice = await screen.findByRole('alert');
    expect(
      within(notice).getByRole('heading', {
        name: 'この kintone ユーザーには Notta の OAuth クライアントの利用が許可されていません',
      }),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: '手順 2「利用ユーザーの設定」へ移動' })).toBeTruthy();
  });

  it('a wrong client secret links to step 3; consent denied has its own entry', async () => {
    mockBackend(signedIn());
    const first = renderApp(`${RESULT}?error=KINTONE_CLIENT_INVALID`);
    expect(await screen.findByRole('button', { name: 'Go to step 3: Link the OAuth client' })).toBeTruthy();
    first.unmount();

    renderApp(`${RESULT}?error=KINTONE_CONSENT_DENIED`);
    expect(await screen.findByRole('heading', { name: 'Access to Kintone was not allowed' })).toBeTruthy();
  });

  it('a plain member gets no step link, only the way back', async () => {
    mockBackend(signedIn(view({ canManage: false }), me('member')));
    renderApp(`${RESULT}?error=KINTONE_TOKEN_IP_FORBIDDEN`);
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Go to step/ })).toBeNull();
    expect(screen.getByText('A workspace owner or admin can fix this in the Kintone setup.')).toBeTruthy();
  });

  it('an unknown code shows a generic error with the code', async () => {
    mockBackend(signedIn());
    renderApp(`${RESULT}?error=SOMETHING_NEW`);
    const notice = await screen.findByRole('alert');
    expect(within(notice).getByRole('heading', { name: 'Something went wrong' })).toBeTruthy();
    expect(within(notice).getByText('SOMETHING_NEW')).toBeTruthy();
  });
});
