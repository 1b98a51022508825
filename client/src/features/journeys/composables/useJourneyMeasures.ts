import { useQuery } from '@urql/vue';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { JourneyMeasuresDocument } from '../graphql/documents';
import type { AnalyticsCut } from '../../../shared/model/cutFilters';
import { buildMeasures } from '../model/measures';

/** The numbers on a journey map for one cut (persona, period; null: not known yet). */
export function useJourneyMeasures(id: MaybeRefOrGetter<string>, cut: MaybeRefOrGetter<AnalyticsCut | null>) {
  const query = useQuery({
    query: JourneyMeasuresDocument,
    variables: () => ({ id: toValue(id), filter: toValue(cut)?.filter ?? {}, lastMonths: toValue(cut)?.lastMonths ?? null }),
    pause: () => toValue(cut) === null,
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
