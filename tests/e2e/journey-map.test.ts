import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/main.js';

const SCREENSHOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '__screenshots__', 'journey-map.png');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface DemoJourney {
  id: string;
  name: string;
  phases: { name: string; position: number; touchpoints: { name: string; position: number }[] }[];
}

let server: RunningServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let dataDir: string;
const consoleErrors: string[] = [];

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'touchpoint-e2e-'));
  server = await startServer({ port: 0, dataDir, seedDemo: true }, () => {});
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  // A 1366×768 laptop: the map must be readable there.
  context = await browser.newContext({ viewport: { width: 1366, height: 768 }, baseURL: server.url });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

/** The as-is demo journey, straight from the API with the browser's session cookie. */
async function fetchAsIsJourney(): Promise<DemoJourney> {
  const response = await context.request.post('/graphql', {
    data: {
      query: `{ journeys(filter: { state: AS_IS }) { id name phases { name position touchpoints { name position } } } }`,
    },
  });
  expect(response.ok()).toBe(true);
  const body: { data?: { journeys: DemoJourney[] }; errors?: unknown } = await response.json();
  expect(body.errors).toBeUndefined();
  const journey = body.data?.journeys[0];
  if (!journey) throw new Error('The demo company has no AS_IS journey');
  return journey;
}

describe('journey map in a real browser', () => {
  it('signs in through the form, showing a clear message for a wrong password first', async () => {
    const account = server?.accounts.find((a) => a.role === 'ANALYST') ?? server?.accounts.find((a) => a.role === 'ADMIN');
    if (!account) throw new Error('startServer created no ANALYST or ADMIN account');

    await page.goto('/');
    await page.waitForURL(/\/sign-in/);
    await page.getByTestId('sign-in-email').fill(account.email);
    await page.getByTestId('sign-in-password').fill(`${account.password}-wrong`);
    await page.getByTestId('sign-in-submit').click();
    await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toBe('The e-mail or password is wrong. Check both and try again.');

    await page.getByTestId('sign-in-password').fill(account.password);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(/\/journeys$/);
    await page.getByTestId('journey-list').waitFor();
    expect(await page.getByTestId('current-user').textContent()).toContain('Sign out');
    expect((await page.getByTestId('nav-journeys').textContent())?.trim()).toBe('Journeys');
  });

  it('lists journeys with state, persona and phase count, and filters them by state', async () => {
    const rows = page.getByTestId('journey-row');
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('[data-testid="journey-row"][data-state="AS_IS"]').count()).toBeGreaterThanOrEqual(1);

    await page.getByTestId('filter-state').selectOption('TO_BE');
    await page.waitForURL(/state=TO_BE/);
    await expect.poll(() => page.locator('[data-testid="journey-row"][data-state="AS_IS"]').count()).toBe(0);
    expect(await rows.count()).toBeGreaterThanOrEqual(1);

    await page.getByTestId('filter-state').selectOption('');
    await page.waitForURL(/\/journeys$/);
    await page.locator('[data-testid="journey-row"][data-state="AS_IS"]').first().waitFor();
  });

  it('shows every phase and every touchpoint of the as-is journey, in order', async () => {
    const expected = await fetchAsIsJourney();
    const phases = [...expected.phases].sort((a, b) => a.position - b.position);
    const touchpointCount = phases.reduce((sum, p) => sum + p.touchpoints.length, 0);
    expect(touchpointCount).toBeGreaterThan(0);

    await page.locator(`[data-testid="journey-row"][data-journey-id="${expected.id}"] [data-testid="journey-link"]`).click();
    await page.waitForURL(new RegExp(`/journeys/${expected.id}$`));
    await page.getByTestId('journey-map').waitFor();

    expect(await page.getByTestId('journey-title').textContent()).toBe(expected.name);
    expect(await page.getByTestId('phase-name').allTextContents()).toEqual(phases.map((p) => p.name));
    expect(await page.getByTestId('touchpoint-card').count()).toBe(touchpointCount);
    const columns = page.getByTestId('phase-touchpoints');
    for (const [i, phase] of phases.entries()) {
      const names = await columns.nth(i).getByTestId('touchpoint-name').allTextContents();
      expect(names).toEqual([...phase.touchpoints].sort((a, b) => a.position - b.position).map((t) => t.name));
    }
    expect(await page.getByTestId('journey-counts').textContent()).toContain(`${phases.length} phases · ${touchpointCount} touchpoints`);
    // No analytics yet: no made-up NPS numbers on any card.
    expect(await page.getByTestId('nps-badge').count()).toBe(0);

    await page.screenshot({ path: SCREENSHOT });
  });

  it('links the as-is journey to its to-be journey and back', async () => {
    const toBe = page.locator('[data-testid="related-journey-link"][data-related="to-be"]').first();
    await toBe.waitFor();
    const asIsUrl = page.url();
    await toBe.click();
    await page.locator('[data-testid="journey-state"]', { hasText: 'To-be' }).waitFor();
    await page.locator('[data-testid="related-journey-link"][data-related="as-is"]').click();
    await page.waitForURL(asIsUrl);
    await page.locator('[data-testid="journey-state"]', { hasText: 'As-is' }).waitFor();
  });

  it('moves between cards with the keyboard and shows where focus is', async () => {
    const first = page.getByTestId('touchpoint-card').first();
    await first.focus();
    await page.keyboard.press('ArrowDown');
    const focused = page.locator('[data-testid="touchpoint-card"]:focus');
    expect(await focused.getAttribute('data-phase')).toBe('0');
    expect(await focused.getAttribute('data-index')).toBe('1');
    // The card styles draw their focus ring for :focus-visible, which keyboard focus gets.
    expect(await page.locator('[data-testid="touchpoint-card"]:focus-visible').count()).toBe(1);
  });

  it('logged no console errors on the way', () => {
    expect(consoleErrors).toEqual([]);
  });
});
