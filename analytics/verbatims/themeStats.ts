/**
 * The numbers of a theme (or feeling, or phrase) in a cut, from counts: mention share with its interval,
 * shares of detractors and promoters mentioning it, NPS of mentioners against the other commenters with
 * the difference test, and the NPS points at stake.
 */
import { compareNps, computeNps, proportion, type NpsComparison, type NpsCounts, type NpsResult, type ProportionResult } from '../stats/index.js';

/** Counts over the commented answers of a cut, split by likelihood-to-recommend group. */
export interface MentionCounts {
  /** Answers in the cut (with or without a comment). */
  responses: number;
  /** Commented answers by group. */
  commented: NpsCounts;
  /** Commented answers that mention it, by group. */
  mentioned: NpsCounts;
  /** Distinct customers behind the mentions. */
  customers: number;
}

export interface MentionStats {
  mentions: number;
  customers: number;
  /** Mentions / commented answers. */
  share: ProportionResult;
  /** Share of commenting detractors (0-6) who mention it. */
  detractorShare: ProportionResult;
  /** Share of commenting promoters (9-10) who mention it. */
  promoterShare: ProportionResult;
  npsMentioning: NpsResult;
  /** Commenters who do not mention it. */
  npsOthers: NpsResult;
  /** npsMentioning − npsOthers with its test. */
  difference: NpsComparison;
  /**
   * NPS points of the whole cut that would change if the mentioners answered like the other commenters:
   * mentions / responses × (npsOthers − npsMentioning). Positive = the theme costs NPS.
   */
  npsPointsAtStake: number | null;
}

const total = (c: NpsCounts) => c.promoters + c.passives + c.detractors;
const minus = (a: NpsCounts, b: NpsCounts): NpsCounts => ({ promoters: a.promoters - b.promoters, passives: a.passives - b.passives, detractors: a.detractors - b.detractors });

export function mentionStats(counts: MentionCounts): MentionStats {
  const mentions = total(counts.mentioned);
  const npsMentioning = computeNps(counts.mentioned);
  const npsOthers = computeNps(minus(counts.commented, counts.mentioned));
  const difference = compareNps(npsMentioning, npsOthers);
  const npsPointsAtStake =
    npsMentioning.nps === null || npsOthers.nps === null || counts.responses === 0
      ? null
      : (mentions / counts.responses) * (npsOthers.nps - npsMentioning.nps);
  return {
    mentions,
    customers: counts.customers,
    share: proportion({ n: total(counts.commented), count: mentions }),
    detractorShare: proportion({ n: counts.commented.detractors, count: counts.mentioned.detractors }),
    promoterShare: proportion({ n: counts.commented.promoters, count: counts.mentioned.promoters }),
    npsMentioning,
    npsOthers,
    difference,
    npsPointsAtStake,
  };
}
