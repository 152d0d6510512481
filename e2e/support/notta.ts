import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshotDir } from './browser.js';

/**
 * Texts the tests look for, copied exactly from Notta Web's dictionaries (apps/web/src/i18n/en.ts, ja.ts),
 * the shared error catalogue (packages/shared/src/errors/catalogue.ts) and the Kintone stand-in's pages.
 * Kept here as literals on purpose: a changed wording must fail a test, not silently follow along.
 */
export const en = {
  integrationsTitle: 'Integrations & Apps',
  notConnected: 'Not connected',
  connect: 'Connect',
  wizardTitle: 'Connect Kintone',
  step1: 'Add OAuth client',
  step2: 'Configure users',
  step3: 'Link the OAuth client',
  step4: 'Authorize & Connect',
  step1Next: "I've completed the configuration, next",
  next: 'Next',
  confirm: 'Confirm',
  authorize: 'Authorize & Connect',
  ipNo: 'No',
  ipYes: 'Yes, it allows only specific IP addresses',
  ipTitle: "Allow Notta's IP address",
  authorizedTitle: 'Kintone is connected',
  connectedTitle: 'Your Kintone account is connected',
  errorTitle: 'The connection to Kintone did not complete',
  goHome: 'Go to Integrations & Apps',
  connected: 'Connected',
  revoked: 'Revoked',
  planExcluded: 'Not in your plan',
  settingUp: (step: number) => `Setting up · step ${step} of 4`,
  connectedBody: (tenant: string, name: string) => `Connected to ${tenant} by ${name} on `,
  ownNotConnected: 'Your Kintone account is not connected.',
  ownConnected: 'Connected since ',
  disconnect: 'Disconnect',
  askAdmin:
    'Kintone is not connected to this workspace yet. Ask a workspace owner or admin to set it up; then you can connect your own Kintone account here.',
  adminsOnly: 'Only workspace owners and admins can set up Kintone. Ask one of them to connect it.',
  planExcludedBody: (plan: string) =>
    `The Kintone integration is included in the Business and Enterprise plans. This workspace is on the ${plan} plan; ask the workspace owner to upgrade.`,
  troubleshooting: 'Troubleshooting: messages Kintone may show',
  pasteLabel: 'Paste the message Kintone showed',
  found: 'Found it:',
  goToStep: (step: number, title: string) => `Go to step ${step}: ${title}`,
  revokeAction: 'Revoke authorization',
  revokeTitle: 'Revoke Kintone authorization?',
  revokeBody:
    "This deletes every member's Kintone connection in this workspace, and the stored client secret. Notta stops sending meetings to Kintone.",
  revokeAfterwards:
    'The integration then shows as revoked. An owner or admin can set it up again at any time.',
  revokeKintoneSide:
    'Kintone has no way for Notta to revoke access on its side. To end access in Kintone too, a cybozu.com administrator deletes the Notta OAuth client, or unticks users under Configure users, in Users & System Administration → Integrations → OAuth.',
  revokeDone: 'Kintone authorization was revoked.',
  setUpAgain: 'Set up again',
  cancel: 'Cancel',
  connections: "Members' connections",
  neverConnected: 'Never connected',
} as const;

export const ja = {
  integrationsTitle: '連携とアプリ',
  wizardTitle: 'kintone と接続',
  step1: 'OAuth クライアントの追加',
  step2: '利用ユーザーの設定',
  step3: 'OAuth クライアントのリンク',
  step4: '認可して接続',
  authorize: '認可して接続',
  authorizedTitle: 'kintone と接続しました',
  notConnected: '接続されていません',
  settingUp: (step: number) => `設定中(手順 ${step}/4)`,
  connected: '接続済み',
  revoked: '認可取り消し済み',
  planExcluded: 'ご利用のプランでは利用できません',
  ownNotConnected: 'kintone アカウントは接続されていません。',
  errorTitle: 'kintone との接続が完了しませんでした',
  stepperLabel: '設定の手順',
  stepCaption: (step: number) => `手順 ${step}`,
} as const;

