import { describe, expect, it } from 'vitest';
import { makeDemoCompany } from '../../seeds/demo/company.js';
import { TargetMetric } from '../../server/modules/targets/target.entity.js';
import { targetValueProblem } from '../../server/modules/targets/target.service.js';

describe('target values', () => {
  it('takes shares as fractions 0..1 and says how to write a percent', () => {
    expect(targetValueProblem(TargetMetric.RETENTION, 0.92)).toBeNull();
    expect(targetValueProblem(TargetMetric.RETENTION, 92)).toBe('RETENTION values lie between 0 and 1; got 92. Shares are fractions: write 0.92 for 92%.');
    expect(targetValueProblem(TargetMetric.PROMOTER_SHARE, -0.1)).toBe('PROMOTER_SHARE values lie between 0 and 1; got -0.1.');
    expect(targetValueProblem(TargetMetric.NPS, -44)).toBeNull();
    expect(targetValueProblem(TargetMetric.CSAT, 7)).toBe('CSAT values lie between 1 and 5; got 7.');
    expect(targetValueProblem(TargetMetric.TOUCHPOINT_KPI, 190)).toBeNull();
  });

  it('holds for every target of the demo company, the retention target at 0.87 → 0.92', () => {
    const { targets } = makeDemoCompany('2026-06-30');
    for (const t of targets) {
      expect([targetValueProblem(t.metric, t.baseline), targetValueProblem(t.metric, t.targetValue)], t.name).toEqual([null, null]);
    }
    expect(targets.find((t) => t.metric === TargetMetric.RETENTION)).toMatchObject({ baseline: 0.87, targetValue: 0.92 });
  });
});
