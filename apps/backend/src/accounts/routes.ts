import { Router } from 'express';
import type { AppDeps } from '../http/app.js';

/** Sign-in, sign-out, the signed-in user, the audit log. (Stub: to be written.) */
export function accountsRoutes(_deps: AppDeps): Router {
  return Router();
}
