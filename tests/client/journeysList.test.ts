import { flushPromises, mount } from '@vue/test-utils';
import { Client, makeResult, type Exchange, type Operation } from '@urql/core';
import urql from '@urql/vue';
import { computed, ref } from 'vue';
import { describe, expect, it } from 'vitest';
import { filter, map, pipe, tap } from 'wonka';
import { SessionKey, type Session } from '../../client/src/features/auth/composables/useSession';
import JourneysView from '../../client/src/features/journeys/views/JourneysView.vue';
import { appRouterWithStubPages } from './support/router';

const operationName = (op: Operation) => op.query.definitions.find((d) => d.kind === 'OperationDefinition')?.name?.value ?? '';

/** Issue 20, goal 7: the journeys list asks for its figures with the list, not after the store's last day. */
describe('journeys list requests', () => {
  it('asks for every journey\'s NPS of the last 12 months at once, while DataCoverage is unanswered', async () => {
    const sent: Operation[] = [];
    // DataCoverage never answers here: anything that waits for it is never sent.
    const server: Exchange = () => (ops$) =>
      pipe(
        ops$,
        tap((op) => sent.push(op)),
        filter((op) => op.kind === 'query' && operationName(op) !== 'DataCoverage'),
        map((op) => makeResult(op, { data: operationName(op) === 'Personas' ? { personas: [] } : { journeys: [] } })),
      );
    const client = new Client({ url: 'http://test/graphql', exchanges: [server] });
    const user = ref({ id: 'u1', name: 'Ana', email: 'a@x', role: 'ANALYST' as const, department: null, minCellCustomers: 5 });
    const session = { user, ready: ref(true), signedIn: computed(() => true), ensureLoaded: async () => user.value } as unknown as Session;
    const router = appRouterWithStubPages(session);
    await router.push('/journeys');
    const wrapper = mount(JourneysView, { global: { plugins: [router, [urql, client]], provide: { [SessionKey as symbol]: session } } });
    await flushPromises();

    const nps = sent.filter((op) => operationName(op) === 'JourneysNps');
    expect(nps).toHaveLength(1);
    expect(nps[0]!.variables).toEqual({ lastMonths: 12 });
    wrapper.unmount();
  });
});
