import { Router } from 'express';
import type { SimContext } from '../app.js';

/** OAuth 2.0 authorization and token endpoints. (Stub: to be implemented.) */
export function oauthRoutes(_ctx: SimContext): Router {
  return Router();
}
