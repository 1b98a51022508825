import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { dataFingerprint, resultCache } from '../../../../analytics/queries/dataFingerprint.js';
import { warmAfterImport } from '../../../../analytics/queries/warmUp.js';
import { getMapMetrics, type MapMetricsRow } from '../../../../analytics/queries/metrics/getMapMetrics.js';
import { getMetrics, type MetricsDimension, type MetricsRow } from '../../../../analytics/queries/metrics/getMetrics.js';
import type { AnalyticsFilter } from '../../../../analytics/queries/filter.js';
import type { Queryable } from '../../../../analytics/store.js';
import { compareNps, welchTest } from '../../../../analytics/stats/index.js';
import { AnalyticsRequest } from '../analytics.request.js';
import { plainFilter, type AnalyticsFilterInput, type MetricsComparison } from './metrics.types.js';

export type Level = 'JOURNEY' | 'PHASE' | 'TOUCHPOINT';
const KEY_OF: Record<Level, (row: MetricsRow) => string | undefined> = {
  JOURNEY: (row) => row.key.journeyId,
  PHASE: (row) => row.key.phaseId,
  TOUCHPOINT: (row) => row.key.touchpointCode,
};
const LEVELS: readonly Level[] = ['JOURNEY', 'PHASE', 'TOUCHPOINT'];

/**
 * Across requests, per data fingerprint: a map is opened by many people with the same persona and
 * period, and the answers change only with imports (npm run bench: bench/README.md).
 */
const levelCache = resultCache<Record<Level, Map<string, MetricsRow>>>(32);
const mapCache = resultCache<Map<string, MapMetricsRow>>(32);
type Cache<T> = ReturnType<typeof resultCache<T>>;
type Measures = { customers: boolean; ratings: boolean };

/**
 * Which costly measures the query selects under this field (fragments included): the distinct
 * customer count and the emotion and effort sums are skipped when nobody reads them.
 */
