/** The Comments page's CSV: the comments of the cut with what the analysis found, in words. */
import type { CsvValue } from '../../../shared/csv';
import { formatDate } from '../../../shared/format';
import type { CommentFieldsFragment } from '../../../graphql/generated';
import { t } from '../../../shared/i18n';
import { languageName, sentimentName, feelingName } from './labels';

export type ExportedComment = CommentFieldsFragment;

/**
 * At most this many comments go into one file (newest first): 25 pages of 200. A larger cut is for the
 * API or a narrower filter; the page says how many were left out.
 */
export const COMMENT_EXPORT_LIMIT = 5000;

const HEADER_KEYS = ['answered', 'touchpoint', 'persona', 'ltr', 'language', 'sentiment', 'score', 'themes', 'feelings', 'comment'] as const;
/** The file's header in the user's language. */
export const commentCsvHeader = (): string[] => HEADER_KEYS.map((key) => t(`verbatims.csv.header.${key}`));

/** One row per comment as the page reads it: names, not codes; no customer id (the comment is enough to act on). */
export function commentCsvRows(items: readonly ExportedComment[], personaNames: ReadonlyMap<string, string>): CsvValue[][] {
  return items.map((c) => [
    formatDate(c.respondedAt),
    c.touchpointName ?? t('verbatims.relationshipSurvey'),
    personaNames.get(c.personaCode) ?? t('verbatims.unknownPersona'),
    c.ltr,
    languageName(c.analysis.language),
    sentimentName(c.analysis.label),
    Math.round(c.analysis.score * 100) / 100,
    c.analysis.themes.map((t) => t.name).join('; '),
    [...new Set(c.analysis.feelings.map((f) => feelingName(f.family)))].join('; '),
    c.comment,
  ]);
}

/** The file name says the cut's period when it has one. */
export function commentCsvFilename(filter: { from?: string | null; to?: string | null }): string {
  return filter.from || filter.to ? `${t('verbatims.csv.filename')}-${filter.from ?? 'start'}-to-${filter.to ?? 'latest'}` : t('verbatims.csv.filename');
}
