import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import {
  answerConsent,
  answerIpQuestion,
  catalogue,
  chooseLanguage,
  configureUsersInSim,
  editRedirectInSim,
  en,
  expectText,
  goToStep,
  ja,
  kintoneScreens,
  linkClientInNotta,
  onStep,
  pasteIntoTroubleshooting,
  type SetupFacts,
  type SimClient,
  screenshot,
  signInToNotta,
  stepTitles,
  walkSetupToStep4,
  withTimeouts,
} from '../support/notta.js';
import { type RunningSystem, startSystem } from '../support/system.js';

/**
 * What goes wrong during setup and what Notta says about it: Kintone's own error screens (the admin pastes
 * the message into the troubleshooting panel), a wrong client secret and a denied consent (the result page
 * shows the catalogue entry with a link to the step that fixes it).
 */
describe('Kintone setup errors and Notta’s guidance (browser)', () => {
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
    await signInToNotta(notta, system.webUrl, 'owner@example.com');
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  /** Authorize & Connect from step 4; resolves with the stand-in's answer to the authorization request. */
  async function authorize(): Promise<number> {
    await notta.bringToFront();
    await goToStep(notta, 4);
    await onStep(notta, en.step4);
    const answer = notta.waitForResponse((r) => r.url().startsWith(`${system.simUrl}/oauth2/authorization?`));
    await notta.getByRole('button', { name: en.authorize, exact: true }).click();
    return (await answer).status();
  }

  /** The stand-in's error screen says exactly `message`. */
  async function kintoneSays(message: string): Promise<void> {
    await expect.poll(() => notta.getByRole('alert').textContent()).toBe(message);
    expect(new URL(notta.url()).origin).toBe(system.simUrl);
  }

  /** Back in Notta: paste the message, see its entry, follow it to its step. */
  async function guidanceFor(screen: (typeof kintoneScreens)[keyof typeof kintoneScreens], shot: string) {
    await notta.goto(`${system.webUrl}/integrations/kintone/setup`);
    const entry = await pasteIntoTroubleshooting(notta, screen.message);
    await expectText(notta.getByRole('status').filter({ hasText: en.found }), screen.title);
    await expectText(entry, `“${screen.message}”`);
    await expectText(entry, screen.cause);
    await screenshot(notta, shot);
    await entry.getByRole('button', { name: en.goToStep(screen.step, stepTitles[screen.step]!) }).click();
    await onStep(notta, stepTitles[screen.step]!);
  }

  /** The result page shows the catalogue entry; its button opens the step that fixes it. */
  async function resultShows(code: keyof typeof catalogue, shot: string) {
    await notta.getByRole('heading', { level: 1, name: en.errorTitle }).waitFor();
    const url = new URL(notta.url());
    expect(url.origin + url.pathname).toBe(`${system.webUrl}/integrations/kintone/result`);
    expect(url.searchParams.get('error')).toBe(code);
    const notice = notta.getByRole('alert');
    await expectText(notice, catalogue[code].title);
    await expectText(notice, catalogue[code].cause);
    await expectText(notice, `Error code: ${code}`);
    await screenshot(notta, shot);
    const step = catalogue[code].step;
    await notta.getByRole('button', { name: en.goToStep(step, stepTitles[step]!) }).click();
    await onStep(notta, stepTitles[step]!);
    expect(new URL(notta.url()).pathname).toBe('/integrations/kintone/setup');
  }

  it(`a redirect endpoint with a trailing slash: "${kintoneScreens.redirect.message}" → step 1`, async () => {
    ({ facts, client } = await walkSetupToStep4(notta, sim, system, {
      users: ['administrator'],
      redirectUri: (shown) => `${shown}/`,
    }));
    await answerIpQuestion(notta, en.ipNo);
    expect(await authorize()).toBe(400);
    await kintoneSays(kintoneScreens.redirect.message);
    await screenshot(notta, 'kintone-redirect-uri-invalid');
    await guidanceFor(kintoneScreens.redirect, 'guidance-redirect-uri-en');
    // Step 1 shows the endpoint to paste instead.
    expect(await notta.getByLabel('Redirect endpoint', { exact: true }).inputValue()).toBe(
      facts.redirectEndpoint,
    );
  });

  it(`the administrator not ticked: "${kintoneScreens.notPermitted.message}" → step 2`, async () => {
    await editRedirectInSim(sim, system.simUrl, facts.clientName, facts.redirectEndpoint);
    await configureUsersInSim(sim, system.simUrl, facts.clientName, ['yamada']);
    expect(await authorize()).toBe(403);
    await kintoneSays(kintoneScreens.notPermitted.message);
    await screenshot(notta, 'kintone-oauth-not-permitted');
    await guidanceFor(kintoneScreens.notPermitted, 'guidance-not-permitted-en');
    await notta.getByText('Users added to Kintone later are not ticked automatically').waitFor();
  });

  it('a wrong client secret: consent and Allow, then KINTONE_CLIENT_INVALID with the link to step 3', async () => {
    await configureUsersInSim(sim, system.simUrl, facts.clientName, ['administrator', 'yamada']);
    await notta.bringToFront();
    await goToStep(notta, 3);
    await linkClientInNotta(notta, { ...client, clientSecret: `${client.clientSecret.slice(0, -4)}XXXX` });
    expect(await authorize()).toBe(200);
    await answerConsent(notta, 'Allow', facts.clientName);
    await resultShows('KINTONE_CLIENT_INVALID', 'result-client-invalid-en');
  });

  it('consent denied: KINTONE_CONSENT_DENIED (en and ja); then the corrected setup authorizes', async () => {
    // Step 3 is open (the link above): put the right secret back.
    await linkClientInNotta(notta, client);
    expect(await authorize()).toBe(200);
    await answerConsent(notta, 'Deny', facts.clientName);
    await notta.getByRole('heading', { level: 1, name: en.errorTitle }).waitFor();
    await chooseLanguage(notta, '日本語');
    await notta.getByRole('heading', { level: 1, name: ja.errorTitle }).waitFor();
    await expectText(notta.getByRole('alert'), 'kintone へのアクセスが許可されませんでした');
    await screenshot(notta, 'result-consent-denied-ja');
    await chooseLanguage(notta, 'English');
    await resultShows('KINTONE_CONSENT_DENIED', 'result-consent-denied-en');

    await notta.getByRole('button', { name: en.authorize, exact: true }).click();
    await answerConsent(notta, 'Allow', facts.clientName);
    await notta.getByRole('heading', { level: 1, name: en.authorizedTitle }).waitFor();
  });
});
