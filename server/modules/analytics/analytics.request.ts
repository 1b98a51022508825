import { AnalyticsInputError } from '../../../analytics/queries/errors.js';
import type { AnalyticsFilter } from '../../../analytics/queries/filter.js';
import { dataFingerprint } from '../../../analytics/queries/dataFingerprint.js';
import { getDataCoverage, lastMonthsPeriod, type DataCoverage } from '../../../analytics/queries/trends/getDataCoverage.js';
import { resultCache } from '../../../analytics/queries/dataFingerprint.js';
import type { Queryable } from '../../../analytics/store.js';
import { minCellCustomersFor } from '../../auth/privacy.js';
import { requestScoped, type Context } from '../../context.js';
import { plainFilter, type AnalyticsFilterInput } from './metrics/metrics.types.js';
import { remembered, type ResultCache } from './remembered.js';

/**
 * The filters checked in this request, by their JSON: a 240-touchpoint map asks the same filter on ~250
 * fields, and each is parsed once (a refusal is remembered too, and thrown again for every field).
 */
const checkedFilters = requestScoped(() => new Map<string, { filter: AnalyticsFilter } | { refused: unknown }>());

/** Per data fingerprint: the overview and every "last 12 months" ranking ask where the answers end. */
const coverages = resultCache<DataCoverage>(4);

/** The store's data fingerprint, read once per request for every result the request remembers. */
const requestFingerprint = requestScoped((ctx) => dataFingerprint(ctx.deps.analytics));

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

  /**
   * A result remembered across requests per data fingerprint (remembered.ts): `key` names the request's
   * arguments and what it read from PostgreSQL; the caller's small-cell threshold is added here.
   */
  protected remembered<T>(cache: ResultCache<T>, kind: string, key: unknown, compute: (store: Queryable) => Promise<T>): Promise<T> {
    // The store, not the request: the computation outlives this request (joiners, the warm-up after an import).
    const store = this.store;
    return remembered(cache, store, kind, [key, this.minCellCustomers], () => compute(store), requestFingerprint(this.ctx));
  }

  /** Where the answers start and end (one scan of the answers), remembered per data fingerprint. */
  protected coverage(): Promise<DataCoverage> {
    return this.remembered(coverages, 'dataCoverage', null, getDataCoverage);
  }

  /** The GraphQL filter as the queries take it, checked by the analytics filter schema once per request and filter. */
  protected filter(input: AnalyticsFilterInput | undefined | null): AnalyticsFilter {
    const memo = checkedFilters(this.ctx);
    const key = JSON.stringify(input ?? {});
    let checked = memo.get(key);
    if (!checked) {
      try {
        checked = { filter: plainFilter(input) };
      } catch (refused) {
        checked = { refused };
      }
      memo.set(key, checked);
    }
    if ('refused' in checked) throw checked.refused;
    return checked.filter;
  }

  /**
   * The filter with its period set to the last `lastMonths` months up to the latest answer (the pages'
   * default period), when given: one request instead of asking dataCoverage for that day first.
   */
  protected async filterForLastMonths(input: AnalyticsFilterInput | undefined | null, lastMonths: number | undefined): Promise<AnalyticsFilter> {
    if (lastMonths === undefined) return this.filter(input);
    this.checkLastMonths(input, lastMonths);
    return this.filter({ ...input, ...(await this.lastMonthsPeriodOf(lastMonths)(requestFingerprint(this.ctx))) });
  }

  /** Refuses a `lastMonths` outside 1..120 or beside the filter's own days (BAD_USER_INPUT naming it). */
  protected checkLastMonths(input: AnalyticsFilterInput | undefined | null, lastMonths: number | undefined): void {
    if (lastMonths === undefined) return;
    if (!Number.isInteger(lastMonths) || lastMonths < 1 || lastMonths > 120) throw new AnalyticsInputError('lastMonths', `must be a whole number of months from 1 to 120 (got ${lastMonths})`);
    if (input?.from || input?.to) throw new AnalyticsInputError('lastMonths', 'sets the period itself: leave the filter\'s from and to out, or leave lastMonths out');
  }

  /**
   * The days of "the last `months` months" for the data of `fingerprint` (read by the call when absent),
   * with the coverage remembered per fingerprint. It holds the store and the caller's threshold, not the
   * request, so the recomputation after an import asks it again and gets the new data's days.
   */
  protected lastMonthsPeriodOf(months: number): (fingerprint?: Promise<string>) => Promise<{ from: string; to: string }> {
    const store = this.store;
    const key = [null, this.minCellCustomers];
    return (fingerprint) => lastMonthsPeriod(store, months, new Date(), remembered(coverages, store, 'dataCoverage', key, () => getDataCoverage(store), fingerprint));
  }
}
