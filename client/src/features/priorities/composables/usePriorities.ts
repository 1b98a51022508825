import { useQuery } from '@urql/vue';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { EmotionalDriversDocument, PersonaGapsDocument, PrioritiesDocument } from '../graphql/documents';
import { type AnalyticsFilterInput, type DriverOutcome } from '../../../graphql/generated';

export function usePriorities(filter: MaybeRefOrGetter<AnalyticsFilterInput>, outcome: MaybeRefOrGetter<DriverOutcome>) {
  const query = useQuery({
    query: PrioritiesDocument,
    variables: () => ({ filter: toValue(filter), outcome: toValue(outcome) }),
    requestPolicy: 'cache-and-network',
  });
  return {
    data: computed(() => query.data.value?.priorities),
    fetching: query.fetching,
    error: query.error,
    refetch: () => query.executeQuery({ requestPolicy: 'network-only' }),
  };
}

export function usePersonaGaps(filter: MaybeRefOrGetter<AnalyticsFilterInput>) {
  const query = useQuery({ query: PersonaGapsDocument, variables: () => ({ filter: toValue(filter) }), requestPolicy: 'cache-and-network' });
  return {
    data: computed(() => query.data.value?.personaGaps),
    fetching: query.fetching,
    error: query.error,
    refetch: () => query.executeQuery({ requestPolicy: 'network-only' }),
  };
}

/** Emotional factors of one touchpoint (paused until one is chosen). */
export function useEmotionalDrivers(filter: MaybeRefOrGetter<AnalyticsFilterInput>, touchpointCode: MaybeRefOrGetter<string | null>) {
  const query = useQuery({
    query: EmotionalDriversDocument,
    variables: () => ({ filter: toValue(filter), touchpointCode: toValue(touchpointCode) ?? '' }),
    pause: () => !toValue(touchpointCode),
    requestPolicy: 'cache-and-network',
  });
  return {
    data: computed(() => {
      const set = query.data.value?.emotionalDrivers.pooled;
      return set && set.touchpointCode === toValue(touchpointCode) ? query.data.value?.emotionalDrivers : undefined;
    }),
    fetching: query.fetching,
    error: query.error,
    refetch: () => query.executeQuery({ requestPolicy: 'network-only' }),
  };
}
