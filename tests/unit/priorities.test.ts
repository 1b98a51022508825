import { afterEach, describe, expect, it } from 'vitest';
import { getEmotionalDrivers } from '../../analytics/queries/emotions/getEmotionalDrivers.js';
import { AnalyticsInputError } from '../../analytics/queries/errors.js';
import { getPersonaGaps } from '../../analytics/queries/priorities/getPersonaGaps.js';
import { getPriorities } from '../../analytics/queries/priorities/getPriorities.js';
import { median, quadrantOf, quantile, valueAtStake } from '../../analytics/queries/priorities/quadrants.js';
import type { Store } from '../../analytics/store.js';
import { makeAnalyticsFixture, type FixtureResponse } from '../support/analyticsFixture.js';

let store: Store | undefined;
afterEach(async () => store?.close());

/** Answers at a touchpoint as [customer, satisfaction, LTR]. */
const at = (touchpoint: string | null, answers: [string, number | null, number][]): FixtureResponse[] =>
  answers.map(([customer, satisfaction, ltr]) => ({ customer, touchpoint, satisfaction, ltr }));

describe('quadrant rules', () => {
  it('splits at the median and the upper quartile', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    // Type 7: position (n − 1) · q = 3 · 0.75 = 2.25 → 3 + 0.25 · (4 − 3).
    expect(quantile([4, 1, 3, 2], 0.75)).toBe(3.25);
    expect(quantile([5, 1, 3, 2, 4], 0.75)).toBe(4);
  });

  it('puts important and weak touchpoints in FIX_FIRST, and the rest where they belong', () => {
    expect(quadrantOf(true, false)).toBe('FIX_FIRST');
    expect(quadrantOf(true, true)).toBe('KEEP_UP');
    expect(quadrantOf(false, true)).toBe('POSSIBLE_OVERKILL');
    expect(quadrantOf(false, false)).toBe('LOW_PRIORITY');
  });

  it('computes value at stake as importance × gap / 100 × customers × margin', () => {
    // 0.25 of R², 40 NPS points below target, 1,000 customers worth 3,000 a year: 0.25 × 0.4 × 1,000 × 3,000.
    expect(valueAtStake({ importance: 0.25, gap: 40, customersReached: 1000, annualMarginPerCustomer: 3000 })).toBeCloseTo(300_000, 8);
    expect(valueAtStake({ importance: 0.25, gap: 0, customersReached: 1000, annualMarginPerCustomer: 3000 })).toBe(0);
  });
});

