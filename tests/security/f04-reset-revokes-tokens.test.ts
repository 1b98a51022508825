import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/modules/users/user.enums.js';
import { request, signIn, startSecurityApp, type SecurityApp } from './support/securityApp.js';

// Finding 4: after an admin's resetPassword the user's year-long `Bearer tpt_…` token still worked.
let app: SecurityApp;
beforeAll(async () => {
  app = await startSecurityApp({ customers: 50, responses: 200 });
});
afterAll(async () => app?.close());

const asBearer = (token: string) =>
  request(`${app.base}/graphql`, { headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ me { email } }' }) });
async function tokenFor(cookie: string): Promise<string> {
  const created = await app.gql('mutation { createApiToken(input: { name: "script", expiresInDays: 365 }) { token } }', {}, cookie);
  const token = String(created.json?.data?.createApiToken?.token);
  expect(token).toMatch(/^tpt_/);
  expect((await asBearer(token)).json?.data?.me).not.toBeNull();
  return token;
}
const userId = async (email: string) => {
  const users = await app.gql('{ users { id email } }', {}, await app.cookie(Role.ADMIN));
  return (users.json?.data?.users as { id: string; email: string }[]).find((u) => u.email === email)!.id;
};

describe('finding 4: a password reset did not revoke API tokens', () => {
  it("an admin's resetPassword ends the user's API tokens and sessions", async () => {
    const account = app.account(Role.EXECUTIVE);
    const cookie = await signIn(app.base, account);
    const token = await tokenFor(cookie);
    const reset = await app.gql('mutation ($id: ID!) { resetPassword(id: $id) { password } }', { id: await userId(account.email) }, await app.cookie(Role.ADMIN));
    expect(reset.json?.errors).toBeUndefined();
    expect((await asBearer(token)).json?.data?.me).toBeNull();
    expect((await app.gql('{ me { email } }', {}, cookie)).json?.data?.me).toBeNull();
  });

  it("the user's own changePassword ends every token and other session, and this one when asked", async () => {
    const account = app.account(Role.ANALYST);
    const cookie = await signIn(app.base, account);
    const other = await signIn(app.base, account);
    const token = await tokenFor(cookie);
    const changed = await app.gql(
      'mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n, keepThisSession: false) }',
      { c: account.password, n: 'a new long passphrase 1' },
      cookie,
    );
    expect(changed.json?.data?.changePassword).toBe(true);
    for (const check of [asBearer(token), app.gql('{ me { email } }', {}, other), app.gql('{ me { email } }', {}, cookie)]) expect((await check).json?.data?.me).toBeNull();
  });

  it('deactivating a user ends their API tokens', async () => {
    const account = app.account(Role.STRATEGIST);
    const token = await tokenFor(await signIn(app.base, account));
    const id = await userId(account.email);
    await app.gql('mutation ($id: ID!) { updateUser(id: $id, input: { active: false }) { active } }', { id }, await app.cookie(Role.ADMIN));
    await app.gql('mutation ($id: ID!) { updateUser(id: $id, input: { active: true }) { active } }', { id }, await app.cookie(Role.ADMIN));
    expect((await asBearer(token)).json?.data?.me).toBeNull(); // reactivating does not bring the token back
  });
});
