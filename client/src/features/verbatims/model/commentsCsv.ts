/**
 * "Download CSV" on the Comments page: the server writes the file (GET /export/comments.csv, streamed,
 * every comment of the cut however many, one audit row per file). The link carries the page's cut and
 * the language the page shows, so the header and the words in it read as the page does.
 */
import type { AnalyticsFilterInput } from '../../../graphql/generated';
import type { UiLanguage } from '../../../shared/i18n';
import type { CommentCut } from '../composables/useComments';

export const COMMENTS_CSV_PATH = '/export/comments.csv';

export function commentsCsvHref(filter: AnalyticsFilterInput, cut: CommentCut, language: UiLanguage): string {
  const params = new URLSearchParams();
  const put = (key: string, value: string | null | undefined) => {
    if (value) params.set(key, value);
  };
  put('from', filter.from);
  put('to', filter.to);
  put('persona', filter.personaCodes?.[0]);
  put('journey', filter.journeyId);
  put('touchpoint', filter.touchpointCodes?.[0]);
  put('unit', filter.unitCodes?.[0]);
  put('search', cut.search.trim());
  put('theme', cut.theme);
  put('sentiment', cut.sentiment);
  put('feeling', cut.feeling);
  put('language', cut.language);
  params.set('lang', language);
  return `${COMMENTS_CSV_PATH}?${params.toString()}`;
}
