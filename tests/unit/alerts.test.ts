import { describe, expect, it } from 'vitest';
import type { WindowCounts } from '../../analytics/queries/alerts/getWindowCounts.js';
import { AlertScope, MultipleComparisons } from '../../server/modules/alerts/alert.entity.js';
import { alertWindows, evaluateScopes, type RuleSettings } from '../../server/modules/alerts/alert.evaluate.js';

const NOW = new Date('2026-06-30T23:00:00Z');
const rule = (overrides: Partial<RuleSettings> = {}): RuleSettings => ({
  windowDays: 28,
  baselineDays: 182,
  zThreshold: 1.96,
  minN: 30,
  multipleComparisons: MultipleComparisons.NONE,
  ...overrides,
});
const windows = alertWindows(NOW, rule());
const scope = (key: string, recent: [number, number, number], baseline: [number, number, number]): WindowCounts => ({
  key,
  name: `Touchpoint ${key}`,
  recent: { promoters: recent[0], passives: recent[1], detractors: recent[2] },
  baseline: { promoters: baseline[0], passives: baseline[1], detractors: baseline[2] },
  // One answer per customer in these hand-made windows.
  recentCustomers: recent[0] + recent[1] + recent[2],
  baselineCustomers: baseline[0] + baseline[1] + baseline[2],
});

describe('alert windows', () => {
  it('take the last windowDays whole UTC days up to the day of now, and the baselineDays before them', () => {
    expect(windows).toEqual({ recent: { from: '2026-06-03', to: '2026-06-30' }, baseline: { from: '2025-12-03', to: '2026-06-02' } });
    expect(alertWindows(new Date('2026-06-30T00:00:01Z'), rule())).toEqual(windows);
    expect(alertWindows(new Date('2026-03-01T12:00:00Z'), { windowDays: 1, baselineDays: 7 })).toEqual({
      recent: { from: '2026-03-01', to: '2026-03-01' },
      baseline: { from: '2026-02-22', to: '2026-02-28' },
    });
  });
});

describe('the threshold with many touchpoints tested at once', () => {
  it('keeps the chance of any false drop alarm per check near 2.5% on stable touchpoints, where the uncorrected test alarms most of the time', () => {
    // 45 touchpoints whose answers come from the same distribution in both windows (no drop anywhere).
    let seed = 12345;
    const uniform = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const sample = (n: number): [number, number, number] => {
      const c: [number, number, number] = [0, 0, 0];
      for (let i = 0; i < n; i++) {
        const u = uniform();
        c[u < 0.35 ? 0 : u < 0.7 ? 1 : 2]++;
      }
      return c;
    };
    const checks = 300;
    const alarms = { NONE: 0, BONFERRONI: 0 };
    for (let k = 0; k < checks; k++) {
      const counts = Array.from({ length: 45 }, (_, i) => scope(`TP${i}`, sample(150), sample(900)));
      for (const correction of [MultipleComparisons.NONE, MultipleComparisons.BONFERRONI]) {
        const { verdicts } = evaluateScopes(AlertScope.TOUCHPOINT, counts, rule({ multipleComparisons: correction }), windows, NOW);
        if (verdicts.some((v) => v.drop)) alarms[correction]++;
      }
    }
    // Expected: NONE 1 - 0.975^45 = 68%; BONFERRONI at most 2.5% (7.5 of 300 checks). The bound allows for the
    // simulation's noise (the Poisson 99.99% quantile of 7.5 is 19, 6.3%) and for the Wald test's slightly heavy
    // tails at n = 150; what matters is the order of magnitude between the two.
    expect(alarms.NONE / checks).toBeGreaterThan(0.5);
    expect(alarms.BONFERRONI / checks).toBeLessThan(0.08);
    expect(alarms.BONFERRONI * 8).toBeLessThan(alarms.NONE);
  });
});

