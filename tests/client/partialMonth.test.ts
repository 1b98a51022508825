import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import TargetCard from '../../client/src/features/status/components/TargetCard.vue';
import TrendExplorer from '../../client/src/features/status/components/TrendExplorer.vue';
import type { TargetsQuery } from '../../client/src/graphql/generated';
import { fakeClient } from './support/fakeClient';

// ECharts draws on a canvas happy-dom does not have: a stand-in shows the text alternative it is given.
vi.mock('../../client/src/components/charts', async (original) => ({
  ...(await original<Record<string, unknown>>()),
  Chart: defineComponent({ props: { label: { type: String, required: true } }, setup: (props) => () => h('div', { role: 'img', 'aria-label': props.label, 'data-testid': 'chart' }) }),
}));

type Target = TargetsQuery['targets'][number];
type Point = Target['progress']['points'][number];
const point = (bucket: string, value: number, days: number, daysWithData: number): Point => ({
  bucket,
  value,
  ciLow: value - 0.01,
  ciHigh: value + 0.01,
  n: 3000,
  complete: days === daysWithData,
  lowSample: false,
  days,
  daysWithData,
});
// Retention by month: October and November whole, December with its first six days (98%, a false spike).
const POINTS = [point('2026-10-01', 0.9, 31, 31), point('2026-11-01', 0.9, 30, 30), point('2026-12-01', 0.98, 31, 6)];

describe('a partial current month', () => {
  it('a target card says December is partial, on the card and in the chart\'s text alternative', async () => {
    const target: Target = {
      id: 't1',
      name: 'Keep 9 in 10 customers',
      metric: 'RETENTION',
      scope: 'COMPANY',
      kpiName: null,
      baseline: 0.88,
      baselineDate: '2026-01-01T00:00:00Z',
      targetValue: 0.92,
      dueDate: '2027-12-31T00:00:00Z',
      persona: null,
      journey: null,
      touchpoint: null,
      progress: {
        status: 'ON_TRACK',
        direction: 'INCREASE',
        achieved: 0.5,
        unit: 'share',
        scale: 100,
        measured: 'Retention: 1 - annualised churn',
        note: null,
        baseline: 0.88,
        baselineDate: '2026-01-01T00:00:00Z',
        targetValue: 0.92,
        dueDate: '2027-12-31T00:00:00Z',
        now: { bucket: '2026-11-01', value: 0.9, ciLow: 0.89, ciHigh: 0.91, n: 3000 },
        points: POINTS,
        projection: null,
        slope: { slopePerMonth: 0, ciLow: -0.01, ciHigh: 0.01 },
      },
    };
    const wrapper = mount(TargetCard, { props: { target } });
    await flushPromises();
    const note = 'December 2026 (6 of 31 days) is only partly in the data, drawn dashed and hollow: not comparable with whole periods.';
    expect(wrapper.get('[data-testid="target-partial"]').text()).toBe(note);
    expect(wrapper.get('[data-testid="chart"]').attributes('aria-label')).toContain(note);
    // "Now" is the latest whole month, not the partial one.
    expect(wrapper.text()).toContain('2026-11-01');
    wrapper.unmount();
  });

  it('the trend explorer says so beside the latest complete month, and says nothing when every month is whole', async () => {
    let points = POINTS;
    const client = fakeClient({
      Trend: (op) => ({
        data: {
          trend: {
            __typename: 'MetricTrend',
            metric: op.variables?.metric,
            bucket: op.variables?.bucket,
            unit: 'share',
            points,
            latest: { bucket: '2026-11-01', value: 0.9, ciLow: 0.89, ciHigh: 0.91, n: 3000 },
            slope: { slopePerMonth: 0, ciLow: -0.01, ciHigh: 0.01, significant: false, buckets: 2 },
          },
        },
      }),
    });
    const wrapper = mount(TrendExplorer, { props: { filter: {} }, global: { plugins: [[urql, client]] } });
    await flushPromises();
    expect(wrapper.get('[data-testid="trend-partial"]').text()).toMatch(/^December 2026 \(6 of 31 days\) is only partly in the data/);
    wrapper.unmount();

    points = POINTS.slice(0, 2);
    const whole = mount(TrendExplorer, { props: { filter: {} }, global: { plugins: [[urql, client]] } });
    await flushPromises();
    expect(whole.find('[data-testid="trend-summary"]').exists()).toBe(true);
    expect(whole.find('[data-testid="trend-partial"]').exists()).toBe(false);
    whole.unmount();
  });
});
