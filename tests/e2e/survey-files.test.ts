import fs from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prng } from '../support/prng.js';
import { SHOTS, fullShot, poller, signIn, startE2e, type E2e } from './support/browser.js';

/**
 * Issue 16: the survey exports companies have, imported unedited through the Import wizard up to a
 * driver ranking: a Qualtrics CSV (three header rows, metadata columns, unfinished responses) and an
 * Excel workbook (the data on its second sheet). Both carry the customer's id and segment on every
 * answer, so each is ONE import that creates the new customers and imports the answers. The files are
 * generated here.
 */
const TOUCHPOINTS = [
  { name: 'Web quote', code: 'TP_WEB', question: 'Q2_1' },
  { name: 'Phone sales', code: 'TP_PHONE', question: 'Q2_2' },
  { name: 'Branch visit', code: 'TP_BRANCH', question: 'Q2_3' },
] as const;
const SEGMENTS = ['Private', 'Business'] as const;
const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000);
const stamp = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');

interface Answer {
  customer: string;
  segment: (typeof SEGMENTS)[number];
  at: Date;
  ratings: number[];
  recommend: number;
  finished: boolean;
}

/** Customers from `first`; each answers `times(i)` times. Phone sales drives the recommendation (planted), web a little, branch not. */
function answers(customers: number, first: number, seed: number, times: (i: number) => number): Answer[] {
  const random = prng(seed);
  const out: Answer[] = [];
  for (let i = 0; i < customers; i++) {
    const segment = SEGMENTS[random() < 0.6 ? 0 : 1]!;
    for (let k = 0; k < times(i); k++) {
      const mood = random();
      const ratings = TOUCHPOINTS.map(() => Math.max(1, Math.min(5, Math.round(1 + 4 * (0.5 * mood + 0.5 * random())))));
      const recommend = Math.max(0, Math.min(10, Math.round(2.2 * ratings[1]! + 0.5 * ratings[0]! - 2 + 2 * random())));
      out.push({ customer: `K${first + i}`, segment, at: day(3 + 9 * k + Math.floor(random() * 5)), ratings, recommend, finished: true });
    }
  }
  return out;
}

const QUALTRICS_FIELDS = ['StartDate', 'EndDate', 'Status', 'Progress', 'Finished', 'RecordedDate', 'ResponseId', 'ExternalReference', 'Segment', 'Q1', ...TOUCHPOINTS.map((t) => t.question)];
const QUESTIONS = [
  'Start Date', 'End Date', 'Response Type', 'Progress', 'Finished', 'Recorded Date', 'Response ID', 'External Data Reference', 'Customer segment',
  'How likely are you to recommend us to a friend or colleague?', ...TOUCHPOINTS.map((t) => `How satisfied were you with each part of buying? - ${t.name}`),
];
const IMPORT_IDS = ['startDate', 'endDate', 'status', 'progress', 'finished', 'recordedDate', '_recordId', 'externalDataReference', 'QID9', 'QID1', ...TOUCHPOINTS.map((_, i) => `QID2_${i + 1}`)];
const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** A Qualtrics "CSV, numeric values" export: field ids, question texts, ImportId JSON, then one row per response. */
function qualtricsCsv(rows: readonly Answer[]): string {
  const header = [QUALTRICS_FIELDS, QUESTIONS, IMPORT_IDS.map((id) => JSON.stringify({ ImportId: id }))];
  const data = rows.map((a, i) => [
    stamp(a.at), stamp(a.at), '0', a.finished ? '100' : '40', a.finished ? '1' : '0', stamp(a.at), `R_${String(i).padStart(6, '0')}x`, a.customer, a.segment,
    a.finished ? String(a.recommend) : '', ...a.ratings.map((r, k) => (a.finished || k === 0 ? String(r) : '')),
  ]);
  return `${[...header, ...data].map((line) => line.map(csvCell).join(',')).join('\n')}\n`;
}

/** A workbook whose first sheet is notes and whose second holds the answers, dates as date cells. */
async function workbook(file: string, rows: readonly Answer[]): Promise<void> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Read me').addRow(['Customer survey, exported from the CRM. The answers are on the next sheet.']);
  const sheet = book.addWorksheet('Answers');
  sheet.addRow(['Customer', 'Segment', 'Answered', 'Recommend', ...TOUCHPOINTS.map((t) => t.name)]);
  for (const a of rows) sheet.addRow([a.customer, a.segment, a.at, a.recommend, ...a.ratings]);
  await book.xlsx.writeFile(file);
}

