import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import JourneyMap from '../../client/src/features/journeys/components/JourneyMap.vue';
import CutControls from '../../client/src/shared/components/CutControls.vue';
import { buildJourneyMap } from '../../client/src/features/journeys/model/journeyMap';
import type { NpsBadgeData } from '../../client/src/features/journeys/model/measures';
import { makeJourney, makePhase, makeTouchpoint } from './support/factories';

const badge = (nps: number, n: number, extra: Partial<NpsBadgeData> = {}): NpsBadgeData => ({ nps, n, low: nps - 5, high: nps + 5, lowSample: n < 30, ...extra });

describe('JourneyMap with numbers', () => {
  const journey = makeJourney({
    phases: [
      makePhase({
        id: 'ph1',
        name: 'Claim',
        touchpoints: [
          makeTouchpoint({ id: 'measured', code: 'CLAIM', position: 0 }),
          makeTouchpoint({ id: 'quiet', code: 'QUIET', position: 1 }),
          makeTouchpoint({ id: 'tobe', code: null, basedOn: { id: 'old', code: 'OLD' }, position: 2 }),
          makeTouchpoint({ id: 'new', code: null, position: 3 }),
          makeTouchpoint({ id: 'few', code: 'FEW', position: 4 }),
        ],
      }),
      makePhase({ id: 'ph2', name: 'Renewal', position: 1 }),
    ],
  });
  const mountWith = () =>
    mount(JourneyMap, {
      props: {
        phases: buildJourneyMap(journey).phases,
        measured: true,
        npsByTouchpoint: new Map([
          ['measured', badge(-12.4, 240)],
          ['tobe', badge(20, 90, { source: 'as-is' })],
          ['few', badge(35, 12)],
        ]),
        npsByPhase: new Map([['ph1', badge(3, 1200)]]),
      },
    });
  const card = (w: ReturnType<typeof mountWith>, id: string) => w.get(`[data-touchpoint-id="${id}"]`);

  it('shows NPS, its interval as low…high and n on a measured card', () => {
    const b = card(mountWith(), 'measured').get('[data-testid="nps-badge"]');
    expect(b.text()).toContain('NPS');
    expect(b.get('[data-testid="nps-value"]').text()).toBe('\u221212');
    expect(b.get('[data-testid="nps-interval"]').text()).toBe('\u221217…\u22127 · n=240');
    expect(b.text()).not.toContain('±');
    expect(b.text()).toContain('n=240');
    expect(b.attributes('aria-label')).toBe('NPS minus 12, plus or minus 5, 240 answers');
  });

  it('marks a low sample and an as-is number', () => {
    const w = mountWith();
    expect(card(w, 'few').get('[data-testid="nps-badge"]').attributes('data-low-sample')).toBe('true');
    expect(card(w, 'few').text()).toContain('low n');
    const asIs = card(w, 'tobe').get('[data-testid="nps-badge"]');
    expect(asIs.attributes('data-source')).toBe('as-is');
    expect(asIs.text()).toContain('as-is');
    expect(card(w, 'tobe').text()).toContain('as-is');
    expect(card(w, 'tobe').text()).not.toContain('OLD');
  });

  it('says "no answers" for a measurable card without numbers, and nothing for one nobody measures', () => {
    const w = mountWith();
    expect(card(w, 'quiet').find('[data-testid="nps-none"]').exists()).toBe(true);
    expect(card(w, 'new').find('[data-testid="nps-none"]').exists()).toBe(false);
    expect(card(w, 'new').find('[data-testid="nps-badge"]').exists()).toBe(false);
  });

  it('puts the phase NPS in the phase header', () => {
    const heads = mountWith().findAll('[data-testid="phase-nps"]');
    expect(heads).toHaveLength(2);
    expect(heads[0]!.get('[data-testid="nps-badge"]').attributes('data-n')).toBe('1200');
    expect(heads[1]!.text()).toBe('no answers in this cut');
  });
});

describe('CutControls', () => {
  const personas = [
    { code: 'YOUNG_FAMILY', name: 'Young family' },
    { code: 'SENIOR_SAVER', name: 'Senior saver' },
  ];

  it('switches persona and period', async () => {
    const w = mount(CutControls, { props: { modelValue: { persona: null, period: '12m', from: null, to: null }, personas } });
    await w.get('[data-testid="cut-persona"]').setValue('SENIOR_SAVER');
    await w.get('[data-testid="cut-period"]').setValue('3m');
    expect(w.emitted('change')).toEqual([[{ persona: 'SENIOR_SAVER' }], [{ period: '3m', from: null, to: null }]]);
  });

  it('applies a custom period only when it is valid', async () => {
    const w = mount(CutControls, { props: { modelValue: { persona: null, period: 'custom', from: null, to: null }, personas } });
    await w.get('[data-testid="cut-from"]').setValue('2026-05-01');
    await w.get('[data-testid="cut-to"]').setValue('2026-04-01');
    await w.get('form').trigger('submit');
    expect(w.get('[data-testid="cut-period-error"]').text()).toBe('The first day is after the last day.');
    expect(w.emitted('change')).toBeUndefined();

    await w.get('[data-testid="cut-to"]').setValue('2026-06-30');
    await w.get('form').trigger('submit');
    expect(w.emitted('change')).toEqual([[{ period: 'custom', from: '2026-05-01', to: '2026-06-30' }]]);
  });
});
