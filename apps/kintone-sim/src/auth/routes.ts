import express, { Router } from 'express';
import { html, page } from '../pages/html.js';
import type { Tenant } from '../tenant/tenant.js';
import type { Sessions } from './sessions.js';

/** Only same-site paths may follow a sign-in, so the page cannot be used to bounce users elsewhere. */
function safeRedirect(target: unknown): string {
  return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//') ? target : '/k/';
}

function loginPage(redirect: string, error?: string): string {
  return page({
    title: 'Sign in - cybozu.com',
    body: html`<h1>Sign in to cybozu.com</h1>
${error ? html`<p class="k-error" role="alert">${error}</p>` : ''}
<form method="post" action="/login">
  <input type="hidden" name="redirect" value="${redirect}">
  <label for="username">Login name</label><input type="text" id="username" name="username" autocomplete="username" required>
  <label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password" required>
  <p><button class="k-button k-button-primary" type="submit">Login</button></p>
</form>`,
  });
}

export function authRoutes(ctx: { tenant: Tenant; sessions: Sessions }): Router {
  const router = Router();
  router.get('/login', (req, res) => {
    res.type('html').send(loginPage(safeRedirect(req.query.redirect)));
  });
  router.post('/login', express.urlencoded({ extended: false }), (req, res) => {
    const { username, password, redirect } = (req.body ?? {}) as Record<string, unknown>;
    const user = typeof username === 'string' ? ctx.tenant.userByCode(username.trim()) : undefined;
    if (!user || user.password !== password) {
      res
        .status(401)
        .type('html')
        .send(loginPage(safeRedirect(redirect), 'The login name or password is incorrect.'));
      return;
    }
    ctx.sessions.create(res, user.code);
    res.redirect(safeRedirect(redirect));
  });
  router.get('/logout', (req, res) => {
    ctx.sessions.destroy(req, res);
    res.redirect('/login');
  });
  return router;
}
