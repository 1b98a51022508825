import type { Context } from '../context.js';
import { Rule } from './rules.js';

/**
 * The small-cell threshold for this caller: null when the caller's role may read individual answers
 * (Rule.readIndividual, nothing to suppress), else Config.minCellCustomers distinct customers.
 */
export function minCellCustomersFor(ctx: Context): number | null {
  const role = ctx.caller?.role;
  if (role && Rule.readIndividual.some((r) => r === role)) return null;
  return ctx.deps.minCellCustomers;
}
