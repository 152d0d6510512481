#!/usr/bin/env node
// @ts-check
// The two quick-start commands. Plain Node with no dependencies, because it runs before anything is installed.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensurePnpm, installAndBuild, repoRoot } from '../lib/shell.mjs';
import { startStack } from '../lib/stack.mjs';
import { runAllChecks, steps } from '../lib/test-suite.mjs';

const usage = `Usage:
  npm start [-- options]     start the whole system on embedded defaults
      --port N               Notta Web and the backend (default 3000)
      --sim-port N           the Kintone stand-in (default 3100)
      --host H               address to listen on (default 127.0.0.1)
      --data-dir DIR         embedded database and development keys (default .data)
      --no-install           skip pnpm install and the build (already done)
      --sim-test-mode        let the Kintone stand-in honour X-Sim-Client-Address (browser tests)
  npm test [-- options]      run every check
      --only a,b             only these steps: ${steps.join(', ')}`;

class UsageError extends Error {}

/** @param {string | undefined} value @param {string} flag */
function portFlag(value, flag) {
  const n = Number(value);
  if (!/^\d+$/.test(value ?? '') || n < 1 || n > 65535)
    throw new UsageError(`${flag} must be a port number between 1 and 65535 (got "${value}")`);
  return n;
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      strict: true,
      options: {
        port: { type: 'string', default: '3000' },
        'sim-port': { type: 'string', default: '3100' },
        host: { type: 'string', default: '127.0.0.1' },
        'data-dir': { type: 'string', default: '.data' },
        'no-install': { type: 'boolean', default: false },
        'sim-test-mode': { type: 'boolean', default: false },
        only: { type: 'string', default: '' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const o = parsed.values;
  if (o.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }

  if (command === 'test') {
    const only = (o.only ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = only.filter((s) => !steps.includes(s));
    if (unknown.length)
      throw new UsageError(
        `--only: unknown step(s) ${unknown.join(', ')}; the steps are ${steps.join(', ')}`,
      );
    return (await runAllChecks({ only, install: !o['no-install'] })) ? 0 : 1;
  }

  if (command === 'start') {
    const port = portFlag(o.port, '--port');
    const simPort = portFlag(o['sim-port'], '--sim-port');
    if (port === simPort) throw new UsageError('--port and --sim-port must differ');
    const dataDir = path.resolve(repoRoot, o['data-dir'] ?? '.data');
    if (!o['no-install']) await installAndBuild(await ensurePnpm());
    process.stdout.write('\nStarting Notta for Kintone…\n');
    const stack = await startStack({
      host: o.host ?? '127.0.0.1',
      port,
      simPort,
      dataDir,
      simTestMode: o['sim-test-mode'] === true,
    });
    process.stdout.write(
      `${[
        '',
        '  Notta for Kintone is running.',
        '',
        `  Notta Web          ${stack.backendUrl}   sign in as owner@example.com / notta-demo`,
        '                     (Business workspace: also admin@, member1@ and member2@example.com;',
        '                     Pro workspace: pro-owner@example.com; same password)',
        `  Kintone stand-in   ${stack.simUrl}   sign in as administrator / password`,
        '                     (or as yamada, suzuki, emily or tanaka, with the same password)',
        `  Data folder        ${dataDir} (embedded PostgreSQL and development keys; delete it to start over)`,
        '',
        `  Open ${stack.backendUrl} in your browser. Press Ctrl+C to stop.`,
        '',
      ].join('\n')}\n`,
    );
    /** @type {Promise<number>} */
    const stopped = new Promise((resolve) => {
      let stopping = false;
      const shutdown = () => {
        stopping = true;
        stack.stop().then(() => resolve(0));
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
      stack.exited.then(async (why) => {
        if (stopping) return;
        process.stderr.write(`\n${why}\n`);
        await stack.stop();
        resolve(1);
      });
    });
    return stopped;
  }

  throw new UsageError(command ? `Unknown command "${command}"` : 'Say start or test');
}

main().then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof UsageError) {
      process.stderr.write(`notta-dev: ${error.message}\n\n${usage}\n`);
      process.exit(64);
    }
    process.stderr.write(`notta-dev: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
