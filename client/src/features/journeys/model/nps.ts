/**
 * What a touchpoint card's NPS badge shows. The analytics issue fills it (PRODUCT.md: every NPS
 * carries n and its 95% interval, and is flagged below the minimum n). Until then no card has one.
 */
export interface NpsBadgeData {
  nps: number;
  n: number;
  /** 95% interval bounds. */
  low: number;
  high: number;
  lowSample: boolean;
}
