/// <reference lib="dom" />
// page.evaluate callbacks run in the browser: their globals (document) need the DOM types.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FollowUpCase, FollowUpKind } from '../../server/modules/follow-ups/follow-up.entity.js';
import { startServer, type RunningServer } from '../../server/main.js';
import { startHookReceiver } from '../support/mailAndHooks.js';
import { clickNav } from './support/browser.js';

/**
 * An admin adds a webhook endpoint in the browser, a case assignment fires, and the delivery shows in
 * the log: failed after the receiver answered 500 twice, then sent again from the page and delivered,
 * signed with the secret the page showed once. Empty company (no demo data): nothing else is sent.
 * Screenshots: tests/e2e/__screenshots__/webhooks-*.png.
 */
const SHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '__screenshots__');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Polls like expect.poll, with time for a busy 2-core machine. */
const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 200 });

let server: RunningServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let dataDir: string;
let hooks: Awaited<ReturnType<typeof startHookReceiver>>;
let secret = '';
const consoleErrors: string[] = [];

async function fullShot(p: Page, file: string) {
  const height = await p.evaluate(() => (document.querySelector('#main')?.scrollHeight ?? 0) + (document.querySelector('[data-testid="topbar"]')?.clientHeight ?? 0));
  await p.setViewportSize({ width: 1366, height: Math.min(Math.max(768, height), 4000) });
  await p.screenshot({ path: path.join(SHOTS, file) });
  await p.setViewportSize({ width: 1366, height: 768 });
}

