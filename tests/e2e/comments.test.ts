/// <reference lib="dom" />
// page.evaluate callbacks run in the browser: their globals need the DOM types.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLoader } from '../../seeds/demoLoader.js';
import { startServer, type RunningServer } from '../../server/main.js';

const SHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '__screenshots__');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The whole page: the app scrolls inside its main area, so grow the viewport to the content for the shot. */
async function fullShot(p: Page, file: string) {
  const height = await p.evaluate(() => (document.querySelector('#main')?.scrollHeight ?? 0) + (document.querySelector('[data-testid="topbar"]')?.clientHeight ?? 0));
  await p.setViewportSize({ width: 1366, height: Math.min(Math.max(768, height), 4000) });
  await p.waitForTimeout(300);
  await p.screenshot({ path: path.join(SHOTS, file) });
  await p.setViewportSize({ width: 1366, height: 768 });
}

/** The first read analyses the demo's comments (about 110,000) on a busy 2-core machine: generous polls. */
const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 120_000, interval: 250 });
const count = (text: string | null) => Number((text ?? '').replace(/[^0-9]/g, ''));

let server: RunningServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let dataDir: string;
const consoleErrors: string[] = [];

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'touchpoint-e2e-comments-'));
  await fs.mkdir(SHOTS, { recursive: true });
  server = await startServer({ port: 0, dataDir, duckdbPath: path.join(dataDir, 'analytics.duckdb'), seedDemo: true }, () => {}, demoLoader);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  context = await browser.newContext({ viewport: { width: 1366, height: 768 }, baseURL: server.url });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe('comments in a real browser', () => {
  it('an analyst searches comments, adds a keyword to a theme, sees the preview, saves, and sees the count change', async () => {
    const account = server?.accounts.find((a) => a.role === 'ANALYST');
    if (!account) throw new Error('startServer created no ANALYST account');
    await page.goto('/sign-in');
    await page.getByTestId('sign-in-email').fill(account.email);
    await page.getByTestId('sign-in-password').fill(account.password);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(/\/overview/);

    await page.getByTestId('nav-comments').click();
    await page.waitForURL(/\/comments/);
    await page.goto('/comments?period=all');
    const waitingRow = page.getByTestId('theme-row-WAITING_TIME');
    await eventually(() => waitingRow.getByTestId('theme-mentions').count()).toBe(1);
    await eventually(() => page.getByTestId('comment-item').count()).toBeGreaterThan(0);
    const before = count(await waitingRow.getByTestId('theme-mentions').textContent());
    expect(before).toBeGreaterThan(100);

    // Search: every comment shown contains the word, highlighted.
    await page.getByTestId('comment-search').fill('queue');
    await page.getByTestId('comment-search-go').click();
    await eventually(() => page.getByTestId('comment-item').first().locator('mark.hl--search').count()).toBeGreaterThan(0);
    expect((await page.getByTestId('comment-item').first().locator('mark.hl--search').first().textContent())?.toLowerCase()).toBe('queue');
    for (const text of await page.getByTestId('comment-item').locator('[data-testid="comment-text"]').allTextContents()) expect(text.toLowerCase()).toContain('queue');
    await fullShot(page, 'comments.png');

    // Edit the theme: the preview counts what "stuck" would add before anything is saved.
    await page.getByTestId('edit-theme-WAITING_TIME').click();
    const keywords = page.getByTestId('theme-keywords');
    await keywords.fill(`${await keywords.inputValue()}\nstuck`);
    await eventually(() => page.getByTestId('preview-added').count()).toBe(1);
    await eventually(async () => count(await page.getByTestId('preview-added').textContent())).toBeGreaterThan(0);
    const added = count(await page.getByTestId('preview-added').textContent());
    const proposed = count(await page.getByTestId('preview-proposed').textContent());
    expect(count(await waitingRow.getByTestId('theme-mentions').textContent())).toBe(before);
    await fullShot(page, 'comments-theme-editor.png');

    await page.getByTestId('theme-save').click();
    await eventually(async () => count(await waitingRow.getByTestId('theme-mentions').textContent())).toBe(before + added);
    expect(proposed).toBeGreaterThanOrEqual(before + added);
    expect(consoleErrors).toEqual([]);
  }, 600_000);
});