function measuresOf(info: GraphQLResolveInfo): Measures {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else visit(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return { customers: names.has('customers'), ratings: names.has('emotions') || names.has('effort') };
}

/**
 * NPS, CSAT and emotions for a cut: the `metrics` and `compareMetrics` queries, and every journey's,
 * phase's and touchpoint's `metrics(filter)` and `mapMetrics(filter)` on the map. One instance per
 * request (analyticsService), so the per-request memos below are its fields.
 */
export class MetricsService extends AnalyticsRequest {
  /**
   * Per filter: one DuckDB query (grouping sets) for every journey's, phase's and touchpoint's
   * `metrics(filter)` in the request. It returns all groups at once, so it is remembered for the request
   * rather than batched: a DataLoader batches per tick, and over HTTP the touchpoints of an 8-phase map
   * arrived in several ticks, each running the same full query again (npm run bench, bench/README.md).
   */
  private readonly levelRows: Memo<Record<Level, Map<string, MetricsRow>>> = new Map();
  /** The same for the map figures of every phase and journey (`mapMetrics(filter)`). */
  private readonly mapRows: Memo<Map<string, MapMetricsRow>> = new Map();
  /** The store's data fingerprint, read once per request. */
  private fingerprint: Promise<string> | undefined;

  metrics(input: AnalyticsFilterInput | undefined, groupBy: MetricsDimension[] | undefined): Promise<MetricsRow[]> {
    return getMetrics(this.store, this.filter(input), { groupBy, minCellCustomers: this.minCellCustomers });
  }

  /** Two cuts side by side with the difference tests of their NPS and mean CSAT. */
  async compare(a: AnalyticsFilterInput, b: AnalyticsFilterInput): Promise<MetricsComparison> {
    const minCellCustomers = this.minCellCustomers;
    const [[left], [right]] = await Promise.all([
      getMetrics(this.store, this.filter(a), { minCellCustomers }),
      getMetrics(this.store, this.filter(b), { minCellCustomers }),
    ]);
    const npsTest = compareNps(left!.nps, right!.nps);
    const csatTest = welchTest(left!.csat, right!.csat);
    return {
      a: left!,
      b: right!,
      nps: { difference: npsTest.difference, se: npsTest.se, statistic: npsTest.z, pValue: npsTest.pValue, significant: npsTest.significant },
      csat: csatTest,
    };
  }

  /**
   * A journey's, phase's or touchpoint's metrics for a filter (null when no answers). Not async, like the
   * two below: once the request has its cut's rows the value is returned as it is, and before that one
   * `then` per field; an async chain here cost several promises per field, ~250 fields per map, and their
   * garbage grew with the answers in flight (npm run bench profile, bench/README.md "Session 5").
   */
  levelMetrics(info: GraphQLResolveInfo, level: Level, id: string, input: AnalyticsFilterInput | undefined, lastMonths?: number): MetricsRow | null | Promise<MetricsRow | null> {
    // All three levels in one scan: a map asks for them together, and the rest come from the cache.
    const byLevel = this.perCut(info, input, lastMonths, this.levelRows, levelCache, 'map', async (store, filter, options) => {
      const list = await getMetrics(store, filter, { groupingSets: LEVELS.map((l) => [l]), ...options });
      const rows: Record<Level, Map<string, MetricsRow>> = { JOURNEY: new Map(), PHASE: new Map(), TOUCHPOINT: new Map() };
      for (const row of list) {
        const rowLevel = LEVELS.find((l) => KEY_OF[l](row) !== undefined);
        if (rowLevel) rows[rowLevel].set(KEY_OF[rowLevel](row) ?? '', row);
      }
      return rows;
    });
    return pick(byLevel, (rows) => rows[level].get(id) ?? null);
  }

  /** A touchpoint's metrics; a touchpoint without a survey code has no data of its own (see basedOn). */
  touchpointMetrics(info: GraphQLResolveInfo, code: string | null | undefined, input: AnalyticsFilterInput | undefined, lastMonths?: number): MetricsRow | null | Promise<MetricsRow | null> {
    if (!code) {
      this.cutOf(info, input, lastMonths); // a refused filter is refused on every field that has it
      return null;
    }
    return this.levelMetrics(info, 'TOUCHPOINT', code, input, lastMonths);
  }

  /**
   * A phase's or journey's figures on the map for a filter: its touchpoints' answers pooled (to-be
   * touchpoints through the as-is touchpoint they are based on), every phase and journey in one query
   * per request and filter.
   */
  mapMetrics(info: GraphQLResolveInfo, journeyId: string, phaseId: string | null, input: AnalyticsFilterInput | undefined, lastMonths?: number): MapMetricsRow | Promise<MapMetricsRow> {
    const byKey = this.perCut(info, input, lastMonths, this.mapRows, mapCache, 'figures', async (store, filter, options) => {
      const list = await getMapMetrics(store, filter, options);
      return new Map(list.map((row) => [`${row.journeyId}|${row.phaseId ?? ''}`, row]));
    });
    return pick(byKey, (rows) => rows.get(`${journeyId}|${phaseId ?? ''}`) ?? { journeyId, phaseId, codes: [], asIs: false, metrics: null });
  }

  /**
   * Settles when every cut this request has started is in (or has failed); undefined when none is on its
   * way. Journey.phases waits for it, so graphql-js meets the phases' and touchpoints' metrics already in
   * hand and completes the ~250 map objects below without a promise per field and per object (its
   * Promise.all over each object's fields was most of the map's garbage: npm run bench profile).
   * It settles at once when a cut turns out not to be remembered: the touchpoints' own cut, started
   * below the phases, then runs beside that computation instead of after it.
   */
  cutsInFlight(): Promise<unknown> | undefined {
    const pending: Promise<unknown>[] = [];
    for (const memo of [this.levelRows, this.mapRows]) for (const entry of memo.values()) if (!entry.value) pending.push(entry.pending);
    if (pending.length === 0 || this.computing) return undefined;
    return new Promise((resolve) => {
      this.onComputing.push(() => resolve(undefined));
      void Promise.allSettled(pending).then(resolve);
    });
  }
  /** A cut of this request is being computed, not read from memory (then nothing waits for cuts). */
  private computing = false;
  private readonly onComputing: (() => void)[] = [];
  private computingStarted(): void {
    this.computing = true;
    for (const resolve of this.onComputing.splice(0)) resolve();
  }

  /**
   * The cut of a field: its checked filter, the measures read under it and its cache key, worked out once
   * per field node list. A map's ~250 metrics fields share one list per level, and their filter argument
   * is a literal in those nodes or a variable of this request, so it is the same for all of them; it was
   * serialised and checked again for each (JSON of the filter, the selection walk: npm run bench profile).
   */
  private readonly cuts = new Map<GraphQLResolveInfo['fieldNodes'], Cut>();
  private cutOf(info: GraphQLResolveInfo, input: AnalyticsFilterInput | undefined, lastMonths: number | undefined): Cut {
    const known = this.cuts.get(info.fieldNodes);
    if (known) return known;
    const filter = this.filter(input); // throws for a refused filter, for every field that has it
    this.checkLastMonths(input, lastMonths);
    const measures = measuresOf(info);
    const minCellCustomers = this.minCellCustomers;
    const keyOf = (f: AnalyticsFilter) => `${JSON.stringify(f)}|${measures.customers}|${measures.ratings}|${minCellCustomers}`;
    const cut: Cut = { filter, lastMonths, measures, minCellCustomers, keyOf, key: `${keyOf(filter)}|${lastMonths ?? ''}` };
    this.cuts.set(info.fieldNodes, cut);
    return cut;
  }

  /**
   * One computation per request and cut (filter, measures read, the caller's small-cell threshold),
   * remembered across requests under the data fingerprint: the shared path of every map-level field.
   * The request's entry for the cut: its rows once they are in, else the promise of them.
   */
  private perCut<T>(
    info: GraphQLResolveInfo,
    input: AnalyticsFilterInput | undefined,
    lastMonths: number | undefined,
    memo: Memo<T>,
    cache: Cache<T>,
    /** Names the kind of result among the cuts recomputed after an import. */
    kind: string,
    compute: (store: Queryable, filter: AnalyticsFilter, options: { measures: Measures; minCellCustomers: number | null }) => Promise<T>,
  ): MemoEntry<T> {
    const cut = this.cutOf(info, input, lastMonths);
    let entry = memo.get(cut.key);
    if (!entry) {
      // The store, not the request: the recomputation after an import must not hold on to a request.
      const store = this.store;
      const options = { measures: cut.measures, minCellCustomers: cut.minCellCustomers };
      const period = cut.lastMonths === undefined ? undefined : this.lastMonthsPeriodOf(cut.lastMonths);
      // The data's result for the cut. "The last n months" is worked out for that data (an import moves
      // its last day) and cached under its days, so it shares its result with a request that names them.
      const resolve = async (fingerprint: Promise<string>, computing?: () => void) => {
        const filter = period ? plainFilter({ ...input, ...(await period(fingerprint)) }) : cut.filter;
        return cache.get(store, await fingerprint, cut.keyOf(filter), () => {
          computing?.();
          return compute(store, filter, options);
        });
      };
      this.fingerprint ??= dataFingerprint(store);
      const pending = resolve(this.fingerprint, () => this.computingStarted());
      const own: MemoEntry<T> = { pending };
      pending.then((value) => (own.value = { value }), () => undefined); // the fields see the failure through `pending`
      memo.set(cut.key, (entry = own));
      // After an import this cut is computed again at once, not by the first map opened after it.
      warmAfterImport(store, `${kind}|${cut.key}`, () => resolve(dataFingerprint(store)));
    }
    return entry;
  }
}

/**
 * A map field's cut as the request asked it: its checked filter, "the last n months" when the server is
 * to work out the days, the measures read under it, and the request's key for it.
 */
type Cut = {
  filter: AnalyticsFilter;
  lastMonths: number | undefined;
  measures: Measures;
  minCellCustomers: number | null;
  /** The cross-request cache key of the cut with these days. */
  keyOf: (filter: AnalyticsFilter) => string;
  key: string;
};

/** A request's result for one cut: `value` once it is in. */
type MemoEntry<T> = { pending: Promise<T>; value?: { value: T } };
type Memo<T> = Map<string, MemoEntry<T>>;

/** A field's part of its cut's result: at once when the result is in, else when it arrives. */
function pick<T, R>(entry: MemoEntry<T>, part: (result: T) => R): R | Promise<R> {
  return entry.value ? part(entry.value.value) : entry.pending.then(part);
}
