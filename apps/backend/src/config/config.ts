import { isIPv4 } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Thrown when the environment cannot configure the backend; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly { variable: string; message: string }[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n')}\n` +
        'See the "Configuration" section of the README for every variable.',
    );
    this.name = 'ConfigError';
  }
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export interface EncryptionKey {
  id: string;
  /** 32 bytes for AES-256-GCM. */
  key: Buffer;
}

const port = z.coerce
  .number({ message: 'must be a whole number between 1 and 65535' })
  .int('must be a whole number between 1 and 65535')
  .min(1, 'must be a whole number between 1 and 65535')
  .max(65535, 'must be a whole number between 1 and 65535');

const httpUrl = z.string().refine((value) => {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}, 'must be an absolute http(s) URL without user info, such as https://notta.example.com');

const databaseUrl = z.string().refine((value) => {
  try {
    const u = new URL(value);
    return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname !== '';
  } catch {
    return false;
  }
}, 'must be a PostgreSQL connection URL such as postgres://user:password@host:5432/notta (value not shown)');

const encryptionKeys = z.string().transform((value, ctx): EncryptionKey[] => {
  const keys: EncryptionKey[] = [];
  for (const [i, item] of value.split(',').entries()) {
    const sep = item.indexOf(':');
    const id = item.slice(0, sep).trim();
    const material = item.slice(sep + 1).trim();
    if (sep < 0 || !KEY_ID.test(id)) {
      ctx.addIssue({
        code: 'custom',
        message: `entry ${i + 1} must look like "<key id>:<base64 of 32 random bytes>", with a key id of 1-32 letters, digits, "-" or "_" (values not shown)`,
      });
      continue;
    }
    const key = Buffer.from(material, 'base64');
    if (key.length !== 32 || key.toString('base64') !== material) {
      ctx.addIssue({
        code: 'custom',
        message: `key "${id}" must be exactly 32 bytes, base64-encoded (generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))")`,
      });
      continue;
    }
    if (keys.some((k) => k.id === id)) {
      ctx.addIssue({ code: 'custom', message: `key id "${id}" appears twice` });
      continue;
    }
    keys.push({ id, key });
  }
  return keys;
});

