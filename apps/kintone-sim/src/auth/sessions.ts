import type { NextFunction, Request, Response } from 'express';
import type { User } from '../tenant/model.js';
import { Tenant } from '../tenant/tenant.js';

export const SESSION_COOKIE = 'sim_session';

/** Signed-in browser sessions: cookie value → user code. Kept in memory, like the tenant. */
export class Sessions {
  private readonly byId = new Map<string, string>();

  create(res: Response, userCode: string): string {
    const id = Tenant.secret();
    this.byId.set(id, userCode);
    res.cookie(SESSION_COOKIE, id, { httpOnly: true, sameSite: 'lax', path: '/' });
    return id;
  }

  destroy(req: Request, res: Response): void {
    const id = readCookie(req, SESSION_COOKIE);
    if (id) this.byId.delete(id);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  /** The signed-in user of this request, if any. */
  user(req: Request, tenant: Tenant): User | undefined {
    const id = readCookie(req, SESSION_COOKIE);
    const code = id ? this.byId.get(id) : undefined;
    return code ? tenant.userByCode(code) : undefined;
  }
}

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** Sends a signed-out browser to the sign-in page and back here afterwards. */
export function requireSignIn(sessions: Sessions, tenant: Tenant) {
  return (req: Request, res: Response, next: NextFunction) => {
    const user = sessions.user(req, tenant);
    if (!user) {
      res.redirect(`/login?redirect=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    res.locals.user = user;
    next();
  };
}

/** Users & System Administration is for cybozu.com administrators only. */
export function requireAdmin(sessions: Sessions, tenant: Tenant) {
  const signIn = requireSignIn(sessions, tenant);
  return (req: Request, res: Response, next: NextFunction) => {
    signIn(req, res, () => {
      if (!(res.locals.user as User).isAdmin) {
        res.status(403).type('text/plain').send('Only cybozu.com administrators can open this page.');
        return;
      }
      next();
    });
  };
}
