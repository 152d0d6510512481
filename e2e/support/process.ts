import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface RunningProcess {
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Runs one of the project's Node entry points from the repository root and waits until `ready` says so
 * (given everything it printed so far). Fails with its output if it exits or takes too long.
 */
export async function startNodeProcess(options: {
  script: string;
  args: string[];
  name: string;
  ready: (output: string) => Promise<boolean> | boolean;
  timeoutMs: number;
}): Promise<RunningProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(repoRoot, options.script), ...options.args],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    },
  );
  let output = '';
  const collect = (c: Buffer) => {
    output += c.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + options.timeoutMs;
  while (!(await options.ready(output))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`${options.name} did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return { output: () => output, stop };
}

/** True once a GET of the URL answers 2xx. */
export async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}
