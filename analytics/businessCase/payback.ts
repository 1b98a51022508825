/**
 * When a case pays back: the cumulative undiscounted net value month by month. Benefits and yearly costs
 * accrue evenly over each year's 12 months; the one-off cost is paid in month 0. Pure (no Node APIs): the
 * engine computes paybackMonth from it and the client draws the same curve.
 */

/** Cumulative net value at the end of months 0..12 × years: index m is the end of month m. */
export function cumulativeByMonth(oneOffCost: number, netPerYear: readonly number[]): number[] {
  const points = [-oneOffCost];
  let cumulative = -oneOffCost;
  netPerYear.forEach((net, year) => {
    const monthly = (net + (year === 0 ? oneOffCost : 0)) / 12;
    for (let month = 0; month < 12; month++) points.push((cumulative += monthly));
  });
  return points;
}

/** First month (1-based) whose cumulative net value is ≥ 0 (within rounding); null if not within the horizon. */
export function paybackMonth(oneOffCost: number, netPerYear: readonly number[]): number | null {
  const month = cumulativeByMonth(oneOffCost, netPerYear).findIndex((value, m) => m > 0 && value >= -1e-9);
  return month === -1 ? null : month;
}
