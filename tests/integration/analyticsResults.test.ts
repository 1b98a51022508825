import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLanguage } from '../../analytics/i18n/index.js';
import { importFile } from '../../analytics/import/importFile.js';
import { makeDemoCompany } from '../../seeds/demo/company.js';
import { loadDemoCompany } from '../../seeds/demo/load.js';
import { generate } from '../../seeds/generate/index.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { makeTestApp, type TestApp } from '../support/testApp.js';

/**
 * Issue 20 goal 6: the overview's status, the target progress, priorities, trends and the business case
 * are remembered across requests per data fingerprint and per everything else they read. These tests
 * count the DuckDB statements a request executes (never a duration) and check that what a result
 * depends on (the data, a target, an initiative, the caller's small-cell threshold, the language)
 * changes the answer at once.
 *
 * The demo company with 5,000 generated customers (24 months to 2026-06-30). The small-cell threshold is
 * set far above any cut, so every figure is hidden from roles that may not read single customers
 * (executives) and shown to analysts.
 */
const END = '2026-06-30';
let app: TestApp;
let dir: string;

beforeAll(async () => {
  app = await makeTestApp({}, { minCellCustomers: 1_000_000 });
  await loadDemoCompany(app.orm.em.fork(), makeDemoCompany(END));
  await app.analytics.syncModel();
  await generate(app.analytics.store, { customers: 5_000, responses: 50_000, months: 24, seed: 7, endDate: END, dimensions: 'never' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'analytics-results-'));
});
afterAll(async () => {
  await app?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** DuckDB statements executed (identical concurrent reads joined count once) while `work` runs. */
async function statements<T>(work: () => Promise<T>): Promise<{ result: T; executed: number }> {
  const before = app.analytics.store.readStats.executed;
  const result = await work();
  return { result, executed: app.analytics.store.readStats.executed - before };
}

const OVERVIEW = `{
  statusDiagnosis { programme reasons suppressed npsLevel { nps n } churnLevel { share n } }
  targets { name progress { status targetValue now { value } } }
}`;
const STATUS = `query($f: AnalyticsFilterInput) { statusDiagnosis(filter: $f) { programme suppressed npsLevel { nps n } } }`;
const PRIORITIES = `query($f: AnalyticsFilterInput) { priorities(filter: $f) { touchpoints { touchpointCode target targetSource suppressed performance } } }`;
const CASE = `query($s: BusinessCaseScenarioInput!) { businessCase(scenario: $s) { title netPresentValue oneOffCost yearlyCost moves { customers } } }`;
const MOVES = { moves: [{ from: 'DETRACTOR', to: 'PASSIVE', share: 0.2, touchpointCodes: ['TP_CLAIM_HANDLING'] }], oneOffCost: 250_000, yearlyCost: 50_000 };
const RANKING = `query($f: InitiativeRankingFilter) { initiativeRanking(filter: $f) { rank value cost problem initiative { id title } } }`;
const TREND = `query($f: AnalyticsFilterInput) { trend(metric: CHURN, bucket: QUARTER, filter: $f) { points { bucket value } } }`;

describe('analytics results remembered per data fingerprint', () => {
  it('answers an identical request again with no DuckDB statement but the data fingerprint', async () => {
    for (const [query, variables] of [
      [OVERVIEW, {}],
      [PRIORITIES, {}],
      [CASE, { s: MOVES }],
      [TREND, { f: { personaCodes: ['SENIOR_SAVER'] } }],
      [`{ dataCoverage { asOf answers } }`, {}],
      [`{ priorities(lastMonths: 12) { touchpoints { touchpointCode valueRank } } }`, {}],
      [RANKING, {}],
      [RANKING, { f: { personaCodes: ['SENIOR_SAVER'] } }],
    ] as const) {
      const first = await statements(() => app.ok(query, variables, Role.ANALYST));
      expect(first.executed).toBeGreaterThan(1);
      const again = await statements(() => app.ok(query, variables, Role.ANALYST));
      expect(again.executed).toBe(1);
      expect(again.result).toEqual(first.result);
    }
  });

  it('computes identical concurrent misses once', async () => {
    const one = await statements(() => app.ok(STATUS, { f: { unitCodes: ['AAR'] } }, Role.ANALYST));
    // Five at once, for a cut nobody asked for yet: one computation; each request reads the fingerprint at most once.
    const five = await statements(() => Promise.all(Array.from({ length: 5 }, () => app.ok(STATUS, { f: { unitCodes: ['ODE'] } }, Role.ANALYST))));
    expect(one.executed).toBeGreaterThan(5);
    expect(five.executed).toBeLessThanOrEqual(one.executed + 4);
    expect(new Set(five.result.map((r) => JSON.stringify(r))).size).toBe(1);
  });

  it("keeps the executive's answer suppressed after an analyst's was remembered, and the other way round", async () => {
    const filter = { f: { personaCodes: ['YOUNG_FAMILY'] } };
    const analyst = await app.ok(STATUS, filter, Role.ANALYST);
    expect(analyst.statusDiagnosis.suppressed).toBe(false);
    expect(analyst.statusDiagnosis.npsLevel.nps).not.toBeNull();
    const executive = await app.ok(STATUS, filter, Role.EXECUTIVE);
    expect(executive.statusDiagnosis.suppressed).toBe(true);
    expect(executive.statusDiagnosis.npsLevel).toMatchObject({ nps: null, n: 0 });

    const executivePriorities = await app.ok(PRIORITIES, {}, Role.EXECUTIVE);
    expect(executivePriorities.priorities.touchpoints.every((t: any) => t.suppressed && t.performance === null)).toBe(true);
    const analystPriorities = await app.ok(PRIORITIES, {}, Role.ANALYST);
    expect(analystPriorities.priorities.touchpoints.some((t: any) => !t.suppressed && t.performance !== null)).toBe(true);
  });

  it('answers in the reader language after the same result was remembered in another', async () => {
    const english = await withLanguage('en', () => app.ok(OVERVIEW, {}, Role.ANALYST));
    const danish = await withLanguage('da', () => app.ok(OVERVIEW, {}, Role.ANALYST));
    expect(danish.statusDiagnosis.programme).toBe(english.statusDiagnosis.programme);
    expect(danish.statusDiagnosis.reasons).not.toEqual(english.statusDiagnosis.reasons);
    expect(danish.statusDiagnosis.reasons.join(' ')).toMatch(/ikke|under|over|kunde/i);
  });

  it('sees an edited target in the next priorities and overview', async () => {
    const claims = async () => (await app.ok(PRIORITIES, {}, Role.ANALYST)).priorities.touchpoints.find((t: any) => t.touchpointCode === 'TP_CLAIM_HANDLING');
    expect(await claims()).toMatchObject({ target: 0, targetSource: 'TARGET' });
    const { targets } = await app.ok(`{ targets { id name } }`);
    const target = targets.find((t: any) => t.name === 'Claims handling NPS above 0');
    await app.ok(`mutation($id: ID!) { updateTarget(id: $id, input: { targetValue: 12 }) { id } }`, { id: target.id });
    expect(await claims()).toMatchObject({ target: 12, targetSource: 'TARGET' });
    const overview = await app.ok(OVERVIEW, {}, Role.ANALYST);
    expect(overview.targets.find((t: any) => t.name === target.name).progress.targetValue).toBe(12);
  });

  it("sees an edited initiative's costs in the next business case", async () => {
    const { initiatives } = await app.ok(`{ initiatives { id title } }`);
    const id = initiatives.find((i: any) => i.title === 'One named claims handler per claim').id;
    const before = (await app.ok(CASE, { s: { initiativeId: id } }, Role.ANALYST)).businessCase;
    expect(before.oneOffCost).toBe(150_000);
    await app.ok(`mutation($id: ID!) { updateInitiative(id: $id, input: { oneOffCost: 400000 }) { id } }`, { id }, Role.STRATEGIST);
    const after = (await app.ok(CASE, { s: { initiativeId: id } }, Role.ANALYST)).businessCase;
    expect(after.oneOffCost).toBe(400_000);
    expect(after.netPresentValue).toBeCloseTo(before.netPresentValue - 250_000, 0);
  });

  it("sees an edited initiative's costs in the next initiative ranking", async () => {
    const claims = async () => (await app.ok(RANKING, {}, Role.ANALYST)).initiativeRanking.find((r: any) => r.initiative.title === 'One named claims handler per claim');
    const yearlyCost = (id: string, cost: number) => app.ok(`mutation($id: ID!, $c: Float!) { updateInitiative(id: $id, input: { yearlyCost: $c }) { id } }`, { id, c: cost }, Role.STRATEGIST);
    const { id } = (await claims()).initiative;
    await yearlyCost(id, 50_000);
    const before = await claims();
    await yearlyCost(id, 150_000);
    const after = await claims();
    expect(after.cost).toBeGreaterThan(before.cost);
    expect(after.value).toBeCloseTo(before.value - (after.cost - before.cost), 0);
  });

  it('changes the answer after an import, computed by the import so the first request after it executes only the fingerprint', async () => {
    const before = (await app.ok(OVERVIEW, {}, Role.ANALYST)).statusDiagnosis;
    const answers = async () => (await app.ok(`{ dataCoverage { answers } }`, {}, Role.ANALYST)).dataCoverage.answers;
    const answersBefore = await answers();
    // 1,000 detractors' relationship answers in May 2026, inside the status period.
    const file = path.join(dir, 'detractors.csv');
    const lines = ['response_id,customer_id,touchpoint_code,responded_at,ltr,satisfaction'];
    for (let i = 0; i < 1_000; i++) lines.push(`D${i},C${String(1 + i).padStart(7, '0')},,2026-05-${String(1 + (i % 28)).padStart(2, '0')} 12:00:00,0,`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    await importFile(app.analytics.store, { kind: 'responses', file, mode: 'append' });

    const after = await statements(() => app.ok(OVERVIEW, {}, Role.ANALYST));
    expect(after.executed).toBe(1);
    expect(after.result.statusDiagnosis.npsLevel.nps).toBeLessThan(before.npsLevel.nps);
    expect(await answers()).toBe(answersBefore + 1_000);
  });
});
