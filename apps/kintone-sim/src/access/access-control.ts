import type { RequestHandler } from 'express';
import type { SimContext } from '../app.js';

/** Security → Access control: IP address restriction. (Stub: to be implemented.) */
export function accessControl(_ctx: SimContext): RequestHandler {
  return (_req, _res, next) => next();
}
