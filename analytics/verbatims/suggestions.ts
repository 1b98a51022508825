/**
 * Suggested themes: recurring words and two-word phrases that no theme covers, ordered by how many more
 * detractor comments use them than their frequency alone would give (excess detractor mentions), so a
 * suggestion ranks high when it is both frequent and over-used by detractors.
 */
export interface PhraseCounts {
  /** The stems, space-separated (one for a word, two for a phrase). */
  phrase: string;
  /** The most common written form. */
  example: string;
  mentions: number;
  detractorMentions: number;
  /** Danish compounds ending in the word, counted in with it (a keyword matches them too); most used first. */
  includes?: string[];
}

export interface RankedPhrase extends PhraseCounts {
  /** 1 for a word, 2 for a phrase. */
  words: number;
  includes: string[];
  /** (detractor mentions / mentions) / (commenting detractors / commented); null when there are none. */
  detractorLift: number | null;
  /** detractorMentions − mentions × detractor share of all comments. */
  excessDetractorMentions: number;
}

/**
 * A word that is mostly said inside one of the phrases ("transfer" in "pension transfer") adds nothing
 * the phrase does not say better: it is left out when a phrase holding it has at least this share of
 * the word's mentions.
 */
export const WORD_INSIDE_PHRASE_SHARE = 0.8;

export function withoutWordsInsidePhrases(candidates: readonly PhraseCounts[]): PhraseCounts[] {
  const phrases = candidates.filter((c) => c.phrase.includes(' '));
  return candidates.filter((c) => c.phrase.includes(' ') || !phrases.some((p) => p.phrase.split(' ').includes(c.phrase) && p.mentions >= WORD_INSIDE_PHRASE_SHARE * c.mentions));
}

export function rankSuggestions(phrases: readonly PhraseCounts[], totals: { commented: number; detractors: number }, limit = 20): RankedPhrase[] {
  const base = totals.commented > 0 ? totals.detractors / totals.commented : 0;
  return withoutWordsInsidePhrases(phrases)
    .map((p) => ({
      ...p,
      words: p.phrase.split(' ').length,
      includes: p.includes ?? [],
      detractorLift: base > 0 && p.mentions > 0 ? p.detractorMentions / p.mentions / base : null,
      excessDetractorMentions: p.detractorMentions - p.mentions * base,
    }))
    .sort((a, b) => b.excessDetractorMentions - a.excessDetractorMentions || b.mentions - a.mentions || a.phrase.localeCompare(b.phrase))
    .slice(0, limit);
}
