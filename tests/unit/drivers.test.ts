import { afterEach, describe, expect, it } from 'vitest';
import { getDrivers } from '../../analytics/queries/drivers/getDrivers.js';
import { AnalyticsInputError } from '../../analytics/queries/errors.js';
import type { Store } from '../../analytics/store.js';
import { makeAnalyticsFixture, type FixtureCustomer, type FixtureResponse } from '../support/analyticsFixture.js';

let store: Store | undefined;
afterEach(async () => store?.close());

/** Pearson r written out, independent of analytics/stats: Σ(dx·dy) / sqrt(Σdx² · Σdy²). */
function pearson(xs: number[], ys: number[]): number {
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my);
    sxx += (x - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

const customers = (ids: string[], extra: Partial<FixtureCustomer> = {}): FixtureCustomer[] => ids.map((id) => ({ id, ...extra }));
/** Touchpoint answers: [customer, satisfaction] pairs at one touchpoint (LTR 7 unless given). */
const at = (touchpoint: string, answers: [string, number | null, number?][], when = '2025-03-01 12:00:00'): FixtureResponse[] =>
  answers.map(([customer, satisfaction, ltr]) => ({ customer, touchpoint, satisfaction, ltr: ltr ?? 7, at: when }));
/** Relationship answers: [customer, LTR]. */
const relationship = (answers: [string, number][], when = '2025-04-01 12:00:00'): FixtureResponse[] =>
  answers.map(([customer, ltr]) => ({ customer, touchpoint: null, ltr, at: when }));

describe('getDrivers on a hand-made store', () => {
  it('reproduces the hand-computed Pearson r of customer satisfaction and their latest relationship LTR', async () => {
    store = await makeAnalyticsFixture(
      [...customers(['c1', 'c2', 'c3', 'c4', 'c5']), { id: 'c7', persona: 'P2' }],
      [
        // c2 answered twice (1 and 3): one value per customer, the mean 2. c3's answer has no satisfaction:
        // LTR 5 rescaled to 1 + 0.4 × 5 = 3.
        ...at('TP_A', [['c1', 1], ['c2', 1], ['c2', 3], ['c3', null, 5], ['c4', 4], ['c5', 5], ['c7', 5]]),
        // c1's earlier relationship answer (10) is superseded by the later one (2).
        ...relationship([['c1', 10]], '2025-01-01 12:00:00'),
        ...relationship([['c1', 2], ['c2', 4], ['c3', 5], ['c4', 4], ['c5', 5], ['c7', 0]]),
      ],
    );
    // x = 1..5, y = 2, 4, 5, 4, 5: means 3 and 4, Σdxdy = 4 + 0 + 0 + 0 + 2 = 6, Σdx² = 10, Σdy² = 6, r = 6 / √60.
    const r = 6 / Math.sqrt(60);
    const result = await getDrivers(store, { personaCodes: ['P1'] }, { minN: 4 });
    expect(result.drivers).toHaveLength(1);
    const [a] = result.drivers;
    expect(a).toMatchObject({ touchpointCode: 'TP_A', touchpointName: 'Web quote', n: 5, rank: 1, share: 1 });
    expect(a!.correlation).toBeCloseTo(r, 12);
    // One predictor: its raw weight is r², all of R²; β = r.
    expect(a!.rawWeight).toBeCloseTo(0.6, 12);
    expect(result.rSquared).toBeCloseTo(0.6, 12);
    expect(a!.beta).toBeCloseTo(r, 12);
    // Fisher z: tanh(atanh(r) ± 1.96 / √(n − 3)).
    expect(a!.correlationInterval!.low).toBeCloseTo(Math.tanh(Math.atanh(r) - 1.96 / Math.sqrt(2)), 5);
    expect(a!.correlationInterval!.high).toBeCloseTo(Math.tanh(Math.atanh(r) + 1.96 / Math.sqrt(2)), 5);
    expect(result).toMatchObject({ outcome: 'LTR', customers: 5, censoredCustomers: 0, observedUntil: null, minN: 4, repaired: false });

    // Without the persona filter c7 (P2) counts on both sides.
    const all = await getDrivers(store, {}, { minN: 4 });
    expect(all.drivers[0]!.n).toBe(6);
    expect(all.drivers[0]!.correlation).toBeCloseTo(pearson([1, 2, 3, 4, 5, 5], [2, 4, 5, 4, 5, 0]), 12);
  });

  describe('customers who did not pass every touchpoint', () => {
    // TP_A: c1-c6, TP_B: c3-c7 (so A and B together: c3-c6, 4 customers), TP_C: c1-c5 all rated 3. Outcome: c1-c8.
    const A: [string, number][] = [['c1', 1], ['c2', 2], ['c3', 3], ['c4', 4], ['c5', 5], ['c6', 2]];
    const B: [string, number][] = [['c3', 2], ['c4', 5], ['c5', 4], ['c6', 1], ['c7', 3]];
    const Y: [string, number][] = [['c1', 3], ['c2', 4], ['c3', 6], ['c4', 9], ['c5', 10], ['c6', 2], ['c7', 7], ['c8', 5]];
    const y = new Map(Y);
    const fixture = () =>
      makeAnalyticsFixture(customers(Y.map(([c]) => c)), [
        ...at('TP_A', A),
        ...at('TP_B', B),
        ...at('TP_C', A.slice(0, 5).map(([c]) => [c, 3])),
        ...relationship(Y),
      ]);

    it('correlates each pair over the customers who have both (pairwise-complete)', async () => {
      store = await fixture();
      const result = await getDrivers(store, {}, { minN: 4 });
      const rA = pearson(A.map(([, x]) => x), A.map(([c]) => y.get(c)!));
      const rB = pearson(B.map(([, x]) => x), B.map(([c]) => y.get(c)!));
      // A and B together: c3-c6 only.
      const rAB = pearson([3, 4, 5, 2], [2, 5, 4, 1]);
      const byCode = new Map(result.drivers.map((d) => [d.touchpointCode, d]));
      expect(byCode.get('TP_A')).toMatchObject({ n: 6 });
      expect(byCode.get('TP_B')).toMatchObject({ n: 5 });
      expect(byCode.get('TP_A')!.correlation).toBeCloseTo(rA, 12);
      expect(byCode.get('TP_B')!.correlation).toBeCloseTo(rB, 12);
      // Two predictors: R² = (rA² + rB² − 2·rA·rB·rAB) / (1 − rAB²), which needs rAB from the 4 shared customers.
      expect(result.rSquared).toBeCloseTo((rA ** 2 + rB ** 2 - 2 * rA * rB * rAB) / (1 - rAB ** 2), 10);
      expect(result.minPairN).toBe(4);
      expect(result.customers).toBe(7);
      // TP_C does not vary: no correlation, listed rather than dropped silently.
      expect(result.excluded).toEqual([
        expect.objectContaining({ touchpointCode: 'TP_C', n: 5, reason: 'NO_VARIANCE' }),
      ]);
    });

    it('drops the touchpoint with fewer customers when a pair rests on fewer than minN, and says so', async () => {
      store = await fixture();
      const result = await getDrivers(store, {}, { minN: 5 });
      expect(result.drivers.map((d) => d.touchpointCode)).toEqual(['TP_A']);
      expect(result.excluded.map((e) => [e.touchpointCode, e.reason, e.n])).toEqual([
        ['TP_C', 'NO_VARIANCE', 5],
        ['TP_B', 'LOW_PAIR_N', 5],
      ]);
      expect(result.excluded.find((e) => e.touchpointCode === 'TP_B')!.detail).toContain('Web quote (n 4)'); // the name people know TP_A by, not its code
      // Alone, TP_A is all of R².
      expect(result.drivers[0]!.share).toBe(1);
    });

    it('lists touchpoints with fewer than minN customers as LOW_N', async () => {
      store = await fixture();
      const result = await getDrivers(store, {}, { minN: 6 });
      expect(result.drivers.map((d) => d.touchpointCode)).toEqual(['TP_A']);
      expect(result.excluded.map((e) => [e.touchpointCode, e.reason, e.n])).toEqual([
        ['TP_B', 'LOW_N', 5],
        ['TP_C', 'LOW_N', 5],
      ]);
    });
  });

  it('measures 12-month retention after the last answer and leaves out customers whose 12 months are not over', async () => {
    store = await makeAnalyticsFixture(
      [
        { id: 'c1' },
        { id: 'c2', churned: '2024-12-01' }, // within 12 months of 2024-03-01: lost
        { id: 'c3', churned: '2025-06-01' }, // after 2025-03-01: retained
        { id: 'c4', churned: '2025-04-01' }, // last answer 2024-05-01, so lost within 12 months
        { id: 'c5' }, // answered 2025-09-01: 12 months end after 2026-06-30, censored
        { id: 'c6' },
      ],
      [
        ...at('TP_A', [['c1', 5], ['c2', 1], ['c3', 4], ['c4', 2]], '2024-03-01 10:00:00'),
        ...at('TP_A', [['c4', 2]], '2024-05-01 10:00:00'),
        ...at('TP_A', [['c5', 1]], '2025-09-01 10:00:00'),
        ...at('TP_A', [['c6', 4]], '2024-04-01 10:00:00'),
      ],
    );
    const result = await getDrivers(store, {}, { outcome: 'RETENTION_12M', minN: 4, observedUntil: '2026-06-30' });
    expect(result).toMatchObject({ outcome: 'RETENTION_12M', customers: 5, censoredCustomers: 1, observedUntil: '2026-06-30' });
    expect(result.outcomeDefinition).toContain('Right-censored');
    expect(result.drivers[0]!.n).toBe(5);
    // c1, c2, c3, c4, c6: x = 5, 1, 4, 2, 4 and retained = 1, 0, 1, 0, 1.
    expect(result.drivers[0]!.correlation).toBeCloseTo(pearson([5, 1, 4, 2, 4], [1, 0, 1, 0, 1]), 12);
    // Without observedUntil (and no store_meta.data_end), the data end at the last answer, 2025-09-01.
    const byData = await getDrivers(store, {}, { outcome: 'RETENTION_12M', minN: 4 });
    expect(byData.observedUntil).toBe('2025-09-01');
    expect(byData.censoredCustomers).toBe(1);
  });

  it('remembers the sums of a cut only while the data stay the same', async () => {
    store = await makeAnalyticsFixture(customers(['c1', 'c2', 'c3', 'c4', 'c5']), [
      ...at('TP_A', [['c1', 1], ['c2', 2], ['c3', 3], ['c4', 4]]),
      ...relationship([['c1', 2], ['c2', 4], ['c3', 5], ['c4', 4], ['c5', 9]]),
    ]);
    const first = await getDrivers(store, {}, { minN: 4 });
    expect(await getDrivers(store, {}, { minN: 4 })).toEqual(first);
    await store.run(`INSERT INTO responses (response_id, customer_id, touchpoint_code, responded_at, ltr, satisfaction)
                     VALUES ('late', 'c5', 'TP_A', TIMESTAMP '2025-03-01 12:00:00', 7, 5)`);
    const second = await getDrivers(store, {}, { minN: 4 });
    expect(second.drivers[0]!.n).toBe(5);
    expect(second.drivers[0]!.correlation).toBeCloseTo(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 9]), 12);
  });

  it('refuses bad options, naming the field and the allowed values', async () => {
    store = await makeAnalyticsFixture([{ id: 'c1' }], []);
    const refused = async (promise: Promise<unknown>) => {
      const error = await promise.then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(AnalyticsInputError);
      return error as AnalyticsInputError;
    };
    // @ts-expect-error an outcome GraphQL would not let through
    expect((await refused(getDrivers(store, {}, { outcome: 'NPS' }))).message).toBe('outcome: unknown "NPS"; allowed: LTR, RETENTION_12M');
    expect((await refused(getDrivers(store, {}, { minN: 2 }))).field).toBe('minN');
    expect((await refused(getDrivers(store, { survey: 'RELATIONSHIP' }))).field).toBe('survey');
    expect((await refused(getDrivers(store, { personaCodes: ['NOPE'] }))).message).toBe('personaCodes: unknown "NOPE"; allowed: P1, P2');
  });
});
