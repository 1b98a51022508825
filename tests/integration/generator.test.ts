import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACT_TABLES } from '../../analytics/schema.js';
import { openStore, type Store } from '../../analytics/store.js';
import { generate, PLANTED } from '../../seeds/generate/index.js';

/**
 * The generator plants known effects (seeds/README.md). These tests take only WHICH codes are planted
 * from PLANTED and check each property with SQL on 20k generated customers, as an analyst would.
 */
const END = '2026-11-15';
// GENERATOR_TEST_SEED=n checks the planted effects on another seed (they must hold for any seed).
const SIZE = { customers: 20_000, responses: 200_000, months: 24, seed: Number(process.env.GENERATOR_TEST_SEED ?? 42), endDate: END };

let store: Store;
beforeAll(async () => {
  store = await openStore(':memory:');
  await generate(store, SIZE);
});
afterAll(async () => store?.close());

const nps = (where = 'TRUE') =>
  `100 * (avg((ltr >= 9)::INTEGER) FILTER (WHERE ${where}) - avg((ltr <= 6)::INTEGER) FILTER (WHERE ${where}))`;
const group = `CASE WHEN ltr >= 9 THEN 'promoter' WHEN ltr >= 7 THEN 'passive' ELSE 'detractor' END`;

async function one<T extends Record<string, number | string | null>>(sql: string): Promise<T> {
  const [row] = await store.all<T>(sql);
  if (!row) throw new Error(`No row from ${sql}`);
  return row;
}

/** Order-independent fingerprint of every fact table: row count and the sum of row hashes. */
async function fingerprint(s: Store): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of FACT_TABLES) {
    const [row] = await s.all<{ n: number; h: string }>(`SELECT count(*)::INTEGER AS n, sum(hash(t)::HUGEINT)::VARCHAR AS h FROM ${table} t`);
    result[table] = `${row?.n}:${row?.h}`;
  }
  return result;
}

async function generated(seed: number): Promise<Record<string, string>> {
  const s = await openStore(':memory:');
  try {
    await generate(s, { customers: 3_000, responses: 30_000, months: 24, seed, endDate: END });
    return await fingerprint(s);
  } finally {
    await s.close();
  }
}

describe('determinism', () => {
  it('gives identical tables for the same seed and different tables for another seed', async () => {
    const [a, b, c] = [await generated(7), await generated(7), await generated(8)];
    expect(b).toEqual(a);
    for (const table of ['customers', 'responses', 'profitability', 'unit_metrics', 'touchpoint_kpis']) expect(c[table], table).not.toBe(a[table]);
  });
});

