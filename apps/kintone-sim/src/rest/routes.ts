import { Router } from 'express';
import type { SimContext } from '../app.js';

/** The REST API subset under /k/v1. (Stub: to be implemented.) */
export function restRoutes(_ctx: SimContext): Router {
  return Router();
}
