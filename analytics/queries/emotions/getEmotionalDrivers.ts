import type { Json } from '@duckdb/node-api';
import { csatMean, type CorrelationInterval, type MeanResult, type PairSums } from '../../stats/index.js';
import { DEFAULT_MIN_N } from '../../stats/interval.js';
import { suppressSmallCells } from '../../privacy/smallCells.js';
import type { JsonRow, Queryable } from '../../store.js';
import { driverModel } from '../drivers/driverModel.js';
import { requireConfidenceOption, requireIntegerOption, touchpointInfo, touchpointName } from '../drivers/touchpoints.js';
import { AnalyticsInputError } from '../errors.js';
import { scopeSql, validateFilter, type AnalyticsFilter } from '../filter.js';
import { EMOTIONAL_FACTORS, measureColumns, meanSumsOf, type EmotionalFactor } from '../../model/measures.js';
import { ANALYTICS_DEFAULTS } from '../../model/filter.js';

export const EMOTIONAL_DRIVERS_DEFINITION =
  'Over the touchpoint answers that rate at least one factor. Levels: mean of each factor (1-5) over the answers that rate it, with its t-interval (as in metrics); satisfaction likewise. Weights: Johnson relative weights of the four factors on the same answer\'s satisfaction (1-5), from the correlations over the answers that rate all four factors and satisfaction (listwise: the factors are asked together); share = raw weight / R².';

export interface EmotionalFactorDriver {
  factor: EmotionalFactor;
  /** Mean rating (1-5) over all answers that rate the factor. */
  level: MeanResult;
  /** Complete answers behind the correlation (0 when the factor is not estimable). */
  n: number;
  correlation: number | null;
  correlationInterval: CorrelationInterval | null;
  rawWeight: number | null;
  share: number | null;
  beta: number | null;
  /** 1 = strongest driver; null when not estimable. */
  rank: number | null;
}

export interface EmotionalDriverSet {
  /** null for all touchpoints of the cut together. */
  touchpointCode: string | null;
  touchpointName: string | null;
  /** Answers that rate all four factors and satisfaction. */
  n: number;
  satisfaction: MeanResult;
  factors: EmotionalFactorDriver[];
  /** Satisfaction variance explained by the four factors; null when below minN or not estimable. */
  rSquared: number | null;
  repaired: boolean;
  lowSample: boolean;
  /** Too few customers for the caller to see (small-cell suppression): n 0, every level and weight empty. */
  suppressed: boolean;
}

export interface EmotionalDriversResult {
  definition: string;
  minN: number;
  confidenceLevel: number;
  /** All touchpoint answers of the cut together. */
  pooled: EmotionalDriverSet;
  /** One set per touchpoint whose answers rate the factors, in journey order. */
  touchpoints: EmotionalDriverSet[];
}

export interface EmotionalDriversOptions {
  /** Only this touchpoint (the pooled set is then the same touchpoint). */
  touchpointCode?: string;
  minN?: number;
  confidenceLevel?: number;
  /**
   * Small-cell suppression (analytics/privacy/smallCells.ts): touchpoints whose factor ratings come from
   * fewer distinct customers than this, and their complements (the pooled set is their sum), come back
   * suppressed; so does the pooled set when it is that small. null or absent: nothing is suppressed.
   */
  minCellCustomers?: number | null;
}

const VARIABLES = [...EMOTIONAL_FACTORS, 'satisfaction'] as const;
type Variable = (typeof VARIABLES)[number];
const num = (value: Json | undefined): number => Number(value ?? 0);
/** Listwise columns: the rating when the answer rates all four factors and satisfaction, else NULL. */
const complete = VARIABLES.map((v) => `r.${v} IS NOT NULL`).join(' AND ');
const listwise = VARIABLES.map((v) => `CASE WHEN ${complete} THEN r.${v} END AS c_${v}`).join(', ');

/** Per-variable level sums (all answers) and listwise sums and cross-products (complete answers), as DOUBLE. */
function sumsSql(): string {
  // Levels: each factor's and satisfaction's own sums over all answers (the model's measures).
  const columns: string[] = ['count(c_satisfaction)::DOUBLE AS n', ...measureColumns(['emotions', 'csat'], { answers: '' })];
  for (const v of VARIABLES) columns.push(`coalesce(sum(c_${v}), 0)::DOUBLE AS ${v}_s`, `coalesce(sum(c_${v} * c_${v}), 0)::DOUBLE AS ${v}_q`);
  for (const [i, a] of VARIABLES.entries()) {
    for (const b of VARIABLES.slice(i + 1)) columns.push(`coalesce(sum(c_${a} * c_${b}), 0)::DOUBLE AS ${a}_x_${b}`);
  }
  return columns.join(',\n      ');
}

/**
 * Emotional factors (professional, sympathetic, trustworthy, atmosphere; source 004) per touchpoint: their
 * levels, and which of them drive the touchpoint's satisfaction (Johnson relative weights). DuckDB returns
 * the sums per touchpoint and for all touchpoints together in one grouped statement.
 */
