import type { OperationResult } from '@urql/core';
import { useClientHandle, useMutation, useQuery } from '@urql/vue';
import { computed, ref, toValue, type MaybeRefOrGetter } from 'vue';
import {
  CaseCommentAnalysisDocument, CommentsDocument, FeelingWordsDocument, PhaseFeelingsDocument, RemoveFeelingWordDocument, SetFeelingWordDocument, CommentThemesDocument, CreateThemeDocument, SuggestedThemesDocument, ThemePreviewDocument,
  TouchpointThemesDocument, UpdateThemeDocument,
} from '../graphql/documents';
import type { AnalyticsFilterInput, CommentLanguage, CommentsQuery, CommentsQueryVariables, FeelingFamily, SentimentLabel } from '../../../graphql/generated';
import { downloadCsv, toCsv } from '../../../shared/csv';
import { describeLoadError } from '../../../shared/errors';
import { formatCount } from '../../../shared/format';
import { t } from '../../../shared/i18n';
import { commentCsvHeader, COMMENT_EXPORT_LIMIT, commentCsvFilename, commentCsvRows, type ExportedComment } from '../model/commentsCsv';

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

export function useSuggestedThemes(filter: MaybeRefOrGetter<AnalyticsFilterInput>) {
  const query = useQuery({ query: SuggestedThemesDocument, variables: () => ({ filter: toValue(filter) }), requestPolicy: 'cache-and-network' });
  return { data: computed(() => query.data.value?.suggestedThemes), fetching: query.fetching, error: query.error, refetch: () => query.executeQuery({ requestPolicy: 'network-only' }) };
}

/** The comments query's arguments for a cut (the list on screen and the export ask the same). */
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

/**
 * "Download CSV" of the comments matching the page's filters and search: reads them page by page
 * (newest first, at most COMMENT_EXPORT_LIMIT) through the same `comments` query as the list, so the
 * server's role rule and audit apply to every comment exported. `note` says what the file holds or why
 * nothing was saved.
 */
const EXPORT_PAGE = 200; // the most the server gives in one page

export function useCommentsExport(personaNames: MaybeRefOrGetter<ReadonlyMap<string, string>>) {
  const handle = useClientHandle();
  const exporting = ref(false);
  const note = ref<{ kind: 'done' | 'error'; text: string } | null>(null);
  async function run(filter: AnalyticsFilterInput, cut: CommentCut): Promise<void> {
    exporting.value = true;
    note.value = null;
    try {
      const items: ExportedComment[] = [];
      let after: string | null = null;
      let total = 0;
      do {
        const result: OperationResult<CommentsQuery> = await handle.client.query(CommentsDocument, { ...commentVariables(filter, cut, after), first: EXPORT_PAGE }, { requestPolicy: 'network-only' }).toPromise();
        const page = result.data?.comments;
        if (result.error || !page) {
          const problem = result.error ? describeLoadError(result.error, t('verbatims.page.what')) : null;
          note.value = { kind: 'error', text: t('verbatims.csv.noFile', { problem: problem ? `${problem.title}: ${problem.message}` : t('verbatims.csv.noComments') }) };
          return;
        }
        total = page.total;
        items.push(...page.items);
        after = page.endCursor;
      } while (after && items.length < COMMENT_EXPORT_LIMIT);
      const kept = items.slice(0, COMMENT_EXPORT_LIMIT);
      downloadCsv(commentCsvFilename(filter), toCsv(commentCsvHeader(), commentCsvRows(kept, toValue(personaNames))));
      note.value = {
        kind: 'done',
        text:
          kept.length < total
            ? t('verbatims.csv.savedSome', { kept: formatCount(kept.length), total: formatCount(total) })
            : t('verbatims.csv.savedAll', { n: formatCount(kept.length) }),
      };
    } finally {
      exporting.value = false;
    }
  }
  return { exporting, note, run };
}
