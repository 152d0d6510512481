import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import {
  answerConsent,
  chooseLanguage,
  en,
  expectText,
  ja,
  kintoneCard,
  kintoneScreens,
  nottaApi,
  screenshot,
  signInToNotta,
  signInToSim,
  simApi,
  withTimeouts,
} from '../support/notta.js';
import { type RunningSystem, startSystem } from '../support/system.js';

const ACME = 'Acme Corporation (demo)';

/**
 * After an admin authorized the workspace: members connect and disconnect their own Kintone accounts, the
 * admin sees everyone's state and revokes; a Pro workspace and a plain member are refused the setup.
 */
describe('Kintone members: connect, disconnect, revoke, and who is refused (browser)', () => {
  let system: RunningSystem;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let owner: Page;
  let member1: Page;
  let member2: Page;
  let clientName: string;
  const contexts: BrowserContext[] = [];

  async function signedIn(email: string): Promise<Page> {
    const context = withTimeouts(await browser.newContext());
    contexts.push(context);
    const page = await context.newPage();
    await signInToNotta(page, system.webUrl, email);
    return page;
  }

  /** The card in English, then in Japanese (waiting for `jaText`), then back to English. */
  async function cardShots(page: Page, name: string, jaText: string): Promise<void> {
    await screenshot(page, `${name}-en`);
    await chooseLanguage(page, '日本語');
    await kintoneCard(page).getByText(jaText, { exact: true }).first().waitFor();
    await screenshot(page, `${name}-ja`);
    await chooseLanguage(page, 'English');
  }

  /** The admin's Members' connections table: member email → status shown. */
  async function connectionsTable(page: Page): Promise<Record<string, string>> {
    await page.goto(`${system.webUrl}/integrations/kintone/connections`);
    await page.getByRole('heading', { level: 1, name: en.connections }).waitFor();
    const rows = page.getByRole('table').getByRole('row');
    await rows.nth(1).waitFor();
    const out: Record<string, string> = {};
    for (const row of (await rows.all()).slice(1)) {
      const email = (await row.locator('.table__sub').textContent()) ?? '';
      out[email] = ((await row.getByRole('cell').nth(1).textContent()) ?? '').trim();
    }
    return out;
  }

  beforeAll(async () => {
    [system, browser] = await Promise.all([startSystem(), launchBrowser()]);
    owner = await signedIn('owner@example.com');
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await system?.stop();
  });

  it('before authorization: the owner sees Connect; a plain member is told to ask an admin and kept out of the wizard', async () => {
    const card = kintoneCard(owner);
    await card.getByText(en.notConnected, { exact: true }).waitFor();
    await card.getByRole('link', { name: en.connect, exact: true }).waitFor();
    await cardShots(owner, 'card-not-connected', ja.notConnected);

    member2 = await signedIn('member2@example.com');
    const memberCard = kintoneCard(member2);
    await memberCard.getByText(en.askAdmin, { exact: true }).waitFor();
    expect(await memberCard.getByRole('link', { name: en.connect }).count()).toBe(0);
    expect(await memberCard.getByRole('button', { name: en.connect }).count()).toBe(0);
    await cardShots(member2, 'card-member-not-authorized', ja.notConnected);

    await member2.goto(`${system.webUrl}/integrations/kintone/setup`);
    await member2.getByText(en.adminsOnly, { exact: true }).waitFor();
    expect(await member2.getByRole('navigation', { name: 'Setup steps' }).count()).toBe(0);
    expect(await member2.getByRole('heading', { name: en.step1 }).count()).toBe(0);
    await screenshot(member2, 'setup-member-refused-en');
    const api = await nottaApi(member2.context(), system.webUrl, ACME);
    const refused = await api.call('POST', '/client-added');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: 'ROLE_NOT_ALLOWED' } });
  });

  it('a Pro workspace sees which plans include Kintone, and no Connect or wizard', async () => {
    const pro = await signedIn('pro-owner@example.com');
    const card = kintoneCard(pro);
    await card.getByText(en.planExcluded, { exact: true }).waitFor();
    await card.getByText(en.planExcludedBody('Pro'), { exact: true }).waitFor();
    expect(await card.getByRole('link', { name: en.connect }).count()).toBe(0);
    expect(await card.getByRole('button').count()).toBe(0);
    await cardShots(pro, 'card-plan-gated', ja.planExcluded);

    await pro.goto(`${system.webUrl}/integrations/kintone/setup`);
    await pro.getByText(en.planExcludedBody('Pro'), { exact: true }).waitFor();
    expect(await pro.getByRole('navigation', { name: 'Setup steps' }).count()).toBe(0);
    const api = await nottaApi(pro.context(), system.webUrl, 'Pro Team (demo)');
    const refused = await api.call('POST', '/client-added');
    expect(refused.status).toBe(402);
    expect(refused.body).toMatchObject({ error: { code: 'PLAN_EXCLUDES_KINTONE' } });
  });

  it('the owner sets up (API for steps 1–4, the consent in the browser): setting up, then connected', async () => {
    const api = await nottaApi(owner.context(), system.webUrl, ACME);
    const view = (await api.call('GET', '')).body as {
      facts: { clientName: string; clientLogoUrl: string; redirectEndpoint: string };
    };
    clientName = view.facts.clientName;
    const logo = await owner
      .context()
      .request.get(new URL(view.facts.clientLogoUrl, system.webUrl).toString());
    const client = (await simApi(system.simUrl, 'POST', '/oauth/clients', {
      name: clientName,
      redirectUri: view.facts.redirectEndpoint,
      logo: `data:image/png;base64,${(await logo.body()).toString('base64')}`,
      users: ['administrator', 'yamada'],
    })) as { clientId: string; clientSecret: string; authorizationEndpoint: string };
    expect((await api.call('POST', '/client-added')).status).toBe(200);

    await owner.reload();
    const card = kintoneCard(owner);
    await card.getByText(en.settingUp(2), { exact: true }).waitFor();
    await card.getByRole('link', { name: 'Continue setup' }).waitFor();
    await cardShots(owner, 'card-setting-up', ja.settingUp(2));

    expect((await api.call('POST', '/users-configured')).status).toBe(200);
    const linked = await api.call('PUT', '/credentials', {
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      authorizationEndpoint: client.authorizationEndpoint,
    });
    expect(linked.status).toBe(200);
    expect((await api.call('PUT', '/ip-restriction', { usesIpRestriction: false })).status).toBe(200);
    const started = await api.call('POST', '/authorize');
    expect(started.status).toBe(200);
    await owner.goto(String(started.body.authorizationUrl));
    await signInToSim(owner, 'administrator');
    await answerConsent(owner, 'Allow', clientName);
    await owner.getByRole('heading', { level: 1, name: en.authorizedTitle }).waitFor();
    await owner.getByRole('link', { name: en.goHome }).click();
    await card.getByText(en.connected, { exact: true }).first().waitFor();
    await expectText(card, en.connectedBody(system.simUrl, 'Olivia Owner'));
    await cardShots(owner, 'card-connected', ja.connected);
  });

  it('member1 (Kintone user yamada) connects through the consent and comes back connected', async () => {
    member1 = await signedIn('member1@example.com');
    expect(await member1.getByRole('combobox', { name: 'Workspace' }).inputValue()).toBe(
      (await nottaApi(member1.context(), system.webUrl, ACME)).workspaceId,
    );
    const card = kintoneCard(member1);
    await card.getByText(en.ownNotConnected, { exact: true }).waitFor();
    await cardShots(member1, 'card-member-view', ja.ownNotConnected);
    expect(await card.getByRole('link', { name: 'Review setup' }).count()).toBe(0);

    await card.getByRole('button', { name: en.connect, exact: true }).click();
    await signInToSim(member1, 'yamada');
    await answerConsent(member1, 'Allow', clientName);
    await member1.getByRole('heading', { level: 1, name: en.connectedTitle }).waitFor();
    expect(new URL(member1.url()).searchParams.get('outcome')).toBe('connected');
    await member1.getByRole('link', { name: en.goHome }).click();
    await expectText(card, en.ownConnected);
    await card.getByRole('button', { name: en.disconnect }).waitFor();
    await screenshot(member1, 'card-member-connected-en');
  });

  it("the admin's Members' connections: member1 and the owner connected, member2 never connected", async () => {
    expect(await connectionsTable(owner)).toEqual({
      'owner@example.com': en.connected,
      'admin@example.com': en.neverConnected,
      'member1@example.com': en.connected,
      'member2@example.com': en.neverConnected,
    });
    await screenshot(owner, 'members-connections-en');
  });

  it("member1 disconnects: only member1's connection is gone, the owner's stays", async () => {
    const card = kintoneCard(member1);
    await card.getByRole('button', { name: en.disconnect }).click();
    await card.getByText(en.ownNotConnected, { exact: true }).waitFor();
    await card.getByRole('button', { name: en.connect, exact: true }).waitFor();
    expect(await connectionsTable(owner)).toMatchObject({
      'owner@example.com': en.connected,
      'member1@example.com': en.neverConnected,
    });
  });

  it(`a member whose Kintone user is not ticked (suzuki) gets "${kintoneScreens.notPermitted.message}"`, async () => {
    await member2.goto(`${system.webUrl}/integrations`);
    const card = kintoneCard(member2);
    await card.getByRole('button', { name: en.connect, exact: true }).click();
    await signInToSim(member2, 'suzuki');
    await expect
      .poll(() => member2.getByRole('alert').textContent())
      .toBe(kintoneScreens.notPermitted.message);
    await screenshot(member2, 'kintone-member-not-permitted');
  });

  it('revocation: the dialog explains, Cancel changes nothing, Confirm revokes and removes every connection', async () => {
    // member1 connects again (still signed in to the stand-in as yamada: straight to consent).
    const memberCard = kintoneCard(member1);
    await member1.goto(`${system.webUrl}/integrations`);
    await memberCard.getByRole('button', { name: en.connect, exact: true }).click();
    await answerConsent(member1, 'Allow', clientName);
    await member1.getByRole('heading', { level: 1, name: en.connectedTitle }).waitFor();

    await owner.goto(`${system.webUrl}/integrations`);
    const card = kintoneCard(owner);
    await card.getByRole('button', { name: en.revokeAction }).click();
    const dialog = owner.getByRole('dialog', { name: en.revokeTitle });
    await dialog.waitFor();
    for (const text of [en.revokeBody, en.revokeAfterwards, en.revokeKintoneSide]) {
      await dialog.getByText(text, { exact: true }).waitFor();
    }
    await screenshot(owner, 'revoke-dialog-en');
    await dialog.getByRole('button', { name: en.cancel }).click();
    await dialog.waitFor({ state: 'detached' });
    await owner.reload();
    await card.getByText(en.connected, { exact: true }).first().waitFor();
    expect(await connectionsTable(owner)).toMatchObject({
      'owner@example.com': en.connected,
      'member1@example.com': en.connected,
    });

    await owner.goto(`${system.webUrl}/integrations`);
    await card.getByRole('button', { name: en.revokeAction }).click();
    await dialog.getByRole('button', { name: en.revokeAction }).click();
    await card.getByText(en.revokeDone, { exact: true }).waitFor();
    await card.getByText(en.revokeKintoneSide, { exact: true }).waitFor();
    await card.getByText(en.revoked, { exact: true }).waitFor();
    await card.getByRole('link', { name: en.setUpAgain }).waitFor();
    await cardShots(owner, 'card-revoked', ja.revoked);

    expect(await connectionsTable(owner)).toEqual({
      'owner@example.com': en.neverConnected,
      'admin@example.com': en.neverConnected,
      'member1@example.com': en.neverConnected,
      'member2@example.com': en.neverConnected,
    });
    await member1.goto(`${system.webUrl}/integrations`);
    await memberCard.getByText(en.askAdmin, { exact: true }).waitFor();
    expect(await memberCard.getByRole('button', { name: en.disconnect }).count()).toBe(0);
    expect(await memberCard.getByText(en.ownConnected).count()).toBe(0);

    // Revoking again is harmless.
    const api = await nottaApi(owner.context(), system.webUrl, ACME);
    const again = await api.call('POST', '/revoke');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ state: 'revoked' });
    await owner.goto(`${system.webUrl}/integrations`);
    await card.getByText(en.revoked, { exact: true }).waitFor();
    await card.getByText(en.revokeDone).waitFor({ state: 'detached' });
  });
});
