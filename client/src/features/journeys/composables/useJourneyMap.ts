import { useQuery } from '@urql/vue';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import type { RequestPolicy } from '@urql/core';
import { JourneyMapDocument } from '../graphql/documents';
import { buildJourneyMap } from '../model/journeyMap';

/**
 * One journey with its phases and touchpoints, shaped for the map. `cache-first` for a component inside
 * a page that already asked for the same journey (the map panel inside the map view): it reads that
 * answer instead of asking again, which re-rendered every card a second time.
 */
export function useJourneyMap(id: MaybeRefOrGetter<string>, requestPolicy: RequestPolicy = 'cache-and-network') {
  const query = useQuery({
    query: JourneyMapDocument,
    variables: () => ({ id: toValue(id) }),
    requestPolicy,
  });
  return {
    data: computed(() => {
      const journey = query.data.value?.journey;
      if (!journey) return undefined;
      // Only render the map when the data belongs to the journey asked for (not the previous one's cache).
      if (journey.id !== toValue(id)) return undefined;
      return { journey, map: buildJourneyMap(journey) };
    }),
    fetching: query.fetching,
    error: query.error,
    refetch: () => query.executeQuery({ requestPolicy: 'network-only' }),
  };
}
