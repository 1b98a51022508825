/** Names people read for the analysis' codes. */
import { formatSigned as sharedFormatSigned } from '../../../shared/format';
import type { CommentLanguage, FeelingFamily, HighlightKind, SentimentLabel } from '../../../graphql/generated';

export const SENTIMENT_NAMES: Record<SentimentLabel, string> = { POSITIVE: 'Positive', NEUTRAL: 'Neutral', NEGATIVE: 'Negative' };
export const LANGUAGE_NAMES: Record<CommentLanguage, string> = { DA: 'Danish', EN: 'English' };
export const FEELING_NAMES: Record<FeelingFamily, string> = {
  ANGER: 'Anger', WORRY: 'Worry', FRUSTRATION: 'Frustration', DISTRUST: 'Distrust', RELIEF: 'Relief', TRUST: 'Trust', JOY: 'Joy', GRATITUDE: 'Gratitude',
};
export const HIGHLIGHT_NAMES: Record<HighlightKind, string> = { SEARCH: 'search match', THEME: 'theme keyword', FEELING: 'feeling word', POSITIVE: 'positive word', NEGATIVE: 'negative word' };

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

const isFamily = (code: string): code is FeelingFamily => code in FEELING_NAMES;
/** A feeling family's name from its code (the code itself for an unknown one). */
export const feelingName = (code: string): string => (isFamily(code) ? FEELING_NAMES[code] : code);
