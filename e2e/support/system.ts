import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunningSystem {
  webUrl: string;
  simUrl: string;
  output: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts the whole system exactly as the quick start's `npm start` does (same script, same embedded
 * defaults), on free ports and a fresh data folder, already built by the test command.
 */
export async function startSystem(): Promise<RunningSystem> {
  const [port, simPort] = [await freePort(), await freePort()];
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'notta-e2e-data-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(repoRoot, 'packages/dev/bin/notta-dev.mjs'),
      'start',
      '--no-install',
      '--port',
      String(port),
      '--sim-port',
      String(simPort),
      '--data-dir',
      dataDir,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } },
  );
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 120_000;
  while (!output.includes('Notta for Kintone is running.')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`The system did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    webUrl: `http://localhost:${port}`,
    simUrl: `http://localhost:${simPort}`,
    output: () => output,
    stop,
  };
}
