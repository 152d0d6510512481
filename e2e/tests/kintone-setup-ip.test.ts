import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import {
  answerConsent,
  answerIpQuestion,
  catalogue,
  en,
  expectText,
  goToStep,
  kintoneScreens,
  onStep,
  openSimAdmin,
  pasteIntoTroubleshooting,
  type SetupFacts,
  screenshot,
  signInToNotta,
  simApi,
  walkSetupToStep4,
  withTimeouts,
} from '../support/notta.js';
import { type RunningSystem, startSystem } from '../support/system.js';

/** Where the admin's browser comes from, as the stand-in sees it (test mode's X-Sim-Client-Address). */
const BROWSER_ADDRESS = '198.51.100.7';

/**
 * The setup with Kintone's IP address restriction: the stand-in runs in test mode so the admin's browser
 * can play an outside address, while Notta's backend calls the token endpoint from 127.0.0.1.
 */
describe('Kintone setup with IP address restriction (browser)', () => {
  let system: RunningSystem;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let admin: BrowserContext;
  let notta: Page;
  let sim: Page;
  let facts: SetupFacts;
  let cidr: string;

  beforeAll(async () => {
    [system, browser] = await Promise.all([startSystem({ simTestMode: true }), launchBrowser()]);
    admin = withTimeouts(await browser.newContext());
    // Every request the browser sends to the stand-in (pages, forms, redirects) comes "from" BROWSER_ADDRESS.
    await admin.route(`${system.simUrl}/**`, (route) =>
      route.continue({
        headers: { ...route.request().headers(), 'x-sim-client-address': BROWSER_ADDRESS },
      }),
    );
    notta = await admin.newPage();
    sim = await admin.newPage();
    await signInToNotta(notta, system.webUrl, 'owner@example.com');
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('step 4 with "yes": Notta shows its IP address and CIDR, each with a Copy button', async () => {
    ({ facts } = await walkSetupToStep4(notta, sim, system, { users: ['administrator'] }));
    await answerIpQuestion(notta, en.ipYes);
    const section = notta.getByRole('region', { name: en.ipTitle });
    await section.waitFor();
    const ip = await section.getByLabel('IP address', { exact: true }).inputValue();
    cidr = await section.getByLabel('CIDR', { exact: true }).inputValue();
    expect(ip).toBe('127.0.0.1');
    expect(cidr).toBe('127.0.0.1/32');
    await section.getByRole('button', { name: 'Copy IP address' }).waitFor();
    await section.getByRole('button', { name: 'Copy CIDR' }).waitFor();
    await expectText(section, 'Users & System Administration → Security → Access Control');
    await screenshot(notta, 'setup-step4-ip-en');
  });

  it('the administrator allows only that CIDR and the browser’s address; authorization works', async () => {
    await openSimAdmin(sim, system.simUrl);
    await sim.getByRole('link', { name: 'Access control' }).click();
    await sim.getByRole('heading', { name: 'Access control', level: 1 }).waitFor();
    await sim.getByRole('radio', { name: 'Allow specific IP addresses' }).check();
    await sim
      .getByLabel('Allowed IP addresses (IPv4 addresses or CIDR ranges, one per line)')
      .fill(`${cidr}\n${BROWSER_ADDRESS}`);
    await sim.getByRole('button', { name: 'Save' }).click();
    await sim.getByText('The settings have been saved.').waitFor();
    expect(await simApi(system.simUrl, 'GET', '/access')).toEqual({
      enabled: true,
      allowed: [cidr, BROWSER_ADDRESS],
    });

    await notta.bringToFront();
    await notta.getByRole('button', { name: en.authorize, exact: true }).click();
    await answerConsent(notta, 'Allow', facts.clientName);
    await notta.getByRole('heading', { level: 1, name: en.authorizedTitle }).waitFor();
    expect(new URL(notta.url()).searchParams.get('outcome')).toBe('authorized');
    await screenshot(notta, 'setup-result-ip-en');
  });

  it(`a browser outside the allow list gets "${kintoneScreens.forbidden.message}"; pasting it in Notta finds the entry`, async () => {
    await simApi(system.simUrl, 'PUT', '/access', { enabled: true, allowed: ['203.0.113.0/24'] });
    await notta.goto(`${system.webUrl}/integrations/kintone/setup`);
    await goToStep(notta, 4);
    await onStep(notta, en.step4);
    const blocked = notta.waitForResponse((r) => r.url().startsWith(`${system.simUrl}/oauth2/authorization`));
    await notta.getByRole('button', { name: en.authorize, exact: true }).click();
    expect((await blocked).status()).toBe(403);
    // The stand-in's page says exactly this, nothing more (its only alert).
    await expect.poll(() => notta.getByRole('alert').textContent()).toBe(kintoneScreens.forbidden.message);
    expect(new URL(notta.url()).origin).toBe(system.simUrl);
    await screenshot(notta, 'kintone-access-forbidden');

    await notta.goto(`${system.webUrl}/integrations/kintone/setup`);
    await goToStep(notta, 1);
    await onStep(notta, en.step1);
    const entry = await pasteIntoTroubleshooting(notta, kintoneScreens.forbidden.message);
    await expectText(notta.getByRole('status').filter({ hasText: en.found }), kintoneScreens.forbidden.title);
    await expectText(entry, `“${kintoneScreens.forbidden.message}”`);
    await expectText(entry, kintoneScreens.forbidden.title);
    await expectText(entry, kintoneScreens.forbidden.cause);
    await expectText(entry, 'How to fix it');
    await screenshot(notta, 'guidance-access-forbidden-en');
    await entry.getByRole('button', { name: en.goToStep(4, en.step4) }).click();
    await onStep(notta, en.step4);
  });

  it('the browser allowed but Notta’s server not: the token endpoint’s 403 lands on KINTONE_TOKEN_IP_FORBIDDEN', async () => {
    await simApi(system.simUrl, 'PUT', '/access', { enabled: true, allowed: ['198.51.100.0/24'] });
    await notta.getByRole('button', { name: en.authorize, exact: true }).click();
    await answerConsent(notta, 'Allow', facts.clientName);
    await notta.getByRole('heading', { level: 1, name: en.errorTitle }).waitFor();
    expect(new URL(notta.url()).searchParams.get('error')).toBe('KINTONE_TOKEN_IP_FORBIDDEN');
    const notice = notta.getByRole('alert');
    await expectText(notice, catalogue.KINTONE_TOKEN_IP_FORBIDDEN.title);
    await expectText(notice, catalogue.KINTONE_TOKEN_IP_FORBIDDEN.cause);
    await expectText(notice, 'Error code: KINTONE_TOKEN_IP_FORBIDDEN');
    await screenshot(notta, 'result-token-ip-forbidden-en');

    await notta.getByRole('button', { name: en.goToStep(4, en.step4) }).click();
    await onStep(notta, en.step4);
    expect(new URL(notta.url()).pathname).toBe('/integrations/kintone/setup');
    // The step that fixes it shows the address to allow.
    const section = notta.getByRole('region', { name: en.ipTitle });
    expect(await section.getByLabel('CIDR', { exact: true }).inputValue()).toBe(cidr);
  });
});
