/// <reference lib="dom" />
// The programme run in the browser (issue 17): initiatives with their business case, targets, the journey
// map's narrative, to-be journeys against their as-is, users and accounts, API tokens.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickNav, pageShot as shot, poller, signIn as signInAs, startE2e, type E2e } from './support/browser.js';

/** Polls with time for DuckDB on half a million answers on a busy 2-core machine. */
const eventually = poller(60_000, 200);

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e({ name: 'programme', seedDemo: true });
}, 240_000);

afterAll(async () => {
  await e2e?.stop();
});

const account = (role: string) => e2e.account(role);

/**
 * Eight engineers' test runs share two cores: a page can take tens of seconds to answer. Unsaved-change
 * warnings are tested in the component tests; here every confirm is accepted.
 */
const newPage = () => e2e.newPage({ viewport: { width: 1366, height: 900 }, timeout: 60_000, acceptDialogs: true });
const signIn = (page: Page, email: string, password: string) => signInAs(page, { email, password });

async function asIsJourneyId(page: Page): Promise<string> {
  const response = await page.request.post('/graphql', { data: { query: '{ journeys(filter: { state: AS_IS }) { id } }' } });
  const body: { data?: { journeys: { id: string }[] } } = await response.json();
  const id = body.data?.journeys[0]?.id;
  if (!id) throw new Error('The demo company has no AS_IS journey');
  return id;
}

