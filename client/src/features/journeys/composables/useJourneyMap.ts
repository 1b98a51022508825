import { useQuery } from '@urql/vue';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { JourneyMapDocument, ToBeJourneysDocument } from '../../../graphql/generated';
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

/** The TO_BE journeys that improve an AS_IS journey (the schema links only the other way). */
export function useImprovingJourneys(asIsId: MaybeRefOrGetter<string | null>) {
  const query = useQuery({ query: ToBeJourneysDocument, pause: () => !toValue(asIsId) });
  return {
    data: computed(() => query.data.value?.journeys.filter((j) => j.improves?.id === toValue(asIsId)).map(({ id, name }) => ({ id, name }))),
    fetching: query.fetching,
    error: query.error,
    refetch: () => query.executeQuery({ requestPolicy: 'network-only' }),
  };
}
