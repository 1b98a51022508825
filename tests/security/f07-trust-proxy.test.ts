import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { AuditEvent } from '../../server/modules/users/user.entity.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { request, startSecurityApp, type SecurityApp } from './support/securityApp.js';

// Finding 7: with `trust proxy: 'loopback'`, 10 wrong passwords with rotating X-Forwarded-For headers
// all reached verification, and audit rows recorded the claimed address.
let app: SecurityApp;
beforeAll(async () => {
  app = await startSecurityApp({ customers: 50, responses: 200 });
});
afterAll(async () => app?.close());

describe('finding 7: spoofable client address', () => {
  it('trusts no proxy by default: rotating X-Forwarded-For neither resets the limit nor reaches the audit rows', async () => {
    expect(loadConfig({}, {}).trustProxy).toBe(false);
    const email = app.account(Role.STRATEGIST).email;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        request(`${app.base}/graphql`, {
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i + 1}` },
          body: JSON.stringify({ query: 'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { expiresAt } }', variables: { e: email, p: `wrong-${i}` } }),
        }),
      ),
    );
    expect(results.filter((r) => r.json?.errors?.[0]?.extensions?.code === 'RATE_LIMITED')).toHaveLength(5);
    const rows = await app.orm.em.fork().find(AuditEvent, { action: { $in: ['SIGN_IN_FAILED', 'SIGN_IN_BLOCKED'] }, detail: { email } });
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((r) => r.detail.ip))).toEqual(new Set(['127.0.0.1']));
  });

  it('reads TRUST_PROXY as Express expects it: a hop count, names and CIDRs, or nothing', () => {
    expect(loadConfig({}, { TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({}, { TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(loadConfig({}, { TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });
});
