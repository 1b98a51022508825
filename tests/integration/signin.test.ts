import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnalytics, type AnalyticsRuntime } from '../../server/analytics.js';
import { createApp } from '../../server/app.js';
import { initORM, type ORM } from '../../server/db.js';
import { Credential, User } from '../../server/modules/users/user.entity.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { createUser } from '../../server/modules/users/user.service.js';
import { freshDatabase } from '../support/testApp.js';

let orm: ORM;
let server: Server;
let base: string;
let drop: () => Promise<void>;
let analytics: AnalyticsRuntime;
const accounts: Record<string, string> = {};

beforeAll(async () => {
  const db = await freshDatabase();
  drop = db.drop;
  orm = await initORM(db.url);
  analytics = await startAnalytics(':memory:', db.url);
  const { app } = await createApp({ orm, analytics: analytics.store, production: true, onModelChanged: analytics.syncModel });
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  for (const role of [Role.ANALYST, Role.EXECUTIVE]) {
    const { password } = await createUser(orm.em.fork(), { email: `${role.toLowerCase()}@http.test`, name: role, role });
    accounts[role] = password;
  }
});
afterAll(async () => {
  server?.close();
  await orm?.close(true);
  await analytics?.close();
  await drop?.();
});

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json: any = await response.json().catch(() => null);
  return { response, json, code: json?.errors?.[0]?.extensions?.code as string | undefined };
}

const SIGN_IN = 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { user { email role } expiresAt } }';

async function signIn(email: string, password: string) {
  const result = await post({ query: SIGN_IN, variables: { e: email, p: password } });
  const cookie = result.response.headers.get('set-cookie')?.split(';')[0];
  return { ...result, cookie };
}

describe('sign-in over HTTP', () => {
  it('refuses every query but sign-in without a session', async () => {
    const result = await post({ query: '{ journeys { id } }' });
    expect(result.code).toBe('UNAUTHENTICATED');
    expect(result.json.data).toBeNull();
  });

  it('signs in with an httpOnly, SameSite=Strict cookie, and the cookie works', async () => {
    const { json, response, cookie } = await signIn('analyst@http.test', accounts.ANALYST!);
    expect(json.data.signIn.user).toEqual({ email: 'analyst@http.test', role: 'ANALYST' });
    const header = response.headers.get('set-cookie')!;
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Strict/i);
    expect(JSON.stringify(json)).not.toContain('tps_'); // the secret is only in the cookie
    const me = await post({ query: '{ me { email role } }' }, { cookie: cookie! });
    expect(me.json.data.me).toEqual({ email: 'analyst@http.test', role: 'ANALYST' });
  });

  it('says the same for a wrong password and an unknown e-mail', async () => {
    const wrong = await signIn('executive@http.test', 'not-the-password');
    const unknown = await signIn('nobody@http.test', 'whatever-password');
    expect(wrong.code).toBe('UNAUTHENTICATED');
    expect(unknown.code).toBe('UNAUTHENTICATED');
    expect(wrong.json.errors[0].message).toBe(unknown.json.errors[0].message);
  });

  it('blocks an e-mail after 5 failed attempts, even with the right password', async () => {
    const { user, password } = await createUser(orm.em.fork(), { email: 'target@http.test', name: 'Target', role: Role.EXECUTIVE });
    for (let i = 0; i < 5; i++) expect((await signIn(user.email, `wrong-${i}`)).code).toBe('UNAUTHENTICATED');
    const blocked = await signIn(user.email, password);
    expect(blocked.code).toBe('RATE_LIMITED');
    expect(blocked.json.errors[0].message).toMatch(/Too many failed sign-ins; try again in \d+ minutes/);
  });

  it('audits sign-ins, failed ones and blocked ones, with who and from where, never the password', async () => {
    const { user, password } = await createUser(orm.em.fork(), { email: 'audited@http.test', name: 'Audited', role: Role.ANALYST });
    await signIn(user.email, 'wrong-password');
    await signIn(user.email, password);
    await signIn('nobody-audited@http.test', 'whatever-password');
    const rows = await orm.em
      .fork()
      .getConnection()
      .execute<{ action: string; user_id: string | null; detail: Record<string, unknown> }[]>(
        `select action, user_id, detail from audit_event where action like 'SIGN_IN%' and (user_id = ? or detail->>'email' like '%audited@http.test') order by id`,
        [user.id],
      );
    expect(rows).toEqual([
      { action: 'SIGN_IN_FAILED', user_id: user.id, detail: { email: user.email, ip: '127.0.0.1' } },
      { action: 'SIGN_IN', user_id: user.id, detail: { ip: '127.0.0.1' } },
      { action: 'SIGN_IN_FAILED', user_id: null, detail: { email: 'nobody-audited@http.test', ip: '127.0.0.1' } },
    ]);
    expect(JSON.stringify(rows)).not.toContain(password);
  });

  it('ends a session at its expiry and after sign-out', async () => {
    const { cookie } = await signIn('analyst@http.test', accounts.ANALYST!);
    const em = orm.em.fork();
    const secretCount = await em.count(Credential, { kind: 'SESSION' });
    expect(secretCount).toBeGreaterThan(0);
    await em.nativeUpdate(Credential, { kind: 'SESSION', expiresAt: { $gt: new Date() } }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await post({ query: '{ journeys { id } }' }, { cookie: cookie! })).code).toBe('UNAUTHENTICATED');

    const second = await signIn('analyst@http.test', accounts.ANALYST!);
    expect((await post({ query: '{ journeys { id } }' }, { cookie: second.cookie! })).code).toBeUndefined();
    await post({ query: 'mutation { signOut }' }, { cookie: second.cookie! });
    expect((await post({ query: '{ journeys { id } }' }, { cookie: second.cookie! })).code).toBe('UNAUTHENTICATED');
  });

  it('API tokens: created once by a session, work as Bearer, stop working when revoked', async () => {
    const { cookie } = await signIn('analyst@http.test', accounts.ANALYST!);
    const created = await post({ query: 'mutation { createApiToken(input: { name: "notebook" }) { token apiToken { id } } }' }, { cookie: cookie! });
    const { token, apiToken } = created.json.data.createApiToken;
    expect(token).toMatch(/^tpt_/);
    const stored = await orm.em.fork().findOneOrFail(Credential, apiToken.id);
    expect(stored.secretHash).not.toContain(token); // only a hash is stored
    const bearer = { authorization: `Bearer ${token}` };
    expect((await post({ query: '{ me { email } }' }, bearer)).json.data.me.email).toBe('analyst@http.test');
    // a token cannot mint more tokens
    expect((await post({ query: 'mutation { createApiToken(input: { name: "x" }) { token } }' }, bearer)).code).toBe('FORBIDDEN');
    await post({ query: 'mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }', variables: { id: apiToken.id } }, { cookie: cookie! });
    expect((await post({ query: '{ journeys { id } }' }, bearer)).code).toBe('UNAUTHENTICATED');
  });

  it('never returns a password hash', async () => {
    const schemaText = JSON.stringify((await post({ query: '{ __type(name: "User") { fields { name } } }' }, { cookie: (await signIn('analyst@http.test', accounts.ANALYST!)).cookie! })).json);
    expect(schemaText).toContain('email');
    expect(schemaText).not.toMatch(/password/i);
    const user = await orm.em.fork().findOneOrFail(User, { email: 'analyst@http.test' });
    expect(user.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
  });
});

