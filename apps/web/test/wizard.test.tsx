import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { browser } from '../src/kintone/navigate';
import {
  apiError,
  CSRF,
  facts,
  KINTONE,
  linkedClient,
  me,
  mockBackend,
  renderApp,
  signedIn,
  view,
} from './helpers';

async function openWizard(kintone: unknown, extra: Record<string, unknown> = {}) {
  const backend = mockBackend({ ...signedIn(kintone), ...(extra as Record<string, never>) });
  const app = renderApp('/integrations/kintone/setup');
  await screen.findByRole('navigation', { name: /^(Setup steps|設定の手順)$/ });
  return { backend, ...app };
}

describe('setup wizard: stepper', () => {
  it('shows the server’s step and goes back to a reached step with PUT /step', async () => {
    const { backend } = await openWizard(
      view({ state: 'users-configured', currentStep: 3, furthestStep: 3 }),
      {
        [`PUT ${KINTONE}/step`]: (body: { step: number }) => ({
          json: view({ state: 'users-configured', currentStep: body.step, furthestStep: 3 }),
        }),
      },
    );
    const stepper = screen.getByRole('navigation', { name: 'Setup steps' });
    expect(within(stepper).getByText('Link the OAuth client').closest('[aria-current="step"]')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Link the OAuth client' })).toBeTruthy();
    // Step 4 is not reached yet: not a button.
    expect(within(stepper).queryByRole('button', { name: /Authorize & Connect/ })).toBeNull();

    fireEvent.click(within(stepper).getByRole('button', { name: /Step 1.*Add OAuth client/ }));

    expect(await screen.findByRole('heading', { level: 2, name: 'Add OAuth client' })).toBeTruthy();
    const [put] = backend.mutations();
    expect(put).toMatchObject({ method: 'PUT', path: `${KINTONE}/step`, body: { step: 1 } });
    expect(put?.headers['x-csrf-token']).toBe(CSRF);
  });

  it('is for owners and admins only', async () => {
    mockBackend(signedIn(view({ canManage: false }), me('member')));
    renderApp('/integrations/kintone/setup');
    expect(await screen.findByText(/Only workspace owners and admins can set up Kintone/)).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Setup steps' })).toBeNull();
  });
});

describe('setup wizard: step 1, Add OAuth client', () => {
  it('copies the client name and redirect endpoint, with a visible confirmation', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    await openWizard(view());

    expect(screen.getByRole('heading', { level: 2, name: 'Add OAuth client' })).toBeTruthy();
    expect(screen.getByText('Users & System Administration → Integrations → OAuth')).toBeTruthy();
    expect(screen.getByText('Add OAuth Client')).toBeTruthy();
    expect((screen.getByLabelText('Client name') as HTMLInputElement).value).toBe('Notta');
    expect((screen.getByLabelText('Redirect endpoint') as HTMLInputElement).value).toBe(
      facts.redirectEndpoint,
    );
    const logo = screen.getByRole('img', { name: 'Notta logo for the OAuth client' });
    expect(logo.getAttribute('src')).toBe(facts.clientLogoUrl);
    expect(screen.getByRole('link', { name: 'Download logo' }).getAttribute('href')).toBe(
      facts.clientLogoUrl,
    );

    fireEvent.click(screen.getByRole('button', { name: 'Copy Redirect endpoint' }));
    expect(await screen.findByText('Redirect endpoint copied to the clipboard.')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith(facts.redirectEndpoint);
    expect(screen.getByRole('button', { name: 'Copy Redirect endpoint' }).textContent).toBe('Copied');

    fireEvent.click(screen.getByRole('button', { name: 'Copy Client name' }));
    await waitFor(() => expect(writeText).toHaveBeenLastCalledWith('Notta'));
    Reflect.deleteProperty(navigator, 'clipboard');
  });

  it('falls back to selecting the text when the clipboard refuses', async () => {
    const writeText = vi.fn(async () => {
      throw new Error('denied');
    });
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    await openWizard(view());

    fireEvent.click(screen.getByRole('button', { name: 'Copy Redirect endpoint' }));
    expect(await screen.findByText(/Copying is blocked in this browser/)).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Redirect endpoint'));
    Reflect.deleteProperty(navigator, 'clipboard');
  });

  it('"I\'ve completed the configuration, next" posts client-added and shows step 2', async () => {
    const { backend } = await openWizard(view(), {
      [`POST ${KINTONE}/client-added`]: {
        json: view({ state: 'client-added', currentStep: 2, furthestStep: 2 }),
      },
    });
    fireEvent.click(screen.getByRole('button', { name: "I've completed the configuration, next" }));

    expect(await screen.findByRole('heading', { level: 2, name: 'Configure users' })).toBeTruthy();
    expect(screen.getByText('Users added to Kintone later are not ticked automatically')).toBeTruthy();
    expect(backend.mutations()[0]).toMatchObject({ method: 'POST', path: `${KINTONE}/client-added` });
    expect(backend.mutations()[0]?.headers['x-csrf-token']).toBe(CSRF);
  });

  it('speaks Japanese with Kintone’s Japanese screen names', async () => {
    window.localStorage.setItem('notta.locale', 'ja');
    await openWizard(view());
    expect(screen.getByRole('heading', { level: 2, name: 'OAuth クライアントの追加' })).toBeTruthy();
    expect(screen.getByText('「cybozu.com 共通管理」→「外部連携」→「OAuth」')).toBeTruthy();
    expect(screen.getByText('「高度な連携を追加する」')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'リダイレクトエンドポイントをコピー' })).toBeTruthy();
  });
});

