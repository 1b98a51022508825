import { describe, expect, it } from 'vitest';
import type { EmotionCurveQuery } from '../../client/src/graphql/generated';
import { buildEmotionCurve, curveHiddenNote, emotionCurveOption, npsToEmotion } from '../../client/src/features/journeys/model/emotionCurve';
import { buildJourneyMap } from '../../client/src/features/journeys/model/journeyMap';
import type { NpsBadgeData } from '../../client/src/features/journeys/model/measures';
import { makeJourney, makePhase, makeTouchpoint } from './support/factories';

type ApiPhase = EmotionCurveQuery['emotionCurve']['phases'][number];
const badge = (nps: number, source?: 'as-is'): NpsBadgeData => ({ nps, n: 100, low: nps - 10, high: nps + 10, lowSample: false, ...(source ? { source } : {}) });
const value = (v: number | null, n: number) => ({ value: v, ciLow: v === null ? null : v - 0.1, ciHigh: v === null ? null : v + 0.1, n });
const apiPhase = (phaseId: string, emotion: number | null, n: number, touchpoints: { name: string; position: number; emotion: number | null; n: number; code?: string; suppressed?: boolean }[] = [], suppressed = false): ApiPhase => ({
  phaseId,
  name: phaseId,
  position: 0,
  documentedEmotion: 0,
  suppressed,
  emotion: value(emotion, n),
  npsEmotion: { value: emotion === null ? null : emotion / 2, n },
  touchpoints: touchpoints.map((t, i) => ({ touchpointId: `${phaseId}-${i}`, code: t.code ?? null, name: t.name, position: t.position, suppressed: t.suppressed ?? false, emotion: value(t.emotion, t.n), npsEmotion: { value: null, n: t.n } })),
});

const map = () =>
  buildJourneyMap(
    makeJourney({
      phases: [makePhase({ id: 'a', name: 'Buy', position: 0, emotion: 1 }), makePhase({ id: 'b', name: 'Use', position: 1, emotion: -2 }), makePhase({ id: 'c', name: 'Leave', position: 2, emotion: -1 })],
    }),
  ).phases;

describe('emotion curve', () => {
  it('maps NPS onto the -2..+2 scale as NPS / 50, clamped', () => {
    expect(npsToEmotion(50)).toBe(1);
    expect(npsToEmotion(-25)).toBe(-0.5);
    expect(npsToEmotion(100)).toBe(2);
    expect(npsToEmotion(-100)).toBe(-2);
  });

  it('uses the server\'s measured emotion (mean CSAT − 3) per phase and spreads touchpoints across their column', () => {
    const curve = buildEmotionCurve(
      map(),
      {
        journeyId: 'j',
        phases: [
          apiPhase('a', 0.456, 300, [
            { name: 'Ad', position: 1, emotion: -0.5, n: 100 },
            { name: 'Web', position: 0, emotion: 1, n: 200 },
            { name: 'Not measured', position: 2, emotion: null, n: 0 },
          ]),
          apiPhase('b', null, 0),
          apiPhase('c', -1.2, 50),
        ],
      },
      new Map(),
    );

    expect(curve.documented).toEqual([1, -2, -1]);
    expect(curve.measured).toEqual([0.46, null, -1.2]);
    expect(curve.measuredLabel).toBe('Measured: mean CSAT − 3');
    // Three touchpoints in phase 0 sit at 1/4, 2/4, 3/4 of its column, in customer order; the unmeasured one has no dot.
    expect(curve.touchpoints.map((t) => [t.x, t.value, t.lines[0]])).toEqual([
      [0.25, 1, 'Web'],
      [0.5, -0.5, 'Ad'],
    ]);
    expect(curve.phaseLines[1]).toEqual(['Use', 'Documented in the workshop: \u22122', 'Measured: no answers in this cut']);
    expect(curve.phaseLines[0]?.[2]).toBe('Measured: +0.46 (mean CSAT − 3, n = 300, 95% +0.36 to +0.56)');
  });

  it('falls back to phase NPS ÷ 50, marked as-is, for a journey without answers of its own', () => {
    const curve = buildEmotionCurve(map(), { journeyId: 'j', phases: [apiPhase('a', null, 0)] }, new Map([['a', badge(30, 'as-is')], ['c', badge(-60, 'as-is')]]));

    expect(curve.measured).toEqual([0.6, null, -1.2]);
    expect(curve.asIs).toEqual([true, false, true]);
    expect(curve.measuredLabel).toBe('Measured: as-is phase NPS ÷ 50');
    expect(curve.touchpoints).toEqual([]);
  });

  it('places phase points under the middle of their columns, on a -2..+2 scale without margins', () => {
    const curve = buildEmotionCurve(map(), undefined, new Map([['a', badge(30)]]));
    const option = emotionCurveOption(curve);

    expect(curve.measuredLabel).toBe('Measured: phase NPS ÷ 50');
    expect(option.grid).toMatchObject({ left: 0, right: 0 });
    expect(option.xAxis).toMatchObject({ type: 'value', min: 0, max: 3 });
    expect(option.yAxis).toMatchObject({ min: -2, max: 2 });
    const series = Array.isArray(option.series) ? option.series : [];
    expect(series.map((s) => s.name)).toEqual(['Documented', 'Measured: phase NPS ÷ 50', 'Measured touchpoints']);
    expect(series[0]?.data).toEqual([
      [0.5, 1],
      [1.5, -2],
      [2.5, -1],
    ]);
  });
});

