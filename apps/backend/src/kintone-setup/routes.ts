import { Router } from 'express';
import type { AppDeps } from '../http/app.js';

/** The Kintone setup wizard, authorization, connections and revocation. (Stub: to be written.) */
export function kintoneRoutes(_deps: AppDeps): Router {
  return Router();
}
