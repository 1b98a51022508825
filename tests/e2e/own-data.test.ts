/// <reference lib="dom" />
// Issue 16 in a real browser: from an empty install to a driver ranking on your own attribute-rating export.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prng } from '../support/prng.js';
import { SHOTS, clickNav, fullShot, poller, startE2e, type E2e } from './support/browser.js';

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
/** The persona made on the personas page: the code the wizard proposes for "Loyal Customer" + "Business travel". */
const LOYAL_BUSINESS = 'LOYAL_CUSTOMER_BUSINESS_TRAVEL';
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
 * Everything through the browser's pages, as a new admin would: the persona on the personas page, the
 * journey from "New journey", phases and touchpoints on its map (one through the form and the touchpoint
 * panel, the rest by pasting names), the tenth touchpoint and the other three personas from the Import wizard.
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

  it('sets up a persona, then a journey with 3 phases and 9 touchpoints in the browser (one through the form, the rest by pasting names)', async () => {
    // A persona on the personas page, with the code the wizard will derive for loyal business travellers.
    await page.goto('/setup/personas');
    await page.getByTestId('personas-page').waitFor();
    await page.getByTestId('new').click();
    await page.getByTestId('field-name').fill('Loyal business traveller');
    await page.getByTestId('field-code').fill(LOYAL_BUSINESS);
    await page.getByTestId('field-needs').fill('Arrive rested\nWork on board');
    await page.getByTestId('save').click();
    await eventually(() => page.getByTestId('persona-list').getByTestId('table-row').count()).toBe(1);
    expect(await page.getByTestId('persona-list').textContent()).toContain(LOYAL_BUSINESS);
    await shot(page, 'own-data-3a-persona.png');

    // The journey: its facts in the "New journey" form, then the map opens for editing.
    await clickNav(page, 'Journeys');
    await page.waitForURL(/\/journeys$/);
    await page.getByTestId('new-journey').click();
    await page.getByTestId('journey-name').fill('Flying with us');
    await page.getByTestId('journey-owner').fill('Customer director');
    await page.getByTestId('journey-sponsor').fill('Chief operating officer');
    await page.getByTestId('journey-save').click();
    await page.waitForURL(/\/journeys\/[^/?]+\?edit=1$/);
    journeyId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await page.getByTestId('add-first-phase').click();
    await page.getByTestId('name-input').fill(PHASES[0]!.name);
    await page.getByTestId('dialog-submit').click();
    for (const phase of PHASES.slice(1)) {
      await page.getByTestId('add-phase').click();
      await page.getByTestId('name-input').fill(phase.name);
      await page.getByTestId('dialog-submit').click();
      await eventually(() => page.getByTestId('phase-name').allTextContents()).toContain(phase.name);
    }
    expect(await page.getByTestId('phase-name').allTextContents()).toEqual(PHASES.map((p) => p.name));

    // The first touchpoint through the form, its survey code and attributes in the touchpoint panel.
    const [first, ...rest] = PHASES[0]!.touchpoints;
    await page.getByTestId('phase-touchpoints').nth(0).getByTestId('add-touchpoint').click();
    await page.getByTestId('touchpoint-form-name').fill(first!);
    await page.getByTestId('touchpoint-form-channel').selectOption('WEB');
    await page.getByTestId('touchpoint-form-online').check();
    await page.getByTestId('dialog-submit').click();
    await eventually(() => page.getByTestId('phase-touchpoints').nth(0).getByTestId('touchpoint-name').allTextContents()).toEqual([first]);
    await eventually(() => page.getByTestId('edit-saving').count()).toBe(0);
    await page.getByTestId('phase-touchpoints').nth(0).getByTestId('touchpoint-card').first().click();
    await page.getByTestId('touchpoint-editor').waitFor();
    await page.getByTestId('tp-code').fill(code(first!));
    await page.getByTestId('tp-critical').check();
    await page.getByTestId('tp-responsible').fill('E-commerce manager');
    await page.getByTestId('save').click();
    await eventually(() => page.getByTestId('edit-saving').count()).toBe(0);
    // Saving closes the panel; close it if it is still open.
    if (await page.getByTestId('touchpoint-editor').count()) await page.getByTestId('close').click();

    // The rest by pasting their names: one paste per phase, codes proposed from the names.
    for (const [i, names] of [rest, PHASES[1]!.touchpoints, PHASES[2]!.touchpoints.filter((n) => n !== FROM_WIZARD)].entries()) {
      await page.getByTestId('phase-touchpoints').nth(i).getByTestId('add-touchpoint').click();
      await page.getByTestId('switch-to-paste').click();
      await page.getByTestId('paste-names').fill(names.join('\n'));
      await eventually(() => page.getByTestId('paste-code').count()).toBe(names.length);
      for (const [k, name] of names.entries()) expect(await page.getByTestId('paste-code').nth(k).inputValue()).toBe(code(name));
      if (i === 1) await shot(page, 'own-data-3b-paste-names.png');
      await page.getByTestId('paste-submit').click();
      await page.getByTestId('paste-form').waitFor({ state: 'detached' });
    }
    await eventually(() => page.getByTestId('touchpoint-card').count()).toBe(9);
    await eventually(() => page.getByTestId('edit-saving').count()).toBe(0);

    // What the server holds: the journey's facts, phases in order, every touchpoint with its code.
    const response = await page.request.post('/graphql', {
      data: { query: `query($id: ID!) { journey(id: $id) { name owner sponsor phases { name position touchpoints { name code critical responsible } } } }`, variables: { id: journeyId } },
    });
    const { data } = (await response.json()) as { data: { journey: { name: string; owner: string; sponsor: string; phases: { name: string; position: number; touchpoints: { name: string; code: string | null; critical: boolean; responsible: string | null }[] }[] } } };
    expect(data.journey).toMatchObject({ name: 'Flying with us', owner: 'Customer director', sponsor: 'Chief operating officer' });
    const phases = [...data.journey.phases].sort((a, b) => a.position - b.position);
    expect(phases.map((p) => p.name)).toEqual(PHASES.map((p) => p.name));
    expect(phases.flatMap((p) => p.touchpoints.map((t) => t.code)).sort()).toEqual(SERVICES.filter((s) => s !== FROM_WIZARD).map(code).sort());
    expect(phases[0]!.touchpoints.find((t) => t.name === first)).toMatchObject({ critical: true, responsible: 'E-commerce manager' });

    await page.goto(`/journeys/${journeyId}`);
    await page.getByTestId('journey-map').waitFor();
    await eventually(() => page.getByTestId('touchpoint-card').count()).toBe(9);
    await shot(page, 'own-data-3-journey-before-import.png');
    mark('persona, journey with 3 phases and 9 touchpoints set up in the browser');
  });

  it('uploads the export with a progress bar and shows what was detected', async () => {
    await clickNav(page, 'Import');
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

  it('imports the customers: persona derived from two columns, the missing personas created from the wizard', async () => {
    await page.locator('[data-testid="column-row"][data-column="id"] [data-testid="column-role"]').selectOption('customer_id');
    await page.getByTestId('derived').locator('summary').click();
    await page.getByTestId('derive-field').selectOption('persona_code');
    await page.locator('[data-testid="derive-column"][value="Customer Type"]').check();
    await page.locator('[data-testid="derive-column"][value="Type of Travel"]').check();
    await page.getByTestId('add-derived').click();
    await eventually(() => page.getByTestId('derived-case').count()).toBe(4);
    await page.getByTestId('propose-codes').click();
    // The persona made on the personas page is recognised; the wizard creates the other three.
    await eventually(() => page.getByTestId('derived').getByText('new persona').count()).toBe(3);
    await page.getByTestId('create-personas').click();
    await eventually(async () => (await page.getByTestId('derived').textContent())?.includes('new persona')).toBe(false);
    await page.getByTestId('dry-run').click();
    await page.getByTestId('dry-clean').waitFor();
    await shot(page, 'own-data-5-customers-mapped.png');
    await page.getByTestId('run-import').click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-done').textContent()).toContain(`Imported ${PASSENGERS} rows`);
    mark('customers imported (persona from two columns: 1 persona from the personas page, 3 created in the wizard)');
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

    await clickNav(page, 'Priorities');
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

    await clickNav(page, 'Overview');
    await page.waitForURL(/\/overview$/);
    await eventually(() => page.getByTestId('overview-top').count()).toBe(5);
    expect(await page.getByTestId('overview-period').textContent()).toContain('last 12 months as of 30 Jun 2025');
    expect(await page.getByTestId('next-steps').count()).toBe(0);
    await shot(page, 'own-data-11-overview.png');
    mark('overview: top touchpoints, no period chosen');
    expect(e2e.errors.console).toEqual([]);
  });
});
