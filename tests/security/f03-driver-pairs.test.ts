import { describe, expect, it } from 'vitest';
import { driverModel } from '../../analytics/queries/drivers/driverModel.js';
import { isSmallCell } from '../../analytics/privacy/smallCells.js';
import type { PairSums } from '../../analytics/stats/index.js';

// Finding 3, driver weights: a touchpoint is dropped from the driver model when it was answered together
// with another one by too few customers (LOW_PAIR_N). Its detail used to print that pair's count ("together
// with Web quote (n 4)"): for a role under small-cell suppression that count is itself a small cell. It must
// not be printed, and the exclusion must say it was suppressed.

/** Pearson sums of paired values. */
function sums(pairs: readonly [number, number][]): PairSums {
  return pairs.reduce<PairSums>(
    (s, [x, y]) => ({ n: s.n + 1, sumX: s.sumX + x, sumY: s.sumY + y, sumXX: s.sumXX + x * x, sumYY: s.sumYY + y * y, sumXY: s.sumXY + x * y }),
    { n: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 },
  );
}
/** n customers whose satisfaction (1-5) goes with the outcome (0-10), with some noise so r < 1. */
const related = (n: number, offset = 0) => Array.from({ length: n }, (_, i): [number, number] => [1 + ((i + offset) % 5), ((i + offset) % 5) * 2 + (i % 3)]);

function model(pairN: number, smallCell?: (n: number) => boolean) {
  const withOutcome = new Map([
    ['WEB_QUOTE', sums(related(40))],
    ['BRANCH_MEETING', sums(related(60, 1))],
    ['PHONE', sums(related(50, 2))],
  ]);
  const pair = (a: string, b: string) => {
    const key = [a, b].sort().join('+');
    // Web quote and branch meeting are alternatives: only pairN customers did both.
    if (key === 'BRANCH_MEETING+WEB_QUOTE') return sums(related(pairN));
    return sums(related(40, 3));
  };
  const names: Record<string, string> = { WEB_QUOTE: 'Web quote', BRANCH_MEETING: 'Branch meeting', PHONE: 'Phone' };
  return driverModel({ predictors: [...withOutcome.keys()], withOutcome, pair, minN: 30, confidenceLevel: 0.95, label: (c) => names[c] ?? c, smallCell });
}

describe('driver weights: touchpoints dropped for a pair answered together by few customers', () => {
  const belowFive = (n: number) => isSmallCell(n, 5);

  it('hides the pair count below the threshold and flags the exclusion for a suppressed role', () => {
    const m = model(3, belowFive);
    expect(m.excluded).toHaveLength(1);
    const [e] = m.excluded;
    expect(e).toMatchObject({ name: 'WEB_QUOTE', reason: 'LOW_PAIR_N', smallCellPair: true });
    expect(e!.detail).toContain('Branch meeting (too few customers to show)');
    expect(e!.detail).not.toMatch(/\(n 3\)/);
    // The rest of the model is the same as without suppression.
    expect(m.weights.map((w) => w.name).sort()).toEqual(model(3).weights.map((w) => w.name).sort());
  });

  it('prints the count and flags nothing for roles that read individual answers (no threshold)', () => {
    const [e] = model(3).excluded;
    expect(e!.detail).toContain('Branch meeting (n 3)');
    expect(e!.smallCellPair).toBeUndefined();
  });

  it('prints a pair count at or above the threshold (below minN but not a small cell) and flags nothing', () => {
    const [e] = model(12, belowFive).excluded;
    expect(e).toMatchObject({ reason: 'LOW_PAIR_N' });
    expect(e!.detail).toContain('Branch meeting (n 12)');
    expect(e!.smallCellPair).toBeUndefined();
  });
});
