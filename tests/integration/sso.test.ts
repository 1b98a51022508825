import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/auth/sessionCookie.js';
import { AuditEvent, User } from '../../server/modules/users/user.entity.js';
import { ExternalIdentity } from '../../server/modules/sso/sso.entity.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { makeBrowser, startTestProvider } from '../support/oidcProvider.js';
import { codes, makeTestApp, type TestApp } from '../support/testApp.js';

/**
 * Single sign-on against a real OpenID Connect provider (oidc-provider) started inside the test, and the
 * real HTTP routes of the app: the authorisation code flow with PKCE, state and nonce, claims to roles,
 * allowed groups, sign-out, and the admin's settings.
 */
let app: TestApp;
let server: http.Server;
let origin: string;
let idp: Awaited<ReturnType<typeof startTestProvider>>;
const CLIENT = { clientId: 'touchpoint', clientSecret: 'a-test-only-client-secret' };

const SAVE = `mutation($input: IdentityProviderInput!) { saveIdentityProvider(input: $input) { enabled issuer hasClientSecret problem roleMapping { claimValue role } } }`;
const settings = (over: Record<string, unknown> = {}) => ({
  enabled: true,
  displayName: 'Nordlys account',
  issuer: idp.issuer,
  clientId: CLIENT.clientId,
  clientSecret: CLIENT.clientSecret,
  roleClaim: 'roles',
  roleMapping: [
    { claimValue: 'cx-analysts', role: 'ANALYST' },
    { claimValue: 'cx-admins', role: 'ADMIN' },
  ],
  defaultRole: null,
  groupsClaim: 'groups',
  allowedGroups: ['touchpoint-users'],
  ...over,
});

/** Signs in through the provider as `sub`, like a browser; returns where it ended and the session cookie. */
async function signInAs(sub: string) {
  idp.signInAs = sub;
  const browser = makeBrowser();
  const end = await browser.visit(`${origin}/auth/sso/start?returnTo=/journeys`);
  return { end: end.url, session: browser.cookie(new URL(origin).host, SESSION_COOKIE) };
}

async function me(session: string | undefined) {
  const res = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(session ? { cookie: `${SESSION_COOKIE}=${session}` } : {}) },
    body: JSON.stringify({ query: '{ me { email name role } }' }),
  });
  const body = (await res.json()) as { data: { me: { email: string; name: string; role: string } | null } };
  return body.data.me;
}

beforeAll(async () => {
  app = await makeTestApp();
  server = http.createServer(app.http);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  idp = await startTestProvider({ ...CLIENT, redirectUri: `${origin}/auth/sso/callback`, postLogoutRedirectUri: `${origin}/sign-in` });
  idp.addAccount({ sub: 'u-1', email: 'Mette@Nordlys.example', email_verified: true, name: 'Mette Hansen', roles: ['cx-analysts'], groups: ['touchpoint-users'] });
  idp.addAccount({ sub: 'u-2', email: 'ole@nordlys.example', email_verified: true, name: 'Ole Berg', roles: ['cx-analysts'], groups: ['finance'] });
  idp.addAccount({ sub: 'u-3', email: 'sara@nordlys.example', email_verified: true, name: 'Sara Holm', roles: [], groups: ['touchpoint-users'] });
  const saved = await app.ok(SAVE, { input: settings() });
  expect(saved.saveIdentityProvider).toMatchObject({ enabled: true, hasClientSecret: true, problem: null });
});

afterAll(async () => {
  await idp?.close();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await app?.close();
});

