import express, { Router } from 'express';
import { z } from 'zod';
import type { Tenant } from '../tenant/tenant.js';

export type FaultTarget = 'token' | 'rest';

/** Takes one injected fault for this kind of call, if any is queued. */
export function takeFault(
  tenant: Tenant,
  target: 'token',
): Tenant['state']['faults']['token'][number] | undefined;
export function takeFault(
  tenant: Tenant,
  target: 'rest',
): Tenant['state']['faults']['rest'][number] | undefined;
export function takeFault(tenant: Tenant, target: FaultTarget) {
  const queue = tenant.state.faults[target];
  const next = queue[0];
  if (!next) return undefined;
  next.remaining -= 1;
  if (next.remaining <= 0) queue.shift();
  return next;
}

/** Waits the configured latency, so tests can play a slow tenant. */
export async function injectedLatency(tenant: Tenant): Promise<void> {
  const ms = tenant.state.faults.latencyMs;
  if (ms > 0) await new Promise((r) => setTimeout(r, ms));
}

const faultBody = z.discriminatedUnion('target', [
  z.object({
    target: z.literal('token'),
    count: z.number().int().min(1).max(10_000).default(1),
    status: z.number().int().min(400).max(599),
    error: z.string().optional(),
    description: z.string().optional(),
  }),
  z.object({
    target: z.literal('rest'),
    count: z.number().int().min(1).max(10_000).default(1),
    status: z.number().int().min(400).max(599),
    code: z.string().optional(),
    message: z.string().optional(),
  }),
]);

/**
 * JSON admin API for tests: `POST /_sim/faults` queues the next N token or REST calls to fail
 * (e.g. `{target:"rest", count:5, status:429}` for a 429 burst, `{target:"token", status:400,
 * error:"invalid_grant"}`), `PUT /_sim/faults/latency {ms}` slows every call, `DELETE /_sim/faults` clears.
 */
export function faultRoutes(ctx: { tenant: Tenant }): Router {
  const router = Router();
  // Only for /_sim: a router-wide parser would also eat (and 400 in HTML) every later route's JSON body.
  router.use('/_sim', express.json());
  router.get('/_sim/faults', (_req, res) => {
    res.json(ctx.tenant.state.faults);
  });
  router.post('/_sim/faults', (req, res) => {
    const parsed = faultBody.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({
        message: 'Invalid fault',
        errors: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      });
      return;
    }
    const { target, count, ...rest } = parsed.data;
    if (target === 'token')
      ctx.tenant.state.faults.token.push({ remaining: count, ...(rest as { status: number }) });
    else ctx.tenant.state.faults.rest.push({ remaining: count, ...(rest as { status: number }) });
    res.status(201).json(ctx.tenant.state.faults);
  });
  router.put('/_sim/faults/latency', (req, res) => {
    const parsed = z.object({ ms: z.number().int().min(0).max(120_000) }).safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ message: 'Body must be {"ms": 0..120000}' });
      return;
    }
    ctx.tenant.state.faults.latencyMs = parsed.data.ms;
    res.json(ctx.tenant.state.faults);
  });
  router.delete('/_sim/faults', (_req, res) => {
    ctx.tenant.state.faults = { token: [], rest: [], latencyMs: 0 };
    res.json(ctx.tenant.state.faults);
  });
  return router;
}
