import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshotDir } from '../support/browser.js';
import { freePort } from '../support/process.js';
import { type RunningSim, startSim } from '../support/sim.js';

const NO_PERMISSION =
  'You do not have permission to use OAuth. Ask your administrator to configure the necessary settings.';
const BAD_REDIRECT = 'The redirect_uri parameter is not valid.';
const FORBIDDEN = 'Access Forbidden.';

/** A small valid PNG (16×16, Kintone blue), built by hand so no image file is checked in. */
function makePng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const size = 16;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, Buffer.from([0x34, 0x98, 0xdb]))]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function signIn(page: Page, user: string): Promise<void> {
  await page.getByLabel('Login name').fill(user);
  await page.getByLabel('Password').fill('password');
  await page.getByRole('button', { name: 'Login' }).click();
}

describe('Kintone stand-in: OAuth client set-up, consent and Kintone’s error screens (browser)', () => {
  let sim: RunningSim;
  let callback: Server;
  let callbackUrl: string;
  const received: URL[] = [];
  const browsers: { context: BrowserContext; close: () => Promise<void> }[] = [];
  let client: { id: string; secret: string };
  const shot = (name: string) => path.join(screenshotDir, `kintone-sim-oauth-${name}.png`);

  async function newBrowser(): Promise<BrowserContext> {
    const b = await openBrowser({ locale: 'en-US' });
    browsers.push(b);
    return b.context;
  }

  function authorizationUrl(redirectUri: string, state: string): string {
    const q = new URLSearchParams({
      client_id: client.id,
      redirect_uri: redirectUri,
      state,
      response_type: 'code',
      scope: 'k:app_record:read k:app_record:write k:app_settings:read',
    });
    return `${sim.url}/oauth2/authorization?${q}`;
  }

  beforeAll(async () => {
    sim = await startSim();
    const port = await freePort();
    callbackUrl = `http://localhost:${port}/callback`;
    callback = createServer((req, res) => {
      const url = new URL(req.url ?? '/', callbackUrl);
      if (url.pathname === '/callback') received.push(url);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('Callback received');
    });
    await new Promise<void>((r) => callback.listen(port, '127.0.0.1', r));
  });

  afterAll(async () => {
    for (const b of browsers) await b.close();
    callback?.closeAllConnections();
    await new Promise((r) => (callback ? callback.close(r) : r(undefined)));
    await sim?.stop();
  });

  it('the administrator adds an OAuth client with a logo and ticks a user', async () => {
    const context = await newBrowser();
    const page = await context.newPage();
    await page.goto(`${sim.url}/admin/`);
    await signIn(page, 'administrator');
    await page.getByRole('heading', { name: 'Users & System Administration' }).waitFor();
    await page.getByRole('link', { name: 'OAuth', exact: true }).click();
    await page.getByRole('heading', { name: 'OAuth', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Add OAuth Client' }).click();
    await page.getByLabel('Client name (required)').fill('Notta E2E');
    await page
      .getByLabel('Client logo')
      .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: makePng() });
    await page.getByLabel('Redirect endpoint (required)').fill(callbackUrl);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The OAuth client has been added.').waitFor();

    await page.getByRole('link', { name: 'Edit Notta E2E' }).click();
    client = {
      id: (await page.locator('#client-id').textContent()) ?? '',
      secret: (await page.locator('#client-secret').textContent()) ?? '',
    };
    expect(client.id).not.toBe('');
    expect(client.secret).not.toBe('');
    await expect(page.locator('#authorization-endpoint').textContent()).resolves.toBe(
      `${sim.url}/oauth2/authorization`,
    );
    await expect(page.locator('#token-endpoint').textContent()).resolves.toBe(`${sim.url}/oauth2/token`);
    await page.screenshot({ path: shot('client-edit'), fullPage: true });

    await page.goto(`${sim.url}/admin/oauth`);
    await page
      .locator(`tr[data-client-id="${client.id}"]`)
      .getByRole('link', { name: 'Configure users' })
      .click();
    await page.getByRole('heading', { name: 'Configure users' }).waitFor();
    await expect(page.locator('input[name="users"]:checked').count()).resolves.toBe(0);
    await page.getByLabel('山田 太郎').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The allowed users have been saved.').waitFor();
  });

  it('yamada signs in, sees the consent screen and allows: the callback gets the code and state', async () => {
    const context = await newBrowser();
    const page = await context.newPage();
    await page.goto(authorizationUrl(callbackUrl, 'state-e2e-1'));
    await signIn(page, 'yamada');
    await page.locator('#k-oauth-consent').waitFor();
    await expect(page.locator('#client-name').textContent()).resolves.toBe('Notta E2E');
    await expect(page.locator('#client-logo').isVisible()).resolves.toBe(true);
    for (const scope of [
      'View records and comments in apps',
      'Add, edit and delete records, comments, statuses and assignees in apps',
      'View app settings, such as form fields, layout, views and permissions',
    ]) {
      await expect(page.getByText(scope).isVisible()).resolves.toBe(true);
    }
    await page.screenshot({ path: shot('consent'), fullPage: true });
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.getByText('Callback received').waitFor();
    const hit = received.at(-1)!;
    expect(hit.pathname).toBe('/callback');
    expect(hit.searchParams.get('state')).toBe('state-e2e-1');
    const code = hit.searchParams.get('code');
    expect(code).toBeTruthy();

    // The backend's half: the code buys tokens at the token endpoint (HTTP Basic).
    const res = await fetch(`${sim.url}/oauth2/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: code!, redirect_uri: callbackUrl }),
    });
    expect(res.status).toBe(200);
    const tokens = (await res.json()) as Record<string, unknown>;
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
  });

  it(`shows "${BAD_REDIRECT}" for a redirect_uri with a trailing slash added`, async () => {
    const page = await browsers[1]!.context.newPage();
    const res = await page.goto(authorizationUrl(`${callbackUrl}/`, 'state-e2e-2'));
    expect(res?.status()).toBe(400);
    await expect(page.getByText(BAD_REDIRECT, { exact: true }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: shot('error-redirect-uri'), fullPage: true });
  });

  it(`shows "${NO_PERMISSION}" to a user who is not ticked (suzuki)`, async () => {
    const context = await newBrowser();
    const page = await context.newPage();
    await page.goto(authorizationUrl(callbackUrl, 'state-e2e-3'));
    await signIn(page, 'suzuki');
    await page.getByText(NO_PERMISSION, { exact: true }).waitFor();
    const reload = await page.reload();
    expect(reload?.status()).toBe(403);
    await page.screenshot({ path: shot('error-no-permission'), fullPage: true });
  });

  it(`shows "${FORBIDDEN}" with status 403 when the browser's address is not allowed`, async () => {
    // The browser comes from 127.0.0.1; allow only a documentation range.
    const on = await fetch(`${sim.url}/_sim/access`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: true, allowed: ['203.0.113.0/24'] }),
    });
    expect(on.status).toBe(200);
    try {
      const page = await browsers[1]!.context.newPage();
      const res = await page.goto(authorizationUrl(callbackUrl, 'state-e2e-4'));
      expect(res?.status()).toBe(403);
      await expect(page.getByText(FORBIDDEN, { exact: true }).isVisible()).resolves.toBe(true);
      await page.screenshot({ path: shot('error-access-forbidden'), fullPage: true });
    } finally {
      await fetch(`${sim.url}/_sim/access`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ enabled: false, allowed: [] }),
      });
    }
  });
});