describe('single sign-on with OpenID Connect', () => {
  it('tells the sign-in page that company accounts can be used, without a secret', async () => {
    const { signInOptions } = await app.ok('{ signInOptions { singleSignOn singleSignOnLabel singleSignOnUrl } }', {}, null);
    expect(signInOptions).toEqual({ singleSignOn: true, singleSignOnLabel: 'Nordlys account', singleSignOnUrl: '/auth/sso/start' });
  });

  it('signs a new person in and creates their user with the role their claims give', async () => {
    const { end, session } = await signInAs('u-1');
    expect(end.pathname).toBe('/journeys');
    expect(session).toBeTruthy();
    expect(await me(session)).toEqual({ email: 'mette@nordlys.example', name: 'Mette Hansen', role: 'ANALYST' });
    const em = app.orm.em.fork();
    const user = await em.findOneOrFail(User, { email: 'mette@nordlys.example' });
    expect(await em.count(ExternalIdentity, { user, issuer: idp.issuer, subject: 'u-1' })).toBe(1);
    expect(await em.count(AuditEvent, { action: 'SIGN_IN', userId: user.id })).toBe(1);
  });

  it('takes the role from the claims at every sign-in (the provider is the source of truth)', async () => {
    idp.addAccount({ sub: 'u-1', email: 'mette@nordlys.example', email_verified: true, name: 'Mette Hansen', roles: ['cx-analysts', 'cx-admins'], groups: ['touchpoint-users'] });
    const { session } = await signInAs('u-1');
    expect((await me(session))?.role).toBe('ADMIN');
    expect(await app.orm.em.fork().count(User, { email: 'mette@nordlys.example' })).toBe(1);
  });

  it('refuses a person outside the allowed groups: no session, no user, an audit row', async () => {
    const { end, session } = await signInAs('u-2');
    expect(end.pathname).toBe('/sign-in');
    expect(end.searchParams.get('sso')).toBe('SSO_NOT_ALLOWED');
    expect(session).toBeUndefined();
    const em = app.orm.em.fork();
    expect(await em.count(User, { email: 'ole@nordlys.example' })).toBe(0);
    expect(await em.count(AuditEvent, { action: 'SIGN_IN_REFUSED' })).toBeGreaterThanOrEqual(1);
  });

  it('refuses a person whose claims give no role, unless an admin set a default role', async () => {
    expect((await signInAs('u-3')).end.searchParams.get('sso')).toBe('SSO_NO_ROLE');
    await app.ok(SAVE, { input: settings({ defaultRole: 'EXECUTIVE', clientSecret: null }) });
    const { session } = await signInAs('u-3');
    expect((await me(session))?.role).toBe('EXECUTIVE');
  });

  it('refuses an answer whose state it did not start (a forged or replayed callback)', async () => {
    const browser = makeBrowser();
    const end = await browser.visit(`${origin}/auth/sso/callback?code=forged&state=never-issued`);
    expect(end.url.searchParams.get('sso')).toBe('SSO_STATE_UNKNOWN');
  });

  it("signs out: the session ends and the browser goes on to the provider's end-session endpoint", async () => {
    const { session } = await signInAs('u-1');
    expect(await me(session)).not.toBeNull();
    const res = await fetch(`${origin}/auth/sso/sign-out`, { redirect: 'manual', headers: { cookie: `${SESSION_COOKIE}=${session}` } });
    expect(res.status).toBe(302);
    const next = new URL(res.headers.get('location') ?? '');
    expect(next.origin).toBe(idp.issuer);
    expect(next.searchParams.get('post_logout_redirect_uri')).toBe(`${origin}/sign-in`);
    expect(await me(session)).toBeNull();
  });

  it('keeps local accounts working beside it (break-glass admin)', async () => {
    const { user, password } = await import('../../server/modules/users/user.service.js').then((m) => m.createUser(app.orm.em.fork(), { email: 'breakglass@nordlys.example', name: 'Break glass', role: Role.ADMIN }));
    const res = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { user { id } } }', variables: { e: user.email, p: password } }),
    });
    expect(((await res.json()) as { data: { signIn: { user: { id: string } } } }).data.signIn.user.id).toBe(user.id);
  });

  it('lets only admins read or change the settings, and never shows the secret', async () => {
    const read = await app.ok('{ identityProvider { issuer clientId hasClientSecret allowedGroups } }');
    expect(read.identityProvider).toEqual({ issuer: idp.issuer, clientId: 'touchpoint', hasClientSecret: true, allowedGroups: ['touchpoint-users'] });
    expect(JSON.stringify(read)).not.toContain(CLIENT.clientSecret);
    expect(codes(await app.gql('{ identityProvider { issuer } }', {}, Role.EXECUTIVE))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(SAVE, { input: settings() }, Role.STRATEGIST))).toEqual(['FORBIDDEN']);
  });

  it('refuses to turn on a provider that does not answer, naming the issuer field, and keeps the old settings', async () => {
    const result = await app.gql(SAVE, { input: settings({ issuer: 'http://127.0.0.1:9/nothing-here' }) });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'issuer' });
    expect((await app.ok('{ identityProvider { issuer } }')).identityProvider.issuer).toBe(idp.issuer);
  });
});