describe('emotion curve with points hidden for privacy', () => {
  const WORDS = 'fewer than 5 customers: hidden to protect privacy';

  it('draws no point for a hidden phase or touchpoint and says why in the tooltip, the table and one note', () => {
    const curve = buildEmotionCurve(
      map(),
      {
        journeyId: 'j',
        phases: [
          apiPhase('a', 0.5, 300, [
            { name: 'Web', position: 0, emotion: 1, n: 200 },
            { name: 'Branch', position: 1, emotion: null, n: 0, suppressed: true },
            { name: 'Phone', position: 2, emotion: null, n: 0, suppressed: true },
          ]),
          apiPhase('b', null, 0, [], true),
          apiPhase('c', -1.2, 50),
        ],
      },
      new Map(),
      undefined,
      WORDS,
    );

    expect(curve.measured).toEqual([0.5, null, -1.2]);
    expect(curve.measuredLabel).toBe('Measured: mean CSAT − 3');
    expect(curve.touchpoints.map((t) => t.lines[0])).toEqual(['Web']);
    expect(curve.hiddenPhases).toEqual([false, true, false]);
    expect(curve.phaseLines[1]?.[2]).toBe(`Measured: ${WORDS}`);
    expect(curveHiddenNote(curve)).toBe(`Not drawn: 1 phase, 2 touchpoints (${WORDS})`);
  });

  it('stays the journey\'s own curve when every phase is hidden (no fallback to other numbers)', () => {
    const curve = buildEmotionCurve(map(), { journeyId: 'j', phases: [apiPhase('a', null, 0, [], true), apiPhase('b', null, 0, [], true), apiPhase('c', null, 0)] }, new Map([['a', badge(30)]]), undefined, WORDS);
    expect(curve.measured).toEqual([null, null, null]);
    expect(curve.measuredLabel).toBe('Measured: mean CSAT − 3');
    expect(curveHiddenNote(curve)).toBe(`Not drawn: 2 phases (${WORDS})`);
  });

  it('has no note when nothing is hidden', () => {
    const curve = buildEmotionCurve(map(), { journeyId: 'j', phases: [apiPhase('a', 0.5, 300)] }, new Map());
    expect(curveHiddenNote(curve)).toBeNull();
  });
});

describe('pending emotion curve', () => {
  it('draws the documented line while the measured numbers load, and says so', async () => {
    const { pendingCurve } = await import('../../client/src/features/journeys/model/emotionCurve');
    const curve = pendingCurve(map());
    expect(curve.documented).toEqual([1, -2, -1]);
    expect(curve.measured).toEqual([null, null, null]);
    expect(curve.measuredLabel).toBe('Measured: loading…');
  });
});

describe('to-be emotion curve through the as-is touchpoints', () => {
  it('pools the as-is answers of each to-be phase (mean satisfaction − 3, each as-is touchpoint once), marked as-is', () => {
    const toBe = buildJourneyMap(
      makeJourney({
        phases: [
          makePhase({
            id: 'tb1',
            name: 'Buy',
            emotion: 1,
            touchpoints: [
              makeTouchpoint({ id: 'x', code: null, basedOn: { id: 'a', code: 'A' }, position: 0 }),
              makeTouchpoint({ id: 'y', code: null, basedOn: { id: 'a', code: 'A' }, position: 1 }),
              makeTouchpoint({ id: 'z', code: null, basedOn: { id: 'b', code: 'B' }, position: 2 }),
              makeTouchpoint({ id: 'new', code: null, position: 3 }),
            ],
          }),
          makePhase({ id: 'tb2', name: 'Use', position: 1, emotion: -1, touchpoints: [makeTouchpoint({ id: 'w', code: null, position: 0 })] }),
        ],
      }),
    ).phases;
    const asIs = {
      journeyId: 'asis',
      phases: [
        apiPhase('p', 0.5, 400, [
          { name: 'Ad', position: 0, emotion: 1, n: 100, code: 'A' },
          { name: 'Web', position: 1, emotion: 0, n: 300, code: 'B' },
        ]),
      ],
    };

    const curve = buildEmotionCurve(toBe, { journeyId: 'tobe', phases: [apiPhase('tb1', null, 0), apiPhase('tb2', null, 0)] }, new Map(), asIs);

    // (1 × 100 + 0 × 300) / 400: A counted once although two to-be touchpoints are based on it.
    expect(curve.measured).toEqual([0.25, null]);
    expect(curve.asIs).toEqual([true, false]);
    expect(curve.measuredLabel).toBe('Measured: as-is mean CSAT − 3');
    expect(curve.touchpoints.map((t) => [t.x, t.value])).toEqual([
      [0.2, 1],
      [0.4, 1],
      [0.6, 0],
    ]);
  });
});
