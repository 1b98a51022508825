import { describe, expect, it } from 'vitest';
import type { JourneyMeasuresQuery } from '../../client/src/graphql/generated';
import { buildMeasures } from '../../client/src/features/journeys/model/measures';
import { describeNps, npsFromCounts, poolCounts, signedNps } from '../../client/src/features/journeys/model/nps';

type Journey = JourneyMeasuresQuery['journey'];
type Phase = Journey['phases'][number];
type Tp = Phase['touchpoints'][number];
type Nps = NonNullable<Tp['metrics']>['nps'];

function nps(promoters: number, passives: number, detractors: number): Nps {
  const n = promoters + passives + detractors;
  const v = npsFromCounts({ promoters, passives, detractors });
  return { n, nps: v?.nps ?? null, ciLow: v?.low ?? null, ciHigh: v?.high ?? null, lowSample: n < 30, promoters, passives, detractors };
}
const metrics = (p: number, pa: number, d: number, csat = 4) => ({
  measure: p + pa + d > 0 ? ('NPS' as const) : null,
  nps: nps(p, pa, d),
  csat: { mean: csat, n: p + pa + d, ciLow: csat - 0.1, ciHigh: csat + 0.1, lowSample: p + pa + d < 30 },
  csatTopTwoBox: { share: 0.5, ciLow: 0.4, ciHigh: 0.6 },
});
/** A touchpoint with satisfaction ratings but no LTR answers (attribute-rating survey). */
const csatOnly = (mean: number, n: number) => ({
  measure: 'CSAT' as const,
  nps: nps(0, 0, 0),
  csat: { mean, n, ciLow: mean - 0.2, ciHigh: mean + 0.2, lowSample: n < 30 },
  csatTopTwoBox: { share: 0.62, ciLow: 0.55, ciHigh: 0.69 },
});
const tp = (fields: Partial<Tp> & { id: string }): Tp => ({ code: null, metrics: null, basedOn: null, ...fields });

describe('NPS from counts (PRODUCT.md)', () => {
  it('computes the worked example: 50 promoters, 33 passives, 17 detractors of 100 give NPS 33.0 ± 14.68', () => {
    const v = npsFromCounts({ promoters: 50, passives: 33, detractors: 17 });
    expect(v?.nps).toBeCloseTo(33, 6);
    expect(((v?.high ?? 0) - (v?.low ?? 0)) / 2).toBeCloseTo(14.68, 2);
    expect(v?.lowSample).toBe(false);
  });

  it('flags NPS as low sample below 30 answers and has no number without answers', () => {
    expect(npsFromCounts({ promoters: 10, passives: 10, detractors: 9 })?.lowSample).toBe(true);
    expect(npsFromCounts({ promoters: 10, passives: 10, detractors: 10 })?.lowSample).toBe(false);
    expect(npsFromCounts({ promoters: 0, passives: 0, detractors: 0 })).toBeUndefined();
  });

  it('pools counts by adding them', () => {
    expect(poolCounts([{ promoters: 1, passives: 2, detractors: 3 }, { promoters: 4, passives: 5, detractors: 6 }])).toEqual({ promoters: 5, passives: 7, detractors: 9 });
  });

  it('writes NPS with a real minus sign and says what the interval and flags mean', () => {
    expect(signedNps(-7.6)).toBe('\u22128');
    expect(signedNps(12.2)).toBe('+12');
    expect(signedNps(0.2)).toBe('0');
    expect(describeNps({ nps: -8, n: 20, low: -30, high: 14, lowSample: true, source: 'as-is' })).toBe(
      'NPS \u22128, 95% interval \u221230 to +14, n = 20, low sample (under 30 answers): read with care, measured at the as-is touchpoint this one is based on',
    );
  });
});