export async function getEmotionalDrivers(db: Queryable, filter: AnalyticsFilter, options: EmotionalDriversOptions = {}): Promise<EmotionalDriversResult> {
  requireIntegerOption('minN', options.minN, 4, 1_000_000);
  requireConfidenceOption(options.confidenceLevel);
  if (filter.survey === 'RELATIONSHIP') {
    throw new AnalyticsInputError('survey', 'emotional factors are asked after touchpoints; leave survey out or use TOUCHPOINT');
  }
  const info = await touchpointInfo(db);
  const code = options.touchpointCode;
  if (code !== undefined && !info.has(code)) {
    const allowed = [...info.keys()];
    const shown = allowed.length > 30 ? `${allowed.slice(0, 30).join(', ')}, ... (${allowed.length} in all)` : allowed.join(', ');
    throw new AnalyticsInputError('touchpointCode', `unknown "${code}"; allowed: ${shown || 'none (no journey model loaded)'}`);
  }
  await validateFilter(db, filter);
  const minN = options.minN ?? DEFAULT_MIN_N;
  const confidenceLevel = options.confidenceLevel ?? ANALYTICS_DEFAULTS.confidenceLevel;
  if (code !== undefined && filter.touchpointCodes?.length && !filter.touchpointCodes.includes(code)) {
    throw new AnalyticsInputError('touchpointCode', `"${code}" is not among the filter's touchpointCodes (${filter.touchpointCodes.join(', ')})`);
  }
  const narrowed: AnalyticsFilter = code === undefined ? filter : { ...filter, touchpointCodes: [code] };
  const scope = scopeSql({ ...narrowed, survey: 'TOUCHPOINT' }, true);
  // Only answers that rate at least one factor (factors are asked at some touchpoints only); the filter on
  // responses' own columns lets DuckDB skip the rest before the joins.
  const rated = EMOTIONAL_FACTORS.map((f) => `r.${f} IS NOT NULL`).join(' OR ');
  const grouped = await db.all<JsonRow>(
    `SELECT touchpoint_code, grouping(touchpoint_code) AS pooled, ${measureColumns(['customers'], { answers: '' })}, ${sumsSql()}
     FROM (SELECT r.touchpoint_code, r.customer_id, ${VARIABLES.map((v) => `r.${v}`).join(', ')}, ${listwise}
           ${scope.from} ${scope.where} AND (${rated})) r
     GROUP BY GROUPING SETS ((touchpoint_code), ())`,
    scope.params,
  );
  // A hidden row keeps only its key: every sum reads as 0, so its set is empty.
  const suppress = (list: JsonRow[]) =>
    suppressSmallCells(list, (r) => ({ customers: num(r.customers), key: [String(r.touchpoint_code)] }), options.minCellCustomers ?? null, (r) => ({ touchpoint_code: r.touchpoint_code ?? null, suppressed: true }));
  const rows = suppress(grouped.filter((r) => num(r.pooled) === 0));
  const [pooledTotal] = suppress(grouped.filter((r) => num(r.pooled) === 1));
  const set = (row: JsonRow | undefined, tp: string | null) => toSet(row, tp, tp === null ? null : touchpointName(info, tp), minN, confidenceLevel);
  const byCode = new Map(rows.filter((r) => typeof r.touchpoint_code === 'string').map((r) => [String(r.touchpoint_code), r]));
  const order = [...info.keys(), ...[...byCode.keys()].filter((c) => !info.has(c)).sort()];
  const touchpoints = order
    .filter((c) => byCode.has(c) && (num(byCode.get(c)!.n) > 0 || byCode.get(c)!.suppressed === true))
    .map((c) => set(byCode.get(c), c));
  return {
    definition: EMOTIONAL_DRIVERS_DEFINITION,
    minN,
    confidenceLevel,
    pooled: code === undefined ? set(pooledTotal, null) : set(byCode.get(code), code),
    touchpoints,
  };
}

function toSet(row: JsonRow | undefined, code: string | null, name: string | null, minN: number, confidenceLevel: number): EmotionalDriverSet {
  const n = num(row?.n);
  const level = (v: Variable) =>
    csatMean(meanSumsOf(row ?? {}, v === 'satisfaction' ? 'csat' : v), { minN, confidenceLevel });
  const pairSums = (a: Variable, b: Variable): PairSums => {
    const [x, y] = VARIABLES.indexOf(a) < VARIABLES.indexOf(b) ? [a, b] : [b, a];
    return {
      n,
      sumX: num(row?.[`${x}_s`]),
      sumY: num(row?.[`${y}_s`]),
      sumXX: num(row?.[`${x}_q`]),
      sumYY: num(row?.[`${y}_q`]),
      sumXY: num(row?.[`${x}_x_${y}`]),
    };
  };
  const model = driverModel({
    predictors: EMOTIONAL_FACTORS,
    withOutcome: new Map(EMOTIONAL_FACTORS.map((f) => [f, pairSums(f, 'satisfaction')])),
    pair: (a, b) => pairSums(a, b),
    minN,
    confidenceLevel,
  });
  const weightOf = new Map(model.weights.map((w) => [w.name, w]));
  return {
    touchpointCode: code,
    touchpointName: name,
    n,
    satisfaction: level('satisfaction'),
    factors: EMOTIONAL_FACTORS.map((factor) => {
      const w = weightOf.get(factor);
      return {
        factor,
        level: level(factor),
        n: w?.n ?? 0,
        correlation: w?.correlation ?? null,
        correlationInterval: w?.correlationInterval ?? null,
        rawWeight: w?.rawWeight ?? null,
        share: w?.share ?? null,
        beta: w?.beta ?? null,
        rank: w?.rank ?? null,
      };
    }),
    rSquared: model.rSquared,
    repaired: model.repaired,
    lowSample: n < minN,
    suppressed: row?.suppressed === true,
  };
}
