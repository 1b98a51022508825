import { describe, expect, it } from 'vitest';
import * as stats from '../../../analytics/stats/index.js';

describe('analytics/stats index', () => {
  it('re-exports every public function', () => {
    const expected = [
      'classifyNps', 'countNps', 'computeNps', 'compareNps',
      'csatMean', 'meanSums', 'proportion', 'topTwoBox', 'welchTest', 'twoProportionTest',
      'pearsonFromSums', 'pairSums', 'correlationInterval', 'buildCorrelationInput',
      'relativeWeights', 'lifetimeValue', 'monthlyLifetimeValue', 'fitTrend', 'projectTrend', 'targetStatus',
      'criticalT', 'criticalZ', 'normalCdf', 'normalQuantile', 'normalTwoSidedP', 'studentTCdf', 'studentTQuantile', 'studentTTwoSidedP',
    ];
    for (const name of expected) expect(typeof Reflect.get(stats, name), name).toBe('function');
  });
});
