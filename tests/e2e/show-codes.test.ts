/**
 * Issue 18 in a real browser: the status page marks the current, partial month (demo data ends today)
 * in words beside the charts; an analyst switches "Show codes" on the account page and sees codes beside
 * the touchpoint names on the priorities page; an executive's priorities page carries no code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullShot, poller, signIn, startE2e, type E2e } from './support/browser.js';

const eventually = poller(60_000, 200);
let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e({ name: 'show-codes', seedDemo: true });
}, 300_000);
afterAll(async () => e2e?.stop());

describe('names, codes and partial months', () => {
  it('the status page says which month is partial, beside the trend and in the chart text', { timeout: 240_000 }, async () => {
    const page = await e2e.newPage({ label: 'analyst' });
    await signIn(page, e2e.account('ANALYST'), '/status');
    await eventually(() => page.getByTestId('trend-summary').count()).toBe(1);
    const partial = page.getByTestId('trend-partial');
    await eventually(() => partial.count()).toBe(1);
    expect(await partial.textContent()).toMatch(/\(\d+ of \d+ days\) is only partly in the data/);
    await fullShot(page, 'show-codes-status-partial-month.png');
  });

  it('an analyst switches codes on and sees them beside the touchpoint names; an executive never sees a code', { timeout: 240_000 }, async () => {
    const page = await e2e.newPage({ label: 'analyst' });
    await signIn(page, e2e.account('ANALYST'), '/account');
    const box = page.getByTestId('show-codes');
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await page.goto('/priorities');
    await eventually(() => page.getByTestId('code-tag').count()).toBeGreaterThan(3);
    expect(await page.getByTestId('code-tag').first().textContent()).toMatch(/^[A-Z0-9_]+$/);
    await fullShot(page, 'show-codes-priorities-analyst.png');

    const executive = await e2e.newPage({ label: 'executive' });
    await signIn(executive, e2e.account('EXECUTIVE'), '/priorities');
    await eventually(() => executive.getByTestId('top-touchpoint-name').count()).toBe(1);
    expect(await executive.getByTestId('code-tag').count()).toBe(0);
    const text = await executive.locator('#main').innerText();
    expect(text.match(/.{0,80}\bTP_[A-Z_]+.{0,40}/g) ?? []).toEqual([]);
    await fullShot(executive, 'show-codes-priorities-executive.png');
  });
});
