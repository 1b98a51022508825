import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsStoreError } from '../../analytics/queries/errors.js';
import { callerLimits } from '../../server/common/callerLimits.js';
import { formatError } from '../../server/common/errors.js';
import { GraphQLError } from 'graphql';
import { Role } from '../../server/modules/users/user.enums.js';
import { startSecurityApp, type SecurityApp } from './support/securityApp.js';

// Finding 9: 15 aliased `drivers(outcome: RETENTION_12M, …)` by one executive took 7.6 s while another
// user's `metrics` waited 6.4 s. Figures before and after: npm run bench:security -- --section f9.
let app: SecurityApp;
beforeAll(async () => {
  app = await startSecurityApp();
});
afterAll(async () => app?.close());

const fifteenDrivers = `{ ${Array.from({ length: 15 }, (_, i) => `d${i}: drivers(outcome: RETENTION_12M) { customers drivers { n } }`).join(' ')} }`;

describe('finding 9: one user could stall everyone\'s analytics', () => {
  it('refuses 15 aliased drivers by their cost (analytics fields weigh 100, plain fields 1) before anything runs', async () => {
    const result = await app.gql(fifteenDrivers, {}, await app.cookie(Role.EXECUTIVE));
    expect(result.status).toBe(400);
    // Each alias: drivers 100, customers 1, the nested list and its n 1 each.
    expect(result.json?.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COSTLY', cost: 15 * 103, limit: 1000 });
  });

  it('interrupts an analytics statement past the time limit with a typed error, and the store keeps serving', async () => {
    const store = app.analytics.store;
    store.statementTimeoutMs = 100;
    try {
      // 10^10 joined rows: minutes of work unless DuckDB is interrupted.
      const slow = store.all('SELECT sum(a.range * b.range)::DOUBLE AS s FROM range(100000) a, range(100000) b');
      await expect(slow).rejects.toMatchObject({ name: 'AnalyticsStoreError', kind: 'TIMEOUT' });
      expect(await store.all('SELECT 42::INTEGER AS answer')).toEqual([{ answer: 42 }]);
    } finally {
      store.statementTimeoutMs = 0;
    }
    const formatted = formatError({ message: 'x' }, new GraphQLError('x', { originalError: new AnalyticsStoreError('TIMEOUT', 'stopped') }), true);
    expect(formatted.extensions).toMatchObject({ code: 'QUERY_TIMEOUT', reason: 'ANALYTICS_TIME_LIMIT' });
  });

  it("gives each user a bounded share: a user's fifth request waits for their own slot, another user's does not", async () => {
    const admit = callerLimits({ concurrent: 4, perMinute: 0, maxWaiting: 2 });
    const mine = await Promise.all(Array.from({ length: 4 }, () => admit('user:a', false)));
    let fifthIn = false;
    const fifth = admit('user:a', false).then((release) => ((fifthIn = true), release));
    const other = await admit('user:b', false); // admitted at once although user a is saturated
    await new Promise((r) => setTimeout(r, 20));
    expect(fifthIn).toBe(false);
    mine[0]!();
    (await fifth)();
    expect(fifthIn).toBe(true);
    other();
    const fourth = await admit('user:a', false); // 4 running again (mine[1..3] and this one): 2 may wait, a third is refused
    const waiting = [admit('user:a', false), admit('user:a', false)];
    await expect(admit('user:a', false)).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED', reason: 'TOO_MANY_CONCURRENT' } });
    [...mine.slice(1), fourth].forEach((release) => release());
    for (const release of await Promise.all(waiting)) release();
  });

  it('limits requests a minute per user (RATE_LIMITED, HTTP 429 with Retry-After)', async () => {
    const admit = callerLimits({ concurrent: 100, perMinute: 3, maxWaiting: 0 });
    for (let i = 0; i < 3; i++) (await admit('user:c', false))();
    await expect(admit('user:c', false)).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED', reason: 'TOO_MANY_REQUESTS', http: { status: 429 } } });
    (await admit('user:d', false))();
  });
});
