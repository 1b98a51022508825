import { flushPromises, mount } from '@vue/test-utils';
import { Client, cacheExchange, makeResult, type Exchange } from '@urql/core';
import urql from '@urql/vue';
import { computed, ref } from 'vue';
import { describe, expect, it } from 'vitest';
import { delay, filter, map, mergeMap, pipe, fromValue } from 'wonka';
import { SessionKey, type Session } from '../../client/src/features/auth/composables/useSession';
import JourneyMapView from '../../client/src/features/journeys/views/JourneyMapView.vue';
import { makeJourney, makePhase } from './support/factories';
import { appRouterWithStubPages } from './support/router';

/**
 * Issue 20, goal 7: the map asks the server for the journey once. The view and the map panel inside it
 * both read the journey; the panel mounts when the view's answer arrives. Asking again re-rendered every
 * card when the second answer came (240 on the bench's map). Counts operations, no timings.
 */
describe('journey map requests', () => {
  it('asks for the journey once although the view and its map panel both read it', async () => {
    const journey = makeJourney({ id: 'j1', phases: [makePhase({ touchpoints: 3 }), makePhase({ touchpoints: 2 })] });
    const sent: string[] = [];
    // Answers after a tick, as a server does, behind urql's own cache (as in the app).
    const server: Exchange = () => (ops$) =>
      pipe(
        ops$,
        filter((op) => op.kind !== 'teardown'),
        mergeMap((op) => {
          const name = op.query.definitions.find((d) => d.kind === 'OperationDefinition')?.name?.value ?? '';
          sent.push(name);
          const data: Record<string, unknown> | null =
            name === 'JourneyMap' ? { journey } : name === 'DataCoverage' ? { dataCoverage: { asOf: null, firstAnswerOn: null, latestAnswerOn: null, answers: 0, customers: 0 } } : name === 'Personas' ? { personas: [] } : null;
          return pipe(fromValue(op), delay(1), map(() => makeResult(op, { data })));
        }),
      );
    const client = new Client({ url: 'http://test/graphql', exchanges: [cacheExchange, server] });
    const user = ref({ id: 'u1', name: 'Ana', email: 'a@x', role: 'ANALYST' as const, department: null, minCellCustomers: 5 });
    const session = { user, ready: ref(true), signedIn: computed(() => true), ensureLoaded: async () => user.value } as unknown as Session;
    const router = appRouterWithStubPages(session);
    await router.push('/journeys/j1');

    const wrapper = mount(JourneyMapView, { props: { id: 'j1' }, global: { plugins: [router, [urql, client]], provide: { [SessionKey as symbol]: session } } });
    await expect.poll(() => wrapper.findAll('[data-testid="touchpoint-card"]').length).toBe(5);
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(sent.filter((name) => name === 'JourneyMap')).toHaveLength(1);
    wrapper.unmount();
  });
});
