import { parseArgs } from 'node:util';
import { z } from 'zod';

const port = z.coerce
  .number({ message: 'must be a whole number between 1 and 65535' })
  .int('must be a whole number between 1 and 65535')
  .min(1, 'must be a whole number between 1 and 65535')
  .max(65535, 'must be a whole number between 1 and 65535');
const flag = z
  .enum(['0', '1', 'true', 'false'], { message: 'must be 1 or 0' })
  .transform((v) => v === '1' || v === 'true');

const schema = z.object({
  KINTONE_SIM_HOST: z.string().min(1).default('127.0.0.1'),
  KINTONE_SIM_PORT: port.default(3100),
  KINTONE_SIM_PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  KINTONE_SIM_SEED_FILE: z.string().min(1).optional(),
  KINTONE_SIM_SNAPSHOT_FILE: z.string().min(1).optional(),
  KINTONE_SIM_TEST_MODE: flag.default(false),
  KINTONE_SIM_TOKEN_AUTH: z
    .enum(['basic', 'basic-or-post'], { message: 'must be basic or basic-or-post' })
    .default('basic'),
  KINTONE_SIM_REFRESH_ROTATES: flag.default(false),
  KINTONE_SIM_PROXY_MATCH: z
    .enum(['longest-prefix', 'exact'], { message: 'must be longest-prefix or exact' })
    .default('longest-prefix'),
  KINTONE_SIM_CONCURRENCY_LIMIT: z.coerce
    .number({ message: 'must be a whole number ≥ 1' })
    .int('must be a whole number ≥ 1')
    .min(1, 'must be a whole number ≥ 1')
    .default(100),
});

export interface SimConfig {
  host: string;
  port: number;
  /** The tenant's base URL as browsers and the backend reach it. */
  publicUrl: string;
  /** Replaces the demo users (and apps) at start. */
  seedFile: string | undefined;
  /** State is read from here at start (when it exists) and written back while running. */
  snapshotFile: string | undefined;
  /**
   * Test mode: the caller's address may be overridden per request by the X-Sim-Client-Address header, so
   * tests can play a blocked or allowed address. Never honoured otherwise.
   */
  testMode: boolean;
  /**
   * How the token endpoint authenticates the client. Kintone documents HTTP Basic; whether it also takes
   * client_id/client_secret in the form body is unconfirmed, so that is a switch.
   */
  tokenClientAuth: 'basic' | 'basic-or-post';
  /** Whether a refresh answer carries a new refresh_token (Kintone's is believed not to). */
  refreshRotates: boolean;
  /** Simultaneous REST requests before HTTP 429 (Kintone: 100 per domain). */
  concurrencyLimit: number;
  /**
   * Which saved plug-in proxy settings apply to a request: the longest saved URL that prefixes it (the
   * documented reading), or only an identical URL.
   */
  proxyMatch: 'longest-prefix' | 'exact';
}

export class SimConfigError extends Error {}

const flagToEnv: Record<string, string> = {
  host: 'KINTONE_SIM_HOST',
  port: 'KINTONE_SIM_PORT',
  'public-url': 'KINTONE_SIM_PUBLIC_URL',
  seed: 'KINTONE_SIM_SEED_FILE',
  snapshot: 'KINTONE_SIM_SNAPSHOT_FILE',
  'token-auth': 'KINTONE_SIM_TOKEN_AUTH',
  'concurrency-limit': 'KINTONE_SIM_CONCURRENCY_LIMIT',
  'proxy-match': 'KINTONE_SIM_PROXY_MATCH',
};

/** Environment first, command-line flags (`--port 3100 --seed users.json --test-mode`) over it. */
export function loadSimConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = []): SimConfig {
  const raw: Record<string, string> = Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1].trim() !== ''),
  );
  let flags: ReturnType<typeof parseArgs>['values'];
  try {
    flags = parseArgs({
      args: argv,
      strict: true,
      options: {
        ...Object.fromEntries(Object.keys(flagToEnv).map((k) => [k, { type: 'string' as const }])),
        'test-mode': { type: 'boolean' },
        'refresh-rotates': { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    throw new SimConfigError(`Invalid option: ${(error as Error).message}`);
  }
  for (const [name, value] of Object.entries(flags)) {
    if (name === 'test-mode') raw.KINTONE_SIM_TEST_MODE = value ? '1' : '0';
    else if (name === 'refresh-rotates') raw.KINTONE_SIM_REFRESH_ROTATES = value ? '1' : '0';
    else if (typeof value === 'string') raw[flagToEnv[name]!] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new SimConfigError(
      `Invalid configuration:\n${parsed.error.issues.map((i) => `  - ${String(i.path[0])}: ${i.message}`).join('\n')}`,
    );
  }
  const e = parsed.data;
  return {
    host: e.KINTONE_SIM_HOST,
    port: e.KINTONE_SIM_PORT,
    publicUrl: (e.KINTONE_SIM_PUBLIC_URL ?? `http://localhost:${e.KINTONE_SIM_PORT}`).replace(/\/+$/, ''),
    seedFile: e.KINTONE_SIM_SEED_FILE,
    snapshotFile: e.KINTONE_SIM_SNAPSHOT_FILE,
    testMode: e.KINTONE_SIM_TEST_MODE,
    tokenClientAuth: e.KINTONE_SIM_TOKEN_AUTH,
    refreshRotates: e.KINTONE_SIM_REFRESH_ROTATES,
    concurrencyLimit: e.KINTONE_SIM_CONCURRENCY_LIMIT,
    proxyMatch: e.KINTONE_SIM_PROXY_MATCH,
  };
}