describe('getPriorities on a hand-made store', () => {
  /**
   * TP_A: c1-c6, LTR 2, 5, 7, 9, 10, 3 → 2 promoters, 1 passive, 3 detractors: NPS −16.67.
   * TP_B: c3-c7, LTR 6, 10, 9, 0, 8 → 2 promoters, 1 passive, 2 detractors: NPS 0.
   * Margins a year: c1 12 × 200 = 2,400; c2 12 × mean(300, 100) = 2,400; c3-c7 12 × 100 = 1,200; c8 none.
   * So TP_A's customers are worth (2 × 2,400 + 4 × 1,200) / 6 = 1,600 a year, TP_B's 1,200.
   */
  async function fixture() {
    const ids = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8'];
    const s = await makeAnalyticsFixture(ids.map((id) => ({ id })), [
      ...at('TP_A', [['c1', 1, 2], ['c2', 2, 5], ['c3', 3, 7], ['c4', 4, 9], ['c5', 5, 10], ['c6', 2, 3]]),
      ...at('TP_B', [['c3', 2, 6], ['c4', 5, 10], ['c5', 4, 9], ['c6', 1, 0], ['c7', 3, 8]]),
      ...at(null, [['c1', null, 3], ['c2', null, 4], ['c3', null, 6], ['c4', null, 9], ['c5', null, 10], ['c6', null, 2], ['c7', null, 7], ['c8', null, 5]]),
    ]);
    await s.run(`INSERT INTO profitability VALUES
      ('c1', DATE '2025-01-01', 300, 100), ('c2', DATE '2025-01-01', 500, 200), ('c2', DATE '2025-02-01', 300, 200),
      ('c3', DATE '2025-01-01', 150, 50), ('c4', DATE '2025-01-01', 150, 50), ('c5', DATE '2025-01-01', 150, 50),
      ('c6', DATE '2025-01-01', 150, 50), ('c7', DATE '2025-01-01', 150, 50)`);
    return s;
  }

  it('shows every term of value at stake, with the target from the argument or from a Postgres target', async () => {
    store = await fixture();
    const result = await getPriorities(store, {}, { minN: 4, targetNps: 50, targets: new Map([['TP_B', 20]]) });
    const byCode = new Map(result.touchpoints.map((t) => [t.touchpointCode, t]));
    const a = byCode.get('TP_A')!;
    const b = byCode.get('TP_B')!;
    expect(a.nps).toMatchObject({ n: 6, promoters: 2, passives: 1, detractors: 3 });
    expect(a.nps.nps).toBeCloseTo(-100 / 6, 10);
    expect(b.nps).toMatchObject({ n: 5, promoters: 2, passives: 1, detractors: 2, nps: 0 });
    expect(a).toMatchObject({ targetNps: 50, targetSource: 'ARGUMENT', customersReached: 6, customersWithMargin: 6 });
    expect(b).toMatchObject({ targetNps: 20, targetSource: 'TARGET', gapNps: 20, customersReached: 5, customersWithMargin: 5 });
    expect(a.gapNps).toBeCloseTo(50 + 100 / 6, 10);
    expect(a.annualMarginPerCustomer).toBeCloseTo(1600, 8);
    expect(b.annualMarginPerCustomer).toBeCloseTo(1200, 8);
    expect(a.importance! + b.importance!).toBeCloseTo(1, 12);
    expect(a.valueAtStake).toBeCloseTo(a.importance! * ((50 + 100 / 6) / 100) * 6 * 1600, 6);
    expect(b.valueAtStake).toBeCloseTo(b.importance! * (20 / 100) * 5 * 1200, 6);
    expect(result.touchpoints.map((t) => t.valueRank)).toEqual([1, 2]);
    expect(result.touchpoints[0]!.valueAtStake!).toBeGreaterThan(result.touchpoints[1]!.valueAtStake!);
    expect(a.csat).toMatchObject({ n: 6 });
    expect(a.csat.mean).toBeCloseTo(17 / 6, 12);
  });

  it('assigns quadrants by the stated split points: median importance and median NPS', async () => {
    store = await fixture();
    const result = await getPriorities(store, {}, { minN: 4 });
    const [first, second] = [...result.touchpoints].sort((x, y) => x.touchpointCode.localeCompare(y.touchpointCode));
    // Two touchpoints: the median share is 0.5 and the median NPS is halfway between −16.67 and 0.
    expect(result.importanceSplit).toBeCloseTo(0.5, 12);
    expect(result.performanceSplitNps).toBeCloseTo(-100 / 12, 10);
    expect(first!.strong).toBe(false);
    expect(second!.strong).toBe(true);
    for (const t of [first!, second!]) {
      expect(t.important).toBe(t.importance! >= 0.5);
      expect(t.quadrant).toBe(quadrantOf(t.important!, t.strong!));
    }
    // By default the target is the best touchpoint NPS (TP_B, 0), so TP_B has no gap and nothing at stake.
    expect(result).toMatchObject({ defaultTargetNps: 0, defaultTargetSource: 'BEST_TOUCHPOINT' });
    expect(second).toMatchObject({ gapNps: 0, valueAtStake: 0, targetSource: 'BEST_TOUCHPOINT' });
    // Model flags come from the journey model: TP_B is critical, TP_C (no answers here) is not listed.
    expect(second!.critical).toBe(true);
    expect(result.touchpoints.map((t) => t.touchpointCode).sort()).toEqual(['TP_A', 'TP_B']);
    expect(result.splitDescription).toContain('median');
  });

  it('measures difficulty from the detractor share (upper quartile) with the threshold shown', async () => {
    store = await fixture();
    const result = await getPriorities(store, {}, { minN: 4, performanceSplit: 'TARGET', targetNps: -10 });
    // Detractor shares 3/6 and 2/5: the upper quartile of the two is 0.4 + 0.75 × 0.1 = 0.475.
    expect(result.detractorShareThreshold).toBeCloseTo(0.475, 12);
    const a = result.touchpoints.find((t) => t.touchpointCode === 'TP_A')!;
    expect(a.difficultMeasured).toBe(true);
    expect(a.difficultReasons[0]).toContain('detractor share 0.500');
    // TARGET split: TP_A (−16.7) is below −10, TP_B (0) above.
    expect(a.strong).toBe(false);
    expect(result.touchpoints.find((t) => t.touchpointCode === 'TP_B')!.strong).toBe(true);
    expect(result.performanceSplitNps).toBeNull();
  });

  it('says why a touchpoint has no quadrant: too few customers with both answers', async () => {
    store = await fixture();
    // minN 6: TP_A has 6 customers with both a TP_A and a relationship answer (c1-c6), TP_B only 5 (c3-c7).
    const result = await getPriorities(store, {}, { minN: 6 });
    const byCode = new Map(result.touchpoints.map((t) => [t.touchpointCode, t]));
    expect(byCode.get('TP_A')).toMatchObject({ notEstimatedReason: null });
    expect(byCode.get('TP_A')!.quadrant).not.toBeNull();
    const excluded = result.drivers.excluded.find((e) => e.touchpointCode === 'TP_B')!;
    expect(excluded).toMatchObject({ reason: 'LOW_N', n: 5 });
    expect(byCode.get('TP_B')).toMatchObject({
      quadrant: null,
      notEstimatedReason: "too few customers with both this touchpoint's and the outcome's answers (5; at least 6 needed)",
    });
  });

  it('refuses a target NPS outside -100..100 and an unknown split', async () => {
    store = await fixture();
    await expect(getPriorities(store, {}, { targetNps: 120 })).rejects.toThrow(AnalyticsInputError);
    await expect(getPriorities(store, {}, { targetNps: 120 })).rejects.toThrow('targetNps: must be an NPS from -100 to 100, got 120');
    // @ts-expect-error a split GraphQL would not let through
    await expect(getPriorities(store, {}, { performanceSplit: 'MEAN' })).rejects.toThrow('performanceSplit: unknown "MEAN"; allowed: MEDIAN, TARGET');
  });
});