/** Kintone's three screen messages, word for word, and the catalogue entries Notta shows for them. */
export const kintoneScreens = {
  redirect: {
    message: 'The redirect_uri parameter is not valid.',
    title: 'Kintone did not accept Notta’s redirect endpoint',
    cause:
      'The Redirect endpoint saved on the Notta OAuth client in Kintone is not exactly the one Notta uses.',
    step: 1,
  },
  notPermitted: {
    message:
      'You do not have permission to use OAuth. Ask your administrator to configure the necessary settings.',
    title: 'This Kintone user is not allowed to use the Notta OAuth client',
    cause: 'The Kintone user who signed in is not ticked in Configure users for the Notta OAuth client.',
    step: 2,
  },
  forbidden: {
    message: 'Access Forbidden.',
    title: 'Kintone blocked the connection by IP address',
    cause:
      'Your Kintone domain accepts connections only from allowed IP addresses (Access Control), and this connection came from an address that is not on the list.',
    step: 4,
  },
} as const;

/** Catalogue entries the result page shows after a failed round trip. */
export const catalogue = {
  KINTONE_CLIENT_INVALID: {
    title: 'Kintone did not accept the client ID or client secret',
    cause:
      'The Client ID or Client secret saved in Notta does not match the OAuth client in Kintone, or that client was deleted.',
    step: 3,
  },
  KINTONE_CONSENT_DENIED: {
    title: 'Access to Kintone was not allowed',
    cause: 'Notta was not allowed on Kintone’s consent screen, so nothing was connected.',
    step: 4,
  },
  KINTONE_TOKEN_IP_FORBIDDEN: {
    title: 'Kintone refused Notta’s server by IP address',
    cause:
      'Kintone’s token endpoint answered 403 Forbidden to Notta’s server. This happens when Kintone’s IP address restriction does not allow Notta’s IP address / CIDR.',
    step: 4,
  },
} as const;

export const stepTitles: Record<number, string> = { 1: en.step1, 2: en.step2, 3: en.step3, 4: en.step4 };

export const DEMO_PASSWORD = 'notta-demo';
export const SIM_PASSWORD = 'password';

/** A context whose waits give up after 15 s, so a missing outcome fails the test with a clear locator. */
export function withTimeouts(context: BrowserContext): BrowserContext {
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  return context;
}

export function screenshot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Waits until the locator's text contains `text` (an assertion: fails after the timeout). */
export async function expectText(locator: Locator, text: string, timeout = 10_000): Promise<void> {
  await expect.poll(async () => (await locator.allInnerTexts()).join('\n'), { timeout }).toContain(text);
}

/** Waits for an element with exactly this text to be visible. */
export async function seeExactly(scope: Page | Locator, text: string): Promise<Locator> {
  const found = scope.getByText(text, { exact: true }).first();
  await found.waitFor({ state: 'visible' });
  return found;
}

// ---------- Notta Web ----------

export async function signInToNotta(page: Page, webUrl: string, email: string): Promise<void> {
  await page.goto(`${webUrl}/sign-in`);
  await page.getByRole('heading', { level: 1, name: 'Sign in to Notta' }).waitFor();
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: en.integrationsTitle }).waitFor();
}

export async function signOutOfNotta(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in to Notta' }).waitFor();
}

export function kintoneCard(page: Page): Locator {
  return page.getByRole('article', { name: 'Kintone' });
}

/** The heading of the wizard step shown (each step's h2 carries its title). */
export function stepHeading(page: Page, title: string): Locator {
  return page.getByRole('heading', { level: 2, name: title, exact: true });
}

export async function onStep(page: Page, title: string): Promise<void> {
  await stepHeading(page, title).waitFor();
}

/** Clicks a step in the stepper (any step already reached), unless it is the one shown. */
export async function goToStep(page: Page, step: number, caption = `Step ${step}`): Promise<void> {
  await page.locator('.stepper').waitFor();
  if ((await page.locator(`#wizard-step-${step}`).count()) > 0) return;
  await page
    .getByRole('navigation', { name: /Setup steps|設定の手順/ })
    .getByRole('button', { name: new RegExp(`^${caption}(?!\\d)`) })
    .click();
}

export async function chooseLanguage(page: Page, language: 'English' | '日本語'): Promise<void> {
  await page.getByRole('button', { name: language, exact: true }).click();
  await expect
    .poll(() => page.locator('html').getAttribute('lang'))
    .toBe(language === 'English' ? 'en' : 'ja');
}

/** Answers step 4's IP question (the radio is checked once the server has the answer). */
export async function answerIpQuestion(page: Page, label: string): Promise<void> {
  const radio = page.getByRole('radio', { name: label, exact: true });
  await radio.click();
  await expect.poll(() => radio.isChecked()).toBe(true);
}

