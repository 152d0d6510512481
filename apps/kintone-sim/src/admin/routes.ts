import { Router } from 'express';
import type { SimContext } from '../app.js';

/** Users \& System Administration pages and the JSON admin API for OAuth clients and access control. (Stub: to be implemented.) */
export function adminRoutes(_ctx: SimContext): Router {
  return Router();
}
