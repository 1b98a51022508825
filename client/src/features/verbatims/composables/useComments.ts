import { useMutation, useQuery } from '@urql/vue';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import {
  CaseCommentAnalysisDocument, CommentPlacesDocument, CommentsDocument, FeelingWordsDocument, PhaseFeelingsDocument, RemoveFeelingWordDocument, SetFeelingWordDocument, CommentThemesDocument, CreateThemeDocument, SuggestedThemesDocument, ThemePreviewDocument,
  TouchpointThemesDocument, UpdateThemeDocument,
} from '../graphql/documents';
import type { AnalyticsFilterInput, CommentLanguage, CommentsQueryVariables, FeelingFamily, SentimentLabel } from '../../../graphql/generated';

export interface CommentCut {
  search: string;
  theme: string | null;
  sentiment: SentimentLabel | null;
  feeling: FeelingFamily | null;
  language: CommentLanguage | null;
}

export function useCommentThemes(filter: MaybeRefOrGetter<AnalyticsFilterInput>) {
  const query = useQuery({ query: CommentThemesDocument, variables: () => ({ filter: toValue(filter) }), requestPolicy: 'cache-and-network' });
  return { data: computed(() => query.data.value?.themes), fetching: query.fetching, error: query.error, refetch: () => query.executeQuery({ requestPolicy: 'network-only' }) };
}

/** The journeys (as-is, with their phases and touchpoints) and units the page filters by. */
export function useCommentPlaces() {
  const query = useQuery({ query: CommentPlacesDocument, requestPolicy: 'cache-first' });
  return { data: computed(() => query.data.value), fetching: query.fetching, error: query.error };
}

export function useSuggestedThemes(filter: MaybeRefOrGetter<AnalyticsFilterInput>) {
  const query = useQuery({ query: SuggestedThemesDocument, variables: () => ({ filter: toValue(filter) }), requestPolicy: 'cache-and-network' });
  return { data: computed(() => query.data.value?.suggestedThemes), fetching: query.fetching, error: query.error, refetch: () => query.executeQuery({ requestPolicy: 'network-only' }) };
}

/** The comments query's arguments for a cut. */
function commentVariables(filter: AnalyticsFilterInput, c: CommentCut, after: string | null): CommentsQueryVariables {
  return { filter, search: c.search.trim() || null, theme: c.theme, sentiment: c.sentiment, feeling: c.feeling, language: c.language, after };
}

export function useComments(filter: MaybeRefOrGetter<AnalyticsFilterInput>, cut: MaybeRefOrGetter<CommentCut>, after: MaybeRefOrGetter<string | null>) {
  const variables = () => commentVariables(toValue(filter), toValue(cut), toValue(after));
  const query = useQuery({ query: CommentsDocument, variables, requestPolicy: 'cache-and-network' });
  return { data: computed(() => query.data.value?.comments), fetching: query.fetching, error: query.error, refetch: () => query.executeQuery({ requestPolicy: 'network-only' }) };
}

/** What a theme would match with the keywords being typed (paused while there are none). */
export function useThemePreview(theme: MaybeRefOrGetter<string | null>, keywords: MaybeRefOrGetter<string[]>) {
  const query = useQuery({
    query: ThemePreviewDocument,
    variables: () => ({ theme: toValue(theme), keywords: toValue(keywords) }),
    pause: () => toValue(keywords).length === 0,
    requestPolicy: 'network-only',
  });
  return { data: computed(() => query.data.value?.themePreview), fetching: query.fetching, error: query.error };
}

export function useSaveTheme() {
  const update = useMutation(UpdateThemeDocument);
  const create = useMutation(CreateThemeDocument);
  return {
    fetching: computed(() => update.fetching.value || create.fetching.value),
    async save(id: string | null, input: { name: string; description: string; keywords: string[] }) {
      const result = id ? await update.executeMutation({ id, input }) : await create.executeMutation({ input });
      return result.error ?? null;
    },
  };
}

export function useTouchpointThemes(filter: MaybeRefOrGetter<AnalyticsFilterInput>, pause: MaybeRefOrGetter<boolean> = false) {
  const query = useQuery({ query: TouchpointThemesDocument, variables: () => ({ filter: toValue(filter) }), pause: () => toValue(pause), requestPolicy: 'cache-and-network' });
  return { data: computed(() => query.data.value?.touchpointThemes), fetching: query.fetching, error: query.error, refetch: () => query.executeQuery({ requestPolicy: 'network-only' }) };
}

export function useCaseCommentAnalysis(caseId: MaybeRefOrGetter<string | null>) {
  const query = useQuery({ query: CaseCommentAnalysisDocument, variables: () => ({ id: toValue(caseId) ?? '' }), pause: () => !toValue(caseId), requestPolicy: 'cache-and-network' });
  return { data: computed(() => query.data.value?.followUpCase?.answer ?? null), fetching: query.fetching, error: query.error };
}

/** Feeling families per phase of a journey, for the emotion curve (paused without a journey). */
export function usePhaseFeelings(filter: MaybeRefOrGetter<AnalyticsFilterInput>, pause: MaybeRefOrGetter<boolean> = false) {
  const query = useQuery({ query: PhaseFeelingsDocument, variables: () => ({ filter: toValue(filter) }), pause: () => toValue(pause), requestPolicy: 'cache-and-network' });
  return { data: computed(() => query.data.value?.phaseFeelings), fetching: query.fetching, error: query.error };
}

/** The feeling-word list with add and remove (each re-tags every comment on the server). */
export function useFeelingWords() {
  const query = useQuery({ query: FeelingWordsDocument, requestPolicy: 'cache-and-network' });
  const add = useMutation(SetFeelingWordDocument);
  const remove = useMutation(RemoveFeelingWordDocument);
  const refetch = () => query.executeQuery({ requestPolicy: 'network-only' });
  const message = (error: { graphQLErrors: { message: string }[]; message: string } | undefined) => (error ? (error.graphQLErrors[0]?.message ?? error.message) : null);
  return {
    data: computed(() => query.data.value?.feelingWords),
    fetching: computed(() => query.fetching.value || add.fetching.value || remove.fetching.value),
    error: query.error,
    async add(input: { word: string; language: CommentLanguage; family: FeelingFamily }) {
      const result = await add.executeMutation({ input });
      refetch();
      return message(result.error);
    },
    async remove(word: string, language: CommentLanguage) {
      const result = await remove.executeMutation({ word, language });
      refetch();
      return message(result.error);
    },
  };
}