const SURVEY = answers(140, 1000, 23, (i) => 1 + (i % 3 === 0 ? 1 : 0));
const UNFINISHED = 4;
const QUALTRICS_ROWS: Answer[] = [...SURVEY, ...SURVEY.slice(0, UNFINISHED).map((a) => ({ ...a, at: day(1), finished: false }))];
const FIRST_CUSTOMERS = new Set(SURVEY.map((a) => a.customer)).size;
/** Next month's workbook: 40 known customers answering again and 35 new ones, each once. */
const EXCEL_ROWS = [...answers(40, 1000, 31, () => 1).map((a) => ({ ...a, segment: SURVEY.find((s) => s.customer === a.customer)!.segment, at: day(1) })), ...answers(35, 5000, 37, () => 1)];

let e2e: E2e;
let page: Page;
let qualtricsFile: string;
let excelFile: string;
const started = Date.now();
const steps: { step: string; seconds: number }[] = [];
const mark = (step: string) => steps.push({ step, seconds: Math.round((Date.now() - started) / 100) / 10 });
const eventually = poller(30_000, 150);
const shot = (p: Page, file: string) => fullShot(p, file, 5000);
const role = (column: string) => page.locator(`[data-testid="column-row"][data-column="${column}"]`);

async function graphql(query: string, variables: Record<string, unknown> = {}) {
  const response = await page.request.post('/graphql', { data: { query, variables } });
  const body = (await response.json()) as { data?: Record<string, { id: string }>; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Upload on the Import page as answers, wait for the preview. */
async function uploadAnswers(file: string) {
  await page.goto('/import');
  await page.getByTestId('import-kind').selectOption('RESPONSES');
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('import-preview').or(page.getByTestId('state-error')).waitFor({ timeout: 60_000 });
  if (await page.getByTestId('state-error').count()) throw new Error(`Preview failed: ${await page.getByTestId('state-error').textContent()}`);
}

/** The customers part: "this file also describes the customers", persona derived from the segment column. */
async function customersFromSegment(expectNewPersonas: number) {
  await page.getByTestId('with-customers').check();
  await page.getByTestId('derived').locator('summary').click();
  await page.getByTestId('derive-field').selectOption('customers.persona_code');
  await page.locator('[data-testid="derive-column"][value="Segment"]').check();
  await page.getByTestId('add-derived').click();
  await eventually(() => page.getByTestId('derived-case').count()).toBe(2);
  await page.getByTestId('propose-codes').click();
  await eventually(() => page.getByTestId('derived').getByText('new persona').count()).toBe(expectNewPersonas);
  if (expectNewPersonas) {
    await page.getByTestId('create-personas').click();
    await eventually(async () => (await page.getByTestId('derived').textContent())?.includes('new persona')).toBe(false);
  }
}

async function checkAndImport(shotName: string) {
  await page.getByTestId('dry-run').click();
  await page.getByTestId('dry-clean').or(page.getByTestId('dry-problems')).or(page.getByTestId('dry-error')).waitFor({ timeout: 60_000 });
  if (!(await page.getByTestId('dry-clean').count())) throw new Error(`Dry run not clean: ${await page.getByTestId('import-check').textContent()}`);
  const clean = (await page.getByTestId('dry-clean').textContent()) ?? '';
  await shot(page, shotName);
  await page.getByTestId('run-import').click();
  await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
  return { clean, done: (await page.getByTestId('import-done').textContent()) ?? '' };
}

/** The driver ranking on the priorities page: touchpoint codes, most important first. */
async function ranking(): Promise<string[]> {
  await page.goto('/priorities');
  await page.getByTestId('priority-table').waitFor({ timeout: 60_000 });
  await eventually(() => page.getByTestId('priority-row').count()).toBe(TOUCHPOINTS.length);
  return page.getByTestId('priority-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code') ?? ''));
}

beforeAll(async () => {
  e2e = await startE2e({ name: 'survey-files', seedDemo: false });
  qualtricsFile = path.join(e2e.dataDir, 'Customer_survey_Qualtrics.csv');
  excelFile = path.join(e2e.dataDir, 'customer-survey-next-month.xlsx');
  await fs.writeFile(qualtricsFile, qualtricsCsv(QUALTRICS_ROWS));
  await workbook(excelFile, EXCEL_ROWS);
  page = await e2e.newPage();
  await signIn(page, e2e.account('ADMIN'), '/import');
  // The journey is set up in the browser by tests/e2e/own-data.test.ts; here it is given, to test the files.
  const { createJourney } = await graphql(`mutation { createJourney(input: { name: "Buying insurance" }) { id } }`);
  const { createPhase } = await graphql(`mutation($j: ID!) { createPhase(journeyId: $j, input: { name: "Buying", emotion: 0 }) { id } }`, { j: createJourney!.id });
  for (const t of TOUCHPOINTS) {
    await graphql(`mutation($p: ID!, $n: String!, $c: String!) { createTouchpoint(phaseId: $p, input: { name: $n, code: $c, channel: WEB, online: true, direct: true }) { id } }`, {
      p: createPhase!.id,
      n: t.name,
      c: t.code,
    });
  }
  mark('signed in, journey with three touchpoints');
}, 240_000);