describe('the programme in a real browser', () => {
  let strategist: Page;

  it('a strategist creates an initiative on two touchpoints and sees it ranked with its NPV', { timeout: 240_000 }, async () => {
    strategist = await newPage();
    const s = account('STRATEGIST');
    await signIn(strategist, s.email, s.password);
    await clickNav(strategist, 'Initiatives');
    await strategist.getByTestId('new-initiative').click();
    await strategist.getByTestId('initiative-form').waitFor();

    // A refusal the form finds itself lands on its field.
    await strategist.getByTestId('save').click();
    expect(await strategist.getByTestId('error-title').textContent()).toContain('title');

    await strategist.getByTestId('field-title').fill('Answer the phone within a minute');
    for (const search of ['Customer service phone', 'Claims handler']) {
      await strategist.getByTestId('touchpoint-search').fill(search);
      await strategist.getByTestId('touchpoint-option').first().waitFor();
      await strategist.getByTestId('touchpoint-search').press('Enter');
    }
    expect(await strategist.getByTestId('picked-touchpoint').count()).toBe(2);
    await strategist.getByTestId('field-status').selectOption('PLANNED');
    await strategist.getByTestId('field-oneOffCost').fill('120000');
    await strategist.getByTestId('field-yearlyCost').fill('30000');
    await strategist.getByTestId('field-effectKind').selectOption('DETRACTORS_TO_PASSIVES');
    await strategist.getByTestId('field-effectValue').fill('30');
    await strategist.getByTestId('save').click();
    await strategist.waitForURL(/\/initiatives\/[0-9a-f-]{36}$/);
    const id = strategist.url().split('/').pop() ?? '';

    // Ranking computes every initiative's case: on a busy machine that takes a while.
    await expect.poll(() => strategist.getByTestId('live-rank').textContent(), { timeout: 120_000, interval: 500 }).toMatch(/^\d+ of \d+$/);
    const npv = await strategist.getByTestId('live-npv').textContent();
    expect(npv).toMatch(/\d/);
    const row = strategist.locator(`[data-testid="table-row"][data-key="${id}"]`);
    await eventually(() => row.getByTestId('initiative-npv').textContent()).toMatch(/\d/);
    expect(await row.textContent()).toContain('Answer the phone within a minute');
    await shot(strategist, 'programme-initiative-ranked.png');

    // The list is searchable.
    await strategist.getByTestId('table-search').fill('within a minute');
    expect(await strategist.getByTestId('table-row').count()).toBe(1);
  });

  it('a strategist edits a target and sees its progress against the new value', { timeout: 240_000 }, async () => {
    await strategist.goto('/targets');
    await strategist.getByTestId('edit-target').first().click();
    await strategist.getByTestId('target-form').waitFor();
    await eventually(() => strategist.getByTestId('baseline-suggestion').textContent()).toMatch(/95% interval/);
    await strategist.getByTestId('field-targetValue').fill('7');
    await strategist.getByTestId('save').click();
    await strategist.getByTestId('target-form').waitFor({ state: 'detached' });
    const card = strategist.getByTestId('target-card').first();
    await eventually(() => card.textContent()).toContain('Target7');
    expect(await card.getByTestId('target-status').textContent()).toMatch(/\w/);
    expect(await card.locator('canvas, svg').count()).toBeGreaterThan(0);
    await shot(strategist, 'programme-target-progress.png');
  });

  it("a strategist edits a phase's narrative on the map", { timeout: 240_000 }, async () => {
    const journeyId = await asIsJourneyId(strategist);
    await strategist.goto(`/journeys/${journeyId}`);
    await strategist.getByTestId('toggle-edit').click();
    await strategist.getByTestId('edit-narrative').first().click();
    const actions = strategist.getByTestId('narrative-actions');
    await actions.fill(`${await actions.inputValue()}\nCompares three offers side by side`);
    await strategist.getByTestId('narrative-emotion').selectOption('-1');
    await strategist.getByTestId('dialog-submit').click();
    await eventually(() => strategist.getByTestId('phase-actions').first().textContent()).toContain('Compares three offers side by side');
    await strategist.reload();
    await eventually(() => strategist.getByTestId('phase-actions').first().textContent()).toContain('Compares three offers side by side');
    expect(await strategist.getByTestId('phase-emotion').first().getAttribute('data-emotion')).toBe('-1');
    await shot(strategist, 'programme-narrative.png');
  });

  it('a strategist copies the as-is journey to a to-be, removes a touchpoint and sees it marked removed', { timeout: 240_000 }, async () => {
    const journeyId = await asIsJourneyId(strategist);
    await strategist.goto(`/journeys/${journeyId}`);
    await strategist.getByTestId('copy-to-be').click();
    await strategist.waitForURL((url) => !url.pathname.endsWith(journeyId) && url.pathname.startsWith('/journeys/'));
    await eventually(() => strategist.getByTestId('journey-state').textContent()).toBe('To-be');
    await eventually(() => strategist.getByTestId('tobe-changes').textContent()).toContain('0 removed');
    // Its phases are measured only through the as-is touchpoints: their numbers say so.
    await eventually(() => strategist.locator('[data-testid="phase-nps"] [data-testid="nps-badge"][data-source="as-is"]').count()).toBeGreaterThan(0);

    const first = strategist.getByTestId('touchpoint-card').first();
    const removedName = (await first.getByTestId('touchpoint-name').textContent()) ?? '';
    await first.getByTestId('delete-touchpoint').click();
    await strategist.getByTestId('dialog-confirm').click();
    await eventually(() => strategist.getByTestId('removed-touchpoint').count()).toBe(1);
    expect(await strategist.getByTestId('removed-touchpoint').textContent()).toContain(removedName);
    expect(await strategist.getByTestId('tobe-removed').textContent()).toBe('1 removed');

    // Edit a touchpoint in the panel: it is marked changed.
    await strategist.getByTestId('touchpoint-card').first().click();
    await strategist.getByTestId('touchpoint-editor').waitFor();
    await strategist.getByTestId('tp-channel').selectOption('APP');
    await strategist.getByTestId('tp-critical').check();
    await strategist.getByTestId('save').click();
    await eventually(() => strategist.locator('[data-testid="tp-mark"][data-mark="CHANGED"]').count()).toBe(1);

    // Paste names: many touchpoints at once, codes proposed from the names.
    await strategist.getByTestId('add-touchpoint').first().click();
    await strategist.getByTestId('switch-to-paste').click();
    await strategist.getByTestId('paste-names').fill('Chat with an advisor\nVideo meeting');
    await eventually(() => strategist.getByTestId('paste-code').count()).toBe(2);
    expect(await strategist.getByTestId('paste-code').first().inputValue()).toBe('TP_CHAT_WITH_AN_ADVISOR');
    await strategist.getByTestId('paste-submit').click();
    await strategist.getByTestId('paste-form').waitFor({ state: 'detached' });
    await eventually(() => strategist.locator('[data-testid="tp-mark"][data-mark="ADDED"]').count()).toBe(2);
    await shot(strategist, 'programme-to-be-diff.png');
  });

  it('an admin creates a user who signs in and changes the password', { timeout: 240_000 }, async () => {
    const admin = await newPage();
    const a = account('ADMIN');
    await signIn(admin, a.email, a.password);
    await admin.goto('/setup/users');
    await admin.getByTestId('new').click();
    await admin.getByTestId('field-email').fill('new.analyst@example.com');
    await admin.getByTestId('field-name').fill('Nina Analyst');
    await admin.getByTestId('field-role').selectOption('ANALYST');
    await admin.getByTestId('save').click();
    const password = (await admin.getByTestId('new-password').textContent())?.trim() ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    await shot(admin, 'programme-user-created.png');
    await admin.getByTestId('secret-done').click();
    await eventually(() => admin.getByTestId('user-list').textContent()).toContain('new.analyst@example.com');

    const nina = await newPage();
    await signIn(nina, 'new.analyst@example.com', password);
    await nina.getByTestId('nav-account').click();
    await nina.getByTestId('field-currentPassword').fill('wrong password here');
    await nina.getByTestId('field-newPassword').fill('a brand new long password');
    await nina.getByTestId('field-repeat').fill('a brand new long password');
    await nina.getByTestId('change-password').click();
    // The server's refusal is placed on the field it concerns.
    await eventually(() => nina.getByTestId('error-currentPassword').textContent()).toMatch(/wrong/i);
    await nina.getByTestId('field-currentPassword').fill(password);
    await nina.getByTestId('change-password').click();
    await nina.getByTestId('password-changed').waitFor();
    await shot(nina, 'programme-password-changed.png');
    await nina.getByTestId('sign-out').click();
    await nina.waitForURL(/\/sign-in/);
    await signIn(nina, 'new.analyst@example.com', 'a brand new long password');

    // Last sign-in shows on the admin's list.
    await admin.reload();
    const row = admin.locator('[data-testid="table-row"]', { hasText: 'new.analyst@example.com' });
    await eventually(() => row.textContent()).toMatch(/UTC/);
  });

  it('an analyst creates an API token and uses it from a plain HTTP request', { timeout: 240_000 }, async () => {
    const analyst = await newPage();
    const an = account('ANALYST');
    await signIn(analyst, an.email, an.password);
    await analyst.goto('/account');
    await analyst.getByTestId('field-tokenName').fill('e2e notebook');
    await analyst.getByTestId('field-expiresInDays').fill('30');
    await analyst.getByTestId('create-token').click();
    const token = (await analyst.getByTestId('new-token').textContent())?.trim() ?? '';
    expect(token.length).toBeGreaterThan(20);

    const response = await fetch(new URL('/graphql', e2e.server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { email role } }' }),
    });
    const body: { data?: { me: { email: string; role: string } } } = await response.json();
    expect(body.data?.me).toEqual({ email: an.email, role: 'ANALYST' });

    await analyst.reload();
    await eventually(() => analyst.getByTestId('token-last-used').first().textContent()).toMatch(/UTC/);
    await shot(analyst, 'programme-api-token.png');
    await analyst.getByTestId('revoke-token').first().click();
    await eventually(async () => {
      const again = await fetch(new URL('/graphql', e2e.server.url), { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ me { email } }' }) });
      const json: { data?: { me: unknown } | null } = await again.json().catch(() => ({}));
      return again.status === 200 && json.data?.me ? 'still works' : 'refused';
    }).toBe('refused');
  });

  it('raised no page errors', () => {
    expect(e2e.errors.uncaught).toEqual([]);
  });
});