describe('buildMeasures', () => {
  it('shows CSAT on the badge of a touchpoint with satisfaction ratings but no LTR answers', () => {
    const journey: Journey = { id: 'j1', phases: [{ id: 'p1', touchpoints: [tp({ id: 't1', code: 'TP_SEAT', metrics: csatOnly(3.84, 120) })] }] };
    const badge = buildMeasures(journey).touchpoints.get('t1')?.nps;
    expect(badge).toMatchObject({ measure: 'CSAT', nps: 3.84, n: 120, low: 3.84 - 0.2, high: 3.84 + 0.2, lowSample: false, topTwoBox: { share: 0.62 } });
    expect(describeNps(badge!)).toBe(
      'CSAT 3.8 (mean satisfaction 1-5; no likelihood-to-recommend answers here), 95% interval 3.6 to 4.0; 62% rated 4-5 (55% to 69%), n = 120',
    );
  });

  it('gives touchpoints with a code their own numbers, and "no answers" when the cut has none', () => {
    const journey: Journey = {
      id: 'j1',
      phases: [{ id: 'p1', touchpoints: [tp({ id: 't1', code: 'A', metrics: metrics(50, 33, 17, 4.2) }), tp({ id: 't2', code: 'B', metrics: null })] }],
    };

    const m = buildMeasures(journey);

    expect(m.touchpoints.get('t1')).toMatchObject({ measured: true, csat: 4.2, nps: { n: 100, lowSample: false } });
    expect(m.touchpoints.get('t1')?.nps?.source).toBeUndefined();
    expect(m.touchpoints.get('t2')).toEqual({ measured: true, csat: null, nps: undefined });
  });

  it('pools a phase from its touchpoints and the journey from all of them: 50/33/17 gives NPS 33.0 ± 14.68', () => {
    const journey: Journey = {
      id: 'j1',
      phases: [
        { id: 'p1', touchpoints: [tp({ id: 't1', code: 'A', metrics: metrics(30, 10, 10) }), tp({ id: 't2', code: 'B', metrics: metrics(20, 23, 7) })] },
        { id: 'p2', touchpoints: [tp({ id: 't3', code: 'C', metrics: metrics(0, 0, 20) }), tp({ id: 't4', code: 'D', metrics: null })] },
        { id: 'p3', touchpoints: [tp({ id: 't5', code: 'E', metrics: null })] },
      ],
    };

    const m = buildMeasures(journey);

    const p1 = m.phases.get('p1');
    expect(p1).toMatchObject({ n: 100, lowSample: false });
    expect(p1?.nps).toBeCloseTo(33);
    expect(((p1?.high ?? 0) - (p1?.low ?? 0)) / 2).toBeCloseTo(14.68, 2);
    expect(p1?.source).toBeUndefined();
    expect(m.phases.get('p2')).toMatchObject({ nps: -100, n: 20, lowSample: true });
    expect(m.phases.has('p3')).toBe(false);
    // 50 promoters, 33 passives, 37 detractors of 120.
    expect(m.journey?.n).toBe(120);
    expect(m.journey?.nps).toBeCloseTo((100 * (50 - 37)) / 120);
  });

  it('shows a to-be touchpoint without a code its as-is touchpoint\'s numbers, marked as-is', () => {
    const journey: Journey = {
      id: 'j2',
      phases: [{ id: 'p1', touchpoints: [tp({ id: 'n1', basedOn: { id: 'a1', code: 'A', metrics: metrics(50, 33, 17) } }), tp({ id: 'n2' })] }],
    };

    const m = buildMeasures(journey);

    expect(m.touchpoints.get('n1')?.nps).toMatchObject({ source: 'as-is', n: 100 });
    expect(m.touchpoints.get('n2')).toEqual({ measured: false, csat: null, nps: undefined });
    // No answers of its own: no journey NPS (as-is numbers are not the to-be journey's).
    expect(m.journey).toBeUndefined();
  });

  it('gives a to-be phase measured through as-is touchpoints no phase number; the cards keep their as-is numbers', () => {
    const a = { id: 'a1', code: 'A', metrics: metrics(30, 10, 10) };
    const b = { id: 'b1', code: 'B', metrics: metrics(20, 23, 7) };
    const journey: Journey = {
      id: 'j3',
      // A dropped, badly rated as-is touchpoint would otherwise lift this "phase NPS" though nothing was measured.
      phases: [{ id: 'p1', touchpoints: [tp({ id: 'x', basedOn: a }), tp({ id: 'y', basedOn: a }), tp({ id: 'z', basedOn: b })] }],
    };

    const measures = buildMeasures(journey);

    expect(measures.phases.get('p1')).toBeUndefined();
    expect(measures.withheldPhases.has('p1')).toBe(true);
    expect(measures.journey).toBeUndefined();
    expect(measures.touchpoints.get('x')?.nps).toMatchObject({ n: 50, source: 'as-is' });
  });

  it('withholds a mixed to-be phase too: its own answers and as-is answers are not one measurement', () => {
    const a = { id: 'a1', code: 'A', metrics: metrics(30, 10, 10) };
    const journey: Journey = { id: 'j4', phases: [{ id: 'p1', touchpoints: [tp({ id: 'own', code: 'NEW', metrics: metrics(5, 5, 5) }), tp({ id: 'x', basedOn: a })] }] };
    expect(buildMeasures(journey).withheldPhases.has('p1')).toBe(true);
    expect(buildMeasures(journey).phases.get('p1')).toBeUndefined();
  });
});
