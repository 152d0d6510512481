import { z } from 'zod';

/** `GET /healthz`: the process is up. */
export const healthResponse = z.object({ status: z.literal('ok'), service: z.string(), version: z.string() });
export type HealthResponse = z.infer<typeof healthResponse>;

/** `GET /readyz`: the process can serve requests (its database answers). */
export const readinessResponse = z.object({
  status: z.enum(['ready', 'unavailable']),
  checks: z.object({ database: z.enum(['ok', 'failing']) }),
  database: z.object({ engine: z.enum(['pglite', 'postgres']) }),
});
export type ReadinessResponse = z.infer<typeof readinessResponse>;
