/// <reference lib="dom" />
// page.evaluate callbacks run in the browser: their globals (document) need the DOM types.
/**
 * Daily work per role in a real browser: a strategist assigns a case to a colleague who finds it in
 * "My cases" and resolves it, the counters changing at once; a 10-day-old answer is overdue under a
 * 7-day SLA; an executive lands on the portfolio with a currency on every amount and no code on the
 * page, and is told why Follow-up is closed to them; an analyst runs a query in the API explorer.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timestampParam } from '../../analytics/queries/followUps/time.js';
import { AlertRule } from '../../server/modules/alerts/alert.entity.js';
import { FollowUpCase } from '../../server/modules/follow-ups/follow-up.entity.js';
import { openFollowUpCases } from '../../server/modules/follow-ups/follow-up.opener.js';
import { clickNav, collectErrors, fullShot, pageShot, poller, signIn, startE2e, type E2e, type PageErrors } from './support/browser.js';

const DAY = 86_400_000;
const eventually = poller(30_000, 150);

let e2e: E2e;
let plantedCase: string;
const colleague = { email: 'kim.colleague@touchpoint.local', password: '' };

/**
 * A fresh browser context (its own cookie) signed in through the form, landing on `landing`; the console
 * errors of this page alone, so each step answers for its own page.
 */
async function signedIn(email: string, password: string, landing = '/overview'): Promise<{ page: Page; errors: string[] }> {
  const page = await e2e.newPage();
  const errors: PageErrors = { console: [], uncaught: [] };
  collectErrors(page, errors);
  await signIn(page, { email, password }, landing);
  return { page, errors: errors.console };
}
const account = (role: string) => e2e.account(role);
const counter = async (page: Page, name: string) => Number(((await page.getByTestId(`count-${name}`).textContent()) ?? '').replace(/[^\d]/g, ''));

beforeAll(async () => {
  e2e = await startE2e({ name: 'daily', seedDemo: true });
  const { server, browser } = e2e;

  // A detractor answered 10 days ago at a Customer Service touchpoint; the enabled rules' SLA is 7 days.
  const em = server.orm.em.fork();
  await em.nativeUpdate(AlertRule, {}, { slaDays: 7 });
  const [touchpoint] = await server.analytics.all<{ code: string; department_id: string }>(
    `SELECT t.code, t.department_id FROM dim_touchpoints t JOIN dim_departments d ON d.department_id = t.department_id WHERE d.name = 'Customer Service' AND t.code IS NOT NULL LIMIT 1`,
  );
  if (!touchpoint) throw new Error('the demo company has no Customer Service touchpoint');
  const [customer] = await server.analytics.all<{ customer_id: string }>(`SELECT customer_id FROM customers WHERE churned_at IS NULL LIMIT 1`);
  await server.analytics.run(`INSERT INTO responses (response_id, customer_id, touchpoint_code, responded_at, ltr, satisfaction, comment) VALUES ('e2e-late', $c, $t, $at::TIMESTAMP, 1, 1, $comment)`, {
    c: customer!.customer_id,
    t: touchpoint.code,
    at: timestampParam(new Date(Date.now() - 10 * DAY)),
    comment: 'Nobody has called me back. '.repeat(12).trim(),
  });
  await openFollowUpCases(em, server.analytics, await em.find(AlertRule, {}));
  plantedCase = (await server.orm.em.fork().findOneOrFail(FollowUpCase, { responseId: 'e2e-late' })).id;

  // A colleague of the strategist, in the same department, created by the administrator.
  const admin = await browser.newContext({ baseURL: server.url });
  const session = await admin.request.post('/graphql', { data: { query: `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { user { id } } }`, variables: { e: account('ADMIN').email, p: account('ADMIN').password } } });
  expect(session.ok()).toBe(true);
  const created = await admin.request.post('/graphql', {
    data: {
      query: `mutation($d: ID) { createUser(input: { email: "${colleague.email}", name: "Kim Colleague", role: ANALYST, departmentId: $d }) { password } }`,
      variables: { d: touchpoint.department_id },
    },
  });
  const body: { data?: { createUser: { password: string } }; errors?: unknown } = await created.json();
  expect(body.errors).toBeUndefined();
  colleague.password = body.data!.createUser.password;
  await admin.close();
}, 240_000);

