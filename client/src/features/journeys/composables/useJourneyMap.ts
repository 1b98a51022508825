import { useQuery } from '@urql/vue';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { JourneyMapDocument } from '../graphql/documents';
import { buildJourneyMap } from '../model/journeyMap';

/** One journey with its phases and touchpoints, shaped for the map. */
export function useJourneyMap(id: MaybeRefOrGetter<string>) {
  const query = useQuery({
    query: JourneyMapDocument,
    variables: () => ({ id: toValue(id) }),
    requestPolicy: 'cache-and-network',
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
