import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

function mountWithCurve() {
  const phases = buildJourneyMap(
    makeJourney({ phases: [makePhase({ touchpoints: [makeTouchpoint({ name: 'Web shop' }), makeTouchpoint({ name: 'Store visit' })] }), makePhase()] }),
  ).phases;
  const data = pendingCurve(phases);
  return mount(JourneyMap, { props: { phases, curve: { data, option: emotionCurveOption(data), ready: true } }, attachTo: document.body });
}

describe('the emotion curve under the journey map', () => {
  it('loads the chart module only after the cards are on screen and the browser has been idle', async () => {
    vi.useFakeTimers();
    try {
      const wrapper = mountWithCurve();
      await flushPromises();
      // The cards are there; the curve keeps its place with a placeholder, and ECharts is not loaded yet.
      expect(wrapper.findAll('[data-card]').length).toBe(2);
      expect(wrapper.find('[data-testid="emotion-curve"] [data-testid="chart-placeholder"]').exists()).toBe(true);
      expect(wrapper.find('[data-testid="chart"]').exists()).toBe(false);
      expect(loads.count).toBe(0);

      await vi.runAllTimersAsync();
      await flushPromises();
      await vi.dynamicImportSettled();
      await flushPromises();
      expect(loads.count).toBe(1);
      expect(wrapper.find('[data-testid="emotion-curve"] [data-testid="chart"]').exists()).toBe(true);
      wrapper.unmount();
    } finally {
      vi.useRealTimers();
    }
  });
});
