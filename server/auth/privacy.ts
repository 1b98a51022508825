import type { Context } from '../context.js';
import type { Role } from '../modules/users/user.enums.js';
import { Rule } from './rules.js';

/**
 * The small-cell threshold of a role: null when the role may read individual answers (Rule.readIndividual,
 * nothing to suppress), else `threshold` (Config.minCellCustomers) distinct customers.
 */
export function minCellCustomersForRole(role: Role | undefined, threshold: number): number | null {
  if (role && Rule.readIndividual.some((r) => r === role)) return null;
  return threshold;
}

/** The small-cell threshold for this caller (minCellCustomersForRole of the caller's role). */
export function minCellCustomersFor(ctx: Context): number | null {
  return minCellCustomersForRole(ctx.caller?.role, ctx.deps.minCellCustomers);
}

/**
 * The description of a `suppressed` field, one wording for every output that applies small-cell
 * suppression: `what` names the cell (e.g. "this bucket"), `hidden` says what then carries no numbers.
 */
export const suppressedDescription = (what: string, hidden: string): string =>
  `True when ${what} rests on too few distinct customers for your role to see (small-cell suppression: fewer than MIN_CELL_CUSTOMERS, default 5), `
  + `or is hidden as a second cell so that the first cannot be worked out by subtraction from a total; ${hidden}. Always false for roles that may read individual answers.`;
