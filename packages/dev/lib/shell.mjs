// @ts-check
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: packages/dev/lib → ../../.. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Environment every step runs with: no telemetry, no browser downloads. */
export const baseEnv = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  PUPPETEER_SKIP_DOWNLOAD: '1',
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  FORCE_COLOR: process.env.FORCE_COLOR ?? (process.stdout.isTTY ? '1' : '0'),
};

/** @param {string} message */
export function say(message) {
  process.stdout.write(`\n\u001b[1m▶ ${message}\u001b[0m\n`);
}

/**
 * Runs a command with inherited output; resolves with its exit code.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string }} [options]
 * @returns {Promise<number>}
 */
export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? repoRoot,
      env: options.env ?? baseEnv,
      stdio: 'inherit',
    });
    child.on('error', (error) => {
      process.stderr.write(`Could not run ${command}: ${error.message}\n`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/**
 * @param {string} command
 * @param {readonly string[]} args
 */
export function capture(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', env: baseEnv });
  return {
    ok: result.status === 0,
    stdout: (result.stdout ?? '').trim(),
    stderr: (result.stderr ?? '').trim(),
  };
}

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** @param {string} name */
export function onPath(name) {
  return capture('sh', ['-c', `command -v ${name}`]).ok;
}

/**
 * Installs Debian packages when they are missing (needs root, as on CI and the project's machines).
 * @param {string[]} packages
 * @param {string} why
 */
export async function aptInstall(packages, why) {
  if (!isRoot) {
    throw new Error(
      `${why} needs the Debian packages ${packages.join(' ')}. Install them with: sudo apt-get install -y ${packages.join(' ')}`,
    );
  }
  say(`Installing ${packages.join(', ')} from Debian (${why})`);
  const env = { ...baseEnv, DEBIAN_FRONTEND: 'noninteractive' };
  if ((await run('apt-get', ['update', '-qq'], { env })) !== 0) throw new Error('apt-get update failed');
  if (
    (await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env })) !== 0
  ) {
    throw new Error(`apt-get install ${packages.join(' ')} failed`);
  }
}

export const PNPM_VERSION = '10.34.9';

/**
 * Makes sure pnpm 10.34.9 is available (Node 20 only ships npm); returns the command to call it.
 * @returns {Promise<string>}
 */
export async function ensurePnpm() {
  const current = capture('pnpm', ['--version']);
  if (current.ok && current.stdout === PNPM_VERSION) return 'pnpm';
  say(`Installing pnpm ${PNPM_VERSION} with npm`);
  if (
    (await run('npm', ['install', '--global', `pnpm@${PNPM_VERSION}`])) === 0 &&
    capture('pnpm', ['--version']).ok
  ) {
    return 'pnpm';
  }
  // No permission for a global install: keep a private copy in the user's cache folder.
  const prefix = path.join(os.homedir(), '.cache', 'notta-dev', `pnpm-${PNPM_VERSION}`);
  if ((await run('npm', ['install', '--prefix', prefix, '--no-save', `pnpm@${PNPM_VERSION}`])) !== 0) {
    throw new Error(
      `Could not install pnpm ${PNPM_VERSION}. Install it yourself: npm install -g pnpm@${PNPM_VERSION}`,
    );
  }
  const local = path.join(prefix, 'node_modules', '.bin', 'pnpm');
  if (!existsSync(local)) throw new Error(`pnpm was installed but ${local} is missing`);
  return local;
}

/**
 * Installs the workspace's dependencies exactly as locked, then builds every package.
 * @param {string} pnpm
 * @param {{ build?: boolean }} [options]
 */
export async function installAndBuild(pnpm, options = {}) {
  say('Installing dependencies (pnpm install --frozen-lockfile)');
  if ((await run(pnpm, ['install', '--frozen-lockfile'])) !== 0) throw new Error('pnpm install failed');
  if (options.build === false) return;
  say('Building every package (turbo run build)');
  if ((await run(pnpm, ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'])) !== 0) {
    throw new Error('The build failed; see the output above');
  }
}
