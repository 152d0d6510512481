import { z } from 'zod';

const schema = z.object({
  KINTONE_SIM_HOST: z.string().min(1).default('127.0.0.1'),
  KINTONE_SIM_PORT: z.coerce
    .number({ message: 'must be a whole number between 1 and 65535' })
    .int('must be a whole number between 1 and 65535')
    .min(1, 'must be a whole number between 1 and 65535')
    .max(65535, 'must be a whole number between 1 and 65535')
    .default(3100),
  KINTONE_SIM_PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
});

export interface SimConfig {
  host: string;
  port: number;
  /** The tenant's base URL as browsers and the backend reach it. */
  publicUrl: string;
}

export class SimConfigError extends Error {}

export function loadSimConfig(env: NodeJS.ProcessEnv = process.env): SimConfig {
  const raw = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
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
  };
}