describe('getPersonaGaps on a hand-made store', () => {
  it('ranks the largest persona difference first, with the NPS difference test', async () => {
    const p1 = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10'];
    const p2 = p1.map((c) => `${c}b`);
    const ltr1 = [10, 10, 10, 10, 10, 10, 7, 7, 2, 2]; // NPS 40, SE 100·√((0.6 + 0.2 − 0.16) / 10) = 25.30
    const ltr2 = [10, 7, 7, 3, 3, 3, 3, 3, 0, 0]; // NPS −60, SE 100·√((0.1 + 0.7 − 0.36) / 10) = 20.98
    store = await makeAnalyticsFixture(
      [...p1.map((id) => ({ id, persona: 'P1' })), ...p2.map((id) => ({ id, persona: 'P2' }))],
      [
        ...at('TP_A', p1.map((c, i): [string, number, number] => [c, 3, ltr1[i]!])),
        ...at('TP_A', p2.map((c, i): [string, number, number] => [c, 3, ltr2[i]!])),
        // Phase 2: the same answers for both personas, no gap.
        ...at('TP_C', [...p1, ...p2].map((c): [string, number, number] => [c, 3, 8])),
      ],
    );
    const result = await getPersonaGaps(store, {}, { minN: 5 });
    const [top, second] = result.phases;
    expect(top).toMatchObject({ level: 'PHASE', phaseId: 'ph1', phaseName: 'Buy', highPersona: 'P1', lowPersona: 'P2', rank: 1 });
    expect(top!.test.difference).toBeCloseTo(100, 10);
    const se = Math.sqrt(640 + 440);
    expect(top!.test.se).toBeCloseTo(se, 10);
    expect(top!.test.z).toBeCloseTo(100 / se, 10);
    expect(top!.test.significant).toBe(true);
    // The difference's adjusted Wald interval, 1.5 pseudo-answers per side (ñ = 11.5):
    // P1 6/2/2: p̃P = 6.375/11.5, p̃D = 2.375/11.5 → NPS̃ 34.783, SE 23.589
    // P2 1/2/7: p̃P = 1.375/11.5, p̃D = 7.375/11.5 → NPS̃ −52.174, SE 20.614
    // 86.957 ± 1.96 × sqrt(23.589² + 20.614²) = 86.957 ± 61.400 → 25.557 to 148.356
    expect(top!.interval.ciLow).toBeCloseTo(25.557, 2);
    expect(top!.interval.ciHigh).toBeCloseTo(148.356, 2);
    // One test at this level (phase 2's SEs are 0: no test), so Benjamini–Hochberg leaves p as it is.
    expect(top!.qValue).toBeCloseTo(top!.test.pValue!, 12);
    expect(second!.qValue).toBeNull();
    expect(top!.personas.map((p) => [p.personaCode, p.personaName, p.nps.n])).toEqual([
      ['P1', 'Persona one', 10],
      ['P2', 'Persona two', 10],
    ]);
    expect(second).toMatchObject({ phaseId: 'ph2', rank: 2 });
    expect(second!.test.difference).toBe(0);
    expect(result.touchpoints[0]).toMatchObject({ level: 'TOUCHPOINT', touchpointCode: 'TP_A', touchpointName: 'Web quote', phaseName: 'Buy' });
    // Below minN a persona is shown but not compared: no gap without two comparable personas.
    expect((await getPersonaGaps(store, {}, { minN: 11 })).phases).toEqual([]);
    await expect(getPersonaGaps(store, { personaCodes: ['P1'] })).rejects.toThrow('personaCodes: name at least two personas');
  });
});