/** Opens the troubleshooting panel, pastes Kintone's message and returns the entry it picked out. */
export async function pasteIntoTroubleshooting(page: Page, message: string): Promise<Locator> {
  const toggle = page.getByRole('button', { name: en.troubleshooting });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.getByLabel(en.pasteLabel).fill(message);
  const matched = page.locator('li[aria-current="true"]');
  await matched.waitFor();
  return matched;
}

/**
 * The backend's API as the browser context's signed-in user (the context's cookies), with the CSRF token
 * from /api/me: for setting a state up fast where the test is about something else.
 */
export async function nottaApi(context: BrowserContext, webUrl: string, workspaceName: string) {
  const me = (await (await context.request.get(`${webUrl}/api/me`)).json()) as {
    csrfToken: string;
    memberships: { workspace: { id: string; name: string } }[];
  };
  const workspaceId = me.memberships.find((m) => m.workspace.name === workspaceName)?.workspace.id;
  if (!workspaceId) throw new Error(`Not a member of ${workspaceName}`);
  const base = `${webUrl}/api/workspaces/${workspaceId}/kintone`;
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) => {
    const res = await context.request.fetch(`${base}${path}`, {
      method,
      headers: { 'x-csrf-token': me.csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { data: JSON.stringify(body) } : {}),
    });
    return { status: res.status(), body: (await res.json().catch(() => null)) as Record<string, unknown> };
  };
  return { workspaceId, call };
}

// ---------- the Kintone stand-in ----------

export interface SimClient {
  clientId: string;
  clientSecret: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
}

/** Signs in on the stand-in's sign-in page (wherever it was reached from). */
export async function signInToSim(page: Page, user: string): Promise<void> {
  await page.getByRole('heading', { name: 'Sign in to cybozu.com' }).waitFor();
  await page.getByLabel('Login name').fill(user);
  await page.getByLabel('Password').fill(SIM_PASSWORD);
  await page.getByRole('button', { name: 'Login' }).click();
}

export async function openSimAdmin(page: Page, simUrl: string): Promise<void> {
  await page.goto(`${simUrl}/admin/`);
  if (new URL(page.url()).pathname === '/login') await signInToSim(page, 'administrator');
  await page.getByRole('heading', { name: 'Users & System Administration' }).waitFor();
}

/** Integrations → OAuth → Add OAuth Client, filled in as step 1 says, then Save. */
export async function addOAuthClientInSim(
  page: Page,
  simUrl: string,
  client: { name: string; logo: Buffer; redirectUri: string },
): Promise<void> {
  await openSimAdmin(page, simUrl);
  await page.getByRole('link', { name: 'OAuth', exact: true }).click();
  await page.getByRole('heading', { name: 'OAuth', exact: true }).waitFor();
  await page.getByRole('link', { name: 'Add OAuth Client' }).click();
  await page.getByLabel('Client name (required)').fill(client.name);
  await page
    .getByLabel('Client logo')
    .setInputFiles({ name: 'notta-logo.png', mimeType: 'image/png', buffer: client.logo });
  await page.getByLabel('Redirect endpoint (required)').fill(client.redirectUri);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('The OAuth client has been added.').waitFor();
}

/** Configure users next to the client: exactly `users` (login names) ticked, then Save. */
export async function configureUsersInSim(
  page: Page,
  simUrl: string,
  clientName: string,
  users: string[],
): Promise<void> {
  await page.goto(`${simUrl}/admin/oauth`);
  await page
    .getByRole('row')
    .filter({ hasText: clientName })
    .getByRole('link', { name: 'Configure users' })
    .click();
  await page.getByRole('heading', { name: 'Configure users' }).waitFor();
  for (const box of await page.locator('input[name="users"]').all()) {
    const code = await box.getAttribute('value');
    await box.setChecked(users.includes(code ?? ''));
  }
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('The allowed users have been saved.').waitFor();
}

/** The client's edit screen (the pencil icon): what step 3 asks to copy. */
export async function readClientInSim(page: Page, simUrl: string, clientName: string): Promise<SimClient> {
  await page.goto(`${simUrl}/admin/oauth`);
  await page.getByRole('link', { name: `Edit ${clientName}` }).click();
  await page.getByRole('heading', { name: 'Edit OAuth Client' }).waitFor();
  const text = async (id: string) => ((await page.locator(`#${id}`).textContent()) ?? '').trim();
  return {
    clientId: await text('client-id'),
    clientSecret: await text('client-secret'),
    authorizationEndpoint: await text('authorization-endpoint'),
    tokenEndpoint: await text('token-endpoint'),
  };
}

