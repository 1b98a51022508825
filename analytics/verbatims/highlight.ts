/**
 * Character spans to highlight in a comment: search words, theme keywords, feeling words and the words
 * that carried sentiment. Token positions come from the analysis (1-based, as tokenize() numbers them).
 */
import { normalizeText, TOKEN_PATTERN } from './lexicon.js';

export type HighlightKind = 'SEARCH' | 'THEME' | 'FEELING' | 'POSITIVE' | 'NEGATIVE';

export interface Highlight {
  start: number;
  end: number;
  kind: HighlightKind;
  /** Theme id, feeling family, or the search word. */
  label: string;
}

export interface PositionMark {
  /** First token position (1-based) and number of tokens. */
  start: number;
  length: number;
  kind: Exclude<HighlightKind, 'SEARCH'>;
  label: string;
}

/** Character offsets of each token (index 0 = position 1). */
export function tokenOffsets(text: string): { start: number; end: number }[] {
  const normal = normalizeText(text);
  // Lower-casing changed the length (rare letters): offsets would be wrong, so none.
  if (normal.length !== text.length) return [];
  return [...normal.matchAll(new RegExp(TOKEN_PATTERN, 'gu'))].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

export function highlights(text: string, marks: readonly PositionMark[], searchWords: readonly string[]): Highlight[] {
  const offsets = tokenOffsets(text);
  const spans: Highlight[] = [];
  for (const mark of marks) {
    const first = offsets[mark.start - 1];
    const last = offsets[mark.start - 1 + mark.length - 1];
    if (first && last) spans.push({ start: first.start, end: last.end, kind: mark.kind, label: mark.label });
  }
  const lower = text.toLowerCase();
  for (const word of searchWords) {
    if (!word) continue;
    for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + word.length)) spans.push({ start: at, end: at + word.length, kind: 'SEARCH', label: word });
  }
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}
