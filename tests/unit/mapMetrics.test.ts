import { afterEach, describe, expect, it } from 'vitest';
import { getMapMetrics, type MapMetricsRow } from '../../analytics/queries/metrics/getMapMetrics.js';
import type { Store } from '../../analytics/store.js';
import { makeAnalyticsFixture, type FixtureResponse } from '../support/analyticsFixture.js';

let store: Store | undefined;
afterEach(async () => store?.close());

const answers = (count: number, ltr: number | null, touchpoint: string, customer = 'c1', extra: Partial<FixtureResponse> = {}): FixtureResponse[] =>
  Array.from({ length: count }, () => ({ customer, touchpoint, ltr, ...extra }));

/**
 * The fixture's as-is journey j1 (ph1: TP_A, TP_B; ph2: TP_C) plus a to-be journey j2 that improves it:
 * q1 holds a copy of TP_A without a code (based on t1), a new touchpoint TP_D and one that is neither coded
 * nor based on anything; q2 holds copies of TP_C and of TP_A again (so TP_A sits in both to-be phases).
 */
async function mapFixture(): Promise<Store> {
  const s = await makeAnalyticsFixture(
    [{ id: 'c1', persona: 'P1' }, { id: 'c2', persona: 'P2' }],
    [
      // TP_A: 6 promoters, 2 passives, 2 detractors (persona P1).
      ...answers(6, 10, 'TP_A'), ...answers(2, 7, 'TP_A'), ...answers(2, 3, 'TP_A'),
      // TP_B: 3 promoters, 1 passive, 6 detractors (persona P2).
      ...answers(3, 9, 'TP_B', 'c2'), ...answers(1, 8, 'TP_B', 'c2'), ...answers(6, 0, 'TP_B', 'c2'),
      // TP_C: satisfaction only (an attribute-rating survey): 5, 4, 4, 2.
      ...[5, 4, 4, 2].flatMap((satisfaction) => answers(1, null, 'TP_C', 'c1', { satisfaction })),
    ],
  );
  await s.run(`
    INSERT INTO dim_journeys VALUES ('j2', 'Journey (to-be)', 'TO_BE', 'UNDERSTAND', 'j1', NULL);
    INSERT INTO dim_phases VALUES ('q1', 'j2', 0, 'Buy', 1), ('q2', 'j2', 1, 'Use', 0), ('q3', 'j2', 2, 'Later', 0);
    INSERT INTO dim_touchpoints VALUES
      ('u1', 'j2', 'q1', 0, 0, NULL, 'Web quote', 'WEB', TRUE, TRUE, 'd1', FALSE, FALSE, 't1'),
      ('u2', 'j2', 'q1', 1, 1, 'TP_D', 'Chat', 'WEB', TRUE, TRUE, 'd1', FALSE, FALSE, NULL),
      ('u3', 'j2', 'q1', 2, 2, NULL, 'New letter', 'MAIL', FALSE, TRUE, 'd1', FALSE, FALSE, NULL),
      ('u4', 'j2', 'q2', 0, 3, NULL, 'Claim', 'PHONE', FALSE, TRUE, 'd1', TRUE, TRUE, 't3'),
      ('u5', 'j2', 'q2', 1, 4, NULL, 'Web quote again', 'WEB', TRUE, TRUE, 'd1', FALSE, FALSE, 't1'),
      ('u6', 'j2', 'q3', 0, 5, NULL, 'Not measured', 'WEB', TRUE, TRUE, 'd1', FALSE, FALSE, NULL);
  `);
  return s;
}

const find = (rows: MapMetricsRow[], journeyId: string, phaseId: string | null) => rows.find((r) => r.journeyId === journeyId && r.phaseId === phaseId);

