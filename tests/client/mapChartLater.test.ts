import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import JourneyMap from '../../client/src/features/journeys/components/JourneyMap.vue';
import { buildJourneyMap } from '../../client/src/features/journeys/model/journeyMap';
import { emotionCurveOption, pendingCurve } from '../../client/src/features/journeys/model/emotionCurve';
import { makeJourney, makePhase, makeTouchpoint } from './support/factories';

// Stands in for the ECharts component; the factory runs when the chart's module is first loaded.
const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../client/src/components/charts/BaseChart.vue', () => {
  loads.count += 1;
  return { __esModule: true, default: defineComponent({ props: ['option', 'label', 'height'], setup: () => () => h('div', { 'data-testid': 'chart' }) }) };
});

afterEach(() => {
  document.body.innerHTML = '';
});

const phases = buildJourneyMap(
  makeJourney({ phases: [makePhase({ touchpoints: [makeTouchpoint({ name: 'Web shop' }), makeTouchpoint({ name: 'Store visit' })] }), makePhase()] }),
).phases;
const curve = (ready: boolean) => {
  const data = pendingCurve(phases);
  return { data, option: emotionCurveOption(data), ready };
};
function mountWithCurve(ready = true) {
  return mount(JourneyMap, { props: { phases, curve: curve(ready) }, attachTo: document.body });
}
/** Lets every timer, idle callback and dynamic import run that can. */
async function settle() {
  await vi.advanceTimersByTimeAsync(100);
  await flushPromises();
  await vi.dynamicImportSettled();
  await flushPromises();
}
const chartShown = (wrapper: ReturnType<typeof mountWithCurve>) => wrapper.find('[data-testid="emotion-curve"] [data-testid="chart"]').exists();

describe('the emotion curve under the journey map', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('loads the chart module only after the cards are on screen and the browser has been idle', async () => {
    const wrapper = mountWithCurve();
    await flushPromises();
    // The cards are there; the curve keeps its place with a placeholder, and ECharts is not loaded yet.
    expect(wrapper.findAll('[data-card]').length).toBe(2);
    expect(wrapper.find('[data-testid="emotion-curve"] [data-testid="chart-placeholder"]').exists()).toBe(true);
    expect(chartShown(wrapper)).toBe(false);
    expect(loads.count).toBe(0);

    await settle();
    expect(loads.count).toBe(1);
    expect(chartShown(wrapper)).toBe(true);
    wrapper.unmount();
  });

  /** Mounted with the numbers still on their way: no chart after an idle moment, the chart once `then` has run. */
  async function chartOnlyAfter(then: (wrapper: ReturnType<typeof mountWithCurve>) => Promise<unknown>) {
    const wrapper = mountWithCurve(false);
    await settle();
    expect(chartShown(wrapper)).toBe(false);
    await then(wrapper);
    await settle();
    expect(chartShown(wrapper)).toBe(true);
    wrapper.unmount();
  }

  it("waits for the curve's numbers, so an idle moment while they are on their way does not start ECharts", () =>
    chartOnlyAfter((wrapper) => wrapper.setProps({ curve: curve(true) })));

  it('draws the documented line after 4 s when the numbers never come (a failed query)', () => chartOnlyAfter(() => vi.advanceTimersByTimeAsync(4000)));
});
