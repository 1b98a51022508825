import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerLimits } from '../../server/common/callerLimits.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { startSecurityApp, type SecurityApp } from './support/securityApp.js';

// Found by the browser tests: a page's requests abandoned by navigating away while they waited for one
// of the user's slots were admitted after their connection had closed, so their slots were never freed.
// Four such requests, and every later request of that user waited forever (the e2e pages timed out).

describe('a request abandoned while it waits for a slot', () => {
  it('leaves the queue without running and without taking a slot (callerLimits with the connection signal)', async () => {
    const admit = callerLimits({ concurrent: 1, perMinute: 0, maxWaiting: 8 });
    const running = await admit('user:a', false);
    const connection = new AbortController();
    const abandoned = admit('user:a', false, connection.signal);
    connection.abort();
    await expect(abandoned).rejects.toMatchObject({ extensions: { code: 'CLIENT_CLOSED_REQUEST' } });
    running();
    // The slot is free again: the next request is admitted at once, not after a request nobody waits for.
    const next = await Promise.race([admit('user:a', false), new Promise<null>((resolve) => setTimeout(() => resolve(null), 1000))]);
    expect(next).not.toBeNull();
    next!();
  });

  it('frees a running slot when its connection closes before the answer', async () => {
    const admit = callerLimits({ concurrent: 1, perMinute: 0, maxWaiting: 8 });
    const connection = new AbortController();
    await admit('user:b', false, connection.signal); // running; its release is never called by the request
    connection.abort();
    const next = await Promise.race([admit('user:b', false), new Promise<null>((resolve) => setTimeout(() => resolve(null), 1000))]);
    expect(next).not.toBeNull();
  });
});

describe('over HTTP, one slot per user', () => {
  let app: SecurityApp;
  const before = process.env.GRAPHQL_CONCURRENT_PER_USER;
  beforeAll(async () => {
    process.env.GRAPHQL_CONCURRENT_PER_USER = '1';
    app = await startSecurityApp();
  });
  afterAll(async () => {
    if (before === undefined) delete process.env.GRAPHQL_CONCURRENT_PER_USER;
    else process.env.GRAPHQL_CONCURRENT_PER_USER = before;
    await app?.close();
  });

  it('a request abandoned in the queue does not lock the user out afterwards', async () => {
    const cookie = await app.cookie(Role.ANALYST);
    // Hold the analytics store, so the user's first request keeps the one slot while the next waits.
    const store = app.analytics.store;
    const all = store.all.bind(store);
    let open!: () => void;
    const held = new Promise<void>((resolve) => (open = resolve));
    store.all = (async (...args: Parameters<typeof all>) => {
      await held;
      return all(...args);
    }) as typeof store.all;
    try {
      const first = app.gql('{ journeys { phases { metrics { nps { n } } } } }', {}, cookie);
      await new Promise((r) => setTimeout(r, 300));
      // The second request waits for the slot; the client gives up on it (as a browser does on navigation).
      const gaveUp = new AbortController();
      const abandoned = new Promise<string>((resolve) => {
        const req = http.request(`${app.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, signal: gaveUp.signal }, () => resolve('answered'));
        req.on('error', (error) => resolve(error.name));
        req.end(JSON.stringify({ query: '{ me { id } }' }));
      });
      await new Promise((r) => setTimeout(r, 300));
      gaveUp.abort();
      expect(await abandoned).toBe('AbortError');
      await new Promise((r) => setTimeout(r, 100));
      open();
      expect((await first).status).toBe(200);
      // Before the fix this waited forever: the abandoned request took the slot and never gave it back.
      const started = Date.now();
      const after = await app.gql('{ me { email } }', {}, cookie);
      expect(after.json?.data).toMatchObject({ me: { email: app.account(Role.ANALYST).email } });
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      open();
      store.all = all;
    }
  });
});
