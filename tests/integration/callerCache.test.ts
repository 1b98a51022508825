import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnalytics, type AnalyticsRuntime } from '../../server/analytics.js';
import { createApp } from '../../server/app.js';
import { callerCache, forgetCallers, issueCredential } from '../../server/auth/auth.service.js';
import { initORM, type ORM } from '../../server/db.js';
import { Journey } from '../../server/modules/journeys/journey.entity.js';
import { User } from '../../server/modules/users/user.entity.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { createUser } from '../../server/modules/users/user.service.js';
import { listen } from '../support/httpServer.js';
import { freshDatabase } from '../support/testApp.js';

// The caller of a request is remembered for up to callerCache.ms (1 s) (auth.service resolveCaller); these
// tests count the credential lookups and check that every change made through the app is seen at once.
let orm: ORM;
let served: Awaited<ReturnType<typeof listen>> | undefined;
let base: string;
let drop: () => Promise<void>;
let analytics: AnalyticsRuntime;
let lookups = 0;
let statements = 0;
let forks = 0;

beforeAll(async () => {
  const db = await freshDatabase();
  drop = db.drop;
  orm = await initORM(db.url);
  analytics = await startAnalytics(':memory:', db.url);
  const { app } = await createApp({ orm, analytics: analytics.store, production: true, onModelChanged: analytics.syncModel });
  served = await listen(app);
  base = served.base.replace(/\/$/, '');
  // Count the credential lookups: the one statement that joins credential and user by the secret's hash.
  const connection = orm.em.getConnection();
  const execute = connection.execute.bind(connection);
  connection.execute = ((...args: Parameters<typeof execute>) => {
    if (typeof args[0] === 'string' && args[0].includes('WHERE c.secret_hash = ?')) lookups++;
    statements++;
    return execute(...args);
  }) as typeof execute;
  // Count the entity managers forked for requests (server/context.ts LazyContext forks on first use only).
  const fork = orm.em.fork.bind(orm.em);
  orm.em.fork = ((...args: Parameters<typeof fork>) => {
    forks++;
    return fork(...args);
  }) as typeof fork;
});
afterAll(async () => {
  await served?.close();
  await orm?.close(true);
  await analytics?.close();
  await drop?.();
});

/** A new user of `role` with an API token (expiring `expiresInMs` after it is stored, if given). */
async function token(role: Role, expiresInMs?: number): Promise<{ secret: string; userId: string; expiresAt: number }> {
  const em = orm.em.fork();
  const { user } = await createUser(em, { email: `${role.toLowerCase()}-${Math.random().toString(36).slice(2)}@cache.test`, name: role, role });
  await em.flush();
  const expiresAt = expiresInMs === undefined ? Infinity : Date.now() + expiresInMs;
  const { secret } = issueCredential(em, user, 'API_TOKEN', 'cache test', expiresInMs === undefined ? undefined : new Date(expiresAt));
  await em.flush();
  return { secret, userId: user.id, expiresAt };
}

async function me(secret: string): Promise<{ role: string } | null> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify({ query: '{ me { role } }' }),
  });
  const json = (await response.json()) as { data?: { me: { role: string } | null } };
  return json.data?.me ?? null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the caller of a request, remembered for a second', () => {
  it('looks a caller up once for requests close together, and again once the second has passed', async () => {
    const { secret } = await token(Role.ANALYST);
    // A minute here, so that a loaded machine cannot stretch the five requests past the remembered time.
    callerCache.ms = 60_000;
    try {
      lookups = 0;
      for (let i = 0; i < 5; i++) expect(await me(secret)).toEqual({ role: 'ANALYST' });
      expect(lookups).toBe(1);
      callerCache.ms = 200;
      forgetCallers(); // the entry above was stored for a minute
      expect(await me(secret)).toEqual({ role: 'ANALYST' });
      expect(lookups).toBe(2);
      await sleep(300);
      expect(await me(secret)).toEqual({ role: 'ANALYST' });
      expect(lookups).toBe(3);
    } finally {
      callerCache.ms = 1000;
    }
  });

  it('sees a role change and a deactivation made through the app at once', async () => {
    const { secret, userId } = await token(Role.ANALYST);
    expect(await me(secret)).toEqual({ role: 'ANALYST' });
    const em = orm.em.fork();
    const user = await em.findOneOrFail(User, userId);
    user.role = Role.EXECUTIVE;
    await em.flush();
    expect(await me(secret)).toEqual({ role: 'EXECUTIVE' });
    user.active = false;
    await em.flush();
    expect(await me(secret)).toBeNull();
  });

  it("sees a revocation at once: the admin's resetPassword ends a token used a moment before", async () => {
    const admin = await token(Role.ADMIN);
    const { secret, userId } = await token(Role.STRATEGIST);
    expect(await me(secret)).toEqual({ role: 'STRATEGIST' });
    const reset = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.secret}` },
      body: JSON.stringify({ query: 'mutation ($id: ID!) { resetPassword(id: $id) { password } }', variables: { id: userId } }),
    });
    expect(((await reset.json()) as { errors?: unknown }).errors).toBeUndefined();
    expect(await me(secret)).toBeNull();
  });

  it('never serves a credential past its expiry, even when it was used within the second', async () => {
    callerCache.ms = 60_000;
    try {
      // Remembered for a minute from its first use, the caller must still end when the token does.
      const { secret, expiresAt } = await token(Role.ANALYST, 3000);
      expect(await me(secret)).toEqual({ role: 'ANALYST' });
      await sleep(expiresAt + 50 - Date.now());
      expect(await me(secret)).toBeNull();
    } finally {
      callerCache.ms = 1000;
    }
  });

  it('a change made outside this process (SQL by hand) is seen within the second', async () => {
    const { secret } = await token(Role.ANALYST);
    expect(await me(secret)).toEqual({ role: 'ANALYST' });
    const em = orm.em.fork();
    await em.getConnection().execute(`UPDATE credential SET revoked_at = now() WHERE revoked_at IS NULL AND name = 'cache test' AND user_id IN (SELECT id FROM "user" WHERE role = 'ANALYST')`);
    await sleep(callerCache.ms + 100);
    expect(await me(secret)).toBeNull();
  });
});

describe('the fixed cost of a request that needs no entity manager', () => {
  it('a point lookup of a remembered journey, by a remembered caller, forks no entity manager and sends no SQL', async () => {
    const { secret } = await token(Role.ANALYST);
    const em = orm.em.fork();
    const journey = em.create(Journey, { name: 'Looked up' });
    await em.flush();
    const lookup = async () => {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: JSON.stringify({ query: 'query ($id: ID!) { journey(id: $id) { id name } }', variables: { id: journey.id } }),
      });
      return ((await response.json()) as { data?: { journey: { name: string } } }).data?.journey;
    };
    callerCache.ms = 60_000;
    try {
      forks = 0;
      expect(await lookup()).toEqual({ id: journey.id, name: 'Looked up' });
      expect(forks).toBe(0);
      statements = 0;
      expect(await lookup()).toEqual({ id: journey.id, name: 'Looked up' });
      expect({ forks, statements }).toEqual({ forks: 0, statements: 0 });
    } finally {
      callerCache.ms = 1000;
    }
  });
});
