import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { validate } from 'class-validator';
import { Arg, ArgumentValidationError, Authorized, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { dataFingerprint, resultCache } from '../../../analytics/queries/dataFingerprint.js';
import { warmAfterImport } from '../../../analytics/queries/warmUp.js';
import { getMetrics, type MetricsDimension, type MetricsRow } from '../../../analytics/queries/metrics/getMetrics.js';
import { compareNps, welchTest } from '../../../analytics/stats/index.js';
import { minCellCustomersFor } from '../../auth/privacy.js';
import { Rule } from '../../auth/rules.js';
import { requestScoped, type Context } from '../../context.js';
import { Journey } from '../journeys/journey.entity.js';
import { Phase } from '../journeys/phase.entity.js';
import { Touchpoint } from '../journeys/touchpoint.entity.js';
import { AnalyticsFilterInput, Metrics, MetricsComparison, MetricsDimensionEnum, plainFilter } from './metrics.types.js';

type Level = 'JOURNEY' | 'PHASE' | 'TOUCHPOINT';
const KEY_OF: Record<Level, (row: MetricsRow) => string | undefined> = {
  JOURNEY: (row) => row.key.journeyId,
  PHASE: (row) => row.key.phaseId,
  TOUCHPOINT: (row) => row.key.touchpointCode,
};

/**
 * Per request and filter: one DuckDB query (grouping sets) for every journey's, phase's and touchpoint's
 * `metrics(filter)` in the request. It returns all groups at once, so it is remembered for the request
 * rather than batched: a DataLoader batches per tick, and over HTTP the touchpoints of an 8-phase map
 * arrived in several ticks, each running the same full query again (npm run bench, bench/README.md).
 */
const levelRows = requestScoped(() => new Map<string, Promise<Record<Level, Map<string, MetricsRow>>>>());
/** The store's data fingerprint, read once per request. */
const requestFingerprint = requestScoped((ctx) => dataFingerprint(ctx.deps.analytics));
/**
 * Across requests, per data fingerprint: a map is opened by many people with the same persona and
 * period, and the answers change only with imports (npm run bench: bench/README.md).
 */
const levelCache = resultCache<Record<Level, Map<string, MetricsRow>>>(32);
const LEVELS: readonly Level[] = ['JOURNEY', 'PHASE', 'TOUCHPOINT'];

/**
 * Which costly measures the query selects under this `metrics` field (fragments included): the distinct
 * customer count and the emotion and effort sums are skipped when nobody reads them.
 */
function measuresOf(info: GraphQLResolveInfo): { customers: boolean; ratings: boolean } {
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
 * The field resolvers' filter is validated here, once per request and filter, not by type-graphql per
 * field: on a 240-touchpoint map that ran class-validator 249 times per request, 60% of the GraphQL
 * execution time (npm run bench, bench/README.md). Errors are the same ArgumentValidationError.
 */
const checkedFilters = requestScoped(() => new Map<string, Promise<void>>());
function checkFilter(ctx: Context, input: AnalyticsFilterInput | undefined): Promise<void> {
  if (!input) return Promise.resolve();
  const memo = checkedFilters(ctx);
  const key = JSON.stringify(input);
  let checked = memo.get(key);
  if (!checked) {
    const instance = input instanceof AnalyticsFilterInput ? input : Object.assign(new AnalyticsFilterInput(), input);
    checked = validate(instance, VALIDATOR_OPTIONS).then((errors) => {
      if (errors.length) throw new ArgumentValidationError(errors);
    });
    memo.set(key, checked);
  }
  return checked;
}
/** As buildSchema's `validate` (server/schema.ts). */
const VALIDATOR_OPTIONS = { forbidUnknownValues: false } as const;
const FIELD_FILTER = { nullable: true, validate: false } as const;

async function levelMetrics(ctx: Context, info: GraphQLResolveInfo, level: Level, id: string, input: AnalyticsFilterInput | undefined): Promise<MetricsRow | null> {
  await checkFilter(ctx, input);
  const filter = plainFilter(input);
  const memo = levelRows(ctx);
  const measures = measuresOf(info);
  const minCellCustomers = minCellCustomersFor(ctx);
  const key = `${JSON.stringify(filter)}|${measures.customers}|${measures.ratings}|${minCellCustomers}`;
  let rows = memo.get(key);
  if (!rows) {
    const store = ctx.deps.analytics;
    // All three levels in one scan: a map asks for them together, and the rest come from the cache.
    const compute = async () => {
      const list = await getMetrics(store, filter, { groupingSets: LEVELS.map((l) => [l]), measures, minCellCustomers });
      const byLevel: Record<Level, Map<string, MetricsRow>> = { JOURNEY: new Map(), PHASE: new Map(), TOUCHPOINT: new Map() };
      for (const row of list) {
        const rowLevel = LEVELS.find((l) => KEY_OF[l](row) !== undefined);
        if (rowLevel) byLevel[rowLevel].set(KEY_OF[rowLevel](row) ?? '', row);
      }
      return byLevel;
    };
    rows = requestFingerprint(ctx).then((data) => levelCache.get(store, data, key, compute));
    memo.set(key, rows);
    // After an import this cut is computed again at once, not by the first map opened after it.
    warmAfterImport(store, `map|${key}`, async () => levelCache.get(store, await dataFingerprint(store), key, compute));
  }
  return rows.then((byLevel) => byLevel[level].get(id) ?? null);
}

const METRICS_FIELD = {
  nullable: true,
  description: 'NPS, CSAT and emotions of the answers at this level for the filter; null when there are none.',
} as const;

@Resolver()
export class MetricsResolver {
  @Authorized(Rule.readAggregates)
  @Query(() => [Metrics], { description: 'Metrics for a cut of the answers, optionally grouped (e.g. by TOUCHPOINT and PERSONA, or by MONTH).' })
  metrics(
    @Ctx() ctx: Context,
    @Arg('filter', () => AnalyticsFilterInput, { nullable: true }) filter?: AnalyticsFilterInput,
    @Arg('groupBy', () => [MetricsDimensionEnum], { nullable: true }) groupBy?: MetricsDimension[],
  ): Promise<MetricsRow[]> {
    return getMetrics(ctx.deps.analytics, plainFilter(filter), { groupBy, minCellCustomers: minCellCustomersFor(ctx) });
  }

  @Authorized(Rule.readAggregates)
  @Query(() => MetricsComparison, { description: 'Two cuts (two periods, two personas, ...) side by side, with significance tests.' })
  async compareMetrics(
    @Ctx() ctx: Context,
    @Arg('a', () => AnalyticsFilterInput) a: AnalyticsFilterInput,
    @Arg('b', () => AnalyticsFilterInput) b: AnalyticsFilterInput,
  ): Promise<MetricsComparison> {
    const minCellCustomers = minCellCustomersFor(ctx);
    const [[left], [right]] = await Promise.all([
      getMetrics(ctx.deps.analytics, plainFilter(a), { minCellCustomers }),
      getMetrics(ctx.deps.analytics, plainFilter(b), { minCellCustomers }),
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
}

@Resolver(() => Journey)
export class JourneyMetricsResolver {
  @FieldResolver(() => Metrics, METRICS_FIELD)
  metrics(@Ctx() ctx: Context, @Info() info: GraphQLResolveInfo, @Root() journey: Journey, @Arg('filter', () => AnalyticsFilterInput, FIELD_FILTER) filter?: AnalyticsFilterInput) {
    return levelMetrics(ctx, info, 'JOURNEY', journey.id, filter);
  }
}

@Resolver(() => Phase)
export class PhaseMetricsResolver {
  @FieldResolver(() => Metrics, METRICS_FIELD)
  metrics(@Ctx() ctx: Context, @Info() info: GraphQLResolveInfo, @Root() phase: Phase, @Arg('filter', () => AnalyticsFilterInput, FIELD_FILTER) filter?: AnalyticsFilterInput) {
    return levelMetrics(ctx, info, 'PHASE', phase.id, filter);
  }
}

@Resolver(() => Touchpoint)
export class TouchpointMetricsResolver {
  @FieldResolver(() => Metrics, { ...METRICS_FIELD, description: `${METRICS_FIELD.description} A touchpoint without a code has no data (see basedOn).` })
  async metrics(@Ctx() ctx: Context, @Info() info: GraphQLResolveInfo, @Root() touchpoint: Touchpoint, @Arg('filter', () => AnalyticsFilterInput, FIELD_FILTER) filter?: AnalyticsFilterInput) {
    if (!touchpoint.code) return checkFilter(ctx, filter).then(() => null);
    return levelMetrics(ctx, info, 'TOUCHPOINT', touchpoint.code, filter);
  }
}