describe('evaluating the scopes of a rule', () => {
  // A: baseline 50 promoters, 33 passives, 17 detractors: NPS 33, SE = 100 sqrt((0.5 + 0.17 - 0.33^2) / 100) = 7.4907.
  //    recent 20/30/50: NPS -30, SE = 100 sqrt((0.2 + 0.5 - 0.3^2) / 100) = 7.8102.
  //    difference -63, SE = sqrt(56.110 + 61.000) = 10.8217, z = -5.8216.
  const counts = [scope('A', [20, 30, 50], [50, 33, 17]), scope('B', [50, 33, 17], [50, 33, 17]), scope('C', [1, 2, 7], [50, 33, 17])];

  it('raises on a significant drop and stores both NPS with n and interval, the difference, z and p', () => {
    const { tests, criticalZ, verdicts } = evaluateScopes(AlertScope.TOUCHPOINT, counts, rule(), windows, NOW);
    expect([tests, criticalZ]).toEqual([2, 1.96]);
    const a = verdicts[0]!;
    expect(a).toMatchObject({ testable: true, drop: true, recovered: false });
    expect(a.evidence).toMatchObject({ scope: 'TOUCHPOINT', scopeCode: 'A', scopeName: 'Touchpoint A', tests: 2, criticalZ: 1.96, minN: 30, checkedAt: NOW.toISOString() });
    expect(a.evidence.recent).toMatchObject({ from: '2026-06-03', to: '2026-06-30', n: 100, promoters: 20, detractors: 50 });
    expect(a.evidence.recent.nps).toBeCloseTo(-30, 10);
    expect(a.evidence.baseline).toMatchObject({ from: '2025-12-03', to: '2026-06-02', n: 100 });
    expect(a.evidence.baseline.nps).toBeCloseTo(33, 10);
    expect(a.evidence.recent.se).toBeCloseTo(7.8102, 3);
    expect(a.evidence.baseline.se).toBeCloseTo(7.4907, 4);
    // The shown interval is the adjusted Wald one (tests/unit/stats/nps.test.ts works 50/33/17 by hand).
    expect(a.evidence.baseline.intervalMethod).toBe('ADJUSTED_WALD');
    expect(a.evidence.baseline.ciLow).toBeCloseTo(17.5558, 3);
    expect(a.evidence.difference).toBeCloseTo(-63, 10);
    expect(a.evidence.se).toBeCloseTo(10.8217, 3);
    expect(a.evidence.z).toBeCloseTo(-5.8216, 3);
    expect(a.evidence.pValue).toBeLessThan(1e-8);
  });

  it('does not raise on an unchanged scope (and would close its alert), and does not test a scope below the minimum n', () => {
    const { verdicts } = evaluateScopes(AlertScope.TOUCHPOINT, counts, rule(), windows, NOW);
    expect(verdicts[1]).toMatchObject({ testable: true, drop: false, recovered: true });
    expect(verdicts[1]!.evidence.z).toBe(0);
    expect(verdicts[2]).toMatchObject({ testable: false, drop: false, recovered: false });
    expect(verdicts[2]!.evidence.recent.lowSample).toBe(true);
  });

  it('neither raises nor closes between the corrected and the uncorrected threshold, so an alert does not flap', () => {
    // Recent 47/39/44 (NPS 2.3), baseline 58/43/29 (NPS 22.3), n = 130 each: z = -2.09, with two tests above the
    // Bonferroni line (-2.24) but still below -1.96.
    const between = scope('D', [47, 39, 44], [58, 43, 29]);
    const { verdicts } = evaluateScopes(AlertScope.TOUCHPOINT, [between, counts[1]!], rule({ multipleComparisons: MultipleComparisons.BONFERRONI }), windows, NOW);
    const z = verdicts[0]!.evidence.z!;
    expect(z).toBeLessThan(-1.96);
    expect(z).toBeGreaterThan(-2.2414);
    expect(verdicts[0]).toMatchObject({ testable: true, drop: false, recovered: false });
  });
});

describe('touchpoints with satisfaction ratings but no likelihood-to-recommend answers', () => {
  /** Satisfaction sums of `times` repetitions of `ratings`. */
  const sums = (ratings: number[], times: number) => ({
    n: ratings.length * times,
    sum: times * ratings.reduce((a, b) => a + b, 0),
    sumSquares: times * ratings.reduce((a, b) => a + b * b, 0),
  });
  const none = { promoters: 0, passives: 0, detractors: 0 };
  const csatScope = (key: string, recent: ReturnType<typeof sums>, baseline: ReturnType<typeof sums>): WindowCounts => ({
    key,
    name: `Touchpoint ${key}`,
    recent: none,
    baseline: none,
    csat: { recent, baseline },
    recentCustomers: recent.n,
    baselineCustomers: baseline.n,
  });

  it('tests them on mean CSAT, finds a planted drop from 4.2 to 3.4 and says which measure it used', () => {
    const counts = [
      // Planted: 250 answers averaging 4.2 before, 250 averaging 3.4 in the recent window.
      csatScope('SEAT', sums([4, 3, 3, 4, 3], 50), sums([5, 4, 4, 4, 4], 50)),
      // Stable: the same mix in both windows.
      csatScope('MEAL', sums([5, 4, 4, 4, 4], 20), sums([5, 4, 4, 4, 4], 60)),
      // An NPS touchpoint beside them keeps its NPS test.
      scope('APP', [40, 30, 30], [60, 25, 15]),
    ];
    const { tests, verdicts } = evaluateScopes(AlertScope.TOUCHPOINT, counts, rule(), windows, NOW);
    expect(tests).toBe(3);
    const [seat, meal, app] = verdicts;
    expect(seat!.evidence.measure).toBe('CSAT');
    // By hand: recent mean 17/5 = 3.4; Σ(x − m)² = 0.36 + 0.16 + 0.16 + 0.36 + 0.16 = 1.2 per 5 answers, 60 over 250,
    // sd √(60/249) = 0.4909; baseline mean 4.2, Σ(x − m)² = 0.8 per 5, sd √(40/249) = 0.4008; difference −0.8,
    // se √(0.4909²/250 + 0.4008²/250) = 0.04008, t = −19.96.
    expect(seat!.evidence.difference).toBeCloseTo(-0.8, 10);
    expect(seat!.evidence.se).toBeCloseTo(0.04008, 4);
    expect(seat!.evidence.z).toBeCloseTo(-19.96, 1);
    expect(seat!.evidence.recent.csat).toMatchObject({ n: 250, mean: 3.4 });
    expect(seat!.evidence.baseline.csat?.mean).toBeCloseTo(4.2, 10);
    expect(seat).toMatchObject({ testable: true, drop: true, recovered: false });
    expect(meal!.evidence.measure).toBe('CSAT');
    expect(meal).toMatchObject({ testable: true, drop: false, recovered: true });
    expect(app!.evidence.measure).toBe('NPS');
    expect(app!.evidence.recent.csat).toBeUndefined();
  });

  it('leaves a CSAT touchpoint untested below the minimum n in a window', () => {
    const { verdicts } = evaluateScopes(AlertScope.TOUCHPOINT, [csatScope('SEAT', sums([3, 3], 10), sums([5, 4], 100))], rule(), windows, NOW);
    expect(verdicts[0]).toMatchObject({ testable: false, drop: false, evidence: { measure: 'CSAT' } });
  });
});
