import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshotDir } from '../support/browser.js';
import { type RunningSystem, startSystem } from '../support/system.js';

describe('quick start smoke test', () => {
  let system: RunningSystem;
  let browser: { context: BrowserContext; close: () => Promise<void> };

  beforeAll(async () => {
    system = await startSystem();
    browser = await openBrowser({ locale: 'en-US' });
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('prints where to open Notta Web and the Kintone stand-in', () => {
    expect(system.output()).toContain(
      `Notta Web          ${system.webUrl}   sign in as owner@example.com / notta-demo`,
    );
    expect(system.output()).toContain(`Kintone stand-in   ${system.simUrl}`);
  });

  it('signs in with the demo account it printed and lands on Integrations & Apps, with the Kintone card', async () => {
    const page = await browser.context.newPage();
    await page.goto(system.webUrl);
    await page.getByRole('heading', { level: 1, name: 'Sign in to Notta' }).waitFor();
    await page.screenshot({ path: path.join(screenshotDir, 'smoke-sign-in-en.png'), fullPage: true });
    await page.getByLabel('Email address').fill('owner@example.com');
    await page.getByLabel('Password').fill('notta-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Integrations & Apps' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/integrations');
    // The card loads after the page: wait for its state rather than sampling it once.
    await page.getByText('Not connected').first().waitFor();
    await page.screenshot({ path: path.join(screenshotDir, 'smoke-integrations-en.png'), fullPage: true });
  });

  it('shows the backend ready on its embedded database, and switches to Japanese', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${system.webUrl}/status`);
    await page.getByText('Notta is ready').waitFor();
    await page.getByText('PGlite', { exact: false }).first().waitFor();
    await page.getByRole('button', { name: '日本語' }).click();
    await page.getByText('Notta は正常に稼働しています').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    await page.screenshot({ path: path.join(screenshotDir, 'smoke-status-ja.png'), fullPage: true });

    // The choice is remembered across a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'システムの状態' }).waitFor();
  });

  it('answers the Kintone stand-in health check', async () => {
    const res = await fetch(`${system.simUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', service: 'kintone-sim' });
  });
});
