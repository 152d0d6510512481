import { Router } from 'express';
import type { SimContext } from '../app.js';

/** Plug-in installation, app pages hosting plug-ins, the kintone global and the plug-in proxy. (Stub: to be implemented.) */
export function pluginRoutes(_ctx: SimContext): Router {
  return Router();
}
