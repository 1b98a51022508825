/// <reference lib="dom" />
// settle's page.waitForFunction callback runs in the browser: its globals (document) need the DOM types.
/**
 * Every page of the app as the admin opens it, signed in through the form in a browser of a given language:
 * shared by the axe sweep (accessibility.test.ts) and the Danish-text sweep (danish-text.test.ts), so both
 * visit the same pages.
 */
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../../server/main.js';

export type Language = 'en' | 'da';

/** Every page of the app, as the admin opens it; `journeyId` is a journey of the demo company. */
export function appPages(journeyId: () => string): { name: string; path: () => string }[] {
  return [
    { name: 'overview', path: () => '/overview' },
    { name: 'journeys', path: () => '/journeys' },
    { name: 'journey map', path: () => `/journeys/${journeyId()}` },
    { name: 'priorities', path: () => '/priorities' },
    { name: 'business case', path: () => '/business-case' },
    { name: 'status', path: () => '/status' },
    { name: 'follow-up', path: () => '/follow-up' },
    { name: 'initiatives', path: () => '/initiatives' },
    { name: 'targets', path: () => '/targets' },
    { name: 'personas', path: () => '/setup/personas' },
    { name: 'departments', path: () => '/setup/departments' },
    { name: 'units', path: () => '/setup/units' },
    { name: 'alert rules', path: () => '/setup/alert-rules' },
    { name: 'users', path: () => '/setup/users' },
    { name: 'single sign-on', path: () => '/setup/sign-on' },
    { name: 'notifications', path: () => '/setup/notifications' },
    { name: 'privacy', path: () => '/setup/privacy' },
    { name: 'weekly digest', path: () => '/weekly-digest' },
    { name: 'account', path: () => '/account' },
    { name: 'import', path: () => '/import' },
    { name: 'get started', path: () => '/get-started' },
    { name: 'comments', path: () => '/comments' },
    { name: 'not found', path: () => '/no-such-page' },
  ];
}

/** A browser context in `language` (the app picks the browser's language), 1280×720, CSP bypassed for injected scripts. */
export async function languageContext(browser: Browser, server: RunningServer, language: Language) {
  return browser.newContext({ viewport: { width: 1280, height: 720 }, baseURL: server.url, locale: language === 'da' ? 'da-DK' : 'en-GB', bypassCSP: true });
}

/** Signs in as the admin (who may open every page) in a browser whose language is `language`. */
export async function signedIn(browser: Browser, server: RunningServer, language: Language): Promise<Page> {
  const admin = server.accounts.find((a) => a.role === 'ADMIN');
  if (!admin) throw new Error('no ADMIN account');
  const context = await languageContext(browser, server, language);
  const page = await context.newPage();
  await page.goto('/sign-in?redirect=%2Faccount');
  await page.getByTestId('sign-in-email').fill(admin.email);
  await page.getByTestId('sign-in-password').fill(admin.password);
  await page.getByTestId('sign-in-submit').click();
  await page.waitForURL((url) => url.pathname === '/account').catch(async (error: unknown) => {
    throw new Error(`sign-in did not reach /account (at ${page.url()}): ${await page.locator('body').innerText()}`, { cause: error });
  });
  return page;
}

/**
 * Waits until the page's requests are done (within `timeout`) and its loading placeholders (aria-busy) are
 * gone (or 20 s). `busyNetworkOk`: go on when the network never goes quiet (the journey map on a busy machine
 * can keep asking for over a minute): the placeholders still have to go.
 */
export async function settle(page: Page, options: { timeout?: number; busyNetworkOk?: boolean } = {}): Promise<void> {
  const idle = page.waitForLoadState('networkidle', { timeout: options.timeout });
  await (options.busyNetworkOk ? idle.catch(() => undefined) : idle);
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, undefined, { timeout: 20_000 }).catch(() => undefined);
}
