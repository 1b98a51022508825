import { useMutation, useQuery } from '@urql/vue';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import type { BusinessCaseScenarioInput, InitiativeRankingFilter, InitiativeStatus } from '../../../graphql/generated';
import {
  BusinessCaseDocument,
  CaseChoicesDocument,
  DeleteScenarioDocument,
  InitiativeOverviewDocument,
  InitiativeRankingDocument,
  SaveScenarioDocument,
  ScenarioDocument,
  ScenariosDocument,
  UpdateScenarioDocument,
} from '../graphql/documents';

/** The case of a scenario as given (paused while there is none). */
export function useBusinessCase(scenario: MaybeRefOrGetter<BusinessCaseScenarioInput | null>) {
  const query = useQuery({
    query: BusinessCaseDocument,
    variables: () => ({ scenario: toValue(scenario) ?? {} }),
    pause: () => toValue(scenario) === null,
    requestPolicy: 'cache-and-network',
  });
  return {
    data: computed(() => (toValue(scenario) === null ? undefined : query.data.value?.businessCase)),
    fetching: query.fetching,
    error: computed(() => (toValue(scenario) === null ? undefined : query.error.value)),
    refetch: () => query.executeQuery({ requestPolicy: 'network-only' }),
  };
}

/** One saved scenario with its case recomputed on the current data (paused without an id). */
export function useScenario(id: MaybeRefOrGetter<string | null>) {
  const query = useQuery({ query: ScenarioDocument, variables: () => ({ id: toValue(id) ?? '' }), pause: () => !toValue(id), requestPolicy: 'cache-and-network' });
  return {
    data: computed(() => (query.data.value?.scenario.id === toValue(id) ? query.data.value?.scenario : undefined)),
    fetching: query.fetching,
    error: query.error,
    refetch: () => query.executeQuery({ requestPolicy: 'network-only' }),
  };
}

/** Saved scenarios and the initiatives and departments to choose from. */
export function useCaseChoices() {
  const scenarios = useQuery({ query: ScenariosDocument, requestPolicy: 'cache-and-network' });
  const choices = useQuery({ query: CaseChoicesDocument, requestPolicy: 'cache-and-network' });
  return {
    scenarios: computed(() => scenarios.data.value?.scenarios),
    initiatives: computed(() => choices.data.value?.initiatives),
    departments: computed(() => choices.data.value?.departments ?? []),
    touchpoints: computed(() => choices.data.value?.touchpointJourneys),
    error: computed(() => scenarios.error.value ?? choices.error.value),
    refetchScenarios: () => scenarios.executeQuery({ requestPolicy: 'network-only' }),
  };
}

export function useInitiativeRanking(filter: MaybeRefOrGetter<InitiativeRankingFilter>) {
  const query = useQuery({ query: InitiativeRankingDocument, variables: () => ({ filter: toValue(filter) }), requestPolicy: 'cache-and-network' });
  return {
    data: computed(() => query.data.value?.initiativeRanking),
    fetching: query.fetching,
    error: query.error,
    refetch: () => query.executeQuery({ requestPolicy: 'network-only' }),
  };
}

/** Work per phase × department; without a status the server's default (planned and in progress). */
export function useInitiativeOverview(status: MaybeRefOrGetter<InitiativeStatus | null>) {
  const query = useQuery({
    query: InitiativeOverviewDocument,
    variables: () => {
      const s = toValue(status);
      return s ? { status: [s] } : {};
    },
    requestPolicy: 'cache-and-network',
  });
  return {
    data: computed(() => query.data.value?.initiativeOverview),
    fetching: query.fetching,
    error: query.error,
    refetch: () => query.executeQuery({ requestPolicy: 'network-only' }),
  };
}

export function useScenarioMutations() {
  return { save: useMutation(SaveScenarioDocument), update: useMutation(UpdateScenarioDocument), remove: useMutation(DeleteScenarioDocument) };
}
