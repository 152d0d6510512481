// @ts-check
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureChromium } from './chromium.mjs';
import { startThrowawayPostgres } from './postgres.mjs';
import { baseEnv, ensurePnpm, installAndBuild, repoRoot, run, say } from './shell.mjs';

/** Packages with unit tests, in dependency order. Database tests among them run on PGlite here. */
const unitPackages = ['@notta/shared', '@notta/kintone-sim', '@notta/backend', '@notta/web', '@notta/plugin'];

export const steps = ['lint', 'typecheck', 'unit', 'postgres', 'e2e'];

/**
 * @typedef {{ name: string, ok: boolean, seconds: number, passed?: number, failed?: number, skipped?: number, note?: string }} StepResult
 */

/**
 * Runs one vitest suite with a JSON report beside the normal output, and reads its counts.
 * @param {string} pnpm
 * @param {string} pkg
 * @param {string[]} extraArgs
 * @param {NodeJS.ProcessEnv} env
 * @param {string} reportDir
 */
async function vitest(pnpm, pkg, extraArgs, env, reportDir) {
  const report = path.join(reportDir, `${pkg.replace(/[@/]/g, '_')}-${Date.now()}.json`);
  const code = await run(
    pnpm,
    [
      '--filter',
      pkg,
      'exec',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...extraArgs,
    ],
    { env },
  );
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    passed = r.numPassedTests ?? 0;
    failed = (r.numFailedTests ?? 0) + (r.numRuntimeErrors ?? 0);
    skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    // A suite that failed to load counts no test but is still a failure.
    if (code !== 0 && failed === 0) failed = 1;
  } else if (code !== 0) {
    failed = 1;
  }
  return { ok: code === 0 && failed === 0, passed, failed, skipped };
}

/**
 * Every check the project has: lint and format, build, type check, unit tests (PGlite), the database
 * tests again on a throwaway PostgreSQL server, and the browser tests in Debian's Chromium.
 * @param {{ only: string[], install: boolean }} options
 */
export async function runAllChecks(options) {
  const started = Date.now();
  /** @type {StepResult[]} */
  const results = [];
  const wanted = (/** @type {string} */ name) => options.only.length === 0 || options.only.includes(name);
  const reportDir = await mkdtemp(path.join(os.tmpdir(), 'notta-test-reports-'));
  /**
   * @param {string} name
   * @param {() => Promise<Omit<StepResult, 'name' | 'seconds'>>} body
   */
  const step = async (name, body) => {
    const t0 = Date.now();
    /** @type {StepResult} */
    let result;
    try {
      result = { name, seconds: 0, ...(await body()) };
    } catch (error) {
      process.stderr.write(`\n${name}: ${error instanceof Error ? error.message : String(error)}\n`);
      result = { name, ok: false, seconds: 0, failed: 1, note: 'could not run' };
    }
    result.seconds = (Date.now() - t0) / 1000;
    results.push(result);
    return result;
  };

  const pnpm = await ensurePnpm();
  const t0 = Date.now();
  await installAndBuild(pnpm, { build: true }).then(
    () => results.push({ name: 'install + build', ok: true, seconds: (Date.now() - t0) / 1000 }),
    (error) => {
      results.push({
        name: 'install + build',
        ok: false,
        seconds: (Date.now() - t0) / 1000,
        note: String(error.message),
      });
    },
  );
  const built = results[0]?.ok === true;

  if (wanted('lint')) {
    await step('lint + format (biome)', async () => {
      say('Lint and format check (biome ci)');
      return { ok: (await run(pnpm, ['exec', 'biome', 'ci', '.'])) === 0 };
    });
  }
  if (built && wanted('typecheck')) {
    await step('type check (tsc, strict)', async () => {
      say('Type check (turbo run typecheck)');
      return {
        ok: (await run(pnpm, ['exec', 'turbo', 'run', 'typecheck', '--output-logs=errors-only'])) === 0,
      };
    });
  }
  if (built && wanted('unit')) {
    for (const pkg of unitPackages) {
      await step(`unit: ${pkg}`, async () => {
        say(`Unit tests: ${pkg}${pkg === '@notta/backend' ? ' (database tests on embedded PGlite)' : ''}`);
        return vitest(pnpm, pkg, [], baseEnv, reportDir);
      });
    }
  }
  if (built && wanted('postgres')) {
    await step('database tests on PostgreSQL', async () => {
      say('Database tests on a throwaway PostgreSQL server');
      const pg = await startThrowawayPostgres();
      process.stdout.write(`${pg.version} on ${pg.url}\n`);
      try {
        const r = await vitest(
          pnpm,
          '@notta/backend',
          ['.db.test'],
          { ...baseEnv, TEST_DATABASE_URL: pg.url },
          reportDir,
        );
        return { ...r, note: pg.version };
      } finally {
        await pg.stop();
      }
    });
  }
  if (built && wanted('e2e')) {
    await step('browser tests (Chromium)', async () => {
      const chromium = await ensureChromium();
      say('Browser tests in Debian Chromium');
      return vitest(pnpm, '@notta/e2e', [], { ...baseEnv, CHROMIUM_PATH: chromium }, reportDir);
    });
  }
  await rm(reportDir, { recursive: true, force: true });

  const passed = results.reduce((n, r) => n + (r.passed ?? 0), 0);
  // A failed step without test counts (install, lint, type check) still counts as one failure.
  const failed = results.reduce((n, r) => n + (r.failed ?? (r.ok ? 0 : 1)), 0);
  const skipped = results.reduce((n, r) => n + (r.skipped ?? 0), 0);
  process.stdout.write('\nSummary\n');
  for (const r of results) {
    const counts = r.passed !== undefined ? `  ${r.passed} passed, ${r.failed ?? 0} failed` : '';
    process.stdout.write(
      `  ${r.ok ? 'ok  ' : 'FAIL'}  ${r.name.padEnd(34)} ${r.seconds.toFixed(1).padStart(6)} s${counts}${r.note ? `  (${r.note})` : ''}\n`,
    );
  }
  const allOk = built && results.every((r) => r.ok);
  process.stdout.write(`  total ${((Date.now() - started) / 1000).toFixed(1)} s\n\n`);
  process.stdout.write(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  return allOk;
}

export { repoRoot };
