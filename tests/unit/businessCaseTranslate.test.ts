import { describe, expect, it } from 'vitest';
import { crossingShare, shiftMoves, translateEffect, type TouchpointEvidence } from '../../analytics/businessCase/translate.js';

const ltrCounts = (counts: Record<number, number>) => Array.from({ length: 11 }, (_, ltr) => counts[ltr] ?? 0);

/** A touchpoint with 20 detractors, 30 passives, 50 promoters; β 0.5 with sd LTR 2 and sd satisfaction 1: b = 1 LTR point per satisfaction point. */
const tp = (driver: TouchpointEvidence['driver'] = { beta: 0.5, share: 0.3, sdSatisfaction: 1, sdLtr: 2, n: 400 }): TouchpointEvidence => ({
  code: 'TP_X',
  name: 'X',
  groups: {
    DETRACTOR: { customers: 20, meanSatisfaction: 2, relationshipLtr: ltrCounts({ 5: 4, 6: 6 }) },
    PASSIVE: { customers: 30, meanSatisfaction: 3.5, relationshipLtr: ltrCounts({ 7: 6, 8: 6 }) },
    PROMOTER: { customers: 50, meanSatisfaction: 4.5, relationshipLtr: ltrCounts({ 9: 10 }) },
  },
  driver,
});

describe('translating an effect into loyalty-group moves', () => {
  it('carries customers over a threshold by how far the shift reaches into their LTR point', () => {
    expect(crossingShare(6, 0.4, 7)).toBeCloseTo(0.4, 12);
    expect(crossingShare(5, 0.4, 7)).toBe(0);
    expect(crossingShare(5, 1.5, 7)).toBeCloseTo(0.5, 12);
    expect(crossingShare(8, 0.3, 9)).toBeCloseTo(0.3, 12);
    expect(crossingShare(9, 0, 9)).toBe(1);
    expect(crossingShare(3, 10, 7)).toBe(1);
  });

  it('moves half of 10/20/30/40 customers at LTR 5/6/7/8 by a shift of 1.5, by hand', () => {
    // LTR 5: 5 × (0.5 over 7) = 2.5 → passive; LTR 6: 10 × 1 = 10 → passive; LTR 7: 15 × 0.5 = 7.5 → promoter; LTR 8: 20 × 1 = 20 → promoter.
    const moves = shiftMoves(ltrCounts({ 5: 10, 6: 20, 7: 30, 8: 40 }), 0.5, 1.5, 'b');
    expect(moves).toEqual([
      { from: 'DETRACTOR', to: 'PASSIVE', customers: 12.5, basis: 'b' },
      { from: 'PASSIVE', to: 'PROMOTER', customers: 27.5, basis: 'b' },
    ]);
  });

  it('reads an NPS uplift as the smallest change: detractors to passives first, then passives to promoters', () => {
    // 30 points at 20% detractors / 30% passives: all detractors (share 1), then 10 of 30 passives (share 1/3).
    const steps = translateEffect({ kind: 'TOUCHPOINT_NPS_UPLIFT', value: 30 }, [tp()]);
    expect(steps.map((s) => [s.from, s.to])).toEqual([['DETRACTOR', 'PASSIVE'], ['PASSIVE', 'PROMOTER']]);
    expect(steps[0]!.share).toBe(1);
    expect(steps[1]!.share).toBeCloseTo(1 / 3, 12);
    // Δ satisfaction 3.5 − 2 = 1.5, b = 0.5 × 2 / 1 = 1: shift 1.5. Detractors at LTR 5 (4): half cross 7; at 6 (6): all.
    expect(steps[0]).toMatchObject({ satisfactionChange: 1.5, ltrPerSatisfactionPoint: 1, ltrShift: 1.5, movers: 10 });
    expect(steps[0]!.moves).toEqual([expect.objectContaining({ from: 'DETRACTOR', to: 'PASSIVE', customers: 8 })]);
    // Passives: Δ 1, shift 1; a third of 6 at LTR 8 cross 9, none at 7: 2 customers.
    expect(steps[1]!.moves).toEqual([expect.objectContaining({ from: 'PASSIVE', to: 'PROMOTER' })]);
    expect(steps[1]!.moves[0]!.customers).toBeCloseTo(2, 12);
    expect(() => translateEffect({ kind: 'TOUCHPOINT_NPS_UPLIFT', value: 60 }, [tp()])).toThrow(
      'TP_X: an uplift of 60 NPS points needs more than moving every detractor (20%) and every passive (30%) one group up; at most 50 points',
    );
  });

  it('moves nobody, and says why, when the touchpoint is not a driver', () => {
    const [outside] = translateEffect({ kind: 'DETRACTORS_TO_PASSIVES', value: 0.5 }, [{ ...tp(null), excludedBecause: 'LOW_N: 12 customers' }]);
    expect(outside).toMatchObject({ ltrShift: 0, moves: [], movers: 5 });
    expect(outside!.explanation).toBe('TP_X is not in the driver model (LOW_N: 12 customers), so no effect on overall loyalty can be shown.');
    const [negative] = translateEffect({ kind: 'DETRACTORS_TO_PASSIVES', value: 0.5 }, [tp({ beta: -0.1, share: 0.01, sdSatisfaction: 1, sdLtr: 2, n: 400 })]);
    expect(negative).toMatchObject({ ltrShift: 0, moves: [] });
    expect(() => translateEffect({ kind: 'PASSIVES_TO_PROMOTERS', value: 1.2 }, [tp()])).toThrow('effect value must be a share from 0 to 1, got 1.2');
  });
});