describe('getMapMetrics: phase and journey figures of the journey map', () => {
  it('pools a phase’s touchpoints: 9/3/8 of 20 gives NPS 5.0 with the adjusted Wald interval −32.26 to 40.96', async () => {
    store = await mapFixture();
    const rows = await getMapMetrics(store, {});
    const ph1 = find(rows, 'j1', 'ph1')!;
    expect(ph1).toMatchObject({ codes: ['TP_A', 'TP_B'], asIs: false });
    expect(ph1.metrics!.measure).toBe('NPS');
    expect(ph1.metrics!.nps).toMatchObject({ n: 20, promoters: 9, passives: 3, detractors: 8, lowSample: true, intervalMethod: 'ADJUSTED_WALD' });
    // By hand: NPS = 100 (9 − 8) / 20 = 5. Adjusted Wald adds ¾ promoter, 1½ passive, ¾ detractor:
    // aP = 9.75/23 = 0.423913, aD = 8.75/23 = 0.380435, centre 100 (aP − aD) = 4.3478;
    // SE = 100 √((aP + aD − (aP − aD)²) / 23) = 100 √(0.802457 / 23) = 18.6787; margin 1.96 × 18.6787 = 36.609.
    expect(ph1.metrics!.nps.nps).toBeCloseTo(5, 10);
    expect(ph1.metrics!.nps.ciLow).toBeCloseTo(-32.261, 2);
    expect(ph1.metrics!.nps.ciHigh).toBeCloseTo(40.956, 2);
  });

  it('reads a phase whose touchpoints have only satisfaction ratings by CSAT, and the journey by NPS', async () => {
    store = await mapFixture();
    const rows = await getMapMetrics(store, {});
    const ph2 = find(rows, 'j1', 'ph2')!;
    expect(ph2.metrics!.measure).toBe('CSAT');
    expect(ph2.metrics!.nps.n).toBe(0);
    // Mean (5 + 4 + 4 + 2) / 4 = 3.75; 3 of 4 rated 4 or 5.
    expect(ph2.metrics!.csat).toMatchObject({ n: 4, mean: 3.75 });
    expect(ph2.metrics!.csatTopTwoBox).toMatchObject({ n: 4, count: 3, share: 0.75 });
    const j1 = find(rows, 'j1', null)!;
    expect(j1).toMatchObject({ codes: ['TP_A', 'TP_B', 'TP_C'], asIs: false });
    expect(j1.metrics!.measure).toBe('NPS');
    expect(j1.metrics!.nps).toMatchObject({ n: 20, promoters: 9, detractors: 8 });
    expect(j1.metrics!.csat).toMatchObject({ n: 4, mean: 3.75 });
  });

  it('measures to-be phases and journeys through the as-is touchpoints they are based on, each code once per journey', async () => {
    store = await mapFixture();
    const rows = await getMapMetrics(store, {});
    const q1 = find(rows, 'j2', 'q1')!;
    expect(q1).toMatchObject({ codes: ['TP_A', 'TP_D'], asIs: true });
    // TP_A alone (TP_D has no answers): 6/2/2 of 10 → NPS 40.
    expect(q1.metrics!.nps).toMatchObject({ n: 10, promoters: 6, detractors: 2, nps: 40 });
    const q2 = find(rows, 'j2', 'q2')!;
    expect(q2).toMatchObject({ codes: ['TP_A', 'TP_C'], asIs: true });
    expect(q2.metrics!.measure).toBe('NPS');
    expect(q2.metrics!.csat).toMatchObject({ n: 4, mean: 3.75 });
    // TP_A sits in q1 and q2, but the journey counts its 10 answers once.
    const j2 = find(rows, 'j2', null)!;
    expect(j2).toMatchObject({ codes: ['TP_A', 'TP_C', 'TP_D'], asIs: true });
    expect(j2.metrics!.nps).toMatchObject({ n: 10, nps: 40 });
    // A phase with no coded or based-on touchpoint has no figures at all.
    expect(find(rows, 'j2', 'q3')).toBeUndefined();
  });

  it('follows the map’s filter (persona) and gives null metrics where the cut has no answers', async () => {
    store = await mapFixture();
    const rows = await getMapMetrics(store, { personaCodes: ['P2'] });
    expect(find(rows, 'j1', 'ph1')!.metrics!.nps).toMatchObject({ n: 10, promoters: 3, detractors: 6, nps: -30 });
    expect(find(rows, 'j1', 'ph2')!.metrics).toBeNull();
    expect(find(rows, 'j2', 'q1')!.metrics).toBeNull();
  });

  it('suppresses small cells as getMetrics does', async () => {
    store = await mapFixture();
    const rows = await getMapMetrics(store, {}, { minCellCustomers: 2 });
    // ph2's answers come from one customer: hidden, its counts 0. ph1 (2 customers) goes with it, since
    // j1's total minus ph1 would give ph2 back (complementary suppression within the journey).
    expect(find(rows, 'j1', 'ph2')!.metrics).toMatchObject({ suppressed: true, nps: { n: 0, nps: null } });
    expect(find(rows, 'j1', 'ph1')!.metrics).toMatchObject({ suppressed: true });
    // Without suppression the same cut shows ph1's two customers.
    const open = await getMapMetrics(store, {}, { minCellCustomers: null });
    expect(find(open, 'j1', 'ph1')!.metrics).toMatchObject({ suppressed: false, customers: 2 });
  });
});
