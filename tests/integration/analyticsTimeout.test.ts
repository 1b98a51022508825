import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnalytics, type AnalyticsRuntime } from '../../server/analytics.js';
import { createApp } from '../../server/app.js';
import { issueCredential } from '../../server/auth/auth.service.js';
import { initORM, type ORM } from '../../server/db.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { createUser } from '../../server/modules/users/user.service.js';
import type { Store } from '../../analytics/store.js';
import { listen } from '../support/httpServer.js';
import { freshDatabase } from '../support/testApp.js';

// Issue 20 goal 2, end to end: an analytics statement past the store's time limit is interrupted by
// DuckDB and reaches the user as a typed GraphQL error, and the next request is served normally.
let orm: ORM;
let served: Awaited<ReturnType<typeof listen>> | undefined;
let base: string;
let drop: () => Promise<void>;
let analytics: AnalyticsRuntime;
let secret: string;
/** While set, every analytics read of the app runs a statement of minutes (10^10 joined rows) instead. */
let slow = false;
const SLOW_SQL = 'SELECT sum(a.range * b.range)::DOUBLE AS s FROM range(100000) a, range(100000) b';

beforeAll(async () => {
  const db = await freshDatabase();
  drop = db.drop;
  orm = await initORM(db.url);
  analytics = await startAnalytics(':memory:', db.url);
  const real = analytics.store;
  const store = new Proxy(real, {
    get(target, key, receiver) {
      if (key === 'all' && slow) return () => target.all(SLOW_SQL);
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set(target, key, value) {
      return Reflect.set(target, key, value);
    },
  }) satisfies Store;
  const { app } = await createApp({ orm, analytics: store, production: true, onModelChanged: analytics.syncModel });
  served = await listen(app);
  base = served.base.replace(/\/$/, '');
  const em = orm.em.fork();
  const { user } = await createUser(em, { email: 'analyst@timeout.test', name: 'Analyst', role: Role.ANALYST });
  secret = issueCredential(em, user, 'API_TOKEN', 'timeout test').secret;
  await em.flush();
});
afterAll(async () => {
  await served?.close();
  await orm?.close(true);
  await analytics?.close();
  await drop?.();
});

const METRICS = '{ metrics(filter: {}, groupBy: [TOUCHPOINT]) { key { touchpointCode } nps { n } } }';
async function post(query: string) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

describe('an analytics statement past the time limit', () => {
  it('is interrupted and answered with QUERY_TIMEOUT / ANALYTICS_TIME_LIMIT, the reason the client words in both languages (tests/client/serverMessages.test.ts); the next request is served', async () => {
    analytics.store.statementTimeoutMs = 200;
    try {
      slow = true;
      const refused = await post(METRICS);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TIMEOUT', reason: 'ANALYTICS_TIME_LIMIT' });
      expect(refused.errors?.[0]?.message).toMatch(/longer than 200 ms and was stopped; narrow the filter/);
      // Interrupted, not left running: no read holds a connection once the user has the answer.
      expect(analytics.store.readStats.running).toBe(0);

      slow = false;
      const served = await post(METRICS);
      expect(served.errors).toBeUndefined();
      expect(served.data).toEqual({ metrics: [] });
    } finally {
      slow = false;
      analytics.store.statementTimeoutMs = 0;
    }
  });
});