afterAll(async () => {
  await e2e?.stop();
  await fs.writeFile(path.join(SHOTS, 'survey-files-steps.json'), JSON.stringify(steps, null, 2)).catch(() => undefined);
});

describe('survey exports through the Import wizard to a driver ranking (issue 16)', () => {
  it('imports a Qualtrics export unedited: three header rows recognised, unfinished responses skipped, customers created from the same file', async () => {
    await uploadAnswers(qualtricsFile);
    expect(await page.getByTestId('import-preview').textContent()).toContain('(Qualtrics export)');
    expect(await page.getByTestId('preview-rows').textContent()).toBe(String(QUALTRICS_ROWS.length));
    // The question text is shown under the field id; Qualtrics' ResponseId and EndDate (when the response was submitted) are mapped already.
    expect(await role('Q1').textContent()).toContain('How likely are you to recommend us');
    expect(await role('ResponseId').getByTestId('column-role').inputValue()).toBe('response_id');
    expect(await role('EndDate').getByTestId('column-role').inputValue()).toBe('responded_at');
    await shot(page, 'survey-files-1-qualtrics-preview.png');

    await role('ExternalReference').getByTestId('column-role').selectOption('customer_id');
    await role('Q1').getByTestId('column-role').selectOption('ltr');
    for (const t of TOUCHPOINTS) {
      await role(t.question).getByTestId('column-role').selectOption('@touchpoint');
      await role(t.question).getByTestId('column-touchpoint').selectOption(t.code);
    }
    await customersFromSegment(2);
    const { clean, done } = await checkAndImport('survey-files-2-qualtrics-mapped.png');
    expect(clean).toContain(`(${UNFINISHED} skipped)`);
    expect(clean).toContain(`${FIRST_CUSTOMERS} new customers will be created`);
    expect(done).toContain(`${FIRST_CUSTOMERS} new customers created`);
    await eventually(() => page.locator('[data-testid="history-row"][data-status="IMPORTED"]').count()).toBe(1);
    mark('Qualtrics export imported: customers and answers in one import');

    const order = await ranking();
    expect(order[0]).toBe('TP_PHONE'); // the planted driver
    await shot(page, 'survey-files-3-priorities-after-qualtrics.png');
    mark('priorities: driver ranking from the Qualtrics answers');
  });

  it('imports an Excel workbook from its second sheet, adding only the customers not seen before', async () => {
    await uploadAnswers(excelFile);
    expect(await page.getByTestId('preview-sheet').inputValue()).toBe('Read me');
    await page.getByTestId('preview-sheet').selectOption('Answers');
    await eventually(() => page.getByTestId('preview-rows').textContent()).toBe(String(EXCEL_ROWS.length));
    await shot(page, 'survey-files-4-excel-preview.png');

    await role('Customer').getByTestId('column-role').selectOption('customer_id');
    await role('Answered').getByTestId('column-role').selectOption('responded_at');
    await role('Recommend').getByTestId('column-role').selectOption('ltr');
    for (const t of TOUCHPOINTS) {
      await role(t.name).getByTestId('column-role').selectOption('@touchpoint');
      // Columns named like the touchpoints are matched to them.
      expect(await role(t.name).getByTestId('column-touchpoint').inputValue()).toBe(t.code);
    }
    await customersFromSegment(0); // the personas exist since the first import
    const { clean, done } = await checkAndImport('survey-files-5-excel-mapped.png');
    expect(clean).toContain('35 new customers will be created');
    expect(done).toContain('35 new customers created');
    await eventually(() => page.locator('[data-testid="history-row"][data-status="IMPORTED"]').count()).toBe(2);
    await shot(page, 'survey-files-6-excel-imported.png');
    mark('Excel workbook imported from its second sheet: 35 new customers, 40 known ones left as they were');

    const order = await ranking();
    expect(order[0]).toBe('TP_PHONE');
    // The touchpoints have ratings but no likelihood to recommend of their own: persona gaps compare mean CSAT.
    await eventually(() => page.getByTestId('gap-row').count()).toBe(TOUCHPOINTS.length);
    for (const row of await page.getByTestId('gap-row').allTextContents()) expect(row).toMatch(/CSAT \d\.\d, n \d+.*on the 1-5 scale/);
    await shot(page, 'survey-files-7-priorities-after-excel.png');
    mark('priorities: driver ranking with both files');
    expect(e2e.errors.uncaught).toEqual([]);
    expect(e2e.errors.console).toEqual([]);
  });
});
