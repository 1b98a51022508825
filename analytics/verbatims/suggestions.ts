/**
 * Ranking of suggested themes: recurring phrases that no theme covers, ordered by how many more
 * detractor comments use them than their frequency alone would give (excess detractor mentions), so a
 * phrase ranks high when it is both frequent and over-used by detractors.
 */
export interface PhraseCounts {
  phrase: string;
  /** The most common written form. */
  example: string;
  mentions: number;
  detractorMentions: number;
}

export interface RankedPhrase extends PhraseCounts {
  /** (detractor mentions / mentions) / (commenting detractors / commented); null when there are none. */
  detractorLift: number | null;
  /** detractorMentions − mentions × detractor share of all comments. */
  excessDetractorMentions: number;
}

export function rankSuggestions(phrases: readonly PhraseCounts[], totals: { commented: number; detractors: number }, limit = 20): RankedPhrase[] {
  const base = totals.commented > 0 ? totals.detractors / totals.commented : 0;
  return phrases
    .map((p) => ({
      ...p,
      detractorLift: base > 0 && p.mentions > 0 ? p.detractorMentions / p.mentions / base : null,
      excessDetractorMentions: p.detractorMentions - p.mentions * base,
    }))
    .sort((a, b) => b.excessDetractorMentions - a.excessDetractorMentions || b.mentions - a.mentions || a.phrase.localeCompare(b.phrase))
    .slice(0, limit);
}