/** A GraphQL call with the browser's session cookie: what the admin's other pages would send. */
async function api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await context.request.post('/graphql', { data: { query, variables } });
  const body: { data?: T; errors?: { message: string }[] } = await response.json();
  if (body.errors?.length || !body.data) throw new Error(`GraphQL refused: ${JSON.stringify(body.errors)}`);
  return body.data;
}

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'touchpoint-e2e-webhooks-'));
  // The receiver answers 500 to the first two POSTs, then 200; it checks every signature against `secret`.
  hooks = await startHookReceiver(() => secret, [500, 500]);
  // Two attempts one second apart, so the first message fails within the test; no SMTP: e-mails are SKIPPED.
  server = await startServer(
    { port: 0, dataDir, duckdbPath: path.join(dataDir, 'analytics.duckdb'), seedDemo: false, notify: { smtpHost: undefined, retryBaseSeconds: 1, pollSeconds: 1, maxAttempts: 2 } },
    () => {},
  );
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
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
  await hooks?.close();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe('webhook endpoints and the delivery log in a real browser', () => {
  it('an admin opens Set-up → Notifications: the schedule, no endpoints, an empty log', async () => {
    const admin = server?.accounts.find((a) => a.role === 'ADMIN');
    if (!admin) throw new Error('startServer created no ADMIN account');
    await page.goto('/sign-in');
    await page.getByTestId('sign-in-email').fill(admin.email);
    await page.getByTestId('sign-in-password').fill(admin.password);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await clickNav(page, 'Set-up');
    await page.getByTestId('tab-setup-notifications').click();
    await page.waitForURL(/\/setup\/notifications$/);
    await page.getByTestId('notification-schedule').waitFor();
    expect(await page.getByTestId('email-not-configured').textContent()).toContain('E-mail is not set up');
    expect(await page.getByTestId('notification-schedule').textContent()).toContain('Europe/Copenhagen');
    await eventually(() => page.getByTestId('delivery-log').getByTestId('state-empty').textContent()).toContain('Nothing has been sent yet');
    await fullShot(page, 'webhooks-empty.png');
  });

  it('refuses an endpoint without events on its field, then adds one and shows its secret once', async () => {
    await page.getByTestId('new').click();
    const form = page.getByTestId('webhook-form');
    await form.waitFor();
    await page.getByTestId('field-name').fill('Customer service channel');
    await page.getByTestId('field-url').fill(hooks.url);
    for (const event of ['ALERT_RAISED', 'CASE_ASSIGNED', 'CASE_OVERDUE']) await page.getByTestId(`field-event-${event}`).uncheck();
    await page.getByTestId('save').click();
    expect(await page.getByTestId('error-events').textContent()).toContain('at least one event');
    // Keyboard: tick the event with Space, save with Ctrl+Enter.
    await page.getByTestId('field-event-CASE_ASSIGNED').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('field-name').focus();
    await page.keyboard.press('Control+Enter');
    const shown = page.getByTestId('webhook-secret');
    await shown.waitFor();
    secret = (await shown.textContent())?.trim() ?? '';
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    await fullShot(page, 'webhooks-secret.png');
    await page.getByTestId('secret-done').click();
    const row = page.getByTestId('webhook-list').getByTestId('table-row');
    await eventually(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Customer service channel');
    expect(await row.textContent()).toContain('case assigned');
    expect(await page.getByTestId('webhook-secret').count()).toBe(0);
  });

  it('a case assignment fires: the log shows the failed delivery with its attempts and last error; sending it again delivers it', async () => {
    const { createDepartment } = await api<{ createDepartment: { id: string } }>(`mutation { createDepartment(input: { name: "Customer Service" }) { id } }`);
    const { createUser } = await api<{ createUser: { user: { id: string } } }>(
      `mutation($d: ID) { createUser(input: { email: "frida@example.com", name: "Frida Frontline", role: ANALYST, departmentId: $d }) { user { id } } }`,
      { d: createDepartment.id },
    );
    const em = server!.orm.em.fork();
    const followUp = em.create(FollowUpCase, {
      responseId: 'e2e-webhook-1',
      customerId: 'CUST-E2E',
      kind: FollowUpKind.RECOVER,
      ltr: 2,
      department: createDepartment.id,
      respondedAt: new Date(Date.now() - 3600_000),
      dueAt: new Date(Date.now() + 2 * 86_400_000),
    });
    await em.flush();
    await api(`mutation($id: ID!, $a: ID) { assignFollowUpCase(id: $id, assigneeId: $a) { id } }`, { id: followUp.id, a: createUser.user.id });

    // Two POSTs answered 500, one second apart, each signed with the secret the page showed.
    const calls = await hooks.waitFor(2);
    expect(calls.map((c) => c.answered)).toEqual([500, 500]);
    expect(calls.every((c) => c.signatureValid)).toBe(true);
    expect(JSON.parse(calls[0]!.body)).toMatchObject({ event: 'CASE_ASSIGNED', data: { caseId: followUp.id } });

    const failedRow = page.locator('[data-testid="delivery-row"][data-status="FAILED"]');
    await eventually(async () => {
      await page.getByTestId('log-refresh').click();
      return failedRow.count();
    }).toBe(1);
    expect(await failedRow.textContent()).toContain('Customer service channel');
    expect(await failedRow.getByTestId('delivery-error').textContent()).toContain('HTTP 500');
    expect((await failedRow.getByTestId('attempts-toggle').textContent())?.trim()).toBe('2 ▾');
    // The assignee's e-mail is in the log too, not sent: this server has no mail server.
    expect(await page.locator('[data-testid="delivery-row"][data-status="SKIPPED"]').textContent()).toContain('Frida Frontline <frida@example.com>');
    await failedRow.getByTestId('attempts-toggle').click();
    expect(await page.getByTestId('attempts').locator('li').allTextContents()).toEqual([expect.stringContaining('failed (HTTP 500'), expect.stringContaining('failed (HTTP 500')]);
    await fullShot(page, 'webhooks-failed.png');

    await failedRow.getByTestId('replay').click();
    expect(await page.getByTestId('replay-notice').textContent()).toContain('is being sent again');
    await hooks.waitFor(3);
    expect(hooks.received[2]!.answered).toBe(200);
    expect(hooks.received[2]!.signatureValid).toBe(true);
    const deliveredRow = page.locator('[data-testid="delivery-row"][data-status="DELIVERED"]');
    await eventually(async () => {
      await page.getByTestId('log-refresh').click();
      return deliveredRow.count();
    }).toBe(1);
    expect(await deliveredRow.textContent()).toContain('(sent again)');
    expect(await deliveredRow.getByTestId('delivery-error').textContent()).toBe('—');
    await fullShot(page, 'webhooks-delivered.png');
  });

  it('filters the log by status and by endpoint', async () => {
    await page.getByTestId('filter-status').selectOption('FAILED');
    await eventually(() => page.getByTestId('delivery-row').count()).toBe(1);
    expect(await page.getByTestId('delivery-row').getAttribute('data-status')).toBe('FAILED');
    await page.getByTestId('filter-status').selectOption('');
    await page.getByTestId('filter-endpoint').selectOption({ label: 'Customer service channel' });
    await eventually(() => page.getByTestId('delivery-row').count()).toBe(2);
    expect(await page.getByTestId('page-range').textContent()).toBe('1–2 of 2');
    expect(consoleErrors).toEqual([]);
  });
});
