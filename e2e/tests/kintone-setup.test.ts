import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import {
  addOAuthClientInSim,
  answerConsent,
  answerIpQuestion,
  chooseLanguage,
  configureUsersInSim,
  en,
  expectText,
  goToStep,
  ja,
  kintoneCard,
  onStep,
  readClientInSim,
  readStep1,
  type SetupFacts,
  type SimClient,
  screenshot,
  signInToNotta,
  signInToSim,
  signOutOfNotta,
  simApi,
  withTimeouts,
} from '../support/notta.js';
import { type RunningSystem, startSystem } from '../support/system.js';

/**
 * The whole setup as a workspace owner who is also the cybozu.com administrator, without IP restriction:
 * Notta Web in one tab, the Kintone stand-in in another, one browser context holding both sessions.
 */
describe('Kintone setup: the four steps as an admin, without IP restriction (browser)', () => {
  let system: RunningSystem;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let admin: BrowserContext;
  let notta: Page;
  let sim: Page;
  let facts: SetupFacts;
  let client: SimClient;

  beforeAll(async () => {
    [system, browser] = await Promise.all([startSystem(), launchBrowser()]);
    admin = withTimeouts(await browser.newContext());
    notta = await admin.newPage();
    sim = await admin.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('step 1 shows the client name, a logo that loads and the redirect endpoint, each to copy', async () => {
    await signInToNotta(notta, system.webUrl, 'owner@example.com');
    const card = kintoneCard(notta);
    await card.getByText(en.notConnected, { exact: true }).waitFor();
    await card.getByRole('link', { name: en.connect, exact: true }).click();
    await notta.getByRole('heading', { level: 1, name: en.wizardTitle }).waitFor();
    expect(new URL(notta.url()).pathname).toBe('/integrations/kintone/setup');

    facts = await readStep1(notta, admin);
    expect(facts.clientName).not.toBe('');
    expect(facts.redirectEndpoint).toBe(`${system.webUrl}/api/kintone/oauth/callback`);
    expect(facts.logo.subarray(1, 4).toString('latin1')).toBe('PNG');
    for (const label of ['Client name', 'Redirect endpoint']) {
      await notta.getByRole('button', { name: `Copy ${label}` }).waitFor();
    }
    await notta.getByRole('link', { name: 'Download logo' }).waitFor();
    await screenshot(notta, 'setup-step1-en');
  });

  it('the administrator adds the OAuth client in the stand-in with that name, logo and redirect endpoint', async () => {
    await addOAuthClientInSim(sim, system.simUrl, {
      name: facts.clientName,
      logo: facts.logo,
      redirectUri: facts.redirectEndpoint,
    });
    const row = sim.getByRole('row').filter({ hasText: facts.clientName });
    await expectText(row, facts.redirectEndpoint);
    // The uploaded logo is the one Notta serves.
    const [registered] = (
      (await simApi(system.simUrl, 'GET', '/oauth/clients')) as {
        clients: { name: string; logo: string | null; redirectUri: string }[];
      }
    ).clients;
    expect(registered?.name).toBe(facts.clientName);
    expect(registered?.redirectUri).toBe(facts.redirectEndpoint);
    expect(registered?.logo).toBe(`data:image/png;base64,${facts.logo.toString('base64')}`);

    await notta.bringToFront();
    await notta.getByRole('button', { name: en.step1Next }).click();
    await onStep(notta, en.step2);
  });

  it('step 2: the wizard remembers the step across a reload; the administrator ticks users', async () => {
    await notta.reload();
    await onStep(notta, en.step2);
    await notta.getByText('Users added to Kintone later are not ticked automatically').waitFor();
    await screenshot(notta, 'setup-step2-en');

    await configureUsersInSim(sim, system.simUrl, facts.clientName, ['administrator', 'yamada']);
    const row = sim.getByRole('row').filter({ hasText: facts.clientName });
    await expect.poll(() => row.getByRole('cell').nth(3).textContent()).toBe('2');

    await notta.getByRole('button', { name: en.next, exact: true }).click();
    await onStep(notta, en.step3);
  });

  it('step 3: the edit screen’s values confirmed in Notta; the secret is then masked, the token endpoint derived', async () => {
    client = await readClientInSim(sim, system.simUrl, facts.clientName);
    expect(client.authorizationEndpoint).toBe(`${system.simUrl}/oauth2/authorization`);

    await notta.getByLabel('Client ID', { exact: true }).fill(client.clientId);
    await notta.getByLabel('Client secret', { exact: true }).fill(client.clientSecret);
    await notta.getByLabel('Authorization endpoint', { exact: true }).fill(client.authorizationEndpoint);
    // Derived as soon as the endpoint parses, never typed.
    const token = notta.getByLabel('Token endpoint', { exact: true });
    await expect.poll(() => token.inputValue()).toBe(`${system.simUrl}/oauth2/token`);
    expect(await token.getAttribute('readonly')).not.toBeNull();
    await screenshot(notta, 'setup-step3-en');

    await notta.getByRole('button', { name: en.confirm, exact: true }).click();
    await onStep(notta, en.step4);
    await expectText(notta.locator('.wizard-step__tenant'), system.simUrl);

    // Back to step 3: the secret is shown only masked (its last four characters), no input holds it.
    await goToStep(notta, 3);
    await onStep(notta, en.step3);
    const masked = notta.locator('output');
    await expect.poll(() => masked.textContent()).toBe(`••••••••${client.clientSecret.slice(-4)}`);
    expect(await notta.locator(`input[value="${client.clientSecret}"]`).count()).toBe(0);
    expect(await notta.content()).not.toContain(client.clientSecret);
    await notta.getByText('A client secret is stored. Replace it only if it changed in Kintone.').waitFor();
    expect(await notta.getByLabel('Client ID', { exact: true }).inputValue()).toBe(client.clientId);
    await expect.poll(() => token.inputValue()).toBe(`${system.simUrl}/oauth2/token`);
    await notta.getByRole('button', { name: en.next, exact: true }).click();
    await onStep(notta, en.step4);
  });

  it('step 4: "no IP restriction", Authorize & Connect, consent as administrator, Allow → authorized', async () => {
    const authorize = notta.getByRole('button', { name: en.authorize, exact: true });
    expect(await authorize.isDisabled()).toBe(true);
    await notta.getByText('Answer the IP address question first.').waitFor();
    await answerIpQuestion(notta, en.ipNo);
    await expect.poll(() => authorize.isEnabled()).toBe(true);
    expect(await notta.getByRole('region', { name: en.ipTitle }).count()).toBe(0);
    await screenshot(notta, 'setup-step4-en');

    await authorize.click();
    // Same context: the stand-in already knows the administrator, so it goes straight to consent.
    await answerConsent(notta, 'Allow', facts.clientName);
    await notta.getByRole('heading', { level: 1, name: en.authorizedTitle }).waitFor();
    const url = new URL(notta.url());
    expect(url.origin + url.pathname).toBe(`${system.webUrl}/integrations/kintone/result`);
    expect(url.searchParams.get('outcome')).toBe('authorized');
    await screenshot(notta, 'setup-result-en');

    // The grant exists in Kintone for the administrator.
    const { tokens } = (await simApi(system.simUrl, 'GET', '/oauth/tokens')) as {
      tokens: { clientId: string; userCode: string; refreshTokens: number }[];
    };
    expect(tokens).toEqual([
      expect.objectContaining({ clientId: client.clientId, userCode: 'administrator' }),
    ]);
  });

  it('the Kintone card shows connected (tenant, by whom), across a reload and a sign-out and in', async () => {
    await notta.getByRole('link', { name: en.goHome }).click();
    const card = kintoneCard(notta);
    const check = async () => {
      await card.getByText(en.connected, { exact: true }).first().waitFor();
      await expectText(card, en.connectedBody(system.simUrl, 'Olivia Owner'));
      await expectText(card, en.ownConnected);
      await card.getByRole('button', { name: en.disconnect }).waitFor();
    };
    await check();
    await screenshot(notta, 'setup-card-connected-en');
    await notta.reload();
    await check();
    await signOutOfNotta(notta);
    await signInToNotta(notta, system.webUrl, 'owner@example.com');
    await check();
    // The wizard shows every step done.
    await card.getByRole('link', { name: 'Review setup' }).click();
    await notta.getByText('This workspace is already authorized.', { exact: false }).waitFor();
  });

  it('in Japanese: every step and the result of authorizing again', async () => {
    await chooseLanguage(notta, '日本語');
    await notta.getByRole('heading', { level: 1, name: ja.wizardTitle }).waitFor();
    const steps = [ja.step1, ja.step2, ja.step3, ja.step4];
    for (const [i, title] of steps.entries()) {
      const n = i + 1;
      await goToStep(notta, n, ja.stepCaption(n));
      await onStep(notta, title);
      await screenshot(notta, `setup-step${n}-ja`);
    }
    await notta.getByRole('button', { name: ja.authorize, exact: true }).click();
    await answerConsent(notta, 'Allow', facts.clientName);
    await notta.getByRole('heading', { level: 1, name: ja.authorizedTitle }).waitFor();
    await screenshot(notta, 'setup-result-ja');
    await notta.goto(`${system.webUrl}/integrations`);
    await kintoneCard(notta).getByText(ja.connected, { exact: true }).first().waitFor();
    await screenshot(notta, 'setup-card-connected-ja');
    await chooseLanguage(notta, 'English');
  });

  it('the stand-in signs the administrator in when the consent screen is reached signed out', async () => {
    // A fresh admin browser with only a Notta session: Kintone's sign-in comes first, then consent.
    const other = withTimeouts(await browser.newContext());
    const page = await other.newPage();
    await signInToNotta(page, system.webUrl, 'admin@example.com');
    await page.goto(`${system.webUrl}/integrations/kintone/setup`);
    await goToStep(page, 4);
    await onStep(page, en.step4);
    await page.getByRole('button', { name: en.authorize, exact: true }).click();
    await signInToSim(page, 'administrator');
    await answerConsent(page, 'Allow', facts.clientName);
    await page.getByRole('heading', { level: 1, name: en.authorizedTitle }).waitFor();
    await page.getByRole('link', { name: en.goHome }).click();
    await expectText(kintoneCard(page), en.connectedBody(system.simUrl, 'Aiko Admin (管理者)'));
    await other.close();
  });
});
