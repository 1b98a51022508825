import { useQuery } from '@urql/vue';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { LoyaltyBySatisfactionDocument, StatusDiagnosisDocument, TargetsDocument, UnitsDocument } from '../graphql/documents';
import { type AnalyticsFilterInput } from '../../../graphql/generated';


export function useStatusDiagnosis(filter: MaybeRefOrGetter<AnalyticsFilterInput>) {
  const q = useQuery({ query: StatusDiagnosisDocument, variables: () => ({ filter: toValue(filter) }), requestPolicy: 'cache-and-network' });
  return { data: computed(() => q.data.value?.statusDiagnosis), fetching: q.fetching, error: q.error, refetch: () => q.executeQuery({ requestPolicy: 'network-only' }) };
}

export function useTargets() {
  const q = useQuery({ query: TargetsDocument, requestPolicy: 'cache-and-network' });
  return { data: computed(() => q.data.value?.targets), fetching: q.fetching, error: q.error, refetch: () => q.executeQuery({ requestPolicy: 'network-only' }) };
}

export function useLoyalty(filter: MaybeRefOrGetter<AnalyticsFilterInput>) {
  const q = useQuery({ query: LoyaltyBySatisfactionDocument, variables: () => ({ filter: toValue(filter) }), requestPolicy: 'cache-and-network' });
  return { data: computed(() => q.data.value?.loyaltyBySatisfaction), fetching: q.fetching, error: q.error, refetch: () => q.executeQuery({ requestPolicy: 'network-only' }) };
}

export function useUnits(filter: MaybeRefOrGetter<AnalyticsFilterInput>) {
  const q = useQuery({ query: UnitsDocument, variables: () => ({ filter: toValue(filter) }), requestPolicy: 'cache-and-network' });
  return { data: computed(() => q.data.value?.units), fetching: q.fetching, error: q.error, refetch: () => q.executeQuery({ requestPolicy: 'network-only' }) };
}
