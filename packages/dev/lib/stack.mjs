// @ts-check
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { baseEnv, repoRoot } from './shell.mjs';

/**
 * @typedef {{ host: string, port: number, simPort: number, dataDir: string, quiet?: boolean, simTestMode?: boolean }} StackOptions
 * @typedef {{ backendUrl: string, simUrl: string, stop: () => Promise<void>, exited: Promise<string> }} Stack
 */

const entryPoints = {
  backend: path.join(repoRoot, 'apps/backend/dist/main.js'),
  sim: path.join(repoRoot, 'apps/kintone-sim/dist/main.js'),
  web: path.join(repoRoot, 'apps/web/dist/index.html'),
};

/**
 * Starts the Kintone stand-in and the backend (which serves Notta Web) on embedded defaults, and waits
 * until both answer. Rejects with the child's own words if either fails to come up.
 * @param {StackOptions} options
 * @returns {Promise<Stack>}
 */
export async function startStack(options) {
  for (const [name, file] of Object.entries(entryPoints)) {
    if (!existsSync(file))
      throw new Error(`${name} is not built (${path.relative(repoRoot, file)} is missing): run pnpm build`);
  }
  const backendUrl = `http://localhost:${options.port}`;
  const simUrl = `http://localhost:${options.simPort}`;
  /** @type {import('node:child_process').ChildProcess[]} */
  const children = [];
  /** @type {(reason: string) => void} */
  let onExit = () => {};
  /** @type {Promise<string>} */
  const exited = new Promise((resolve) => {
    onExit = resolve;
  });

  /**
   * @param {'backend' | 'kintone-sim'} name
   * @param {string} file
   * @param {NodeJS.ProcessEnv} env
   */
  const launch = (name, file, env) => {
    const child = spawn(process.execPath, [file], {
      cwd: repoRoot,
      env: { ...baseEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    /** @type {string[]} */
    const tail = [];
    /** @param {Buffer} chunk */
    const onData = (chunk) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > 20) tail.shift();
        if (!options.quiet) process.stdout.write(`${`[${name}]`.padEnd(14)} ${formatLogLine(line)}\n`);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code, signal) =>
      onExit(`${name} exited (${signal ?? `code ${code}`}):\n${tail.join('\n')}`),
    );
    return child;
  };

  launch('kintone-sim', entryPoints.sim, {
    KINTONE_SIM_HOST: options.host,
    KINTONE_SIM_PORT: String(options.simPort),
    KINTONE_SIM_PUBLIC_URL: simUrl,
    // Browser tests play callers from other IP addresses; never on for the demo.
    KINTONE_SIM_TEST_MODE: options.simTestMode ? '1' : '0',
  });
  launch('backend', entryPoints.backend, {
    HOST: options.host,
    PORT: String(options.port),
    PUBLIC_URL: backendUrl,
    DATA_DIR: options.dataDir,
    KINTONE_DEV_ORIGINS: simUrl,
    EGRESS_IP: process.env.EGRESS_IP ?? '127.0.0.1',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    // On an empty database, create the demo workspaces the banner tells people to sign in to.
    NOTTA_DEMO_SEED: '1',
  });

  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve(undefined);
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve(undefined);
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  };

  const ready = Promise.all([waitFor(`${simUrl}/healthz`), waitFor(`${backendUrl}/readyz`)]);
  const outcome = await Promise.race([ready.then(() => 'ready'), exited]);
  if (outcome !== 'ready') {
    await stop();
    throw new Error(outcome);
  }
  return { backendUrl, simUrl, stop, exited };
}

/**
 * @param {string} url
 * @param {number} [timeoutMs]
 */
async function waitFor(url, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Turns a pino JSON line into one readable line; anything else passes through.
 * @param {string} line
 */
function formatLogLine(line) {
  if (!line.startsWith('{')) return line;
  try {
    const entry = JSON.parse(line);
    const levels = /** @type {Record<number, string>} */ ({
      10: 'TRACE',
      20: 'DEBUG',
      30: 'INFO',
      40: 'WARN',
      50: 'ERROR',
      60: 'FATAL',
    });
    const level = levels[entry.level] ?? String(entry.level);
    const http =
      entry.req && entry.res
        ? ` ${entry.req.method} ${entry.req.url} → ${entry.res.statusCode} (${entry.responseTime} ms)`
        : '';
    return `${level.padEnd(5)} ${entry.msg ?? ''}${http}`;
  } catch {
    return line;
  }
}
