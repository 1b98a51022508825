import { useQuery } from '@urql/vue';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { EmotionalDriversDocument, PersonaGapsDocument, PrioritiesDocument } from '../graphql/documents';
import { type AnalyticsFilterInput, type DriverOutcome } from '../../../graphql/generated';

/** A null filter pauses the queries (the period's anchor is not known yet). */
export function usePriorities(filter: MaybeRefOrGetter<AnalyticsFilterInput | null>, outcome: MaybeRefOrGetter<DriverOutcome>) {
  const query = useQuery({
    query: PrioritiesDocument,
    variables: () => ({ filter: toValue(filter) ?? {}, outcome: toValue(outcome) }),
    pause: () => toValue(filter) === null,
    requestPolicy: 'cache-and-network',
  });
  return {
    data: computed(() => query.data.value?.priorities),
    fetching: query.fetching,
    error: query.error,
    refetch: () => query.executeQuery({ requestPolicy: 'network-only' }),
  };
}

export function usePersonaGaps(filter: MaybeRefOrGetter<AnalyticsFilterInput | null>) {
  const query = useQuery({
    query: PersonaGapsDocument,
    variables: () => ({ filter: toValue(filter) ?? {} }),
    pause: () => toValue(filter) === null,
    requestPolicy: 'cache-and-network',
  });
  return {
    data: computed(() => query.data.value?.personaGaps),
    fetching: query.fetching,
    error: query.error,
    refetch: () => query.executeQuery({ requestPolicy: 'network-only' }),
  };
}

/** Emotional factors of one touchpoint (paused until one is chosen). */
export function useEmotionalDrivers(filter: MaybeRefOrGetter<AnalyticsFilterInput | null>, touchpointCode: MaybeRefOrGetter<string | null>) {
  const query = useQuery({
    query: EmotionalDriversDocument,
    variables: () => ({ filter: toValue(filter) ?? {}, touchpointCode: toValue(touchpointCode) ?? '' }),
    pause: () => !toValue(touchpointCode) || toValue(filter) === null,
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
