import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUDGETS, checkBudgets } from '../build/budget.mjs';

const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');

const within = {
  'js/desktop.js': { bytes: 100_000, gzipBytes: 60_000 },
  'js/mobile.js': { bytes: 100_000, gzipBytes: 20_000 },
  'js/config.js': { bytes: 300_000, gzipBytes: 120_000 },
};

describe('checkBudgets', () => {
  it('has the budgets of the issue: desktop 60 KB, config 120 KB gzipped', () => {
    expect(BUDGETS).toEqual({ 'js/desktop.js': 60_000, 'js/mobile.js': 60_000, 'js/config.js': 120_000 });
  });

  it('passes bundles at or under budget', () => {
    expect(checkBudgets(within)).toEqual([]);
  });

  it('fails a bundle one byte over, naming it and both sizes', () => {
    expect(checkBudgets({ ...within, 'js/desktop.js': { bytes: 1, gzipBytes: 60_001 } })).toEqual([
      'js/desktop.js is 60,001 B gzipped; its budget is 60,000 B.',
    ]);
    expect(checkBudgets({ ...within, 'js/config.js': { bytes: 1, gzipBytes: 150_000 } })).toHaveLength(1);
  });

  it('fails a missing bundle and a bundle without a budget', () => {
    const { 'js/mobile.js': _gone, ...rest } = within;
    expect(checkBudgets(rest)[0]).toMatch(/js\/mobile\.js was not built/);
    expect(checkBudgets({ ...within, 'js/extra.js': { bytes: 1, gzipBytes: 1 } })).toEqual([
      'js/extra.js has no size budget in build/budget.mjs.',
    ]);
  });

  it('holds for the bundles of the last build', () => {
    const file = path.join(distDir, 'build-info.json');
    if (!existsSync(file))
      throw new Error(`${file} is missing: run \`pnpm --filter @notta/plugin build\` first.`);
    const info = JSON.parse(readFileSync(file, 'utf8'));
    expect(checkBudgets(info.bundles)).toEqual([]);
  });
});