const origins = z.string().transform((value, ctx) => {
  const list: string[] = [];
  for (const item of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    try {
      const u = new URL(item);
      if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.origin !== item.replace(/\/$/, ''))
        throw 0;
      list.push(u.origin);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `"${item}" must be an origin such as http://localhost:3100 (scheme, host and port only)`,
      });
    }
  }
  return list;
});

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  PUBLIC_URL: httpUrl.optional(),
  DATABASE_URL: databaseUrl.optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  ENCRYPTION_KEYS: encryptionKeys.optional(),
  ENCRYPTION_ACTIVE_KEY_ID: z.string().regex(KEY_ID, 'must be 1-32 letters, digits, "-" or "_"').optional(),
  EGRESS_IP: z
    .string()
    .refine((v) => isIPv4(v), 'must be an IPv4 address such as 203.0.113.10')
    .optional(),
  EGRESS_CIDR: z
    .string()
    .refine((v) => {
      const [ip, bits, extra] = v.split('/');
      return extra === undefined && isIPv4(ip ?? '') && /^\d{1,2}$/.test(bits ?? '') && Number(bits) <= 32;
    }, 'must be an IPv4 CIDR range such as 203.0.113.0/28')
    .optional(),
  KINTONE_DEV_ORIGINS: origins.default([]),
  KINTONE_CLIENT_NAME: z.string().trim().min(1).max(100, 'must be at most 100 characters').default('Notta'),
  KINTONE_PKCE: z.enum(['0', '1'], { message: 'must be 0 or 1' }).default('0'),
  KINTONE_TIMEOUT_MS: z.coerce
    .number({ message: 'must be a whole number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(100, 'must be at least 100')
    .max(120_000, 'must be at most 120000')
    .default(10_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST_DIR: z.string().min(1).optional(),
  NOTTA_DEMO_SEED: z
    .enum(['0', '1'], { message: 'must be 1 (seed the demo workspaces into an empty database) or 0' })
    .default('0'),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Where users reach Notta; the OAuth redirect endpoint is derived from it. */
  publicUrl: string;
  database: { engine: 'postgres'; url: string } | { engine: 'pglite'; dataDir: string };
  dataDir: string;
  /** Configured keys, active first; empty means "use the generated development key in dataDir". */
  encryptionKeys: EncryptionKey[];
  activeKeyId: string | undefined;
  egress: { ip: string; cidr: string };
  /** Extra Kintone origins accepted besides the real Kintone domains (the local stand-in). */
  kintoneDevOrigins: string[];
  kintone: {
    /** Shown to the admin in setup step 1: the name they give the OAuth client in Kintone. */
    clientName: string;
    /** Send a PKCE S256 challenge; Kintone does not document PKCE, so it is off unless asked for. */
    pkce: boolean;
    /** Per request to Kintone (token endpoint and REST), before KINTONE_TIMEOUT. */
    timeoutMs: number;
  };
  logLevel: string;
  webDistDir: string;
  /** Seed the demo workspaces when the database has no users (the quick start sets it). */
  demoSeed: boolean;
}

const defaultWebDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

/** Reads the environment once at start-up; throws a ConfigError naming every bad or missing variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, as a blank line in an .env file means "not configured".
  const raw = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '(environment)'),
        message: issue.message,
      })),
    );
  }
  const e = parsed.data;
  const problems: { variable: string; message: string }[] = [];
  const keys = e.ENCRYPTION_KEYS ?? [];
  if (e.ENCRYPTION_ACTIVE_KEY_ID && !keys.some((k) => k.id === e.ENCRYPTION_ACTIVE_KEY_ID)) {
    problems.push({
      variable: 'ENCRYPTION_ACTIVE_KEY_ID',
      message: 'must name one of the keys in ENCRYPTION_KEYS',
    });
  }
  if (keys.length === 0 && (e.DATABASE_URL || e.NODE_ENV === 'production')) {
    problems.push({
      variable: 'ENCRYPTION_KEYS',
      message:
        'is required with DATABASE_URL or in production, so that every backend instance shares the same keys',
    });
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  if (e.NODE_ENV === 'production' && !publicUrl.startsWith('https://')) {
    problems.push({ variable: 'PUBLIC_URL', message: 'must be an https URL in production' });
  }
  if (e.NODE_ENV === 'production' && !e.EGRESS_IP) {
    problems.push({
      variable: 'EGRESS_IP',
      message: "is required in production: admins whitelist it in Kintone's IP address restriction",
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const activeKeyId = e.ENCRYPTION_ACTIVE_KEY_ID ?? keys[0]?.id;
  const egressIp = e.EGRESS_IP ?? '127.0.0.1';
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    database: e.DATABASE_URL
      ? { engine: 'postgres', url: e.DATABASE_URL }
      : { engine: 'pglite', dataDir: path.join(dataDir, 'pglite') },
    dataDir,
    encryptionKeys: [...keys].sort((a, b) => Number(b.id === activeKeyId) - Number(a.id === activeKeyId)),
    activeKeyId,
    egress: { ip: egressIp, cidr: e.EGRESS_CIDR ?? `${egressIp}/32` },
    kintoneDevOrigins: e.KINTONE_DEV_ORIGINS,
    kintone: {
      clientName: e.KINTONE_CLIENT_NAME,
      pkce: e.KINTONE_PKCE === '1',
      timeoutMs: e.KINTONE_TIMEOUT_MS,
    },
    logLevel: e.LOG_LEVEL,
    webDistDir: e.WEB_DIST_DIR ? path.resolve(e.WEB_DIST_DIR) : defaultWebDist,
    demoSeed: e.NOTTA_DEMO_SEED === '1',
  };
}