describe('getPersonaGaps where a touchpoint is measured by CSAT only (issue 16)', () => {
  it('compares personas on mean CSAT with Welch\'s interval and test where there is no likelihood to recommend, after the NPS gaps', async () => {
    const p1 = ['c1', 'c2', 'c3'];
    const p2 = ['d1', 'd2', 'd3'];
    store = await makeAnalyticsFixture(
      [...p1.map((id) => ({ id, persona: 'P1' })), ...p2.map((id) => ({ id, persona: 'P2' }))],
      [
        // TP_A (phase 1): satisfaction only. P1 5,4,3 (mean 4, s 1); P2 3,2,1 (mean 2, s 1).
        ...p1.map((customer, i) => ({ customer, touchpoint: 'TP_A', satisfaction: [5, 4, 3][i]!, ltr: null })),
        ...p2.map((customer, i) => ({ customer, touchpoint: 'TP_A', satisfaction: [3, 2, 1][i]!, ltr: null })),
        // TP_C (phase 2): likelihood to recommend, the same for both: an NPS gap of 0.
        ...at('TP_C', [...p1, ...p2].map((c): [string, number, number] => [c, 3, 8])),
      ],
    );
    const result = await getPersonaGaps(store, {}, { minN: 3 });
    const csat = result.touchpoints.find((g) => g.touchpointCode === 'TP_A')!;
    expect(csat).toMatchObject({ measure: 'CSAT', highPersona: 'P1', lowPersona: 'P2', phaseName: 'Buy' });
    // SE = sqrt(1/3 + 1/3) = 0.816497, df 4, t(0.975; 4) = 2.776445: 2 ± 2.266958; t = 2 / 0.816497 = 2.449490, p = 0.0705.
    expect(csat.test.difference).toBeCloseTo(2, 12);
    expect(csat.test.se).toBeCloseTo(0.816497, 6);
    expect(csat.test.z).toBeCloseTo(2.44949, 5);
    expect(csat.test.pValue).toBeCloseTo(0.0705, 3);
    expect(csat.test.significant).toBe(false);
    expect(csat.interval.ciLow).toBeCloseTo(-0.266958, 6);
    expect(csat.interval.ciHigh).toBeCloseTo(4.266958, 6);
    expect(csat.personas.map((p) => [p.personaCode, p.csat.n, p.csat.mean, p.nps.n])).toEqual([
      ['P1', 3, 4, 0],
      ['P2', 3, 2, 0],
    ]);
    // NPS and 1-5 points do not share a scale: the NPS gap ranks first at each level, CSAT after it.
    expect(result.touchpoints.map((g) => [g.touchpointCode, g.measure, g.rank])).toEqual([
      ['TP_C', 'NPS', 1],
      ['TP_A', 'CSAT', 2],
    ]);
    expect(result.phases.map((g) => [g.phaseId, g.measure])).toEqual([
      ['ph2', 'NPS'],
      ['ph1', 'CSAT'],
    ]);
    expect(result.definition).toContain("Welch's interval");
    // Below minN on CSAT too: shown, not compared.
    expect((await getPersonaGaps(store, {}, { minN: 4 })).touchpoints).toEqual([]);
  });
});

