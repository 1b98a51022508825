import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../server/modules/users/user.entity.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { SIGN_IN_LIMITS } from '../../server/auth/auth.service.js';
import { signIn, startSecurityApp, type SecurityApp } from './support/securityApp.js';

// Finding 6: 100 concurrent wrong passwords for one account from one IP: 40 reached password
// verification against a limit of 5. SIGN_IN_FAILED is written only after verification, so its rows
// count the guesses that were checked.
let app: SecurityApp;
beforeAll(async () => {
  app = await startSecurityApp({ customers: 50, responses: 200 });
});
afterAll(async () => app?.close());

const SIGN_IN = 'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { expiresAt } }';
const verified = (email: string) => app.orm.em.fork().count(AuditEvent, { action: 'SIGN_IN_FAILED', detail: { email } });

describe('finding 6: the sign-in limit could be beaten in parallel', () => {
  it('lets at most 5 of 100 concurrent wrong passwords reach verification; the rest are RATE_LIMITED', async () => {
    const email = app.account(Role.EXECUTIVE).email;
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => app.gql(SIGN_IN, { e: email, p: `wrong-${i}` })));
    const codes = results.map((r) => r.json?.errors?.[0]?.extensions?.code);
    expect(await verified(email)).toBe(SIGN_IN_LIMITS.perAccountAndIp);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(SIGN_IN_LIMITS.perAccountAndIp);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(100 - SIGN_IN_LIMITS.perAccountAndIp);
    // The right password is refused too while the block lasts: the attacker cannot tell it apart.
    const right = await app.gql(SIGN_IN, { e: email, p: app.account(Role.EXECUTIVE).password });
    expect(right.json?.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it("limits changePassword's current-password check the same way (5 per 15 minutes)", async () => {
    const account = app.account(Role.ANALYST);
    const cookie = await signIn(app.base, account);
    const change = (current: string) =>
      app.gql('mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }', { c: current, n: 'another long passphrase' }, cookie);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => change(`guess-${i}`)));
    const reasons = results.map((r) => r.json?.errors?.[0]?.extensions?.code);
    expect(reasons.filter((c) => c === 'BAD_USER_INPUT')).toHaveLength(5);
    expect(reasons.filter((c) => c === 'RATE_LIMITED')).toHaveLength(15);
    expect((await change(account.password)).json?.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });
});
