import { useQuery } from '@urql/vue';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { JourneysDocument } from '../graphql/documents';
import { type JourneyState, type JourneysQuery } from '../../../graphql/generated';

export interface JourneyFilters {
  personaId: string | null;
  state: JourneyState | null;
}

export interface JourneyRow {
  id: string;
  name: string;
  state: JourneyState;
  persona: JourneysQuery['journeys'][number]['persona'];
  improves: JourneysQuery['journeys'][number]['improves'];
  owner: string;
  phaseCount: number;
  touchpointCount: number;
}

export function toJourneyRows(journeys: JourneysQuery['journeys']): JourneyRow[] {
  return journeys.map((j) => ({
    id: j.id,
    name: j.name,
    state: j.state,
    persona: j.persona,
    improves: j.improves,
    owner: j.owner,
    phaseCount: j.phases.length,
    touchpointCount: j.phases.reduce((sum, p) => sum + p.touchpoints.length, 0),
  }));
}

/** Journeys filtered on the server by persona and state. */
export function useJourneys(filters: MaybeRefOrGetter<JourneyFilters>) {
  const query = useQuery({
    query: JourneysDocument,
    variables: () => {
      const { personaId, state } = toValue(filters);
      return { filter: { ...(personaId ? { personaId } : {}), ...(state ? { state } : {}) } };
    },
    requestPolicy: 'cache-and-network',
  });
  return {
    data: computed(() => (query.data.value ? toJourneyRows(query.data.value.journeys) : undefined)),
    fetching: query.fetching,
    error: query.error,
    refetch: () => query.executeQuery({ requestPolicy: 'network-only' }),
  };
}
