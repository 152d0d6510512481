import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { repoRoot } from './process.js';

/** Where screenshots land, for a person to look at after a run. */
export const screenshotDir = path.join(repoRoot, 'e2e', 'test-results', 'screenshots');

/**
 * Debian's Chromium through playwright-core, headless, as root-safe flags the toolchain notes list, with a
 * throwaway profile so nothing is written to $HOME.
 */
export async function openBrowser(
  options: { locale?: string } = {},
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'notta-chromium-'));
  mkdirSync(screenshotDir, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    locale: options.locale ?? 'en-US',
    viewport: { width: 1280, height: 800 },
    env: { ...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * One headless Chromium for a whole test file, with a fresh context (its own cookies and storage) for each
 * actor: cheaper than a browser per actor, just as isolated.
 */
export async function launchBrowser(): Promise<{
  newContext: (options?: { locale?: string }) => Promise<BrowserContext>;
  close: () => Promise<void>;
}> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'notta-chromium-'));
  mkdirSync(screenshotDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    env: { ...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  return {
    newContext: (options = {}) =>
      browser.newContext({ locale: options.locale ?? 'en-US', viewport: { width: 1280, height: 800 } }),
    close: async () => {
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
