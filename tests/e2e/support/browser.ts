/// <reference lib="dom" />
// fullShot's page.evaluate callback runs in the browser: its globals (document) need the DOM types.
/**
 * The set-up every browser test repeats: a server on a free port with its own data directory, Chromium
 * launched with the flags this machine needs, pages that collect console errors, sign-in through the form,
 * and whole-page screenshots under tests/e2e/__screenshots__ (gitignored; look at them before calling a
 * page done).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { CreatedAccount } from '../../../server/bootstrap.js';
import { startServer, type RunningServer } from '../../../server/main.js';
import { demoLoader } from '../../../seeds/demoLoader.js';

export const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '__screenshots__');

/** Headless Chromium from Debian (never `npx playwright install`: there is no internet here). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A 1366×768 laptop: the pages must be readable there. */
export const LAPTOP = { width: 1366, height: 768 };

export async function launchChromium(): Promise<Browser> {
  await fs.mkdir(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * `expect.poll` with the time a test needs on a busy shared 2-core machine (DuckDB on half a million demo
 * answers, the first comment analysis): each file chooses its own patience.
 */
export function poller(timeout: number, interval = 150) {
  return <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout, interval });
}

/**
 * The whole page: the app scrolls inside its main area, not the document, so Playwright's fullPage sees one
 * screen. Grow the viewport to the content for the shot, then back to the laptop size.
 */
export async function fullShot(page: Page, file: string, maxHeight = 4000): Promise<void> {
  const height = await page.evaluate(() => (document.querySelector('#main')?.scrollHeight ?? 0) + (document.querySelector('[data-testid="topbar"]')?.clientHeight ?? 0));
  await page.setViewportSize({ width: LAPTOP.width, height: Math.min(Math.max(LAPTOP.height, height), maxHeight) });
  await page.waitForTimeout(300); // charts resize
  await page.screenshot({ path: path.join(SHOTS, file) });
  await page.setViewportSize(LAPTOP);
}

/** A document-level screenshot, for pages that scroll the document itself (set-up forms, e-mails). */
export async function pageShot(page: Page, file: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, file), fullPage: true });
}

/** Errors a page reported: `console` holds console.error lines and uncaught exceptions, `uncaught` only the latter. */
export interface PageErrors {
  console: string[];
  uncaught: string[];
}

/** Collects the page's console errors and uncaught exceptions into `errors`, prefixed with `label: ` when given. */
export function collectErrors(page: Page, errors: PageErrors, label?: string): void {
  const tag = (text: string) => (label ? `${label}: ${text}` : text);
  page.on('console', (message) => {
    // "Failed to load resource" does not say which: the address makes a failing request findable.
    const where = message.location().url;
    if (message.type() === 'error') errors.console.push(tag(where && message.text().startsWith('Failed to load resource') ? `${message.text()} (${where})` : message.text()));
  });
  page.on('pageerror', (error) => {
    errors.console.push(tag(error.message));
    errors.uncaught.push(tag(error.message));
  });
}

export interface NewPageOptions {
  viewport?: { width: number; height: number };
  /** Playwright's default wait for this page's actions, in ms (Playwright's own default is 30 s). */
  timeout?: number;
  /** Accept every confirm()/alert() (unsaved-change warnings are tested in the component tests). */
  acceptDialogs?: boolean;
  /** Prefix of this page's collected errors (which user's page logged it). */
  label?: string;
}

export interface E2e {
  server: RunningServer;
  browser: Browser;
  dataDir: string;
  /** Errors of every page opened with `newPage`, for the files' "no console errors" checks. */
  errors: PageErrors;
  /** The account of this role that the server created on its first start (throws when there is none). */
  account(role: string): CreatedAccount;
  /** A page in a fresh browser context (its own cookie jar) on the server's URL, its errors collected. */
  newPage(options?: NewPageOptions): Promise<Page>;
  /** Closes the browser, stops the server and removes the data directory. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Part of the data directory's name, to tell the runs apart in /tmp. */
  name: string;
  /** The demo company (true) or an empty install as `SEED_DEMO=0 npm start` gives (false). */
  seedDemo: boolean;
}

/** Starts the server (embedded PostgreSQL, DuckDB, the built client) and Chromium; `stop()` undoes both. */
export async function startE2e(options: StartOptions): Promise<E2e> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `touchpoint-e2e-${options.name}-`));
  const server = await startServer(
    { port: 0, dataDir, duckdbPath: path.join(dataDir, 'analytics.duckdb'), seedDemo: options.seedDemo },
    () => {},
    options.seedDemo ? demoLoader : undefined,
  );
  const browser = await launchChromium();
  const errors: PageErrors = { console: [], uncaught: [] };
  const contexts: BrowserContext[] = [];
  return {
    server,
    browser,
    dataDir,
    errors,
    account(role) {
      const found = server.accounts.find((a) => a.role === role);
      if (!found) throw new Error(`startServer created no ${role} account`);
      return found;
    },
    async newPage(pageOptions = {}) {
      const context = await browser.newContext({ viewport: pageOptions.viewport ?? LAPTOP, baseURL: server.url });
      contexts.push(context);
      if (pageOptions.timeout) context.setDefaultTimeout(pageOptions.timeout);
      const page = await context.newPage();
      collectErrors(page, errors, pageOptions.label);
      if (pageOptions.acceptDialogs) page.on('dialog', (dialog) => void dialog.accept());
      return page;
    },
    async stop() {
      await browser.close();
      await server.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Signs in through the form and waits to land on `landing` (the overview by default). Landing straight on
 * the page a test is about keeps the overview's analytics from taking this user's request slots first.
 */
export async function signIn(page: Page, account: { email: string; password: string }, landing = '/overview'): Promise<void> {
  await page.goto(landing === '/overview' ? '/sign-in' : `/sign-in?redirect=${encodeURIComponent(landing)}`);
  await page.getByTestId('sign-in-email').fill(account.email);
  await page.getByTestId('sign-in-password').fill(account.password);
  await page.getByTestId('sign-in-submit').click();
  await page.waitForURL((url) => url.pathname === landing);
}

/**
 * Clicks a top-bar link by its accessible name (e.g. 'Import', 'Kunderejser'). Links that do not fit the bar
 * (Danish at 1280 px, any language at 200% zoom, six or more sections at the laptop width) sit in the closed
 * "More" menu, where they are hidden: then "More" is opened first, as a person would.
 */
export async function clickNav(page: Page, name: string | RegExp): Promise<void> {
  const bar = page.getByTestId('topbar');
  const link = bar.getByRole('link', { name, exact: typeof name === 'string' });
  const more = bar.getByTestId('nav-more');
  // The bar sorts its links after it has measured them: wait until either the link or "More" shows.
  await link.or(more).first().waitFor({ state: 'visible' });
  if (!(await link.isVisible()) && (await more.getAttribute('aria-expanded')) !== 'true') await more.click();
  await link.click();
}
