import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestProvider } from '../support/oidcProvider.js';
import { SHOTS, poller, signIn, startE2e, type E2e } from './support/browser.js';

/**
 * Single sign-on in a real browser against a real OpenID Connect provider started inside the test: an
 * admin sets the provider up on the set-up page, then a new person signs in with the company account
 * and lands in the app with the role their claims give; someone outside the allowed group is told why.
 */
const eventually = poller(20_000, 100);

let e2e: E2e;
let idp: Awaited<ReturnType<typeof startTestProvider>>;
/** The server's address without the trailing slash. */
let origin: string;

beforeAll(async () => {
  e2e = await startE2e({ name: 'sso', seedDemo: false });
  origin = e2e.server.url.replace(/\/$/, '');
  idp = await startTestProvider({ clientId: 'touchpoint', clientSecret: 'e2e-only-secret', redirectUri: `${origin}/auth/sso/callback`, postLogoutRedirectUri: `${origin}/sign-in` });
  idp.addAccount({ sub: 'p-1', email: 'mette@nordlys.example', email_verified: true, name: 'Mette Hansen', roles: ['cx-strategists'], groups: ['touchpoint-users'] });
  idp.addAccount({ sub: 'p-2', email: 'ole@nordlys.example', email_verified: true, name: 'Ole Berg', roles: ['cx-strategists'], groups: ['finance'] });
}, 180_000);

afterAll(async () => {
  await idp?.close();
  await e2e?.stop();
});

const newPage = (): Promise<Page> => e2e.newPage({ viewport: { width: 1280, height: 800 } });

// Skipped, with the reason in its name: in the last full runs one of these steps at a time timed out (the
// set-up page or the refusal message not rendered within 30 s) although each passed on its own before; the
// protocol itself is covered by tests/integration/sso.test.ts against the same real provider. Find the cause
// (suspect: the per-user/anonymous request limits on 127.0.0.1) and remove the skip.
describe('single sign-on in a real browser', () => {
  it('an admin sets up the company identity provider on the set-up page', async () => {
    const page = await newPage();
    await signIn(page, e2e.account('ADMIN'));

    await page.goto('/setup/sign-on');
    await page.getByTestId('sign-on-form').waitFor();
    expect(await page.getByTestId('sign-on-empty').isVisible()).toBe(true);
    expect(await page.getByTestId('sign-on-callback').textContent()).toBe(`${origin}/auth/sso/callback`);

    // A wrong issuer is refused on its field and nothing is saved.
    await page.getByTestId('field-enabled').check();
    await page.getByTestId('field-displayName').fill('Nordlys account');
    await page.getByTestId('field-issuer').fill('http://127.0.0.1:9/nobody');
    await page.getByTestId('field-clientId').fill('touchpoint');
    await page.getByTestId('field-clientSecret').fill('e2e-only-secret');
    await page.getByTestId('mapping-add').click();
    await page.getByTestId('mapping-value-0').fill('cx-strategists');
    await page.getByTestId('mapping-role-0').selectOption('STRATEGIST');
    await page.getByTestId('field-allowedGroups').fill('touchpoint-users');
    await page.getByTestId('save').click();
    await eventually(() => page.getByTestId('error-issuer').textContent()).toContain('did not answer');
    await page.screenshot({ path: path.join(SHOTS, 'sso-settings-refused.png'), fullPage: true });

    await page.getByTestId('field-issuer').fill(idp.issuer);
    await page.getByTestId('save').click();
    await eventually(() => page.getByTestId('unsaved').count()).toBe(0);
    expect(await page.getByTestId('form-error').count()).toBe(0);
    expect(await page.getByTestId('field-clientSecret').inputValue()).toBe('');
    // The page now reads from what was saved: a secret is stored (never shown), no "not set up" notice.
    await eventually(() => page.getByText('A secret is stored. Leave empty to keep it.').count()).toBe(1);
    expect(await page.getByTestId('sign-on-empty').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'sso-settings.png'), fullPage: true });
    await page.context().close();
  });

  it('a new person signs in with the company account and lands with the role the claims give', async () => {
    if (!idp) throw new Error('no provider');
    idp.signInAs = 'p-1';
    const page = await newPage();
    await page.goto('/journeys');
    await page.waitForURL(/\/sign-in/);
    const button = page.getByTestId('sign-in-sso');
    await eventually(() => button.textContent()).toBe('Sign in with Nordlys account');
    await page.screenshot({ path: path.join(SHOTS, 'sso-sign-in.png') });
    await button.click();
    await page.waitForURL(/\/journeys$/);
    await eventually(() => page.getByTestId('current-user').textContent()).toContain('Mette Hansen');
    const me = await page.evaluate(async () => {
      const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { email role } }' }) });
      return ((await res.json()) as { data: { me: { email: string; role: string } } }).data.me;
    });
    expect(me).toEqual({ email: 'mette@nordlys.example', role: 'STRATEGIST' });
    await page.context().close();
  });

  it('someone outside the allowed group is sent back to sign-in and told why', async () => {
    if (!idp) throw new Error('no provider');
    idp.signInAs = 'p-2';
    const page = await newPage();
    await page.goto('/sign-in');
    await page.getByTestId('sign-in-sso').click();
    await page.waitForURL(/sso=SSO_NOT_ALLOWED/);
    expect(await page.getByTestId('sign-in-sso-error').textContent()).toContain('not in a group allowed to use Touchpoint');
    await page.screenshot({ path: path.join(SHOTS, 'sso-refused.png') });
    expect(e2e.errors.uncaught).toEqual([]);
    await page.context().close();
  });
});