describe('setup wizard: step 3, Link the OAuth client', () => {
  const step3 = view({ state: 'users-configured', currentStep: 3, furthestStep: 3 });

  it('checks the authorization endpoint as soon as it is typed, beside the field, without sending anything', async () => {
    const { backend } = await openWizard(step3);
    const endpoint = screen.getByLabelText('Authorization endpoint');
    fireEvent.change(endpoint, { target: { value: 'acme.cybozu.com/oauth2/authorization' } });
    fireEvent.blur(endpoint);

    const error = await screen.findByText(/must be a full address starting with https:\/\//);
    expect(endpoint.getAttribute('aria-invalid')).toBe('true');
    expect(endpoint.getAttribute('aria-describedby')).toContain(error.id);

    fireEvent.change(screen.getByLabelText('Client ID'), { target: { value: 'abc' } });
    fireEvent.change(screen.getByLabelText('Client secret'), { target: { value: 's3cret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(backend.mutations()).toEqual([]);
    expect(document.activeElement).toBe(endpoint);
  });

  it('shows the endpoint error in Japanese when the page is Japanese', async () => {
    window.localStorage.setItem('notta.locale', 'ja');
    await openWizard(step3);
    const endpoint = screen.getByLabelText('認可エンドポイント');
    fireEvent.change(endpoint, { target: { value: 'https://acme.example.com/oauth2/authorization' } });
    fireEvent.blur(endpoint);
    const describedBy = endpoint.getAttribute('aria-describedby') ?? '';
    await waitFor(() => expect(describedBy).not.toBe(''));
    const error = document.getElementById(`${endpoint.id}-error`);
    expect(error?.textContent).toMatch(/kintone/);
    expect(error?.textContent).toMatch(/[ぁ-んァ-ン]/);
  });

  it('shows the derived token endpoint once the endpoint is valid', async () => {
    await openWizard(step3);
    const endpoint = screen.getByLabelText('Authorization endpoint');
    fireEvent.change(endpoint, { target: { value: 'https://acme.cybozu.com/oauth2/authorization' } });
    const token = (await screen.findByLabelText('Token endpoint')) as HTMLInputElement;
    expect(token.value).toBe('https://acme.cybozu.com/oauth2/token');
    expect(token.readOnly).toBe(true);
  });

  it('puts a server `fields` error beside the right field', async () => {
    const { backend } = await openWizard(step3, {
      [`PUT ${KINTONE}/credentials`]: apiError('REQUEST_INVALID', 400, [
        { path: 'clientId', message: 'must be the client ID exactly as Kintone shows it, without spaces' },
      ]),
    });
    fireEvent.change(screen.getByLabelText('Client ID'), { target: { value: 'abc' } });
    fireEvent.change(screen.getByLabelText('Client secret'), { target: { value: 's3cret' } });
    fireEvent.change(screen.getByLabelText('Authorization endpoint'), {
      target: { value: 'https://acme.cybozu.com/oauth2/authorization' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));

    const clientId = screen.getByLabelText('Client ID');
    await waitFor(() => expect(clientId.getAttribute('aria-invalid')).toBe('true'));
    const error = document.getElementById(`${clientId.id}-error`);
    expect(error?.textContent).toBe('must be the client ID exactly as Kintone shows it, without spaces');
    expect(screen.getByLabelText('Authorization endpoint').getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByRole('alert')).toBeTruthy();
    const [put] = backend.mutations();
    expect(put).toMatchObject({
      method: 'PUT',
      path: `${KINTONE}/credentials`,
      body: {
        clientId: 'abc',
        clientSecret: 's3cret',
        authorizationEndpoint: 'https://acme.cybozu.com/oauth2/authorization',
      },
    });
    expect(put?.headers['x-csrf-token']).toBe(CSRF);
  });

  it('shows a stored secret only masked, keeps it unless replaced, and can replace it', async () => {
    const stored = view({
      state: 'credentials-confirmed',
      currentStep: 3,
      furthestStep: 4,
      client: linkedClient,
    });
    const { backend } = await openWizard(stored, {
      [`PUT ${KINTONE}/credentials`]: { json: stored },
    });
    expect(screen.getByText('••••••••3f9a')).toBeTruthy();
    expect((screen.getByLabelText('Client ID') as HTMLInputElement).value).toBe('notta-client-1');
    expect((screen.getByLabelText('Token endpoint') as HTMLInputElement).value).toBe(
      'https://acme.cybozu.com/oauth2/token',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(backend.mutations()).toHaveLength(1));
    expect(backend.mutations()[0]?.body).toEqual({
      clientId: 'notta-client-1',
      authorizationEndpoint: 'https://acme.cybozu.com/oauth2/authorization',
    });

    fireEvent.click(screen.getByRole('button', { name: 'Replace the client secret' }));
    const secret = screen.getByLabelText('Client secret') as HTMLInputElement;
    expect(secret.type).toBe('password');
    fireEvent.change(secret, { target: { value: 'new-secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(backend.mutations()).toHaveLength(2));
    expect(backend.mutations()[1]?.body).toMatchObject({ clientSecret: 'new-secret' });
  });
});

describe('setup wizard: step 4, Authorize & Connect', () => {
  const step4 = (usesIpRestriction: boolean | null) =>
    view({
      state: 'credentials-confirmed',
      currentStep: 4,
      furthestStep: 4,
      client: linkedClient,
      usesIpRestriction,
    });

  it('answering Yes to the IP question reveals Notta’s IP address and CIDR to copy', async () => {
    const { backend } = await openWizard(step4(null), {
      [`PUT ${KINTONE}/ip-restriction`]: (body: { usesIpRestriction: boolean }) => ({
        json: step4(body.usesIpRestriction),
      }),
    });
    const question = screen.getByRole('group', { name: 'Does your Kintone restrict access by IP address?' });
    expect(screen.queryByLabelText('IP address')).toBeNull();
    expect((screen.getByRole('button', { name: 'Authorize & Connect' }) as HTMLButtonElement).disabled).toBe(
      true,
    );

    fireEvent.click(within(question).getByLabelText(/^Yes/));

    expect(((await screen.findByLabelText('IP address')) as HTMLInputElement).value).toBe('203.0.113.7');
    expect((screen.getByLabelText('CIDR') as HTMLInputElement).value).toBe('203.0.113.0/28');
    expect(screen.getByRole('button', { name: 'Copy IP address' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy CIDR' })).toBeTruthy();
    expect(screen.getByText('Users & System Administration → Security → Access Control')).toBeTruthy();
    expect(screen.getByText('Click Configure Now.')).toBeTruthy();
    const [put] = backend.mutations();
    expect(put).toMatchObject({
      method: 'PUT',
      path: `${KINTONE}/ip-restriction`,
      body: { usesIpRestriction: true },
    });
    expect(put?.headers['x-csrf-token']).toBe(CSRF);

    fireEvent.click(within(question).getByLabelText('No'));
    await waitFor(() => expect(screen.queryByLabelText('IP address')).toBeNull());
  });

  it('Authorize & Connect posts /authorize and sends the browser to the authorization URL', async () => {
    const url = 'https://acme.cybozu.com/oauth2/authorization?client_id=notta-client-1&state=abc';
    const assign = vi.spyOn(browser, 'assign').mockImplementation(() => {});
    const { backend } = await openWizard(step4(false), {
      [`POST ${KINTONE}/authorize`]: { json: { authorizationUrl: url } },
    });
    expect(
      screen.getByText(/sign in to Kintone in this browser as a cybozu\.com administrator/),
    ).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Authorize & Connect' }));

    await waitFor(() => expect(assign).toHaveBeenCalledWith(url));
    expect(backend.mutations()[0]).toMatchObject({ method: 'POST', path: `${KINTONE}/authorize` });
    expect(backend.mutations()[0]?.headers['x-csrf-token']).toBe(CSRF);
  });

  it('shows a refusal from /authorize where the admin is', async () => {
    const assign = vi.spyOn(browser, 'assign').mockImplementation(() => {});
    await openWizard(step4(false), {
      [`POST ${KINTONE}/authorize`]: apiError('KINTONE_CREDENTIALS_MISSING', 409),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Authorize & Connect' }));
    expect(await screen.findByRole('heading', { name: 'Title of KINTONE_CREDENTIALS_MISSING' })).toBeTruthy();
    expect(assign).not.toHaveBeenCalled();
  });
});

describe('troubleshooting panel', () => {
  it('quotes the three Kintone messages and finds the one pasted', async () => {
    const { backend } = await openWizard(
      view({
        state: 'credentials-confirmed',
        currentStep: 4,
        furthestStep: 4,
        client: linkedClient,
        usesIpRestriction: false,
      }),
      {
        [`PUT ${KINTONE}/step`]: (body: { step: number }) => ({
          json: view({
            state: 'credentials-confirmed',
            currentStep: body.step,
            furthestStep: 4,
            client: linkedClient,
          }),
        }),
      },
    );
    const panel = screen.getByRole('complementary', { name: /Troubleshooting/ });
    fireEvent.click(within(panel).getByRole('button', { name: /Troubleshooting/ }));

    expect(
      within(panel).getByText(
        '“You do not have permission to use OAuth. Ask your administrator to configure the necessary settings.”',
      ),
    ).toBeTruthy();
    expect(within(panel).getByText('“The redirect_uri parameter is not valid.”')).toBeTruthy();
    expect(within(panel).getByText('“Access Forbidden.”')).toBeTruthy();

    fireEvent.change(within(panel).getByLabelText('Paste the message Kintone showed'), {
      target: { value: 'Error\n\nthe REDIRECT_URI parameter is not valid.\nBack' },
    });
    expect(within(panel).getByRole('status').textContent).toBe(
      'Found it: Kintone did not accept Notta’s redirect endpoint',
    );
    const matched = panel.querySelector('[aria-current="true"]');
    expect(matched?.textContent).toContain('The redirect_uri parameter is not valid.');

    fireEvent.change(within(panel).getByLabelText('Paste the message Kintone showed'), {
      target: { value: 'Something else entirely' },
    });
    expect(within(panel).getByRole('status').textContent).toMatch(/does not match a message Notta knows/);
    expect(panel.querySelector('[aria-current="true"]')).toBeNull();

    const item = within(panel).getByText('“Access Forbidden.”').closest('li') as HTMLElement;
    fireEvent.click(within(item).getByRole('button', { name: 'Go to step 4: Authorize & Connect' }));
    await waitFor(() => expect(backend.mutations()[0]).toMatchObject({ method: 'PUT', body: { step: 4 } }));
  });
});
