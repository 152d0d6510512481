import { answers, freePort, startNodeProcess } from './process.js';

export interface RunningSim {
  /** The tenant's base URL (its public URL: the endpoints on the client screen use it). */
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts the Kintone stand-in alone (already built: `pnpm --filter @notta/kintone-sim build`) in test
 * mode on a free port, and waits until /healthz answers.
 */
export async function startSim(extraArgs: string[] = []): Promise<RunningSim> {
  const port = await freePort();
  const proc = await startNodeProcess({
    script: 'apps/kintone-sim/dist/main.js',
    args: ['--port', String(port), '--test-mode', ...extraArgs],
    name: 'The Kintone stand-in',
    ready: () => answers(`http://127.0.0.1:${port}/healthz`),
    timeoutMs: 30_000,
  });
  return { url: `http://localhost:${port}`, ...proc };
}
