/// <reference lib="dom" />
// Issue 16 in a real browser: from an empty install to a driver ranking on your own attribute-rating export.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prng } from '../support/prng.js';
import { SHOTS, fullShot, poller, startE2e, type E2e } from './support/browser.js';

/** Ten services of a flight in three phases; the CSV names its columns after them. */
const PHASES: { name: string; touchpoints: string[] }[] = [
  { name: 'Before the flight', touchpoints: ['Online booking', 'Check-in service', 'Gate location'] },
  { name: 'On board', touchpoints: ['Seat comfort', 'Inflight wifi service', 'Food and drink', 'Inflight entertainment', 'Cleanliness'] },
  { name: 'After landing', touchpoints: ['Baggage handling', 'Leg room service'] },
];
const SERVICES = PHASES.flatMap((p) => p.touchpoints);
/** The one created from the Import wizard's "Create a touchpoint" (the other nine come from the journey set-up). */
const FROM_WIZARD = 'Leg room service';
const code = (name: string) => `TP_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
const PASSENGERS = 400;

/**
 * An airline-style attribute-rating export, one row per passenger: ten service ratings 0-5 (0 = not
 * applicable), an overall `satisfied` / `neutral or dissatisfied`, customer type and type of travel as
 * segments, no acquisition data and no per-service likelihood to recommend. Seat comfort and wifi drive
 * the outcome (planted), the rest is noise around the passenger's mood.
 */
function airlineCsv(): string {
  const random = prng(16);
  const lines = [['id', 'Customer Type', 'Type of Travel', 'satisfaction', ...SERVICES].join(',')];
  for (let i = 1; i <= PASSENGERS; i++) {
    const mood = random();
    const ratings = SERVICES.map((s) => {
      if (random() < 0.07) return 0; // not applicable
      const lift = s === 'Seat comfort' || s === 'Inflight wifi service' ? 2.5 * mood : 1.2 * mood;
      return Math.max(1, Math.min(5, Math.round(1 + lift + 2.2 * random())));
    });
    const drive = (ratings[3] || 3) + (ratings[4] || 3) + 2 * random();
    const type = random() < 0.7 ? 'Loyal Customer' : 'disloyal Customer';
    const travel = random() < 0.6 ? 'Business travel' : 'Personal Travel';
    lines.push([`P${String(i).padStart(4, '0')}`, type, travel, drive > 7.5 ? 'satisfied' : 'neutral or dissatisfied', ...ratings].join(','));
  }
  return `${lines.join('\n')}\n`;
}

let e2e: E2e;
let page: Page;
let csvFile: string;
let journeyId = '';
const started = Date.now();
const steps: { step: string; seconds: number }[] = [];
const mark = (step: string) => steps.push({ step, seconds: Math.round((Date.now() - started) / 100) / 10 });
const eventually = poller(30_000, 150);
const shot = (p: Page, file: string) => fullShot(p, file, 5000);

/** GraphQL with the browser's session: only for what the browser cannot do yet (see the describe's note). */
async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await page.request.post('/graphql', { data: { query, variables } });
  const body: { data?: T; errors?: { message: string }[] } = await response.json();
  if (body.errors?.length || !body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

beforeAll(async () => {
  e2e = await startE2e({ name: 'own-data', seedDemo: false });
  csvFile = path.join(e2e.dataDir, 'airline-passengers.csv');
  await fs.writeFile(csvFile, airlineCsv());
  page = await e2e.newPage();
}, 240_000);

afterAll(async () => {
  await e2e?.stop();
  // The steps and their times, for the issue note (tests/e2e/__screenshots__ is not committed).
  await fs.writeFile(path.join(SHOTS, 'own-data-steps.json'), JSON.stringify(steps, null, 2)).catch(() => undefined);
});

/**
 * The journey, its phases and nine touchpoints are made through GraphQL with the admin's browser session:
 * the browser pages that create journeys and paste touchpoint names (issue 17) were not on main when this
 * test was written. The tenth touchpoint and the personas are created from the Import wizard.
 */
describe('own data from an empty install (issue 16)', () => {
  it('signs an admin in to an empty install that points to the next step', async () => {
    const admin = e2e.account('ADMIN');
    await page.goto('/');
    await page.waitForURL(/\/sign-in/);
    await page.getByTestId('sign-in-email').fill(admin.email);
    await page.getByTestId('sign-in-password').fill(admin.password);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(/\/overview$/);
    await page.getByTestId('next-steps').waitFor();
    expect(await page.getByTestId('next-steps').textContent()).toContain('first customer journey');
    expect(await page.getByTestId('next-journey').isVisible()).toBe(true);
    expect(await page.getByTestId('next-import').isVisible()).toBe(true);
    await shot(page, 'own-data-1-empty-overview.png');
    await page.getByTestId('next-setup').click();
    await page.waitForURL(/\/get-started$/);
    await page.getByTestId('setup-steps').waitFor();
    expect(await page.locator('[data-step][data-done="true"]').count()).toBe(0);
    await shot(page, 'own-data-2-get-started.png');
    mark('signed in, empty overview and checklist');
  });

  it('creates a journey with 3 phases and its touchpoints', async () => {
    const { createJourney } = await gql<{ createJourney: { id: string } }>(
      `mutation($input: JourneyInput!) { createJourney(input: $input) { id } }`,
      { input: { name: 'Flying with us', purpose: 'UNDERSTAND', state: 'AS_IS', owner: 'Customer director' } },
    );
    journeyId = createJourney.id;
    for (const [position, phase] of PHASES.entries()) {
      const { createPhase } = await gql<{ createPhase: { id: string } }>(
        `mutation($j: ID!, $input: PhaseInput!, $p: Int) { createPhase(journeyId: $j, input: $input, position: $p) { id } }`,
        { j: journeyId, input: { name: phase.name, emotion: 0 }, p: position },
      );
      const names = phase.touchpoints.filter((n) => n !== FROM_WIZARD);
      await gql(`mutation($p: ID!, $inputs: [TouchpointInput!]!) { createTouchpoints(phaseId: $p, inputs: $inputs) { id } }`, {
        p: createPhase.id,
        inputs: names.map((name) => ({ name, code: code(name), channel: 'FACE_TO_FACE', online: false, direct: true })),
      });
    }
    await page.goto(`/journeys/${journeyId}`);
    await page.getByTestId('journey-map').waitFor();
    await eventually(() => page.getByTestId('touchpoint-card').count()).toBe(9);
    await shot(page, 'own-data-3-journey-before-import.png');
    mark('journey with 3 phases and 9 touchpoints');
  });

  it('uploads the export with a progress bar and shows what was detected', async () => {
    await page.getByTestId('nav-import').click();
    await page.waitForURL(/\/import$/);
    await page.getByTestId('import-kind').selectOption('CUSTOMERS');
    await page.getByTestId('import-file').setInputFiles(csvFile);
    await page.getByTestId('uploaded').waitFor();
    await page.getByTestId('import-preview').or(page.getByTestId('state-error')).waitFor();
    if (await page.getByTestId('state-error').count()) throw new Error(`Preview failed: ${await page.getByTestId('state-error').textContent()}`);
    expect(await page.getByTestId('preview-delimiter').textContent()).toBe(',');
    expect(await page.getByTestId('preview-rows').textContent()).toBe(String(PASSENGERS));
    await shot(page, 'own-data-4-preview.png');
    mark('uploaded and previewed');
  });

  it('imports the customers: persona derived from two columns, the personas created from the wizard', async () => {
    await page.locator('[data-testid="column-row"][data-column="id"] [data-testid="column-role"]').selectOption('customer_id');
    await page.getByTestId('derived').locator('summary').click();
    await page.getByTestId('derive-field').selectOption('persona_code');
    await page.locator('[data-testid="derive-column"][value="Customer Type"]').check();
    await page.locator('[data-testid="derive-column"][value="Type of Travel"]').check();
    await page.getByTestId('add-derived').click();
    await eventually(() => page.getByTestId('derived-case').count()).toBe(4);
    await page.getByTestId('propose-codes').click();
    await page.getByTestId('create-personas').click();
    await eventually(async () => (await page.getByTestId('derived').textContent())?.includes('new persona')).toBe(false);
    await page.getByTestId('dry-run').click();
    await page.getByTestId('dry-clean').waitFor();
    await shot(page, 'own-data-5-customers-mapped.png');
    await page.getByTestId('run-import').click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-done').textContent()).toContain(`Imported ${PASSENGERS} rows`);
    mark('customers imported (persona from two columns, 4 personas created)');
  });

  it('maps the answers, sees the dry run problems by column, fixes the mapping and imports', async () => {
    await page.getByTestId('import-kind').selectOption('RESPONSES');
    await page.getByTestId('column-table').waitFor();
    const role = (column: string) => page.locator(`[data-testid="column-row"][data-column="${column}"]`);
    await role('id').getByTestId('column-role').selectOption('customer_id');
    await role('satisfaction').getByTestId('column-role').selectOption('ltr');
    for (const service of SERVICES) await role(service).getByTestId('column-role').selectOption('@touchpoint');
    // The tenth touchpoint does not exist yet: create it from the wizard.
    await role(FROM_WIZARD).getByTestId('create-touchpoint').click();
    const form = page.getByTestId('new-touchpoint');
    await form.getByLabel('Survey code').fill(code(FROM_WIZARD)); // the proposed code, edited to the company's convention
    await form.locator('select').selectOption({ label: 'Flying with us · After landing' });
    await form.getByRole('button', { name: 'Create touchpoint' }).click();
    await eventually(() => role(FROM_WIZARD).getByTestId('column-touchpoint').inputValue()).toBe(code(FROM_WIZARD));
    for (const service of SERVICES) expect(await role(service).getByTestId('column-touchpoint').inputValue()).toBe(code(service));
    // The file has no answer time: one constant date for the survey.
    await page.getByTestId('constants').locator('summary').click();
    await page.getByTestId('add-constant').click();
    await page.getByTestId('constant-field').selectOption('responded_at');
    await page.getByTestId('constant-value').fill('2025-06-30');

    await page.getByTestId('dry-run').click();
    await page.getByTestId('problem-groups').waitFor();
    const groups = await page.getByTestId('problem-group').allTextContents();
    expect(groups.some((g) => g.includes('Seat comfort') && g.includes('0'))).toBe(true);
    expect(groups.some((g) => g.includes('satisfaction'))).toBe(true);
    await shot(page, 'own-data-6-dry-run-problems.png');
    mark('dry run: problems listed by source column with counts');

    // Fix: 0 means "not applicable" in every column, and the text outcome becomes a two-level number.
    await page.getByTestId('missing-all').fill('0');
    await page.getByTestId('outcome').selectOption('binary');
    await role('satisfaction').getByTestId('open-value-map').click();
    await page.locator('[data-testid="value-map"] input[data-value="satisfied"]').fill('10');
    await page.locator('[data-testid="value-map"] input[data-value="neutral or dissatisfied"]').fill('0');
    await page.getByTestId('mapping-name').fill('Passenger survey');
    await page.getByTestId('save-mapping').click();
    await page.getByTestId('dry-run').click();
    await page.getByTestId('dry-clean').waitFor({ timeout: 60_000 });
    await shot(page, 'own-data-7-dry-run-clean.png');
    await page.getByTestId('run-import').click();
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    await eventually(() => page.locator('[data-testid="history-row"][data-status="IMPORTED"]').count()).toBe(2);
    await shot(page, 'own-data-8-imported.png');
    mark('answers imported (wide, 0 = no answer, text outcome mapped, saved mapping)');
  });

  it('shows numbers on the journey map, the driver ranking and the overview without choosing a period', async () => {
    await page.goto(`/journeys/${journeyId}`);
    await page.getByTestId('journey-map').waitFor();
    await eventually(() => page.locator('[data-testid="touchpoint-card"] [data-testid="nps-badge"][data-measure="CSAT"]').count()).toBe(10);
    expect(await page.getByTestId('cut-as-of').textContent()).toContain('as of 30 Jun 2025');
    // Phases and the journey: the server's pooled CSAT (no likelihood-to-recommend answers anywhere).
    await eventually(() => page.locator('[data-testid="phase-nps"] [data-testid="nps-badge"][data-measure="CSAT"]').count()).toBe(3);
    expect(await page.locator('[data-testid="journey-nps"] [data-testid="nps-badge"]').getAttribute('data-measure')).toBe('CSAT');
    await shot(page, 'own-data-9-journey-map.png');
    mark('journey map: CSAT on every touchpoint, as of the latest answer');

    await page.getByTestId('nav-priorities').click();
    await page.waitForURL(/\/priorities/);
    await page.getByTestId('priority-table').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('priority-measure-head').textContent()).toBe('CSAT (95%)');
    expect(await page.getByTestId('priorities-binary-outcome').count()).toBe(1);
    // The planted drivers come first in the ranking by importance.
    const rows = page.getByTestId('priority-row');
    await eventually(() => rows.count()).toBe(10);
    const firstTwo = [await rows.nth(0).getAttribute('data-code'), await rows.nth(1).getAttribute('data-code')].sort();
    expect(firstTwo).toEqual([code('Inflight wifi service'), code('Seat comfort')].sort());
    await shot(page, 'own-data-10-priorities.png');
    mark('priorities: driver ranking on CSAT, binary outcome labelled');

    await page.getByTestId('nav-overview').click();
    await page.waitForURL(/\/overview$/);
    await eventually(() => page.getByTestId('overview-top').count()).toBe(5);
    expect(await page.getByTestId('overview-period').textContent()).toContain('last 12 months as of 30 Jun 2025');
    expect(await page.getByTestId('next-steps').count()).toBe(0);
    await shot(page, 'own-data-11-overview.png');
    mark('overview: top touchpoints, no period chosen');
    expect(e2e.errors.console).toEqual([]);
  });
});
