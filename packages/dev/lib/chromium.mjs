// @ts-check
import { existsSync } from 'node:fs';
import { aptInstall, capture } from './shell.mjs';

export const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium for the browser tests, with CJK fonts so Japanese screens render as users see them. */
export async function ensureChromium() {
  /** @type {string[]} */
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  const fonts = capture('sh', ['-c', 'fc-list :lang=ja family 2>/dev/null | head -n 1']);
  if (!fonts.stdout) missing.push('fonts-noto-cjk');
  if (!capture('sh', ['-c', 'fc-list 2>/dev/null | grep -qi liberation']).ok)
    missing.push('fonts-liberation');
  if (missing.length > 0) await aptInstall(missing, 'The browser tests');
  return CHROMIUM;
}
