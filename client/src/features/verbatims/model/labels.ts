/** Names people read for the analysis' codes. */
import { formatSigned as sharedFormatSigned } from '../../../shared/format';
import { t } from '../../../shared/i18n';
import type { CommentLanguage, FeelingFamily, HighlightKind, SentimentLabel } from '../../../graphql/generated';

/** The feeling families in the order the page lists them. */
export const FEELING_FAMILIES: readonly FeelingFamily[] = ['ANGER', 'WORRY', 'FRUSTRATION', 'DISTRUST', 'RELIEF', 'TRUST', 'JOY', 'GRATITUDE'];

export const sentimentName = (label: SentimentLabel): string => t(`verbatims.sentiment.${label}`);
export const languageName = (language: CommentLanguage): string => t(`verbatims.language.${language}`);
export const highlightName = (kind: HighlightKind): string => t(`verbatims.highlight.${kind}`);
/** The feelings found in a comment, each family once, in words. */
export const feelingList = (feelings: readonly { family: string }[]): string => [...new Set(feelings.map((f) => feelingName(f.family)))].join(', ');

/** Keywords typed one per line or separated by commas. */
export function parseKeywords(text: string): string[] {
  return [...new Set(text.split(/[\n,]/).map((k) => k.trim().toLowerCase()).filter(Boolean))];
}

export interface Segment {
  text: string;
  kind: HighlightKind | null;
  title: string | null;
}

/**
 * A comment cut into plain and highlighted pieces. Overlapping highlights: the one that starts first
 * (the longer at the same start, a search match before the rest) wins; a later one overlapping it is dropped.
 */
export function segments(text: string, highlights: readonly { start: number; end: number; kind: HighlightKind; label: string }[], names: (h: { kind: HighlightKind; label: string }) => string): Segment[] {
  const sorted = [...highlights].filter((h) => h.start >= 0 && h.end <= text.length && h.end > h.start).sort((a, b) => a.start - b.start || b.end - a.end || Number(b.kind === 'SEARCH') - Number(a.kind === 'SEARCH'));
  const out: Segment[] = [];
  let at = 0;
  for (const h of sorted) {
    if (h.start < at) continue;
    if (h.start > at) out.push({ text: text.slice(at, h.start), kind: null, title: null });
    out.push({ text: text.slice(h.start, h.end), kind: h.kind, title: names(h) });
    at = h.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), kind: null, title: null });
  return out;
}

/** The shared signed format, one decimal by default (sentiment scores and NPS points at stake). */
export const formatSigned = (v: number | null | undefined, digits = 1): string => sharedFormatSigned(v, digits);

const isFamily = (code: string): code is FeelingFamily => FEELING_FAMILIES.some((f) => f === code);
/** A feeling family's name from its code (the code itself for an unknown one). */
export const feelingName = (code: string): string => (isFamily(code) ? t(`verbatims.feeling.${code}`) : code);
