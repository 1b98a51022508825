import { stringifySetCookie } from 'cookie';
import type { Response } from 'express';

/** The browser session's cookie: httpOnly, same-site strict, secure when the request came over TLS. */
export const SESSION_COOKIE = 'tp_session';

export function setSessionCookie(res: Pick<Response, 'append'>, token: string, expires: Date, secure: boolean): void {
  res.append('Set-Cookie', stringifySetCookie({ name: SESSION_COOKIE, value: token, httpOnly: true, sameSite: 'strict', secure, path: '/', expires }));
}

export function clearSessionCookie(res: Pick<Response, 'append'>, secure: boolean): void {
  res.append('Set-Cookie', stringifySetCookie({ name: SESSION_COOKIE, value: '', httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: 0 }));
}
