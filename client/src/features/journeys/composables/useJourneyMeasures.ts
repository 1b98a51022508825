import { useQuery } from '@urql/vue';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { JourneyMeasuresDocument } from '../graphql/documents';
import { type AnalyticsFilterInput } from '../../../graphql/generated';
import { buildMeasures } from '../model/measures';

/** The numbers on a journey map for one cut (persona, period). */
export function useJourneyMeasures(id: MaybeRefOrGetter<string>, filter: MaybeRefOrGetter<AnalyticsFilterInput | null>) {
  const query = useQuery({
    query: JourneyMeasuresDocument,
    variables: () => ({ id: toValue(id), filter: toValue(filter) ?? {} }),
    pause: () => toValue(filter) === null,
    requestPolicy: 'cache-and-network',
  });
  return {
    data: computed(() => {
      const journey = query.data.value?.journey;
      return journey && journey.id === toValue(id) ? buildMeasures(journey) : undefined;
    }),
    fetching: query.fetching,
    error: query.error,
    refetch: () => query.executeQuery({ requestPolicy: 'network-only' }),
  };
}
