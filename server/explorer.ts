/**
 * GET /graphql in a browser: the self-hosted GraphiQL explorer (client/graphiql.html, bundled by Vite
 * with the client, so it runs under the app's CSP with nothing from a CDN). Signed-in analysts and
 * administrators get the explorer; others are told why in words; signed-out visitors go to sign-in.
 * Every other request to /graphql (JSON, POST, a `query` parameter) goes on to the API.
 */
import path from 'node:path';
import fs from 'node:fs';
import { parseCookie } from 'cookie';
import type express from 'express';
import { resolveCaller } from './auth/auth.service.js';
import { Rule } from './auth/rules.js';
import type { AppDeps } from './context.js';
import type { Role } from './modules/users/user.enums.js';

export const EXPLORER_PAGE = 'graphiql.html';
const EXPLORERS: readonly Role[] = Rule.exploreApi;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function notAllowedPage(role: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>API explorer · Touchpoint</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1d2733}a{color:#2456c9}</style></head>
<body><h1>The API explorer is not available to your role</h1>
<p>You are signed in as ${escapeHtml(role.toLowerCase())}. The explorer lets you write any query against the API, including individual customers' answers, so it is open to analysts and administrators only. Ask an administrator if you need it.</p>
<p><a href="/overview">Back to the overview</a></p></body></html>`;
}

export function explorerHandler(deps: AppDeps, dist: string, sessionCookie: string): express.RequestHandler {
  return async (req, res, next) => {
    const wantsPage = req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html' && req.query.query === undefined;
    if (!wantsPage) return next();
    const page = path.join(dist, EXPLORER_PAGE);
    if (!fs.existsSync(page)) return res.status(404).type('text/plain').send('The API explorer is not built: run `npm run build` (npm start builds it).');
    try {
      const caller = await resolveCaller(deps.orm.em.fork(), parseCookie(req.headers.cookie ?? '')[sessionCookie]);
      if (!caller) return res.redirect(303, `/sign-in?redirect=${encodeURIComponent('/graphql')}`);
      if (!EXPLORERS.includes(caller.role)) return res.status(403).type('html').send(notAllowedPage(caller.role));
      res.setHeader('Cache-Control', 'no-store');
      return res.sendFile(page);
    } catch (error) {
      return next(error);
    }
  };
}
