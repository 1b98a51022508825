import { useClientHandle, useQuery } from '@urql/vue';
import { computed, ref, toValue, watch, type MaybeRefOrGetter } from 'vue';
import {
  AcknowledgeAlertDocument,
  AddFollowUpNoteDocument,
  AlertsDocument,
  AssignFollowUpCasesDocument,
  CloseFollowUpCasesDocument,
  FollowUpAssigneesDocument,
  FollowUpCaseDocument,
  FollowUpCountsDocument,
  FollowUpLoopDocument,
  FollowUpLoopTrendDocument,
  FollowUpQueueDocument,
  LogFollowUpContactDocument,
  SetFollowUpStatusDocument,
  TakeFollowUpCaseDocument,
} from '../graphql/documents';
import { type ContactChannel, type FollowUpFilter, type FollowUpOutcome, type FollowUpQueueQuery, type FollowUpStatus, type LoopMetricsGrouping } from '../../../graphql/generated';
import { t } from '../../../shared/i18n';
import { errorInfo } from '../../../shared/errors';

const PAGE = 50;

/** The queue, earliest due first, a page at a time ("Load more" appends the next). */
export function useFollowUpQueue(filter: MaybeRefOrGetter<FollowUpFilter>) {
  const after = ref<string | null>(null);
  const earlier = ref<FollowUpQueueQuery['followUpCases']['items']>([]);
  watch(
    () => JSON.stringify(toValue(filter)),
    () => {
      after.value = null;
      earlier.value = [];
    },
  );
  const query = useQuery({
    query: FollowUpQueueDocument,
    variables: () => ({ filter: toValue(filter), first: PAGE, after: after.value }),
    requestPolicy: 'cache-and-network',
    // Counts and lists refetch after any mutation that returns a case (urql's document cache).
    context: { additionalTypenames: ['FollowUpCase'] },
  });
  const page = computed(() => query.data.value?.followUpCases);
  return {
    items: computed(() => (page.value ? [...earlier.value, ...page.value.items] : undefined)),
    total: computed(() => page.value?.totalCount),
    hasMore: computed(() => page.value?.pageInfo.hasNextPage ?? false),
    loadMore() {
      const p = page.value;
      if (!p?.pageInfo.endCursor) return;
      earlier.value = [...earlier.value, ...p.items];
      after.value = p.pageInfo.endCursor;
    },
    fetching: query.fetching,
    error: query.error,
    refetch: () => query.executeQuery({ requestPolicy: 'network-only' }),
  };
}

/** Runs a mutation, keeping `saving` while it runs and `problem` in words when it fails (`what`: a key under followUp.problems). */
function sender() {
  const saving = ref(false);
  const problem = ref<string | null>(null);
  async function send(run: () => Promise<{ error?: Parameters<typeof errorInfo>[0] }>, what: string) {
    saving.value = true;
    problem.value = null;
    const result = await run();
    saving.value = false;
    if (result.error) {
      const info = errorInfo(result.error);
      problem.value = t('followUp.problems.couldNot', { what: t(`followUp.problems.${what}`), why: info.serverMessage ?? info.code });
      return false;
    }
    return true;
  }
  return { saving, problem, send };
}

export function useFollowUpCounts(filter: MaybeRefOrGetter<FollowUpFilter>) {
  // The counts hold no case, so urql would not know a case mutation changes them: say so.
  const q = useQuery({
    query: FollowUpCountsDocument,
    variables: () => ({ filter: toValue(filter) }),
    requestPolicy: 'cache-and-network',
    context: { additionalTypenames: ['FollowUpCase'] },
  });
  return { data: computed(() => q.data.value?.followUpCounts), error: q.error };
}

/** The people of the caller's department who can be given cases. */
export function useAssignees() {
  const q = useQuery({ query: FollowUpAssigneesDocument, requestPolicy: 'cache-first' });
  return computed(() => q.data.value?.followUpAssignees ?? []);
}

export function useLoopMetrics(by: MaybeRefOrGetter<LoopMetricsGrouping>) {
  const q = useQuery({ query: FollowUpLoopDocument, variables: () => ({ by: toValue(by) }), requestPolicy: 'cache-and-network', context: { additionalTypenames: ['FollowUpCase'] } });
  return { data: computed(() => q.data.value?.followUpLoopMetrics), error: q.error };
}

/** Closing the loop per person and month (the caller's department), for the chart and its table. */
export function useLoopTrend(months: MaybeRefOrGetter<number>) {
  const q = useQuery({ query: FollowUpLoopTrendDocument, variables: () => ({ months: toValue(months) }), requestPolicy: 'cache-and-network', context: { additionalTypenames: ['FollowUpCase'] } });
  return { data: computed(() => q.data.value?.followUpLoopTrend), error: q.error, fetching: q.fetching };
}

/** Work on one or many cases (take, assign, close); `problem` says what failed in words. */
export function useCaseWork() {
  const handle = useClientHandle();
  const { saving, problem, send } = sender();
  return {
    saving,
    problem,
    take: (id: string) => send(() => handle.client.mutation(TakeFollowUpCaseDocument, { id }).toPromise(), 'takeCase'),
    assign: (ids: string[], assigneeId: string | null) =>
      send(() => handle.client.mutation(AssignFollowUpCasesDocument, { ids, assigneeId }).toPromise(), ids.length > 1 ? 'assignCases' : 'assignCase'),
    close: (ids: string[], outcome: FollowUpOutcome, reason: string) =>
      send(() => handle.client.mutation(CloseFollowUpCasesDocument, { ids, outcome, reason }).toPromise(), ids.length > 1 ? 'closeCases' : 'closeCase'),
    logContact: (id: string, channel: ContactChannel, reached: boolean, note: string) =>
      send(() => handle.client.mutation(LogFollowUpContactDocument, { id, channel, reached, note: note.trim() || null }).toPromise(), 'logContact'),
  };
}

export function useFollowUpCase(id: MaybeRefOrGetter<string | null>) {
  const handle = useClientHandle();
  const q = useQuery({ query: FollowUpCaseDocument, variables: () => ({ id: toValue(id) ?? '' }), pause: () => !toValue(id), requestPolicy: 'cache-and-network' });
  const { saving, problem, send } = sender();
  return {
    data: computed(() => {
      const c = q.data.value?.followUpCase;
      return c && c.id === toValue(id) ? c : undefined;
    }),
    fetching: q.fetching,
    error: q.error,
    saving,
    problem,
    setStatus: (status: FollowUpStatus, note: string) =>
      send(() => handle.client.mutation(SetFollowUpStatusDocument, { id: toValue(id) ?? '', status, note: note.trim() || null }).toPromise(), 'changeStatus'),
    addNote: (text: string) => send(() => handle.client.mutation(AddFollowUpNoteDocument, { id: toValue(id) ?? '', text }).toPromise(), 'addNote'),
  };
}

export function useAlerts() {
  const handle = useClientHandle();
  const q = useQuery({ query: AlertsDocument, variables: { status: ['OPEN', 'ACKNOWLEDGED'] }, requestPolicy: 'cache-and-network' });
  const problem = ref<string | null>(null);
  return {
    data: computed(() => q.data.value?.alerts),
    error: q.error,
    problem,
    async acknowledge(id: string) {
      const result = await handle.client.mutation(AcknowledgeAlertDocument, { id }).toPromise();
      problem.value = result.error ? t('followUp.problems.acknowledge', { why: errorInfo(result.error).serverMessage ?? t('followUp.problems.tryAgain') }) : null;
    },
  };
}
