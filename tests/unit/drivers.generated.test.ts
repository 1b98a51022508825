import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDrivers } from '../../analytics/queries/drivers/getDrivers.js';
import { getEmotionalDrivers } from '../../analytics/queries/emotions/getEmotionalDrivers.js';
import { getMetrics } from '../../analytics/queries/metrics/getMetrics.js';
import { getPersonaGaps } from '../../analytics/queries/priorities/getPersonaGaps.js';
import { getPriorities } from '../../analytics/queries/priorities/getPriorities.js';
import { openStore, type Store } from '../../analytics/store.js';
import { generate, PLANTED } from '../../seeds/generate/index.js';

/**
 * The analytics must find what the generator plants (seeds/generate/planted.ts names WHICH touchpoints and
 * personas; the checks below look only at the data).
 */
let store: Store;
beforeAll(async () => {
  store = await openStore(':memory:');
  await generate(store, { customers: 20_000, responses: 200_000, months: 24, seed: 7, endDate: '2026-06-30', dimensions: 'always' });
}, 120_000);
afterAll(async () => store?.close());

const planted: readonly string[] = PLANTED.topDrivers;

describe('driver analysis on generated data', () => {
  it('ranks the three planted drivers of relationship LTR top 3 by relative weight', async () => {
    const result = await getDrivers(store, {});
    expect(result.drivers.slice(0, 3).map((d) => d.touchpointCode).sort()).toEqual([...planted].sort());
    expect(result.drivers.length).toBeGreaterThan(20);
    expect(result.rSquared!).toBeGreaterThan(0);
    for (const d of result.drivers) expect(d.n).toBeGreaterThanOrEqual(result.minN);
  });

  it('does not let correlated touchpoints of the same phase take the planted drivers\' weight', async () => {
    const result = await getDrivers(store, {});
    const phaseOf = new Map(
      (await store.all<{ code: string; phase: string }>('SELECT code, phase_id AS phase FROM dim_touchpoints WHERE code IS NOT NULL')).map((r) => [r.code, r.phase]),
    );
    const [decision] = await store.all<{ r: number; n: number }>(
      // Per-customer mean satisfaction at claim handling and at the claim decision letter (same phase): correlated.
      `WITH m AS (SELECT customer_id, touchpoint_code AS tp, avg(satisfaction) AS x FROM responses
                  WHERE touchpoint_code IN ('TP_CLAIM_HANDLING', 'TP_CLAIM_DECISION') GROUP BY ALL)
       SELECT corr(a.x, b.x) AS r, count(*)::INTEGER AS n FROM m a JOIN m b ON a.customer_id = b.customer_id
       WHERE a.tp = 'TP_CLAIM_HANDLING' AND b.tp = 'TP_CLAIM_DECISION'`,
    );
    expect(decision!.r).toBeGreaterThan(0.2);
    for (const code of planted) {
      const driver = result.drivers.find((d) => d.touchpointCode === code)!;
      const samePhase = result.drivers.filter((d) => d.touchpointCode !== code && phaseOf.get(d.touchpointCode) === phaseOf.get(code));
      expect(samePhase.length).toBeGreaterThan(0);
      for (const other of samePhase) expect(driver.rawWeight).toBeGreaterThan(2 * other.rawWeight);
    }
    // The decision letter correlates clearly with LTR by itself, yet gets a small share of R².
    const letter = result.drivers.find((d) => d.touchpointCode === 'TP_CLAIM_DECISION')!;
    const handling = result.drivers.find((d) => d.touchpointCode === 'TP_CLAIM_HANDLING')!;
    expect(letter.correlation).toBeGreaterThan(0.25);
    expect(letter.share!).toBeLessThan(handling.share! / 3);
  });

  it('finds the same top drivers per persona', async () => {
    for (const persona of ['YOUNG_FAMILY', 'SENIOR_SAVER']) {
      const result = await getDrivers(store, { personaCodes: [persona] });
      expect(result.drivers.slice(0, 3).map((d) => d.touchpointCode).sort()).toEqual([...planted].sort());
    }
  });

  it('measures 12-month retention only for customers whose 12 months are over by the end of the data', async () => {
    const result = await getDrivers(store, {}, { outcome: 'RETENTION_12M' });
    expect(result.observedUntil).toBe('2026-06-30');
    expect(result.censoredCustomers).toBeGreaterThan(result.customers);
    expect(result.customers).toBeGreaterThan(1000);
    expect(result.drivers.length).toBeGreaterThan(0);
  });
});

