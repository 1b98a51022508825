import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageShot, poller, signIn, startE2e, type E2e } from './support/browser.js';

/**
 * An administrator answers one customer's access request and erasure request in the browser (Set-up →
 * Privacy), and sets the comment retention period. Empty company plus one customer written to the
 * analytics store. Screenshots: tests/e2e/__screenshots__/privacy-*.png.
 */
const eventually = poller(30_000);
let e2e: E2e;
let page: Page;

beforeAll(async () => {
  e2e = await startE2e({ name: 'privacy', seedDemo: false });
  const store = e2e.server.analytics;
  await store.run(`INSERT INTO customers VALUES ('C-4711', 'P1', NULL, DATE '2023-01-10', NULL, NULL)`);
  await store.run(`INSERT INTO customers VALUES ('C-0815', 'P1', NULL, DATE '2022-05-01', NULL, NULL)`);
  await store.run(`INSERT INTO responses (response_id, customer_id, responded_at, ltr, comment) VALUES ('R-3', 'C-0815', TIMESTAMP '2022-06-01 12:00', 7, 'Long ago')`);
  await store.run(`INSERT INTO customer_contacts VALUES ('C-4711', 'Karen Jensen', 'karen@example.dk', NULL)`);
  await store.run(`INSERT INTO responses (response_id, customer_id, responded_at, ltr, comment) VALUES
    ('R-1', 'C-4711', TIMESTAMP '2023-02-01 10:00', 3, 'The fee surprised me'), ('R-2', 'C-4711', TIMESTAMP '2026-11-20 09:00', 9, 'Quick and kind')`);
  page = await e2e.newPage();
  await signIn(page, e2e.account('ADMIN'), '/setup/privacy');
}, 240_000);
afterAll(async () => e2e?.stop());

describe('Set-up → Privacy', () => {
  it('exports a customer as a JSON file, erases them after the id is typed again, then says nothing is held', async () => {
    await page.getByTestId('privacy-customer-id').fill('C-4711');
    const download = page.waitForEvent('download');
    await page.getByTestId('privacy-export').click();
    expect((await download).suggestedFilename()).toBe('customer-C-4711.json');
    await expect.poll(() => page.getByTestId('privacy-exported').textContent()).toContain('analytics.customers: 1 row');
    await pageShot(page, 'privacy-exported.png');

    await page.getByTestId('privacy-erase').click();
    await page.getByTestId('privacy-confirm-id').fill('C-4711');
    await pageShot(page, 'privacy-confirm.png');
    await page.getByTestId('privacy-confirm-erase').click();
    await eventually(() => page.getByTestId('privacy-erased').textContent()).toContain('Erased C-4711');
    await pageShot(page, 'privacy-erased.png');
    expect(await e2e.server.analytics.all(`SELECT * FROM responses WHERE customer_id = 'C-4711'`)).toEqual([]);

    await page.getByTestId('privacy-export').click();
    await eventually(() => page.getByTestId('state-empty').textContent()).toContain('Nothing is held about C-4711');
    await pageShot(page, 'privacy-nothing-held.png');
  });

  it('sets the comment retention period and applies it at once', async () => {
    await page.getByTestId('privacy-months').fill('24');
    await page.getByTestId('privacy-save-retention').click();
    await eventually(() => page.getByTestId('privacy-retention-message').textContent()).toContain('removed 24 months after the answer');
    await page.getByTestId('privacy-apply-retention').click();
    await eventually(() => page.getByTestId('privacy-retention-message').textContent()).toMatch(/^1 comment from before \d{1,2} [A-Z][a-z]{2} \d{4} removed; its score stays\.$/);
    expect(await e2e.server.analytics.all(`SELECT ltr, comment FROM responses WHERE response_id = 'R-3'`)).toEqual([{ ltr: 7, comment: null }]);
    await pageShot(page, 'privacy-retention.png');
    expect(e2e.errors.console).toEqual([]);
  });
});