describe('shape of the data', () => {
  it('writes exactly the requested customers and responses, 20% of them relationship surveys, inside the window', async () => {
    const row = await one<{ customers: number; responses: number; rel: number; first: string; last: string; orphans: number }>(`
      SELECT (SELECT count(*) FROM customers)::INTEGER AS customers, count(*)::INTEGER AS responses,
        count(*) FILTER (WHERE touchpoint_code IS NULL)::INTEGER AS rel,
        min(responded_at)::DATE::VARCHAR AS first, max(responded_at)::DATE::VARCHAR AS last,
        (SELECT count(*) FROM responses r WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.customer_id = r.customer_id))::INTEGER AS orphans
      FROM responses`);
    expect(row).toEqual({ customers: 20_000, responses: 200_000, rel: 40_000, first: '2024-12-01', last: END, orphans: 0 });
    expect(await store.getMeta()).toMatchObject({ data_start: '2024-12-01', data_end: END, data_version: '1' });
    // Answers fall between 07:00 and 22:00 of their day (so data ending yesterday, the default, is all in the past).
    const hours = await one<{ earliest: string; latest: string }>(`SELECT min(responded_at::TIME)::VARCHAR AS earliest, max(responded_at::TIME)::VARCHAR AS latest FROM responses`);
    expect(hours.earliest >= '07:00:00' && hours.latest < '22:00:00', JSON.stringify(hours)).toBe(true);
  });

  it('writes profitability only for months a customer is active, and unit metrics per unit and quarter', async () => {
    const row = await one<{ outside: number; units: number; quarters: number; kpis: number }>(`
      SELECT
        (SELECT count(*) FROM profitability p JOIN customers c USING (customer_id)
          WHERE p.month < date_trunc('month', c.acquired_at) OR p.month > date_trunc('month', coalesce(c.churned_at, DATE '${END}')))::INTEGER AS outside,
        (SELECT count(DISTINCT unit_code) FROM unit_metrics)::INTEGER AS units,
        (SELECT count(DISTINCT period) FROM unit_metrics)::INTEGER AS quarters,
        (SELECT count(DISTINCT kpi) FROM touchpoint_kpis)::INTEGER AS kpis`);
    expect(row).toEqual({ outside: 0, units: 10, quarters: 9, kpis: 7 });
  });

  it('lets customers meet touchpoints in journey order: before purchase, then onboarding, leaving after the rest', async () => {
    const row = await one<{ in_order: number; leaving_late: number }>(`
      WITH r AS (
        SELECT r.customer_id, p.position AS phase, r.responded_at
        FROM responses r JOIN dim_touchpoints t ON t.code = r.touchpoint_code JOIN dim_phases p ON p.phase_id = t.phase_id
      ), per AS (
        SELECT customer_id,
          max(responded_at) FILTER (WHERE phase = 0) AS aware_last, min(responded_at) FILTER (WHERE phase = 2) AS onboard_first,
          min(responded_at) FILTER (WHERE phase = 6) AS leave_first, median(responded_at) FILTER (WHERE phase IN (3, 4, 5)) AS use_mid
        FROM r GROUP BY customer_id
      )
      SELECT avg((aware_last < onboard_first)::INTEGER) FILTER (WHERE aware_last IS NOT NULL AND onboard_first IS NOT NULL) AS in_order,
        avg((leave_first > use_mid)::INTEGER) FILTER (WHERE leave_first IS NOT NULL AND use_mid IS NOT NULL) AS leaving_late
      FROM per`);
    expect(row.in_order).toBeGreaterThan(0.99);
    expect(row.leaving_late).toBeGreaterThan(0.8);
  });

  it('fills the journey dimension from the demo company when it is empty, and leaves it alone when asked', async () => {
    const row = await one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM dim_touchpoints WHERE code IS NOT NULL`);
    expect(row.n).toBe(47);
    const other = await openStore(':memory:');
    await generate(other, { ...SIZE, customers: 500, responses: 1000, dimensions: 'never' });
    expect(await other.all(`SELECT count(*)::INTEGER AS n FROM dim_touchpoints`)).toEqual([{ n: 0 }]);
    expect(await other.all(`SELECT count(*)::INTEGER AS n FROM dim_units`)).toEqual([{ n: 10 }]);
    await other.close();
  });

  it('keeps the constraints after the bulk load: bad rows are rejected', async () => {
    await expect(store.run(`INSERT INTO responses (response_id, customer_id, responded_at, ltr) VALUES ('X1', 'C0000001', now()::TIMESTAMP, 11)`)).rejects.toThrow(/CHECK/);
    // responses' ids are unique but unindexed (analytics/schema.ts): the generated ones are unique.
    expect(await store.all(`SELECT count(*) - count(DISTINCT response_id) AS n FROM responses`)).toEqual([{ n: '0' }]);
    await expect(store.run(`INSERT INTO customers VALUES ('C0000001', 'X', NULL, DATE '2025-01-01', NULL, 1)`)).rejects.toThrow(/Duplicate key/);
  });
});

describe('planted effects', () => {
  it('personas differ in size, margin, churn and channel use', async () => {
    const rows = await store.all<{ persona: string; share: number; margin: number; churn: number; digital: number }>(`
      WITH m AS (SELECT customer_id, avg(revenue - cost) AS margin FROM profitability GROUP BY 1),
      d AS (SELECT r.customer_id, avg((t.channel IN ('APP', 'WEB', 'CHAT', 'SOCIAL', 'LANDING_PAGE'))::INTEGER) AS digital
            FROM responses r JOIN dim_touchpoints t ON t.code = r.touchpoint_code GROUP BY 1)
      SELECT c.persona_code AS persona, count(*) / 20000 AS share, avg(m.margin) AS margin,
        avg((c.churned_at IS NOT NULL)::INTEGER) AS churn, avg(d.digital) AS digital
      FROM customers c JOIN m USING (customer_id) LEFT JOIN d USING (customer_id) GROUP BY 1`);
    expect(rows).toHaveLength(4);
    const spread = (k: 'share' | 'margin' | 'churn' | 'digital') => Math.max(...rows.map((r) => r[k])) / Math.min(...rows.map((r) => r[k]));
    expect(spread('share')).toBeGreaterThan(2);
    expect(spread('margin')).toBeGreaterThan(3);
    expect(spread('churn')).toBeGreaterThan(2);
    expect(spread('digital')).toBeGreaterThan(2);
  });

  it('one persona has a clearly worse experience in one phase than its other phases would predict', async () => {
    const rows = await store.all<{ persona: string; phase: string; gap: number }>(`
      WITH cell AS (
        SELECT c.persona_code AS persona, p.name AS phase, avg(r.satisfaction) AS sat
        FROM responses r JOIN customers c USING (customer_id) JOIN dim_touchpoints t ON t.code = r.touchpoint_code
        JOIN dim_phases p ON p.phase_id = t.phase_id GROUP BY 1, 2
      )
      SELECT persona, phase,
        sat - avg(sat) OVER (PARTITION BY phase) - (avg(sat) OVER (PARTITION BY persona) - avg(sat) OVER ()) AS gap
      FROM cell ORDER BY gap LIMIT 2`);
    expect(rows[0]).toMatchObject({ persona: PLANTED.worsePhase.persona, phase: PLANTED.worsePhase.phase });
    expect(rows[0]!.gap).toBeLessThan(-0.4);
    expect(rows[1]!.gap).toBeGreaterThan(rows[0]!.gap / 2);
  });

  it('three touchpoints correlate with relationship likelihood-to-recommend far more than the others', async () => {
    const rows = await store.all<{ code: string; r: number; n: number }>(`
      WITH rel AS (SELECT customer_id, avg(ltr) AS ltr FROM responses WHERE touchpoint_code IS NULL GROUP BY 1),
      tp AS (SELECT customer_id, touchpoint_code, avg(satisfaction) AS sat FROM responses WHERE touchpoint_code IS NOT NULL GROUP BY 1, 2)
      SELECT touchpoint_code AS code, corr(sat, ltr) AS r, count(*)::INTEGER AS n
      FROM tp JOIN rel USING (customer_id) GROUP BY 1 HAVING count(*) >= 200 ORDER BY r DESC`);
    expect(rows.slice(0, 3).map((r) => r.code).sort()).toEqual([...PLANTED.topDrivers].sort());
    expect(rows[2]!.r - rows[3]!.r).toBeGreaterThan(0.05);
  });

  it('touchpoints of the same phase are correlated (a shared factor per phase)', async () => {
    const row = await one<{ same: number; other: number }>(`
      WITH s AS (
        SELECT r.customer_id, p.position AS phase, r.touchpoint_code AS code, avg(r.satisfaction) AS sat
        FROM responses r JOIN dim_touchpoints t ON t.code = r.touchpoint_code JOIN dim_phases p ON p.phase_id = t.phase_id
        WHERE p.position = 3 OR r.touchpoint_code = 'TP_RENEWAL_NOTICE' GROUP BY 1, 2, 3
      )
      SELECT corr(a.sat, b.sat) FILTER (WHERE b.phase = 3) AS same, corr(a.sat, b.sat) FILTER (WHERE b.phase = 5) AS other
      FROM s a JOIN s b ON a.customer_id = b.customer_id AND a.code = 'TP_WEB_MY_PAGE' AND b.code IN ('TP_ANNUAL_STATEMENT', 'TP_RENEWAL_NOTICE')`);
    expect(row.same).toBeGreaterThan(row.other + 0.1);
  });

  it('detractors churn more than passives, passives more than promoters; margins run the other way', async () => {
    const rows = await store.all<{ grp: string; churn12: number; margin: number }>(`
      WITH last AS (
        SELECT customer_id, arg_max(ltr, responded_at) AS ltr, max(responded_at)::DATE AS answered
        FROM responses WHERE touchpoint_code IS NULL GROUP BY 1
      ), m AS (SELECT customer_id, avg(revenue - cost) AS margin FROM profitability GROUP BY 1)
      SELECT ${group} AS grp,
        avg((c.churned_at IS NOT NULL AND c.churned_at <= l.answered + 365)::INTEGER) AS churn12, avg(m.margin) AS margin
      FROM last l JOIN customers c USING (customer_id) JOIN m USING (customer_id) GROUP BY 1`);
    const by = Object.fromEntries(rows.map((r) => [r.grp, r]));
    expect(by.detractor!.churn12).toBeGreaterThan(by.passive!.churn12);
    expect(by.passive!.churn12).toBeGreaterThan(by.promoter!.churn12);
    expect(by.detractor!.margin).toBeLessThan(by.passive!.margin);
    expect(by.passive!.margin).toBeLessThan(by.promoter!.margin);
  });

  it('emotional factors drive touchpoint satisfaction in the planted order of weights', async () => {
    const row = await one<Record<string, number>>(`
      SELECT corr(satisfaction, professional) AS professional, corr(satisfaction, sympathetic) AS sympathetic,
        corr(satisfaction, trustworthy) AS trustworthy, corr(satisfaction, atmosphere) AS atmosphere
      FROM responses WHERE trustworthy IS NOT NULL`);
    const planted = Object.entries(PLANTED.emotionalWeights).sort((a, b) => b[1] - a[1]).map(([k]) => k);
    const measured = Object.entries(row).sort((a, b) => b[1] - a[1]).map(([k]) => k);
    expect(measured).toEqual(planted);
  });

  it('units with better management and employee satisfaction have higher NPS and margin', async () => {
    const row = await one<{ mq_nps: number; es_nps: number; mq_margin: number }>(`
      WITH um AS (SELECT unit_code, avg(management_quality) AS mq, avg(employee_satisfaction) AS es FROM unit_metrics GROUP BY 1),
      un AS (SELECT c.unit_code, ${nps()} AS nps FROM responses r JOIN customers c USING (customer_id) WHERE touchpoint_code IS NULL GROUP BY 1),
      mg AS (SELECT c.unit_code, avg(p.revenue - p.cost) AS margin FROM profitability p JOIN customers c USING (customer_id) GROUP BY 1)
      SELECT corr(mq, nps) AS mq_nps, corr(es, nps) AS es_nps, corr(mq, margin) AS mq_margin FROM um JOIN un USING (unit_code) JOIN mg USING (unit_code)`);
    expect(row.mq_nps).toBeGreaterThan(0.5);
    expect(row.es_nps).toBeGreaterThan(0.5);
    expect(row.mq_margin).toBeGreaterThan(0.5);
  });

  it('one touchpoint drops significantly in the last 4 weeks; the others stay within noise', async () => {
    const rows = await store.all<{ code: string; z: number; n: number }>(`
      WITH b AS (
        SELECT touchpoint_code AS code, responded_at > TIMESTAMP '${END}' - INTERVAL ${PLANTED.drop.days} DAY AS recent,
          count(*) AS n, avg((ltr >= 9)::INTEGER) AS pp, avg((ltr <= 6)::INTEGER) AS pd
        FROM responses WHERE touchpoint_code IS NOT NULL AND responded_at > TIMESTAMP '${END}' - INTERVAL ${PLANTED.drop.days + 182} DAY
        GROUP BY 1, 2
      ), s AS (SELECT *, 100 * (pp - pd) AS nps, 100 * sqrt((pp + pd - (pp - pd) ^ 2) / n) AS se FROM b)
      SELECT r.code, (r.nps - o.nps) / sqrt(r.se ^ 2 + o.se ^ 2) AS z, r.n::INTEGER AS n
      FROM s r JOIN s o ON o.code = r.code AND NOT o.recent WHERE r.recent AND r.n >= 30 ORDER BY z`);
    expect(rows[0]!.code).toBe(PLANTED.drop.touchpoint);
    expect(rows[0]!.z).toBeLessThan(-5);
    // Stable touchpoints: 46 tests at once, so one may reach -3 by chance; none comes near the planted drop.
    expect(rows.slice(1).every((r) => r.z > -4)).toBe(true);
  });

  it('relationship NPS improves over the months, from around -40 to around -10', async () => {
    const row = await one<{ first: number; last: number; n_first: number; n_last: number }>(`
      SELECT ${nps(`responded_at < DATE '2025-03-01'`)} AS first, ${nps(`responded_at >= DATE '2026-08-16'`)} AS last,
        count(*) FILTER (WHERE responded_at < DATE '2025-03-01')::INTEGER AS n_first,
        count(*) FILTER (WHERE responded_at >= DATE '2026-08-16')::INTEGER AS n_last
      FROM responses WHERE touchpoint_code IS NULL`);
    expect(row.first).toBeGreaterThan(-50);
    expect(row.first).toBeLessThan(-30);
    expect(row.last).toBeGreaterThan(-20);
    expect(row.last).toBeLessThan(0);
  });

  it('churn falls over time: monthly churn rate of the active base in the first half year above the last', async () => {
    const row = await one<{ early: number; late: number }>(`
      WITH months AS (SELECT (DATE '2024-12-01' + to_months(m::INTEGER))::DATE AS month FROM range(23) r(m)),
      rate AS (
        SELECT month,
          count(*) FILTER (WHERE c.churned_at >= month AND c.churned_at < month + INTERVAL 1 MONTH)
            / count(*) FILTER (WHERE c.acquired_at < month AND (c.churned_at IS NULL OR c.churned_at >= month)) AS r
        FROM months, customers c GROUP BY month
      )
      SELECT avg(r) FILTER (WHERE month < DATE '2025-06-01') AS early, avg(r) FILTER (WHERE month >= DATE '2026-05-01') AS late FROM rate`);
    expect(row.early).toBeGreaterThan(row.late * 1.1);
  });

  it('comments come on a share of responses, most often from detractors, and vary', async () => {
    const rows = await store.all<{ grp: string; share: number; kinds: number }>(`
      SELECT ${group} AS grp, avg((comment IS NOT NULL)::INTEGER) AS share, count(DISTINCT comment)::INTEGER AS kinds FROM responses GROUP BY 1`);
    const by = Object.fromEntries(rows.map((r) => [r.grp, r]));
    expect(by.detractor!.share).toBeGreaterThan(by.promoter!.share);
    expect(by.detractor!.share).toBeGreaterThan(by.passive!.share);
    expect(by.detractor!.share).toBeLessThan(0.6);
    expect(by.detractor!.kinds).toBeGreaterThan(100);
  });
});
