import type { AnalyticsFilter } from '../../../analytics/queries/filter.js';
import type { Queryable } from '../../../analytics/store.js';
import { minCellCustomersFor } from '../../auth/privacy.js';
import type { Context } from '../../context.js';
import { plainFilter, type AnalyticsFilterInput } from './metrics/metrics.types.js';

/**
 * The base of every analytics topic service: what a query needs from the request (the store, the
 * caller's small-cell threshold, the GraphQL filter as the queries take it). One instance per request,
 * built by `analyticsService(ctx)`, so per-request memos live in the service's own fields.
 */
export abstract class AnalyticsRequest {
  constructor(protected readonly ctx: Context) {}

  protected get store(): Queryable {
    return this.ctx.deps.analytics;
  }

  /** Null for roles that may see single customers (no small-cell suppression). */
  protected get minCellCustomers(): number | null {
    return minCellCustomersFor(this.ctx);
  }

  protected filter(input: AnalyticsFilterInput | undefined | null): AnalyticsFilter {
    return plainFilter(input);
  }
}