export async function editRedirectInSim(
  page: Page,
  simUrl: string,
  clientName: string,
  redirectUri: string,
): Promise<void> {
  await page.goto(`${simUrl}/admin/oauth`);
  await page.getByRole('link', { name: `Edit ${clientName}` }).click();
  await page.getByLabel('Redirect endpoint (required)').fill(redirectUri);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('The OAuth client has been saved.').waitFor();
}

/** The stand-in's consent screen, then Allow or Deny. */
export async function answerConsent(page: Page, decision: 'Allow' | 'Deny', clientName: string) {
  await page.locator('#k-oauth-consent').waitFor();
  await expectText(page.locator('#client-name'), clientName);
  await page.getByRole('button', { name: decision, exact: true }).click();
}

/** The stand-in's JSON admin API (tests only; access control does not apply to it). */
export async function simApi(
  simUrl: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<unknown> {
  const res = await fetch(`${simUrl}/_sim${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} /_sim${path} answered ${res.status}: ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

// ---------- the setup walk, shared by the files that need a linked client ----------

export interface SetupFacts {
  clientName: string;
  redirectEndpoint: string;
  logo: Buffer;
}

/** Step 1 as shown: the Client name, Redirect endpoint and the logo (downloaded from its URL). */
export async function readStep1(page: Page, context: BrowserContext): Promise<SetupFacts> {
  await onStep(page, en.step1);
  const clientName = await page.getByLabel('Client name', { exact: true }).inputValue();
  const redirectEndpoint = await page.getByLabel('Redirect endpoint', { exact: true }).inputValue();
  const logoImage = page.getByRole('img', { name: 'Notta logo for the OAuth client' });
  await expect
    .poll(() => logoImage.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
    .toBe(true);
  const logoUrl = new URL((await logoImage.getAttribute('src')) ?? '', page.url()).toString();
  const download = await context.request.get(logoUrl);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-type']).toBe('image/png');
  return { clientName, redirectEndpoint, logo: await download.body() };
}

/** Step 3 in Notta: the three values from the client's edit screen, then Confirm (lands on step 4). */
export async function linkClientInNotta(page: Page, client: SimClient): Promise<void> {
  await onStep(page, en.step3);
  await page.getByLabel('Client ID', { exact: true }).fill(client.clientId);
  const replace = page.getByRole('button', { name: 'Replace the client secret' });
  if (await replace.isVisible()) await replace.click();
  await page.getByLabel('Client secret', { exact: true }).fill(client.clientSecret);
  await page.getByLabel('Authorization endpoint', { exact: true }).fill(client.authorizationEndpoint);
  await page.getByRole('button', { name: en.confirm, exact: true }).click();
  await onStep(page, en.step4);
}

/**
 * Steps 1–3 through both UIs, as an admin holding a Notta and a stand-in session in one context: add the
 * client (optionally with a changed redirect endpoint), tick `users`, link the credentials. Ends on step 4.
 */
export async function walkSetupToStep4(
  notta: Page,
  sim: Page,
  urls: { webUrl: string; simUrl: string },
  options: { users: string[]; redirectUri?: (shown: string) => string },
): Promise<{ facts: SetupFacts; client: SimClient }> {
  await notta.goto(`${urls.webUrl}/integrations`);
  await kintoneCard(notta).getByRole('link', { name: en.connect, exact: true }).click();
  const facts = await readStep1(notta, notta.context());
  await addOAuthClientInSim(sim, urls.simUrl, {
    name: facts.clientName,
    logo: facts.logo,
    redirectUri: options.redirectUri ? options.redirectUri(facts.redirectEndpoint) : facts.redirectEndpoint,
  });
  await notta.getByRole('button', { name: en.step1Next }).click();
  await onStep(notta, en.step2);
  await configureUsersInSim(sim, urls.simUrl, facts.clientName, options.users);
  await notta.getByRole('button', { name: en.next, exact: true }).click();
  const client = await readClientInSim(sim, urls.simUrl, facts.clientName);
  await linkClientInNotta(notta, client);
  return { facts, client };
}
