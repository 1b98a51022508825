import { flushPromises, mount } from '@vue/test-utils';
import { Client, cacheExchange, makeResult, type Exchange } from '@urql/core';
import urql from '@urql/vue';
import { computed, ref, type ComponentOptions } from 'vue';
import { describe, expect, it } from 'vitest';
import { delay, filter, map, mergeMap, pipe, fromValue, never } from 'wonka';
import { SessionKey, type Session } from '../../client/src/features/auth/composables/useSession';
import JourneyMapView from '../../client/src/features/journeys/views/JourneyMapView.vue';
import { makeJourney, makePhase } from './support/factories';
import { appRouterWithStubPages } from './support/router';

/**
 * The map's page at /journeys/j1 behind urql's own cache (as in the app), with a server that answers each
 * operation after a tick from `answer` (undefined: never answers). Records every operation sent.
 */
async function openMap(answer: (name: string) => Record<string, unknown> | null | undefined, options: { delayMs?: (name: string) => number; mixins?: ComponentOptions[] } = {}) {
  const sent: { name: string; variables: unknown }[] = [];
  const server: Exchange = () => (ops$) =>
    pipe(
      ops$,
      filter((op) => op.kind !== 'teardown'),
      mergeMap((op) => {
        const name = op.query.definitions.find((d) => d.kind === 'OperationDefinition')?.name?.value ?? '';
        sent.push({ name, variables: op.variables });
        const data = answer(name);
        return data === undefined ? never : pipe(fromValue(op), delay(options.delayMs?.(name) ?? 1), map(() => makeResult(op, { data })));
      }),
    );
  const client = new Client({ url: 'http://test/graphql', exchanges: [cacheExchange, server] });
  const user = ref({ id: 'u1', name: 'Ana', email: 'a@x', role: 'ANALYST' as const, department: null, minCellCustomers: 5 });
  const session = { user, ready: ref(true), signedIn: computed(() => true), ensureLoaded: async () => user.value } as unknown as Session;
  const router = appRouterWithStubPages(session);
  await router.push('/journeys/j1');
  const wrapper = mount(JourneyMapView, { props: { id: 'j1' }, global: { plugins: [router, [urql, client]], provide: { [SessionKey as symbol]: session }, mixins: options.mixins ?? [] } });
  return { wrapper, sent };
}

/** A journey of one phase with `cards` touchpoints, and the JourneyMeasures answer for it (every card measured). */
function journeyWithNumbers(cards: number) {
  const journey = makeJourney({ id: 'j1', phases: [makePhase({ id: 'p1', touchpoints: cards })] });
  const nps = { n: 40, nps: 25, ciLow: 2, ciHigh: 48, lowSample: false, promoters: 20, passives: 10, detractors: 10 };
  const metrics = { measure: 'NPS', suppressed: false, nps, csat: { mean: null, n: 0, ciLow: null, ciHigh: null, lowSample: true }, csatTopTwoBox: { share: null, ciLow: null, ciHigh: null } };
  const measures = {
    journey: {
      id: 'j1',
      mapMetrics: { asIs: false, metrics },
      phases: [{ id: 'p1', mapMetrics: { asIs: false, metrics }, touchpoints: journey.phases[0]!.touchpoints.map((tp) => ({ id: tp.id, code: tp.code, metrics, basedOn: null })) }],
    },
  };
  return { journey, measures };
}

/**
 * Issue 20, goal 7: the map asks the server for the journey once. The view and the map panel inside it
 * both read the journey; the panel mounts when the view's answer arrives. Asking again re-rendered every
 * card when the second answer came (240 on the bench's map). Counts operations, no timings.
 */
describe('journey map requests', () => {
  it('asks for the journey once although the view and its map panel both read it', async () => {
    const journey = makeJourney({ id: 'j1', phases: [makePhase({ touchpoints: 3 }), makePhase({ touchpoints: 2 })] });
    const { wrapper, sent } = await openMap((name) =>
      name === 'JourneyMap' ? { journey } : name === 'DataCoverage' ? { dataCoverage: { asOf: null, firstAnswerOn: null, latestAnswerOn: null, answers: 0, customers: 0 } } : name === 'Personas' ? { personas: [] } : null,
    );
    await expect.poll(() => wrapper.findAll('[data-testid="touchpoint-card"]').length).toBe(5);
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(sent.filter((op) => op.name === 'JourneyMap')).toHaveLength(1);
    wrapper.unmount();
  });

  it('asks for the numbers at once with the last 12 months, while the day the answers end is still on its way', async () => {
    const { journey, measures } = journeyWithNumbers(2);
    // DataCoverage never answers here: anything that waits for it is never sent.
    const { wrapper, sent } = await openMap((name) =>
      name === 'DataCoverage' ? undefined : name === 'JourneyMap' ? { journey } : name === 'Personas' ? { personas: [] } : name === 'JourneyMeasures' ? measures : null,
    );
    await expect.poll(() => wrapper.findAll('[data-testid="touchpoint-card"]').length).toBe(2);
    await expect.poll(() => wrapper.findAll('[data-testid="phase-nps"]').length).toBe(1);

    expect(sent.map((op) => op.name)).toContain('DataCoverage');
    const asked = sent.filter((op) => op.name === 'JourneyMeasures');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.variables).toEqual({ id: 'j1', filter: {}, lastMonths: 12 });
    expect(wrapper.find('[data-testid="journey-nps"]').exists()).toBe(true);
    wrapper.unmount();
  });

  /** Counts the mounts and re-renders of every TouchpointCard (a mixin applies to every component). */
  function cardRenders() {
    const counts = { mounted: 0, updated: 0 };
    const isCard = (self: unknown) => (self as { $: { type: { __name?: string } } }).$.type.__name === 'TouchpointCard';
    const mixin: ComponentOptions = {
      mounted() {
        if (isCard(this)) counts.mounted += 1;
      },
      updated() {
        if (isCard(this)) counts.updated += 1;
      },
    };
    return { counts, mixin };
  }

  it('draws the cards once, with their numbers, when the numbers come a moment after the journey', async () => {
    const { journey, measures } = journeyWithNumbers(3);
    const renders = cardRenders();
    const { wrapper } = await openMap(
      (name) => (name === 'DataCoverage' ? undefined : name === 'JourneyMap' ? { journey } : name === 'Personas' ? { personas: [] } : name === 'JourneyMeasures' ? measures : null),
      { delayMs: (name) => (name === 'JourneyMeasures' ? 50 : 1), mixins: [renders.mixin] },
    );
    await expect.poll(() => wrapper.findAll('[data-testid="touchpoint-card"] [data-testid="nps-badge"]').length).toBe(3);
    await flushPromises();

    // Drawn before the numbers came, each card was mounted and then rendered again with its badge (3 + 3).
    expect(renders.counts).toEqual({ mounted: 3, updated: 0 });
    wrapper.unmount();
  });

  it('draws the cards without numbers when the numbers do not come', async () => {
    const { journey } = journeyWithNumbers(3);
    const { wrapper } = await openMap((name) => (name === 'DataCoverage' || name === 'JourneyMeasures' ? undefined : name === 'JourneyMap' ? { journey } : name === 'Personas' ? { personas: [] } : null));
    await expect.poll(() => wrapper.findAll('[data-testid="touchpoint-card"]').length, { timeout: 5000 }).toBe(3);

    expect(wrapper.find('[data-testid="nps-badge"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="phase-nps"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