describe('getPersonaGaps ranking', () => {
  it('ranks a tight 78-point gap above a 100-point gap from 10 answers a side, by the lower end of the interval', async () => {
    const p1 = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10'];
    const p2 = p1.map((c) => `${c}b`);
    const repeat = (customers: string[], ltrs: number[]) => ltrs.map((ltr, i): [string, number, number] => [customers[i % customers.length]!, 3, ltr]);
    const times = (count: number, ltr: number) => Array.from({ length: count }, () => ltr);
    store = await makeAnalyticsFixture(
      [...p1.map((id) => ({ id, persona: 'P1' })), ...p2.map((id) => ({ id, persona: 'P2' }))],
      [
        // TP_A: P1 6/2/2 (NPS 40), P2 1/2/7 (NPS −60): difference 100, interval 25.6 to 148.4 (worked above).
        ...at('TP_A', repeat(p1, [...times(6, 10), ...times(2, 7), ...times(2, 2)])),
        ...at('TP_A', repeat(p2, [10, ...times(2, 7), ...times(7, 3)])),
        // TP_B, 60 answers a side: P1 36/24/0 (NPS 60), P2 12/24/24 (NPS −20): difference 80.
        // ñ = 61.5: P1 NPS̃ 58.537, SE 6.438; P2 NPS̃ −19.512, SE 9.538; 78.049 ± 1.96 × 11.507 = 55.494 to 100.603.
        ...at('TP_B', repeat(p1, [...times(36, 10), ...times(24, 8)])),
        ...at('TP_B', repeat(p2, [...times(12, 9), ...times(24, 7), ...times(24, 6)])),
      ],
    );
    const { touchpoints, ranking } = await getPersonaGaps(store, {}, { minN: 5 });
    expect(ranking).toContain('lower bound');
    expect(touchpoints.map((g) => [g.touchpointCode, g.rank])).toEqual([['TP_B', 1], ['TP_A', 2]]);
    expect(touchpoints[0]!.test.difference).toBeCloseTo(80, 10);
    expect(touchpoints[0]!.interval.ciLow).toBeCloseTo(55.494, 2);
    expect(touchpoints[1]!.test.difference).toBeCloseTo(100, 10);
    // Two tests: Benjamini–Hochberg multiplies the smaller p by 2 (2/1) and keeps the larger (2/2).
    const [pB, pA] = [touchpoints[0]!.test.pValue!, touchpoints[1]!.test.pValue!];
    expect(pB).toBeLessThan(pA);
    expect(touchpoints[0]!.qValue).toBeCloseTo(Math.min(2 * pB, pA), 12);
    expect(touchpoints[1]!.qValue).toBeCloseTo(pA, 12);
  });
});