describe('persona gaps on generated data', () => {
  it('finds the planted persona\'s worse phase as the top, significant phase gap', async () => {
    const { phases, touchpoints } = await getPersonaGaps(store, {});
    const [top] = phases;
    expect(top).toMatchObject({ phaseName: PLANTED.worsePhase.phase, lowPersona: PLANTED.worsePhase.persona, rank: 1 });
    expect(top!.test.significant).toBe(true);
    expect(top!.test.z!).toBeGreaterThan(10);
    expect(top!.test.difference!).toBeGreaterThan(phases[1]!.test.difference! + 10);
    // The touchpoints of that phase carry the largest touchpoint gaps too.
    expect(touchpoints[0]).toMatchObject({ phaseName: PLANTED.worsePhase.phase, lowPersona: PLANTED.worsePhase.persona });
    // The persona NPS values are the metrics' NPS of that phase and persona.
    const low = top!.personas.find((p) => p.personaCode === top!.lowPersona)!;
    const [metrics] = await getMetrics(store, { personaCodes: [top!.lowPersona], phaseId: top!.phaseId });
    expect(low.nps).toEqual(metrics!.nps);
  });
});

describe('emotional drivers on generated data', () => {
  const ORDER = ['trustworthy', 'professional', 'sympathetic', 'atmosphere'];
  const byRank = (factors: { factor: string; rank: number | null }[]) => [...factors].sort((a, b) => a.rank! - b.rank!).map((f) => f.factor);

  it('ranks the factors in the planted order, over all touchpoints and at the busiest one', async () => {
    const result = await getEmotionalDrivers(store, {});
    expect(byRank(result.pooled.factors)).toEqual(ORDER);
    const busiest = [...result.touchpoints].sort((a, b) => b.n - a.n)[0]!;
    expect(busiest.n).toBeGreaterThan(5000);
    expect(byRank(busiest.factors)).toEqual(ORDER);
    // Factors are asked at human touchpoints only: every listed touchpoint has complete answers.
    for (const set of result.touchpoints) expect(set.n).toBeGreaterThan(0);
  });
});

describe('prioritisation on generated data', () => {
  it('rates the planted drivers important, and ranks by value at stake with every term present', async () => {
    const result = await getPriorities(store, {});
    for (const code of planted) expect(result.touchpoints.find((t) => t.touchpointCode === code)!.important).toBe(true);
    const ranked = result.touchpoints.filter((t) => t.valueRank !== null);
    expect(ranked.length).toBeGreaterThan(20);
    for (const t of ranked) {
      expect(t.valueAtStake).toBeCloseTo(t.importance! * (t.gapNps! / 100) * t.customersReached * t.annualMarginPerCustomer!, 6);
    }
    expect(ranked.map((t) => t.valueAtStake!)).toEqual([...ranked.map((t) => t.valueAtStake!)].sort((a, b) => b - a));
    // NPS, CSAT and reach are the metrics' numbers for the same touchpoint.
    const phone = result.touchpoints.find((t) => t.touchpointCode === 'TP_PHONE_SERVICE')!;
    const [metrics] = await getMetrics(store, { touchpointCodes: ['TP_PHONE_SERVICE'] });
    expect(phone.nps).toEqual(metrics!.nps);
    expect(phone.csat.mean).toBeCloseTo(metrics!.csat.mean!, 12);
    expect(phone.customersReached).toBe(metrics!.customers);
    // The same cut's drivers come from the same sums.
    const drivers = await getDrivers(store, {});
    expect(result.drivers.rSquared).toBe(drivers.rSquared);
  });
});
