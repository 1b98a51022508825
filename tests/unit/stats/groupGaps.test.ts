import { describe, expect, it } from 'vitest';
import { computeNps, csatMean, type NpsCounts } from '../../../analytics/stats/index.js';
import { rankGaps, sortByMeasure, surestPair } from '../../../analytics/stats/groupGaps.js';

const group = (name: string, counts: NpsCounts, minN = 5) => ({ name, nps: computeNps(counts, { minN }), csat: csatMean({ n: 0, sum: 0, sumSquares: 0 }) });

describe('gaps between groups (analytics/stats/groupGaps.ts)', () => {
  it('picks the pair whose difference is surest to be large: 60/24/0 vs 12/24/24 of 60 → 80 points, interval 55.494 to 100.603', () => {
    // ñ = 61.5 a side: NPS̃ 58.537 (SE 6.438) and −19.512 (SE 9.538); 78.049 ± 1.96 × 11.507 (tests/unit/priorities.test.ts).
    const high = group('P1', { promoters: 36, passives: 24, detractors: 0 });
    const low = group('P2', { promoters: 12, passives: 24, detractors: 24 });
    const middle = group('P3', { promoters: 30, passives: 24, detractors: 6 });
    const tooSmall = group('P4', { promoters: 0, passives: 0, detractors: 3 });
    const pair = surestPair([low, tooSmall, middle, high], 'NPS', 0.95)!;
    expect([pair.high.name, pair.low.name]).toEqual(['P1', 'P2']);
    expect(pair.test.difference).toBeCloseTo(80, 10);
    expect(pair.interval.ciLow).toBeCloseTo(55.494, 2);
    expect(pair.interval.ciHigh).toBeCloseTo(100.603, 2);
    expect(sortByMeasure([low, tooSmall, high], 'NPS').map((g) => g.name)).toEqual(['P1', 'P2', 'P4']);
    expect(surestPair([high, tooSmall], 'NPS', 0.95)).toBeUndefined();
  });

  it('ranks NPS gaps by the lower bound, CSAT gaps after them, and flags at a false-discovery rate', () => {
    const gap = (name: string, measure: 'NPS' | 'CSAT', ciLow: number, pValue: number) => ({
      name,
      measure,
      interval: { difference: ciLow + 10, ciLow, ciHigh: ciLow + 20, confidenceLevel: 0.95 },
      test: { difference: ciLow + 10, se: 5, z: 2, pValue, significant: pValue < 0.05 },
    });
    // p 0.04 and 0.03 pass alone; with m = 3, BH: sorted 0.03 (×3/1 = 0.09), 0.04 (×3/2 = 0.06), 0.5 → none ≤ 0.05.
    const ranked = rankGaps([gap('csat', 'CSAT', 0.5, 0.04), gap('wide', 'NPS', 2, 0.03), gap('tight', 'NPS', 20, 0.5)], 0.95);
    expect(ranked.map((g) => [g.name, g.rank])).toEqual([['tight', 1], ['wide', 2], ['csat', 3]]);
    expect(ranked.map((g) => g.test.significant)).toEqual([false, false, false]);
    expect(ranked.find((g) => g.name === 'wide')!.qValue).toBeCloseTo(0.06, 12);
  });
});
