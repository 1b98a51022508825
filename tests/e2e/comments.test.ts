import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickNav, fullShot, poller, signIn, startE2e, type E2e } from './support/browser.js';

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

    await clickNav(page, 'Comments');
    await page.waitForURL(/\/comments/);
    await page.goto('/comments?period=all');
    const waitingRow = page.getByTestId('theme-row-WAITING_TIME');
    await eventually(() => waitingRow.getByTestId('theme-mentions').count()).toBe(1);
    await eventually(() => page.getByTestId('comment-item').count()).toBeGreaterThan(0);
    const before = count(await waitingRow.getByTestId('theme-mentions').textContent());
    expect(before).toBeGreaterThan(100);
    // Each comment is marked with the language its line says the analysis found, so a screen reader
    // reads a Danish comment as Danish on this English page.
    const marked = await page.getByTestId('comment-item').evaluateAll((items) =>
      items.map((item) => [item.querySelector('[data-testid="comment-text"]')?.getAttribute('lang'), / · Danish · /.test(item.querySelector('.meta')?.textContent ?? '') ? 'da' : 'en']),
    );
    expect(marked.length).toBeGreaterThan(0);
    for (const [lang, said] of marked) expect(lang).toBe(said);

    // Search: every comment shown contains the word, highlighted.
    await page.getByTestId('comment-search').fill('queue');
    await page.getByTestId('comment-search-go').click();
    await eventually(() => page.getByTestId('comment-item').first().locator('mark.hl--search').count()).toBeGreaterThan(0);
    expect((await page.getByTestId('comment-item').first().locator('mark.hl--search').first().textContent())?.toLowerCase()).toBe('queue');
    for (const text of await page.getByTestId('comment-item').locator('[data-testid="comment-text"]').allTextContents()) expect(text.toLowerCase()).toContain('queue');
    await fullShot(page, 'comments.png');

    // The CSV holds every comment of this search and these filters, written by the server in one
    // streamed request (GET /export/comments.csv with the page's cut), in words.
    await page.getByTestId('comment-feeling').selectOption('ANGER');
    await eventually(async () => (await page.getByTestId('comment-item').first().textContent()) ?? '').toContain('feels Anger');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('comments-csv').click()]);
    const csv = await fs.promises.readFile((await download.path())!, 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Answered,Touchpoint,Persona,Likelihood to recommend (0-10),Language,Sentiment,Sentiment score,Themes,Feelings,Comment');
    expect(lines.length - 1).toBe(count(await page.getByTestId('comments-total').textContent()));
    for (const line of lines.slice(1)) {
      expect(line.toLowerCase()).toContain('queue');
      expect(line).toContain('Anger');
    }
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

  it('an analyst narrows the comments to one touchpoint and one unit; the numbers, the list and the file follow', async () => {
    await page.goto('/comments?period=all');
    await eventually(() => page.getByTestId('comment-item').count()).toBeGreaterThan(0);
    const all = count(await page.getByTestId('comments-total').textContent());
    const touchpoint = page.getByTestId('comments-touchpoint');
    await eventually(() => touchpoint.locator('option[value="TP_CLAIM_HANDLING"]').count()).toBe(1);
    await touchpoint.selectOption('TP_CLAIM_HANDLING');
    await page.waitForURL(/touchpoint=TP_CLAIM_HANDLING/);
    await eventually(async () => count(await page.getByTestId('comments-total').textContent())).toBeLessThan(all);
    const atTouchpoint = count(await page.getByTestId('comments-total').textContent());
    expect(atTouchpoint).toBeGreaterThan(0);
    for (const meta of await page.getByTestId('comment-item').locator('.meta').allTextContents()) expect(meta).toContain('Claims handler contact and assessment');
    expect(await page.getByTestId('comments-csv').getAttribute('href')).toContain('touchpoint=TP_CLAIM_HANDLING');

    const unit = page.getByTestId('comments-unit');
    const firstUnit = (await unit.locator('option').nth(1).getAttribute('value')) ?? '';
    await unit.selectOption(firstUnit);
    await page.waitForURL(new RegExp(`unit=${firstUnit}`));
    await eventually(async () => count(await page.getByTestId('comments-total').textContent())).toBeLessThan(atTouchpoint);
    await fullShot(page, 'comments-filters.png');

    // In Danish: the page, the filters and the server's file follow the language.
    await page.getByTestId('language-switch').selectOption('da');
    await eventually(async () => (await page.locator('h1').textContent()) ?? '').toBe('Kommentarer');
    expect(await page.getByTestId('comments-csv').getAttribute('href')).toContain('lang=da');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('comments-csv').click()]);
    const lines = (await fs.promises.readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Besvaret,Kontaktpunkt,Persona,Sandsynlighed for at anbefale (0-10),Sprog,Stemning,Stemningsscore,Temaer,Følelser,Kommentar');
    expect(lines.length - 1).toBe(count(await page.getByTestId('comments-total').textContent()));
    await fullShot(page, 'comments-da.png');
    // At 1280 px the Danish themes table fits beside the feeling words, its last column ("Rediger") included.
    const size = page.viewportSize();
    await page.setViewportSize({ width: 1280, height: 720 });
    const fits = await page.getByTestId('themes-table').evaluate((table) => ({ table: table.scrollWidth, shown: table.parentElement?.clientWidth ?? 0 }));
    expect(fits.table, JSON.stringify(fits)).toBeLessThanOrEqual(fits.shown);
    if (size) await page.setViewportSize(size);
    await page.getByTestId('language-switch').selectOption('en');
    expect(e2e.errors.console).toEqual([]);
  }, 300_000);
});
