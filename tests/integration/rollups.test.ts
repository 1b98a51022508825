import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../analytics/import/importFile.js';
import { undoLatestImport } from '../../analytics/import/undo.js';
import { getMapMetrics } from '../../analytics/queries/metrics/getMapMetrics.js';
import { getMetrics, type MetricsDimension, type MetricsOptions } from '../../analytics/queries/metrics/getMetrics.js';
import type { AnalyticsFilter } from '../../analytics/queries/filter.js';
import { ANSWERS_DAILY, rollupsCurrent, rollupWork } from '../../analytics/rollups.js';
import { openStore, type Queryable, type Store } from '../../analytics/store.js';
import { recording, writeLines } from '../support/recordingStore.js';
import { generate } from '../../seeds/generate/index.js';

// Issue 20, goal 3: answer counts per (touchpoint, persona, unit, day) kept by every data change, so a
// map cut nobody asked for reads them instead of the answers. The tests compare the rollup with a
// recomputation from the facts after each kind of change, and the metrics read from it with the metrics
// read from the facts; they count statements, never time them.

let store: Store;
let dir: string;
beforeAll(async () => {
  store = await openStore(':memory:');
  await generate(store, { customers: 2_000, responses: 20_000, months: 12, seed: 7, endDate: '2026-06-30' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollups-'));
});
afterAll(async () => {
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The oracle, written independently of analytics/rollups.ts: the counts straight from the answers. */
const RECOMPUTED = `
  SELECT r.touchpoint_code, c.persona_code, c.unit_code, CAST(r.responded_at AS DATE) AS day, count(*) AS n,
    sum(CASE WHEN r.ltr >= 9 THEN 1 ELSE 0 END) AS promoters, sum(CASE WHEN r.ltr IN (7, 8) THEN 1 ELSE 0 END) AS passives,
    sum(CASE WHEN r.ltr <= 6 THEN 1 ELSE 0 END) AS detractors, sum(CASE WHEN r.satisfaction >= 4 THEN 1 ELSE 0 END) AS top2,
    count(r.satisfaction) AS csat_n, coalesce(sum(r.satisfaction), 0) AS csat_sum, coalesce(sum(r.satisfaction ^ 2), 0) AS csat_sq,
    count(r.effort) AS effort_n, coalesce(sum(r.effort), 0) AS effort_sum, coalesce(sum(r.atmosphere ^ 2), 0) AS atmosphere_sq
  FROM responses r, customers c WHERE c.customer_id = r.customer_id GROUP BY 1, 2, 3, 4`;
const STORED = `SELECT touchpoint_code, persona_code, unit_code, day, n, promoters, passives, detractors, top2, csat_n, csat_sum, csat_sq, effort_n, effort_sum, atmosphere_sq FROM ${ANSWERS_DAILY}`;

/** Rows in one and not the other, both ways (0 and 0 when the rollup equals the recomputation). */
async function difference(db: Queryable): Promise<{ missing: number; extra: number; rows: number }> {
  const [row] = await db.all<{ missing: number; extra: number; rows: number }>(
    `SELECT (SELECT count(*) FROM (${RECOMPUTED} EXCEPT ALL ${STORED}))::INTEGER AS missing,
            (SELECT count(*) FROM (${STORED} EXCEPT ALL ${RECOMPUTED}))::INTEGER AS extra,
            (SELECT count(*) FROM ${ANSWERS_DAILY})::INTEGER AS rows`,
  );
  if (!row) throw new Error('no row');
  return row;
}

const csv = (name: string, lines: string[]) => writeLines(dir, name, lines);

describe('the daily answer rollup', () => {
  it('equals a recomputation from the facts after the generator, an appended import, its undo, a direct write followed by an import, and a replace import', async () => {
    expect(await rollupsCurrent(store)).toBe(true);
    expect(await difference(store)).toMatchObject({ missing: 0, extra: 0 });
    const before = await difference(store);
    expect(before.rows).toBeGreaterThan(1000);

    // Appended answers are added incrementally: their days are merged, nothing is computed again.
    const work = { ...rollupWork };
    const file = csv('append.csv', [
      'response_id,customer_id,touchpoint_code,responded_at,ltr,satisfaction',
      ...(await store.all<{ customer_id: string; touchpoint_code: string }>(
        `SELECT DISTINCT customer_id, touchpoint_code FROM responses WHERE touchpoint_code IS NOT NULL ORDER BY ALL LIMIT 40`,
      )).map((r, i) => `NEW${i},${r.customer_id},${r.touchpoint_code},2026-06-${String(10 + (i % 15)).padStart(2, '0')} 10:00:00,${i % 11},${1 + (i % 5)}`),
      'NEWREL,C0000001,,2026-06-20 12:00:00,9,',
    ]);
    await importFile(store, { kind: 'responses', file, mode: 'append', undoId: 'rollup-append' });
    expect(rollupWork).toEqual({ merges: work.merges + 1, rebuilds: work.rebuilds });
    expect(await rollupsCurrent(store)).toBe(true);
    expect(await difference(store)).toMatchObject({ missing: 0, extra: 0 });

    await undoLatestImport(store, 'rollup-append');
    expect(rollupWork.rebuilds).toBe(work.rebuilds + 1);
    expect(await rollupsCurrent(store)).toBe(true);
    expect(await difference(store)).toEqual(before);

    // Rows written behind the rollup's back: it is no longer current (reads go to the facts), and the
    // next import computes it again instead of adding to a rollup that misses rows.
    await store.run(`INSERT INTO responses (response_id, customer_id, touchpoint_code, responded_at, ltr) VALUES ('DIRECT1', 'C0000002', NULL, TIMESTAMP '2026-06-01 09:00:00', 10)`);
    expect(await rollupsCurrent(store)).toBe(false);
    await importFile(store, { kind: 'responses', file: csv('one.csv', ['response_id,customer_id,touchpoint_code,responded_at,ltr', 'ONE,C0000003,,2026-06-02 09:00:00,3']), mode: 'append' });
    expect(rollupWork.rebuilds).toBe(work.rebuilds + 2);
    expect(await rollupsCurrent(store)).toBe(true);
    expect(await difference(store)).toMatchObject({ missing: 0, extra: 0 });

    // A replace import (the whole table, a tenth of the answers fewer): computed again from the new answers.
    const replacement = path.join(dir, 'replace.csv');
    await store.run(`COPY (SELECT * FROM responses WHERE hash(response_id) % 10 <> 0 ORDER BY hash(response_id)) TO '${replacement}' (HEADER)`);
    const kept = await store.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM responses WHERE hash(response_id) % 10 <> 0`);
    await importFile(store, { kind: 'responses', file: replacement, mode: 'replace' });
    expect(rollupWork.rebuilds).toBe(work.rebuilds + 3);
    expect(await store.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM responses`)).toEqual(kept);
    expect(await rollupsCurrent(store)).toBe(true);
    expect(await difference(store)).toMatchObject({ missing: 0, extra: 0 });
  });

  it('is computed when an older store is opened (schema 2 had none)', async () => {
    await store.run(`DELETE FROM ${ANSWERS_DAILY}; DELETE FROM store_meta WHERE key = 'rollups_of'`);
    expect(await rollupsCurrent(store)).toBe(false);
    await store.ensureSchema();
    expect(await rollupsCurrent(store)).toBe(true);
    expect(await difference(store)).toMatchObject({ missing: 0, extra: 0 });
  });
});

describe('metrics read from the rollup', () => {
  const LEVELS: MetricsDimension[][] = [['JOURNEY'], ['PHASE'], ['TOUCHPOINT']];
  const CUTS: AnalyticsFilter[] = [
    { personaCodes: ['SENIOR_SAVER'], from: '2025-11-01', to: '2026-04-30' },
    { from: '2026-01-15', to: '2026-03-03' },
    { unitCodes: ['CPH'], personaCodes: ['YOUNG_FAMILY', 'SENIOR_SAVER'] },
    {},
  ];
  /** Without the distinct-customer count (it is not additive over days) the rollup can answer. */
  const COUNTS_ONLY: MetricsOptions = { measures: { customers: false, ratings: true } };
  const strip = <T extends { customers: number }>(rows: T[]) => rows.map((r) => ({ ...r, customers: 0 }));

  it('give the same numbers as the facts for every level, cut and grouping, and read no answers', async () => {
    for (const filter of CUTS) {
      for (const options of [{ groupingSets: LEVELS }, { groupBy: ['TOUCHPOINT', 'MONTH'] as MetricsDimension[] }, { groupBy: ['PERSONA', 'UNIT'] as MetricsDimension[] }, {}]) {
        const { db, statements } = recording(store);
        const fromRollup = await getMetrics(db, filter, { ...options, ...COUNTS_ONLY });
        const main = statements.find((s) => s.includes('SELECT') && s.includes(' AS n'));
        expect(main).toContain(`FROM ${ANSWERS_DAILY} r`);
        expect(main).not.toMatch(/\bresponses\b/);
        // The customers measure needs the facts: the same counts come back from there.
        const fromFacts = await getMetrics(store, filter, { ...options, measures: { customers: true, ratings: true } });
        expect(strip(fromRollup)).toEqual(strip(fromFacts));
        expect(fromRollup.length).toBeGreaterThan(0);
      }
    }
  });

  it('serve the pooled phase and journey figures too', async () => {
    for (const filter of CUTS) {
      const { db, statements } = recording(store);
      const fromRollup = await getMapMetrics(db, filter, COUNTS_ONLY);
      expect(statements.filter((s) => s.includes(`FROM ${ANSWERS_DAILY} r`))).toHaveLength(1);
      const fromFacts = await getMapMetrics(store, filter, { measures: { customers: true, ratings: true } });
      // The groups come in no particular order: compared by journey and phase.
      const counts = (rows: typeof fromFacts) =>
        rows.map((r) => ({ ...r, metrics: r.metrics && { ...r.metrics, customers: 0 } })).sort((a, b) => `${a.journeyId}|${a.phaseId}`.localeCompare(`${b.journeyId}|${b.phaseId}`));
      expect(counts(fromRollup)).toEqual(counts(fromFacts));
    }
  });

  it('are read from the facts when the cut needs distinct customers or the rollup is not current', async () => {
    const { db, statements } = recording(store);
    await getMetrics(db, {}, { groupBy: ['TOUCHPOINT'], minCellCustomers: 5, measures: { customers: false } });
    await getMetrics(db, {}, { groupBy: ['TOUCHPOINT'] });
    expect(statements.some((s) => s.includes(ANSWERS_DAILY))).toBe(false);

    await store.run(`INSERT INTO responses (response_id, customer_id, touchpoint_code, responded_at, ltr) VALUES ('DIRECT2', 'C0000002', NULL, TIMESTAMP '2026-06-01 09:00:00', 10)`);
    statements.length = 0;
    const rows = await getMetrics(db, {}, COUNTS_ONLY);
    expect(statements.some((s) => s.includes(`FROM ${ANSWERS_DAILY} r`))).toBe(false);
    const [total] = await store.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM responses WHERE touchpoint_code IS NULL`);
    expect(rows[0]?.nps.n).toBe(total?.n);
  });
});
