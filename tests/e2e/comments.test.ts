import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullShot, poller, signIn, startE2e, type E2e } from './support/browser.js';

/** The first read analyses the demo's comments (about 110,000) on a busy 2-core machine: generous polls. */
const eventually = poller(120_000, 250);
const count = (text: string | null) => Number((text ?? '').replace(/[^0-9]/g, ''));

let e2e: E2e;
let page: Page;

beforeAll(async () => {
  e2e = await startE2e({ name: 'comments', seedDemo: true });
  page = await e2e.newPage();
}, 300_000);

afterAll(async () => {
  await e2e?.stop();
});

describe('comments in a real browser', () => {
  it('an analyst searches comments, adds a keyword to a theme, sees the preview, saves, and sees the count change', async () => {
    await signIn(page, e2e.account('ANALYST'));

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

    // The CSV holds the comments of this search and these filters (read page by page through the same
    // query, 200 at a time, each read audited: a few pages here), in words.
    await page.getByTestId('comment-feeling').selectOption('ANGER');
    await eventually(async () => (await page.getByTestId('comment-item').first().textContent()) ?? '').toContain('feels Anger');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), page.getByTestId('comments-csv').click()]);
    const csv = await fs.promises.readFile((await download.path())!, 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Answered,Touchpoint,Persona,Likelihood to recommend (0-10),Language,Sentiment,Sentiment score,Themes,Feelings,Comment');
    expect(lines.length - 1).toBe(Math.min(count(await page.getByTestId('comments-total').textContent()), 5000));
    for (const line of lines.slice(1)) {
      expect(line.toLowerCase()).toContain('queue');
      expect(line).toContain('Anger');
    }
    await eventually(async () => (await page.getByTestId('comments-csv-note').textContent()) ?? '').toMatch(/^Saved /);
    await page.getByTestId('comment-feeling').selectOption('');

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
    expect(e2e.errors.console).toEqual([]);
  }, 600_000);
});
