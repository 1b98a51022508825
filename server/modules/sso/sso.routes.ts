import { parseCookie } from 'cookie';
import express, { type Request } from 'express';
import { SESSION_COOKIE, clearSessionCookie, setSessionCookie } from '../../auth/sessionCookie.js';
import type { AppDeps } from '../../context.js';
import { SsoError, beginSignIn, completeSignIn, signOutUrl } from './sso.service.js';

export const SSO_PATHS = { start: '/auth/sso/start', callback: '/auth/sso/callback', signOut: '/auth/sso/sign-out' } as const;

/** Only same-app paths after signing in, never another site. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/overview';
}

/**
 * Sign-in with the company's OpenID Connect provider: start (redirect to the provider), callback (check
 * the answer, start a session) and sign-out (end the session, then the provider's session when it has an
 * end-session endpoint). A refusal goes back to the sign-in page with its reason (`?sso=SSO_NOT_ALLOWED`).
 */
export function ssoRoutes(deps: Pick<AppDeps, 'orm'>, publicUrl: string | undefined) {
  const router = express.Router();
  const origin = (req: Request) => publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  const refused = (error: unknown) => {
    if (error instanceof SsoError) return `/sign-in?sso=${error.reason}`;
    // Not a refusal but a fault of ours (e.g. the database): the user sees a generic reason, the log the cause.
    console.error('single sign-on failed', error);
    return '/sign-in?sso=SSO_FAILED';
  };

  router.get(SSO_PATHS.start, async (req, res) => {
    try {
      const url = await beginSignIn(deps.orm.em.fork(), `${origin(req)}${SSO_PATHS.callback}`, safeReturnTo(req.query.returnTo));
      res.redirect(302, url.toString());
    } catch (error) {
      res.redirect(302, refused(error));
    }
  });

  router.get(SSO_PATHS.callback, async (req, res) => {
    try {
      const signedIn = await completeSignIn(deps.orm.em.fork(), new URL(req.originalUrl, origin(req)), req.ip ?? 'unknown');
      setSessionCookie(res, signedIn.secret, signedIn.expiresAt, req.secure);
      res.redirect(302, signedIn.returnTo);
    } catch (error) {
      res.redirect(302, refused(error));
    }
  });

  router.get(SSO_PATHS.signOut, async (req, res) => {
    const next = await signOutUrl(deps.orm.em.fork(), parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE], origin(req)).catch(() => '/sign-in');
    clearSessionCookie(res, req.secure);
    res.redirect(302, next);
  });
  return router;
}
