import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import JourneyMap from '../../client/src/features/journeys/components/JourneyMap.vue';
import { buildJourneyMap } from '../../client/src/features/journeys/model/journeyMap';
import type { NpsBadgeData } from '../../client/src/features/journeys/model/measures';
import { makeJourney, makePhase, makeTouchpoint } from './support/factories';

function mountMap(journey = makeJourney(), npsByTouchpoint?: ReadonlyMap<string, NpsBadgeData>, narrative = true) {
  return mount(JourneyMap, { props: { phases: buildJourneyMap(journey).phases, npsByTouchpoint, narrative }, attachTo: document.body });
}

const texts = (wrapper: ReturnType<typeof mountMap>, testid: string) => wrapper.findAll(`[data-testid="${testid}"]`).map((w) => w.text());

describe('JourneyMap', () => {
  it('draws one column per phase, in journey order', () => {
    const wrapper = mountMap(
      makeJourney({
        phases: [makePhase({ name: 'Purchase', position: 1 }), makePhase({ name: 'Before purchase', position: 0 }), makePhase({ name: 'Usage', position: 2 })],
      }),
    );

    expect(texts(wrapper, 'phase-name')).toEqual(['Before purchase', 'Purchase', 'Usage']);
  });

  it('shows actions, thoughts and the documented feeling with its face and number', () => {
    const wrapper = mountMap(
      makeJourney({
        phases: [makePhase({ actions: ['Compares prices'], thoughts: ['Is this too expensive?'], feelings: ['Unsure'], emotion: -1 })],
      }),
    );

    expect(wrapper.get('[data-testid="phase-actions"]').text()).toContain('Compares prices');
    expect(wrapper.get('[data-testid="phase-thoughts"]').text()).toContain('Is this too expensive?');
    const emotion = wrapper.get('[data-testid="phase-emotion"]');
    expect(emotion.attributes('data-emotion')).toBe('-1');
    expect(emotion.text()).toContain('\u22121');
    expect(emotion.text()).toContain('Negative');
    expect(emotion.find('svg[data-emotion="-1"]').exists()).toBe(true);
    expect(wrapper.get('[data-testid="phase-feelings"]').text()).toContain('Unsure');
  });

  it('puts touchpoint cards under their phase, in order, with channel, mode, owner, flags and code', () => {
    const wrapper = mountMap(
      makeJourney({
        phases: [
          makePhase({
            name: 'Claim',
            position: 0,
            touchpoints: [
              makeTouchpoint({ name: 'Gets decision letter', position: 1, channel: 'LETTER', online: false, code: 'CLAIM-2', difficult: true }),
              makeTouchpoint({ name: 'Reports claim in app', position: 0, channel: 'APP', code: 'CLAIM-1', critical: true, responsible: 'Ole Berg' }),
            ],
          }),
          makePhase({ name: 'Renewal', position: 1, touchpoints: 1 }),
        ],
      }),
    );

    const columns = wrapper.findAll('[data-testid="phase-touchpoints"]');
    expect(columns).toHaveLength(2);
    const claimCards = columns[0]!.findAll('[data-testid="touchpoint-card"]');
    expect(claimCards.map((c) => c.get('[data-testid="touchpoint-name"]').text())).toEqual(['Reports claim in app', 'Gets decision letter']);
    expect(columns[1]!.findAll('[data-testid="touchpoint-card"]')).toHaveLength(1);

    const [first, second] = claimCards;
    expect(first!.text()).toContain('App');
    expect(first!.text()).toContain('Online');
    expect(first!.text()).toContain('Customer Service');
    expect(first!.text()).toContain('Ole Berg');
    expect(first!.text()).toContain('Critical');
    expect(first!.text()).not.toContain('Difficult');
    // Names, not codes (issue 18): the survey code shows only while editing, where it is set.
    expect(first!.find('[data-testid="touchpoint-code"]').exists()).toBe(false);
    expect(first!.text()).not.toContain('CLAIM-1');
    expect(second!.text()).toContain('Letter');
    expect(second!.text()).toContain('Offline');
    expect(second!.text()).toContain('Difficult');
  });

  it('shows each phase\'s documented feeling in its header, also when the narrative rows are hidden', () => {
    const wrapper = mountMap(makeJourney({ phases: [makePhase({ emotion: 2, actions: ['Pays'], touchpoints: 1 })] }), undefined, false);

    expect(wrapper.find('[data-testid="phase-actions"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="phase-feelings"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="phase-column"]').text()).toContain('+2');
    expect(wrapper.findAll('[data-testid="touchpoint-card"]')).toHaveLength(1);
  });

  it('holds 240 touchpoints', () => {
    const wrapper = mountMap(makeJourney({ phases: Array.from({ length: 8 }, (_, i) => makePhase({ position: i, touchpoints: 30 })) }));

    expect(wrapper.findAll('[data-testid="touchpoint-card"]')).toHaveLength(240);
    wrapper.unmount();
  });

  it('makes every card focusable and moves focus with the arrow keys', async () => {
    const wrapper = mountMap(makeJourney({ phases: [makePhase({ position: 0, touchpoints: 2 }), makePhase({ position: 1, touchpoints: 1 })] }));
    const cards = wrapper.findAll<HTMLElement>('[data-testid="touchpoint-card"]');
    expect(cards.every((c) => c.attributes('tabindex') === '0')).toBe(true);

    cards[0]!.element.focus();
    await cards[0]!.trigger('keydown', { key: 'ArrowDown' });
    expect(document.activeElement).toBe(cards[1]!.element);
    await cards[1]!.trigger('keydown', { key: 'ArrowRight' });
    expect(document.activeElement).toBe(cards[2]!.element);
    wrapper.unmount();
  });

  it('says so when a journey has no phases', () => {
    const wrapper = mountMap(makeJourney({ phases: [] }));

    expect(wrapper.find('[data-testid="journey-map"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="map-empty"]').text()).toContain('This journey has no phases yet');
  });

  it('says so for a phase without touchpoints and for rows nobody documented', () => {
    const wrapper = mountMap(makeJourney({ phases: [makePhase({ name: 'Leaving', touchpoints: 0 })] }));

    expect(wrapper.get('[data-testid="phase-empty"]').text()).toBe('No touchpoints in this phase yet.');
    expect(wrapper.get('[data-testid="phase-actions"]').text()).toBe('None documented');
    expect(wrapper.findAll('[data-testid="touchpoint-card"]')).toHaveLength(0);
  });

  it('does not call a phase with touchpoints empty', () => {
    const wrapper = mountMap(makeJourney({ phases: [makePhase({ name: 'Claim', touchpoints: 2 })] }));
    expect(wrapper.findAll('[data-testid="touchpoint-card"]')).toHaveLength(2);
    expect(wrapper.find('[data-testid="phase-empty"]').exists()).toBe(false);
  });

  it('shows no NPS badge until the analytics fill the slot', () => {
    const tp = makeTouchpoint({ position: 0 });
    const journey = makeJourney({ phases: [makePhase({ touchpoints: [tp] })] });

    const without = mountMap(journey);
    expect(without.find('[data-testid="nps-badge"]').exists()).toBe(false);
    expect(without.get('[data-testid="touchpoint-nps-slot"]').text()).toBe('');

    const withNps = mountMap(journey, new Map([[tp.id, { nps: 23.4, n: 142, low: 14.1, high: 32.7, lowSample: false }]]));
    const badge = withNps.get('[data-testid="touchpoint-nps-slot"] [data-testid="nps-badge"]');
    expect(badge.text()).toContain('+23');
    expect(badge.text()).toContain('n=142');
    // Read in words (issue 23): a screen reader says "minus", and the interval is uneven here.
    expect(badge.attributes('aria-label')).toBe('NPS plus 23, between plus 14 and plus 33, 142 answers');
  });
});