afterAll(async () => {
  await e2e?.stop();
});

describe('daily work in a real browser', () => {
  it('a strategist sees the 10-day-old answer overdue under the 7-day SLA and assigns it to a colleague', async () => {
    const { page, errors } = await signedIn(account('STRATEGIST').email, account('STRATEGIST').password);
    await clickNav(page, 'Follow-up');
    await page.waitForURL(/\/follow-up/);
    await page.getByTestId('followup-counts').waitFor();
    expect(await counter(page, 'overdue')).toBeGreaterThan(0);
    await page.getByTestId('queue-overdue').check();
    await page.waitForURL(/overdue=1/);
    await page.getByTestId('queue-row').first().waitFor();
    // Earliest due first: the demo's older cases lead the queue; every row shown is overdue.
    for (const due of await page.getByTestId('row-open').allTextContents()) expect(due).toMatch(/overdue$/);
    await page.goto(`/follow-up?overdue=1&case=${plantedCase}`);
    await page.getByTestId('case-detail').waitFor();
    expect(await page.getByTestId('case-due').textContent()).toBe('3 days overdue');
    // A long comment wraps inside the panel instead of running off the page.
    const overflow = await page.getByTestId('case-detail').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    expect(await page.getByTestId('case-detail').innerText()).toContain('7-day SLA');
    await page.getByTestId('case-assignee').selectOption({ label: 'Kim Colleague' });
    // Saved on the server, not only chosen in the select (the next test signs in as the colleague).
    const assignee = async () => {
      const response = await page.request.post('/graphql', { data: { query: `query($id: ID!) { followUpCase(id: $id) { assignee { name } } }`, variables: { id: plantedCase } } });
      const body: { data?: { followUpCase: { assignee: { name: string } | null } } } = await response.json();
      return body.data?.followUpCase.assignee?.name ?? null;
    };
    await eventually(assignee).toBe('Kim Colleague');
    await eventually(() => page.getByTestId('case-assignee').evaluate((el) => (el instanceof HTMLSelectElement ? el.selectedOptions[0]?.textContent : null))).toBe('Kim Colleague');
    await fullShot(page, 'daily-work-strategist.png');
    expect(errors).toEqual([]);
  });

  it('the colleague finds it in My cases, reaches the customer and resolves it, the counters changing at once', async () => {
    const { page, errors } = await signedIn(colleague.email, colleague.password, '/follow-up');
    await page.getByTestId('view-mine').click();
    await page.waitForURL(/view=mine/);
    const row = page.locator(`[data-testid="queue-row"][data-case-id="${plantedCase}"]`);
    await row.waitFor();
    expect(await page.getByTestId('queue-row').count()).toBe(1);
    const before = { open: await counter(page, 'open'), contacted: await counter(page, 'contacted'), resolved: await counter(page, 'resolved') };
    expect(before.open).toBe(1);

    await row.getByTestId('row-open').click();
    await page.getByTestId('contact-note').fill('Called, apologised, refund agreed');
    await page.getByTestId('contact-reached').click();
    await eventually(() => page.getByTestId('case-status').textContent()).toBe('Contacted');
    await eventually(() => counter(page, 'contacted')).toBe(before.contacted + 1);
    expect(await counter(page, 'open')).toBe(before.open - 1);

    await page.getByTestId('case-outcome').selectOption('RESOLVED');
    await page.getByTestId('case-reason').fill('Refund agreed');
    await page.getByTestId('case-close').click();
    await eventually(() => page.getByTestId('case-status').textContent()).toBe('Resolved');
    await eventually(() => counter(page, 'resolved')).toBe(before.resolved + 1);
    expect(await counter(page, 'contacted')).toBe(before.contacted);
    expect(await page.getByTestId('case-due').textContent()).toBe('Closed: resolved');
    await fullShot(page, 'daily-work-colleague.png');
    // The loop per person and month: the colleague's resolved case is in their row of the table beside the chart.
    await page.locator('[data-testid="loop-metrics"] summary').click();
    await page.getByTestId('loop-trend-chart').waitFor();
    const table = page.getByTestId('loop-trend-table');
    await eventually(() => table.textContent()).toContain('Kim Colleague');
    await page.getByTestId('loop-trend').scrollIntoViewIfNeeded();
    await fullShot(page, 'daily-work-loop-trend.png');
    expect(errors).toEqual([]);
  });

  it('an executive lands on the portfolio: a currency on every amount, no code on the page; Follow-up says why it is closed', async () => {
    const { page, errors } = await signedIn(account('EXECUTIVE').email, account('EXECUTIVE').password);
    await clickNav(page, 'Business case');
    await page.getByTestId('portfolio-table').waitFor({ timeout: 60_000 });
    const amounts = await page.locator('[data-testid="portfolio-row"] td:nth-child(3), [data-testid="portfolio-row"] td:nth-child(4), [data-testid="portfolio-row"] td:nth-child(5), [data-testid="portfolio-total"] dd').allTextContents();
    expect(amounts.length).toBeGreaterThan(3);
    for (const text of amounts) expect(text.trim()).toMatch(/^(—|.*DKK .*)$/);
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('TP_');
    expect(text).not.toMatch(/\b[A-Z0-9]+_[A-Z0-9_]+\b/);
    expect(text).not.toContain('[object');
    await fullShot(page, 'daily-work-executive.png');

    // Issue 18: the maths one click away. The first valued initiative's net present value opens its formula
    // (keyboard: Enter on the button) with the inputs the server used, money with the currency.
    const toggle = page.locator('[data-testid="portfolio-row"] [data-testid="formula"][data-figure="NET_PRESENT_VALUE"] [data-testid="formula-toggle"]').first();
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const panel = page.locator('[data-testid="portfolio-row"] [data-testid="formula-panel"]').first();
    expect(await panel.innerText()).toMatch(/Net present value = present value of the margin uplift/);
    const inputs = await panel.locator('[data-testid="formula-input"]').allInnerTexts();
    expect(inputs.length).toBe(4);
    for (const row of inputs) expect(row).toMatch(/DKK /);
    await fullShot(page, 'daily-work-executive-formula.png');

    await page.goto('/follow-up');
    await page.getByTestId('not-allowed').waitFor();
    expect(await page.getByTestId('not-allowed').innerText()).toMatch(/Follow-up is not available to your role[\s\S]*individual customers/);
    expect(errors).toEqual([]);
  });

  it('an analyst opens the API explorer at /graphql and runs a query, without console errors', async () => {
    const { page, errors } = await signedIn(account('ANALYST').email, account('ANALYST').password);
    await page.goto('/graphql');
    await page.locator('.graphiql-execute-button').waitFor({ timeout: 60_000 });
    // The editors are ready once the first query shows in the query editor.
    await eventually(() => page.locator('.graphiql-query-editor').innerText()).toContain('journeys');
    await page.locator('.graphiql-execute-button').click();
    await page.waitForTimeout(2000);
    await pageShot(page, 'daily-work-analyst-explorer.png');
    await eventually(() => page.locator('.graphiql-response').innerText()).toContain('"journeys"');
    expect(await page.locator('.graphiql-response').innerText()).toContain('"phases"');
    await pageShot(page, 'daily-work-analyst-explorer.png');
    expect(errors).toEqual([]);
  });
});