describe('abuse limits', () => {
  it('rejects a deeply nested query before running it', async () => {
    const { cookie } = await signIn('analyst@http.test', accounts.ANALYST!);
    const deep = '{ journeys { improves { improves { improves { improves { improves { improves { improves { improves { improves { improves { id } } } } } } } } } } } }';
    const result = await post({ query: deep }, { cookie: cookie! });
    expect(result.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.json.errors[0].message).toMatch(/depth/i);
  });

  it('rejects too many aliases', async () => {
    const { cookie } = await signIn('analyst@http.test', accounts.ANALYST!);
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: journeys { id }`).join(' ');
    const result = await post({ query: `{ ${aliases} }` }, { cookie: cookie! });
    expect(result.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.json.errors[0].message).toMatch(/alias/i);
  });

  it('refuses batched requests and bodies over 1 MB with typed errors', async () => {
    const batch = await post([{ query: '{ me { email } }' }, { query: '{ me { email } }' }]);
    expect(batch.response.status).toBe(400);
    const huge = await post({ query: `{ me { email } } # ${'x'.repeat(1_100_000)}` });
    expect(huge.response.status).toBe(413);
    expect(huge.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('gives other origins no CORS permission', async () => {
    const preflight = await fetch(`${base}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const post = await fetch(`${base}/graphql`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{"query":"{ me { email } }"}' });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers introspection only for signed-in users', async () => {
    expect((await post({ query: '{ __schema { types { name } } }' })).code).toBe('UNAUTHENTICATED');
  });

  it('sends security headers and no stack traces in production', async () => {
    const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ nope }"}' });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
    const json: unknown = await response.json();
    expect(JSON.stringify(json)).not.toContain('stacktrace');
  });

  it('marks every GraphQL answer as not to be stored by caches, signed in or not', async () => {
    const { cookie } = await signIn('analyst@http.test', accounts.ANALYST!);
    const signedIn = await post({ query: '{ me { email } }' }, { cookie: cookie! });
    expect(signedIn.json.data.me.email).toBe('analyst@http.test');
    const refused = await post({ query: '{ journeys { id } }' });
    expect(refused.code).toBe('UNAUTHENTICATED');
    for (const { response } of [signedIn, refused]) expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
