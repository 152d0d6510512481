import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, startNodeProcess } from './process.js';

export { repoRoot } from './process.js';

export interface RunningSystem {
  webUrl: string;
  simUrl: string;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts the whole system exactly as the quick start's `npm start` does (same script, same embedded
 * defaults), on free ports and a fresh data folder, already built by the test command. `simTestMode` passes
 * `--sim-test-mode`, which the start script supports for browser tests.
 */
export async function startSystem(options: { simTestMode?: boolean } = {}): Promise<RunningSystem> {
  const [port, simPort] = [await freePort(), await freePort()];
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'notta-e2e-data-'));
  try {
    const proc = await startNodeProcess({
      script: 'packages/dev/bin/notta-dev.mjs',
      args: [
        'start',
        '--no-install',
        '--port',
        String(port),
        '--sim-port',
        String(simPort),
        '--data-dir',
        dataDir,
        // The stand-in then honours X-Sim-Client-Address, so a test can play a browser's IP address.
        ...(options.simTestMode ? ['--sim-test-mode'] : []),
      ],
      name: 'The system',
      ready: (output) => output.includes('Notta for Kintone is running.'),
      timeoutMs: 120_000,
    });
    return {
      webUrl: `http://localhost:${port}`,
      simUrl: `http://localhost:${simPort}`,
      output: proc.output,
      stop: async () => {
        await proc.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
