/**
 * What an NPS badge shows (PRODUCT.md: every NPS carries n and its 95% interval, and is flagged
 * below the minimum n).
 */
export interface NpsBadgeData {
  /** The NPS, or with measure 'CSAT' the mean satisfaction (1-5). */
  nps: number;
  n: number;
  /** 95% interval bounds. */
  low: number;
  high: number;
  lowSample: boolean;
  /** 'as-is': a to-be touchpoint without a survey code shows the as-is touchpoint it is based on. */
  source?: 'as-is';
  /**
   * 'CSAT': the touchpoint has satisfaction ratings but no likelihood-to-recommend answers (attribute-rating
   * surveys), so the badge shows mean CSAT and its interval, and the share rating 4-5 (top-2-box).
   */
  measure?: 'CSAT';
  topTwoBox?: { share: number; low: number; high: number };
}

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

/** The server's minimum n for a trustworthy NPS (PRODUCT.md, default 30). */
export const MIN_N = 30;

/**
 * NPS with its 95% interval from counts, exactly as PRODUCT.md defines it:
 * NPS = 100 (P - D) / n, SE = 100 sqrt((pP + pD - (pP - pD)^2) / n), interval NPS +- 1.96 SE.
 * Used to pool touchpoints where the server has no number of its own (to-be phases); undefined for n = 0.
 */
export function npsFromCounts(counts: NpsCounts, minN = MIN_N): NpsBadgeData | undefined {
  const n = counts.promoters + counts.passives + counts.detractors;
  if (n === 0) return undefined;
  const pP = counts.promoters / n;
  const pD = counts.detractors / n;
  const nps = 100 * (pP - pD);
  const se = 100 * Math.sqrt(Math.max(0, pP + pD - (pP - pD) ** 2) / n);
  return { nps, n, low: nps - 1.96 * se, high: nps + 1.96 * se, lowSample: n < minN };
}

/** Sums counts (answers at different touchpoints are different answers, so they add up). */
export function poolCounts(parts: readonly NpsCounts[]): NpsCounts {
  return parts.reduce<NpsCounts>(
    (sum, c) => ({ promoters: sum.promoters + c.promoters, passives: sum.passives + c.passives, detractors: sum.detractors + c.detractors }),
    { promoters: 0, passives: 0, detractors: 0 },
  );
}

/** "+12", "−8", "0": a real minus sign, rounded to whole points. */
export function signedNps(x: number): string {
  const r = Math.round(x);
  return r > 0 ? `+${r}` : r < 0 ? `\u2212${-r}` : '0';
}

const pct = (x: number) => `${Math.round(100 * x)}%`;

export function describeNps(v: NpsBadgeData): string {
  const head =
    v.measure === 'CSAT'
      ? `CSAT ${v.nps.toFixed(1)} (mean satisfaction 1-5; no likelihood-to-recommend answers here), 95% interval ${v.low.toFixed(1)} to ${v.high.toFixed(1)}` +
        (v.topTwoBox ? `; ${pct(v.topTwoBox.share)} rated 4-5 (${pct(v.topTwoBox.low)} to ${pct(v.topTwoBox.high)})` : '') +
        `, n = ${v.n}`
      : `NPS ${signedNps(v.nps)}, 95% interval ${signedNps(v.low)} to ${signedNps(v.high)}, n = ${v.n}`;
  return (
    head +
    (v.lowSample ? `, low sample (under ${MIN_N} answers): read with care` : '') +
    (v.source === 'as-is' ? ', measured at the as-is touchpoint this one is based on' : '')
  );
}
