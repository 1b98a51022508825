import { describe, expect, it } from 'vitest';
import type { JourneyMeasuresQuery } from '../../client/src/graphql/generated';
import { buildMeasures, describeNps, suppressedTouchpoints } from '../../client/src/features/journeys/model/measures';

type Journey = JourneyMeasuresQuery['journey'];
type Phase = Journey['phases'][number];
type Tp = Phase['touchpoints'][number];
type Nps = NonNullable<Tp['metrics']>['nps'];

/** The server's NPS as it arrives (interval given, not recomputed here). */
function nps(promoters: number, passives: number, detractors: number, ciLow: number | null = null, ciHigh: number | null = null): Nps {
  const n = promoters + passives + detractors;
  return { n, nps: n ? (100 * (promoters - detractors)) / n : null, ciLow, ciHigh, lowSample: n < 30, promoters, passives, detractors };
}
const metrics = (p: number, pa: number, d: number, csat = 4, ci: [number, number] = [-10, 10]) => ({
  measure: p + pa + d > 0 ? ('NPS' as const) : null,
  suppressed: false,
  nps: nps(p, pa, d, ...ci),
  csat: { mean: csat, n: p + pa + d, ciLow: csat - 0.1, ciHigh: csat + 0.1, lowSample: p + pa + d < 30 },
  csatTopTwoBox: { share: 0.5, ciLow: 0.4, ciHigh: 0.6 },
});
/** A touchpoint with satisfaction ratings but no LTR answers (attribute-rating survey). */
const csatOnly = (mean: number, n: number) => ({
  measure: 'CSAT' as const,
  suppressed: false,
  nps: nps(0, 0, 0),
  csat: { mean, n, ciLow: mean - 0.2, ciHigh: mean + 0.2, lowSample: n < 30 },
  csatTopTwoBox: { share: 0.62, ciLow: 0.55, ciHigh: 0.69 },
});
const tp = (fields: Partial<Tp> & { id: string }): Tp => ({ code: null, metrics: null, basedOn: null, ...fields });
const none = { asIs: false, metrics: null };
const phase = (id: string, touchpoints: Tp[], mapMetrics: Phase['mapMetrics'] = none): Phase => ({ id, mapMetrics, touchpoints });

describe('describeNps', () => {
  it('writes NPS with a real minus sign, the interval as low to high, and says what the flags mean', () => {
    expect(describeNps({ nps: -8, n: 20, low: -30, high: 14, lowSample: true, source: 'as-is' })).toBe(
      'NPS \u22128, 95% interval \u221230 to +14, n = 20, low sample (fewer answers than the minimum for a firm figure): read with care, measured at the as-is touchpoints the to-be ones are based on',
    );
  });
});

