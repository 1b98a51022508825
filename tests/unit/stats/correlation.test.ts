import { describe, expect, it } from 'vitest';
import {
  buildCorrelationInput,
  correlationInterval,
  pairSums,
  pearsonFromSums,
  type CorrelationEntry,
} from '../../../analytics/stats/correlation.js';

describe('pearsonFromSums', () => {
  it('computes r = 0.774597 from the sums of five pairs', () => {
    // x = 1,2,3,4,5; y = 2,4,5,4,5: n = 5, Σx = 15, Σy = 20, Σx² = 55, Σy² = 86, Σxy = 66
    // nΣxy − ΣxΣy = 330 − 300 = 30; nΣx² − (Σx)² = 275 − 225 = 50; nΣy² − (Σy)² = 430 − 400 = 30
    // r = 30 / sqrt(50 × 30) = 30 / 38.729833 = 0.774597 (= sqrt(0.6))
    const sums = pairSums([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]);
    expect(sums).toEqual({ n: 5, sumX: 15, sumY: 20, sumXX: 55, sumYY: 86, sumXY: 66 });
    expect(pearsonFromSums(sums)).toBeCloseTo(Math.sqrt(0.6), 12);
  });

  it('returns null when a variable does not vary or there are fewer than two pairs', () => {
    expect(pearsonFromSums(pairSums([3, 3, 3], [1, 2, 3]))).toBeNull();
    expect(pearsonFromSums(pairSums([1], [2]))).toBeNull();
    expect(pearsonFromSums({ n: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 })).toBeNull();
  });

  it('gives exactly ±1 for perfectly linear data', () => {
    expect(pearsonFromSums(pairSums([1, 2, 3], [10, 8, 6]))).toBe(-1);
  });

  it('rejects inconsistent sums', () => {
    // n·Σx² = 2 × 1 = 2 < (Σx)² = 16: no real data has these sums.
    expect(() => pearsonFromSums({ n: 2, sumX: 4, sumY: 1, sumXX: 1, sumYY: 1, sumXY: 1 })).toThrow(
      'pearsonFromSums: sums are inconsistent',
    );
    expect(() => pearsonFromSums({ n: 2, sumX: Number.NaN, sumY: 1, sumXX: 1, sumYY: 1, sumXY: 1 })).toThrow(
      'pearsonFromSums: sumX must be a finite number, got NaN',
    );
  });
});

describe('correlationInterval', () => {
  it('gives 0.339..0.632 for r = 0.5 with n = 103 by Fisher z', () => {
    // atanh(0.5) = 0.549306; SE = 1/sqrt(100) = 0.1; ±1.96 × 0.1 → 0.353306 .. 0.745306
    // tanh back: 0.339304 .. 0.632340
    const interval = correlationInterval(0.5, 103);
    expect(interval?.low).toBeCloseTo(0.339304, 6);
    expect(interval?.high).toBeCloseTo(0.63234, 5);
  });

  it('returns null with three or fewer pairs', () => {
    expect(correlationInterval(0.5, 3)).toBeNull();
  });
});

describe('buildCorrelationInput', () => {
  const entries: CorrelationEntry[] = [
    { a: 'web', b: 'app', r: 0.3, n: 800 },
    { a: 'store', b: 'web', r: 0.2, n: 500 },
    { a: 'app', b: 'store', r: 0.1, n: 450 },
    { a: 'web', b: 'ltr', r: 0.5, n: 900 },
    { a: 'ltr', b: 'app', r: 0.4, n: 850 },
    { a: 'store', b: 'ltr', r: 0.35, n: 520 },
    { a: 'other', b: 'ltr', r: 0.9, n: 10 },
  ];

  it('assembles Rxx and rxy in predictor order from pairs given in any order', () => {
    const input = buildCorrelationInput(['web', 'app', 'store'], 'ltr', entries);
    expect(input.rxx).toEqual([
      [1, 0.3, 0.2],
      [0.3, 1, 0.1],
      [0.2, 0.1, 1],
    ]);
    expect(input.rxy).toEqual([0.5, 0.4, 0.35]);
    expect(input.nxy).toEqual([900, 850, 520]);
    expect(input.nxx[0]).toEqual([500, 800, 500]);
    expect(input.minN).toBe(450);
  });

  it('names a missing pair', () => {
    const withoutAppStore = entries.filter((e) => !(e.a === 'app' && e.b === 'store'));
    expect(() => buildCorrelationInput(['web', 'app', 'store'], 'ltr', withoutAppStore)).toThrow(
      'buildCorrelationInput: missing correlation for pair (app, store)',
    );
  });

  it('names a pair given twice with different values', () => {
    const conflicting = [...entries, { a: 'app', b: 'web', r: 0.31, n: 800 }];
    expect(() => buildCorrelationInput(['web', 'app', 'store'], 'ltr', conflicting)).toThrow(
      'buildCorrelationInput: pair (app, web) is given twice with different r: 0.3 and 0.31',
    );
  });

  it('rejects a correlation outside -1..1 and a duplicated variable', () => {
    expect(() => buildCorrelationInput(['web'], 'ltr', [{ a: 'web', b: 'ltr', r: 1.2, n: 5 }])).toThrow(
      'buildCorrelationInput: entries[0].r for pair (web, ltr) must be between -1 and 1, got 1.2',
    );
    expect(() => buildCorrelationInput(['web', 'ltr'], 'ltr', entries)).toThrow('variable "ltr" is listed twice');
  });
});