describe('getEmotionalDrivers on a hand-made store', () => {
  it('gives factor levels over all ratings and weights from the answers that rate everything', async () => {
    store = await makeAnalyticsFixture([{ id: 'c1' }], []);
    const rows = [
      // satisfaction, professional, sympathetic, trustworthy, atmosphere
      [1, 2, 1, 1, 3],
      [2, 2, 3, 2, 3],
      [3, 3, 2, 4, 3],
      [4, 4, 5, 4, 2],
      [5, 4, 4, 5, 4],
      [3, 3, 4, 3, 5],
    ];
    for (const [i, [sat, prof, symp, trust, atm]] of rows.entries()) {
      await store.run(
        `INSERT INTO responses (response_id, customer_id, touchpoint_code, responded_at, ltr, satisfaction, professional, sympathetic, trustworthy, atmosphere)
         VALUES ($id, 'c1', 'TP_B', TIMESTAMP '2025-03-01 10:00:00', 8, $sat, $prof, $symp, $trust, $atm)`,
        { id: `e${i}`, sat: sat!, prof: prof!, symp: symp!, trust: trust!, atm: atm! },
      );
    }
    // A seventh answer rates only professional: it counts in the level, not in the weights.
    await store.run(
      `INSERT INTO responses (response_id, customer_id, touchpoint_code, responded_at, ltr, satisfaction, professional) VALUES ('e7', 'c1', 'TP_B', TIMESTAMP '2025-03-02 10:00:00', 8, 5, 5)`,
    );
    const result = await getEmotionalDrivers(store, {}, { touchpointCode: 'TP_B', minN: 4 });
    const set = result.pooled;
    expect(set).toMatchObject({ touchpointCode: 'TP_B', touchpointName: 'Phone', n: 6, lowSample: false });
    expect(result.touchpoints).toHaveLength(1);
    const prof = set.factors.find((f) => f.factor === 'professional')!;
    expect(prof.level.n).toBe(7);
    expect(prof.level.mean).toBeCloseTo((2 + 2 + 3 + 4 + 4 + 3 + 5) / 7, 12);
    expect(set.satisfaction.mean).toBeCloseTo((1 + 2 + 3 + 4 + 5 + 3 + 5) / 7, 12);
    const column = (j: number) => rows.map((r) => r[j]!);
    const r = (xs: number[], ys: number[]) => {
      const mx = xs.reduce((a, b) => a + b) / xs.length;
      const my = ys.reduce((a, b) => a + b) / ys.length;
      const sxy = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0);
      return sxy / Math.sqrt(xs.reduce((s, x) => s + (x - mx) ** 2, 0) * ys.reduce((s, y) => s + (y - my) ** 2, 0));
    };
    set.factors.forEach((f, j) => {
      expect(f.n).toBe(6);
      expect(f.correlation).toBeCloseTo(r(column(j + 1), column(0)), 12);
    });
    const weights = set.factors.map((f) => f.rawWeight!);
    expect(weights.reduce((a, b) => a + b)).toBeCloseTo(set.rSquared!, 12);
    expect(set.factors.map((f) => f.rank).sort()).toEqual([1, 2, 3, 4]);
  });

  it('refuses an unknown touchpoint code, listing the allowed ones', async () => {
    store = await makeAnalyticsFixture([{ id: 'c1' }], []);
    await expect(getEmotionalDrivers(store, {}, { touchpointCode: 'TP_X' })).rejects.toThrow('touchpointCode: unknown "TP_X"; allowed: TP_A, TP_B, TP_C');
  });
});