describe('buildMeasures', () => {
  it('shows CSAT on the badge of a touchpoint with satisfaction ratings but no LTR answers', () => {
    const journey: Journey = { id: 'j1', mapMetrics: none, phases: [phase('p1', [tp({ id: 't1', code: 'TP_SEAT', metrics: csatOnly(3.84, 120) })])] };
    const badge = buildMeasures(journey).touchpoints.get('t1')?.nps;
    expect(badge).toMatchObject({ measure: 'CSAT', nps: 3.84, n: 120, low: 3.84 - 0.2, high: 3.84 + 0.2, lowSample: false, topTwoBox: { share: 0.62 } });
    expect(describeNps(badge!)).toBe(
      'CSAT 3.8 (mean satisfaction 1-5; no likelihood-to-recommend answers here), 95% interval 3.6 to 4.0; 62% rated 4-5 (55% to 69%), n = 120',
    );
  });

  it('gives touchpoints with a code their own numbers, and "no answers" when the cut has none', () => {
    const journey: Journey = {
      id: 'j1',
      mapMetrics: none,
      phases: [phase('p1', [tp({ id: 't1', code: 'A', metrics: metrics(50, 33, 17, 4.2) }), tp({ id: 't2', code: 'B', metrics: null })])],
    };

    const m = buildMeasures(journey);

    expect(m.touchpoints.get('t1')).toMatchObject({ measured: true, csat: 4.2, nps: { n: 100, lowSample: false } });
    expect(m.touchpoints.get('t1')?.nps?.source).toBeUndefined();
    expect(m.touchpoints.get('t2')).toEqual({ measured: true, csat: null, nps: undefined, suppressed: false });
  });

  it('draws the server’s phase and journey figures as they come (interval not recomputed)', () => {
    const journey: Journey = {
      id: 'j1',
      mapMetrics: { asIs: false, metrics: metrics(50, 33, 37, 4, [-2.5, 22.1]) },
      phases: [
        phase('p1', [tp({ id: 't1', code: 'A', metrics: metrics(30, 10, 10) })], { asIs: false, metrics: metrics(50, 33, 17, 4, [17.56, 46.52]) }),
        phase('p2', [tp({ id: 't3', code: 'C', metrics: csatOnly(3.1, 40) })], { asIs: false, metrics: csatOnly(3.1, 40) }),
        phase('p3', [tp({ id: 't5', code: 'E', metrics: null })]),
      ],
    };

    const m = buildMeasures(journey);

    expect(m.phases.get('p1')).toEqual({ nps: 33, n: 100, low: 17.56, high: 46.52, lowSample: false });
    expect(m.phases.get('p2')).toMatchObject({ measure: 'CSAT', nps: 3.1, n: 40 });
    expect(m.phases.has('p3')).toBe(false);
    expect(m.journey).toMatchObject({ n: 120, low: -2.5, high: 22.1 });
  });

  it('marks a to-be phase and journey measured through as-is touchpoints as as-is; cards keep their as-is numbers', () => {
    const a = { id: 'a1', code: 'A', metrics: metrics(30, 10, 10) };
    const journey: Journey = {
      id: 'j3',
      mapMetrics: { asIs: true, metrics: metrics(30, 10, 10) },
      phases: [phase('p1', [tp({ id: 'x', basedOn: a }), tp({ id: 'n2' })], { asIs: true, metrics: metrics(30, 10, 10) })],
    };

    const m = buildMeasures(journey);

    expect(m.phases.get('p1')).toMatchObject({ n: 50, source: 'as-is' });
    expect(m.journey).toMatchObject({ n: 50, source: 'as-is' });
    expect(m.touchpoints.get('x')?.nps).toMatchObject({ n: 50, source: 'as-is' });
    expect(m.touchpoints.get('n2')).toEqual({ measured: false, csat: null, nps: undefined, suppressed: false });
  });

  it('tells a figure the server hid (too few customers for the role) from one nobody answered', () => {
    // What the server sends for a suppressed cell: counts 0, estimates null, suppressed true.
    const hiddenCell = {
      ...metrics(0, 0, 0),
      measure: null,
      suppressed: true,
      csat: { mean: null, n: 0, ciLow: null, ciHigh: null, lowSample: true },
      csatTopTwoBox: { share: null, ciLow: null, ciHigh: null },
    };
    const a = { id: 'a1', code: 'A', metrics: hiddenCell };
    const journey: Journey = {
      id: 'j4',
      mapMetrics: { asIs: false, metrics: hiddenCell },
      phases: [
        phase('p1', [tp({ id: 'few', code: 'FEW', metrics: hiddenCell }), tp({ id: 'quiet', code: 'QUIET', metrics: metrics(0, 0, 0) }), tp({ id: 'tobe', basedOn: a })], { asIs: false, metrics: hiddenCell }),
        phase('p2', [tp({ id: 'many', code: 'MANY', metrics: metrics(30, 10, 10) })], { asIs: false, metrics: metrics(30, 10, 10) }),
      ],
    };

    const m = buildMeasures(journey);

    expect(m.touchpoints.get('few')).toEqual({ measured: true, csat: null, nps: undefined, suppressed: true });
    expect(m.touchpoints.get('quiet')?.suppressed).toBe(false);
    expect(m.touchpoints.get('tobe')?.suppressed).toBe(true);
    expect(m.touchpoints.get('many')?.suppressed).toBe(false);
    expect([...suppressedTouchpoints(m)]).toEqual(['few', 'tobe']);
    expect([...m.suppressedPhases]).toEqual(['p1']);
    expect(m.phases.has('p1')).toBe(false);
    expect(m.journeySuppressed).toBe(true);
    expect(m.journey).toBeUndefined();
  });
});
