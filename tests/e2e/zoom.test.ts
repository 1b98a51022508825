/// <reference lib="dom" />
// page.evaluate callbacks run in the browser: their globals (document, window) need the DOM types.
/**
 * Issue 23 (WCAG 1.4.10 reflow, 1.4.4 resize text): the main pages on a 1280×720 screen and at 200% zoom
 * on it (640×360 CSS px at device scale 2), in English and Danish. Nothing is cut off sideways (the page
 * and its main area do not scroll horizontally; a wide table may scroll inside its own box), the top
 * bar shows every control inside the window, and every section is reachable from the bar, the ones that
 * do not fit under a keyboard-operable "More".
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startE2e, type E2e } from './support/browser.js';

let e2e: E2e;
let journeyId: string;

beforeAll(async () => {
  e2e = await startE2e({ name: 'zoom', seedDemo: true });
  const [journey] = await e2e.server.analytics.all<{ journey_id: string }>(`SELECT journey_id FROM dim_journeys ORDER BY journey_id LIMIT 1`);
  if (!journey) throw new Error('the demo company has no journey');
  journeyId = journey.journey_id;
}, 300_000);
afterAll(async () => e2e?.stop());

const SIZES = [
  { name: '1280x720', viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 },
  { name: 'zoom200', viewport: { width: 640, height: 360 }, deviceScaleFactor: 2 },
] as const;

const PAGES: { name: string; path: () => string }[] = [
  { name: 'overview', path: () => '/overview' },
  { name: 'journeys', path: () => '/journeys' },
  { name: 'journey-map', path: () => `/journeys/${journeyId}` },
  { name: 'priorities', path: () => '/priorities' },
  { name: 'business-case', path: () => '/business-case' },
  { name: 'status', path: () => '/status' },
  { name: 'follow-up', path: () => '/follow-up' },
  { name: 'import', path: () => '/import' },
  { name: 'personas', path: () => '/setup/personas' },
  { name: 'comments', path: () => '/comments' },
  { name: 'account', path: () => '/account' },
];

/**
 * Pages whose own layout still runs wider than 640 px (found by this test): checked at 1280×720 only
 * until fixed. None now: comments and priorities were widened by screen-reader-only text (position:
 * absolute) escaping their tables' scrolling boxes; those boxes are now position: relative (issue 23).
 */
const WIDE_AT_200: readonly string[] = [];

const NAV_IDS = ['nav-overview', 'nav-journeys', 'nav-priorities', 'nav-initiatives', 'nav-business-case', 'nav-status', 'nav-follow-up', 'nav-import', 'nav-setup', 'nav-comments'];

async function newPage(browser: Browser, size: (typeof SIZES)[number], language: 'en' | 'da'): Promise<Page> {
  const context = await browser.newContext({ viewport: size.viewport, deviceScaleFactor: size.deviceScaleFactor, baseURL: e2e.server.url, locale: language === 'da' ? 'da-DK' : 'en-GB' });
  context.setDefaultTimeout(30_000);
  return context.newPage();
}

async function signInAdmin(page: Page): Promise<void> {
  const admin = e2e.account('ADMIN');
  await page.goto('/sign-in?redirect=%2Faccount');
  await page.getByTestId('sign-in-email').fill(admin.email);
  await page.getByTestId('sign-in-password').fill(admin.password);
  await page.getByTestId('sign-in-submit').click();
  await page.waitForURL((url) => url.pathname === '/account');
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, undefined, { timeout: 20_000 }).catch(() => undefined);
}

/** What sticks out sideways: the document, the main area, and top-bar controls beyond the window's right edge. */
async function overflow(page: Page): Promise<{ document: number; main: number; topbar: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const main = document.querySelector('#main');
    const bar = document.querySelector('[data-testid="topbar"]');
    const outside = bar
      ? Array.from(bar.querySelectorAll<HTMLElement>("a, button, select"))
          .filter((el) => el.offsetParent !== null && !el.closest('[aria-hidden="true"]') && !el.closest('#topnav-more'))
          .filter((el) => {
            const box = el.getBoundingClientRect();
            return box.width > 0 && (box.right > window.innerWidth + 0.5 || box.left < -0.5);
          })
          .map((el) => (el.textContent ?? '').trim() || el.getAttribute('aria-label') || el.tagName)
      : [];
    return { document: root.scrollWidth - root.clientWidth, main: main ? main.scrollWidth - main.clientWidth : 0, topbar: outside };
  });
}

/** Every section's link is either visible in the bar or listed under an open "More". */
async function reachableSections(page: Page): Promise<string[]> {
  const more = page.getByTestId('nav-more');
  if (await more.isVisible()) {
    if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
  }
  const reachable: string[] = [];
  for (const id of NAV_IDS) if (await page.getByTestId(id).isVisible()) reachable.push(id);
  if (await more.isVisible()) await more.click();
  return reachable;
}

describe.each(['da', 'en'] as const)('in %s', (language) => {
  describe.each(SIZES)('at $name', (size) => {
    let page: Page;
    beforeAll(async () => {
      page = await newPage(e2e.browser, size, language);
      await signInAdmin(page);
    }, 120_000);
    afterAll(async () => page?.context().close());

    it.each(PAGES.filter((p) => size.deviceScaleFactor === 1 || !WIDE_AT_200.includes(p.name)))('$name: nothing cut off sideways, every section reachable from the bar', async ({ name, path: to }) => {
      await page.goto(to());
      await settle(page);
      if (language === 'da') await page.screenshot({ path: path.join(SHOTS, `zoom-${size.name}-${language}-${name}.png`) });
      const found = await overflow(page);
      expect(found).toEqual({ document: 0, main: 0, topbar: [] });
      expect(await reachableSections(page)).toEqual(NAV_IDS);
    });
  });
});

describe('the "More" menu works by keyboard', () => {
  it('at 200% zoom in Danish: Enter opens it, Tab reaches its links, Escape closes it and gives focus back, a link opens its page', async () => {
    const page = await newPage(e2e.browser, SIZES[1], 'da');
    await signInAdmin(page);
    const more = page.getByTestId('nav-more');
    await expect.poll(() => more.isVisible()).toBe(true);
    expect(await more.innerText()).toContain('Mere');
    await more.focus();
    await page.keyboard.press('Enter');
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    const menu = page.getByTestId('nav-more-menu');
    expect(await menu.isVisible()).toBe(true);
    await page.keyboard.press('Tab');
    const focusedInMenu = await page.evaluate(() => document.activeElement?.closest('#topnav-more') !== null);
    expect(focusedInMenu).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'zoom-zoom200-da-more-open.png') });
    await page.keyboard.press('Escape');
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('nav-more');
    // Open again and follow the last section's link with the keyboard.
    await page.keyboard.press('Enter');
    await page.getByTestId('nav-comments').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/comments');
    expect(await menu.isVisible()).toBe(false);
    expect(await more.getAttribute('class')).toContain('is-current');
    await page.context().close();
  }, 120_000);
});
