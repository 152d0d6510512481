import {
  type HealthResponse,
  healthResponse,
  type ReadinessResponse,
  readinessResponse,
} from '@notta/shared';
import { type FetchOutcome, fetchJson } from './fetchJson';

export const HEALTH_PATH = '/healthz';
export const READINESS_PATH = '/readyz';

export interface SystemCheck {
  health: FetchOutcome<HealthResponse>;
  readiness: FetchOutcome<ReadinessResponse>;
  checkedAt: Date;
}

/** Asks the backend, in parallel, whether it is up (`/healthz`) and ready to serve (`/readyz`). */
export async function checkSystem(signal?: AbortSignal): Promise<SystemCheck> {
  const [health, readiness] = await Promise.all([
    fetchJson(HEALTH_PATH, healthResponse, signal),
    fetchJson(READINESS_PATH, readinessResponse, signal),
  ]);
  return { health, readiness, checkedAt: new Date() };
}
