import { DEFAULT_MIN_N } from '../../stats/interval.js';
import { say } from '../../i18n/index.js';
import type { Queryable } from '../../store.js';
import { requireLocalDate } from '../../localDate.js';
import { isSmallCell } from '../../privacy/smallCells.js';
import { AnalyticsInputError } from '../errors.js';
import { validateFilter, type AnalyticsFilter } from '../filter.js';
import { DRIVER_OUTCOMES, customerTouchpointSums, pairSumsOf, type CustomerTouchpointSums, type DriverOutcome, type SumsOptions } from './customerTouchpointSums.js';
import { warmAfterImport } from '../warmUp.js';
export { DRIVER_OUTCOMES, type DriverOutcome } from './customerTouchpointSums.js';
import { driverModel, type ExcludedPredictor, type PredictorWeight } from './driverModel.js';
import { requireConfidenceOption, requireIntegerOption, touchpointInfo, touchpointName, type TouchpointInfo } from './touchpoints.js';
import { ANALYTICS_DEFAULTS } from '../../model/filter.js';

// The outcome's and the predictor's definitions are worded in server/i18n/messages.ts (drivers.outcome.*,
// drivers.predictor), in the reader's language.

export interface DriversOptions {
  outcome?: DriverOutcome;
  /** Minimum customers behind every correlation used (touchpoint-outcome and touchpoint pairs); default 30. */
  minN?: number;
  confidenceLevel?: number;
  /** RETENTION_12M: the last day churn is known for; default store_meta.data_end, else the last answer's day. */
  observedUntil?: string;
  /** The caller's small-cell threshold (see driversFromSums); null or absent: none. */
  minCellCustomers?: number | null;
}

/** One touchpoint in the model; `n` = customers with both its satisfaction and the outcome. */
export type TouchpointDriver = Omit<PredictorWeight, 'name'> & { touchpointCode: string; touchpointName: string };

export type ExcludedTouchpoint = Omit<ExcludedPredictor, 'name'> & {
  touchpointCode: string;
  touchpointName: string;
  /**
   * Left out because fewer customers than the caller's small-cell threshold have it with the outcome, or
   * (LOW_PAIR_N) it was dropped for a pair of touchpoints answered together by that few: the count is hidden.
   */
  suppressed: boolean;
};

export interface DriversResult {
  outcome: DriverOutcome;
  outcomeDefinition: string;
  /**
   * True when the outcome takes exactly two values among the customers (a two-level overall question such
   * as satisfied / not satisfied mapped to two numbers, or retention): the correlations are then point-
   * biserial and the weights say which touchpoints separate the two groups. Relative weights do not change
   * under a linear rescaling of the outcome, so which two numbers were chosen does not matter.
   */
  binaryOutcome: boolean;
  /** How the outcome reads, e.g. "two levels (0 and 10)" or "0-10 scale (11 values seen)". */
  outcomeScale: string;
  predictorDefinition: string;
  drivers: TouchpointDriver[];
  excluded: ExcludedTouchpoint[];
  /**
   * Variance of the outcome explained by the kept touchpoints (Σ raw weights); null when none is kept.
   * From pairwise-complete correlations, so it describes a customer who meets every kept touchpoint.
   */
  rSquared: number | null;
  /** Customers with the outcome (not censored) and at least one touchpoint answer in the cut. */
  customers: number;
  /** RETENTION_12M: customers left out because their 12 months are not over by observedUntil. */
  censoredCustomers: number;
  observedUntil: string | null;
  minN: number;
  /** Smallest n behind any correlation in the model. */
  minPairN: number | null;
  repaired: boolean;
  confidenceLevel: number;
}

/** Validates the options and the filter; drivers always read touchpoint answers for satisfaction. */
export async function validateDriverInput(db: Queryable, filter: AnalyticsFilter, options: DriversOptions): Promise<void> {
  if (options.outcome !== undefined && !DRIVER_OUTCOMES.includes(options.outcome)) {
    throw new AnalyticsInputError('outcome', `unknown "${String(options.outcome)}"; allowed: ${DRIVER_OUTCOMES.join(', ')}`);
  }
  requireIntegerOption('minN', options.minN, 4, 1_000_000);
  requireConfidenceOption(options.confidenceLevel);
  if (filter.survey === 'RELATIONSHIP') {
    throw new AnalyticsInputError('survey', 'driver analysis reads touchpoint answers for satisfaction and relationship answers for the outcome; leave survey out or use TOUCHPOINT');
  }
  if (options.observedUntil !== undefined) requireLocalDate('observedUntil', options.observedUntil);
  await validateFilter(db, filter);
}

/**
 * Driver analysis: which touchpoints' satisfaction goes with the outcome, by Johnson's relative weights.
 *
 * DuckDB builds one value per customer and touchpoint (drivers.predictor in server/i18n/messages.ts) and the customer's outcome,
 * then, in one statement, the pairwise-complete sums (n, Σx, Σy, Σx², Σy², Σxy) of every touchpoint pair
 * and of every touchpoint with the outcome, over the customers that have the outcome. TypeScript turns
 * them into correlations, drops touchpoints that cannot be estimated (driverModel: too few customers,
 * alone or in pairs, listed in `excluded`) and computes the weights. Persona, unit and period narrow
 * both the touchpoint answers and the outcome; journey, phase and touchpoint codes narrow the touchpoints.
 */
export async function getDrivers(db: Queryable, filter: AnalyticsFilter, options: DriversOptions = {}): Promise<DriversResult> {
  await validateDriverInput(db, filter, options);
  const outcome = options.outcome ?? 'LTR';
  const minN = options.minN ?? DEFAULT_MIN_N;
  const confidenceLevel = options.confidenceLevel ?? ANALYTICS_DEFAULTS.confidenceLevel;
  const sumsOptions = { outcome, observedUntil: options.observedUntil, performance: false };
  warmDriverModel(db, filter, sumsOptions, minN, confidenceLevel);
  const sums = await customerTouchpointSums(db, filter, sumsOptions);
  return driversFromSums(await touchpointInfo(db), sums, outcome, minN, confidenceLevel, options.minCellCustomers ?? null);
}

/**
 * After an import, the driver model of this cut is computed again with its sums (relative weights are
 * seconds of JS for a few hundred touchpoints), so the first drivers or priorities request after it
 * finds both remembered.
 */
export function warmDriverModel(db: Queryable, filter: AnalyticsFilter, sumsOptions: SumsOptions, minN: number, confidenceLevel: number): void {
  warmAfterImport(db, `model|${JSON.stringify([filter, sumsOptions, minN, confidenceLevel])}`, async () =>
    driversFromSums(await touchpointInfo(db), await customerTouchpointSums(db, filter, sumsOptions), sumsOptions.outcome, minN, confidenceLevel),
  );
}

/**
 * Driver models per sums object (the sums are remembered per data fingerprint, so a new object means new
 * data) and predictors, minN and level. Relative weights cost O(k^3) in JS on the event loop: about a
 * second per priorities request for the 287 touchpoints of npm run bench's API store (bench/README.md).
 */
const models = new WeakMap<CustomerTouchpointSums, Map<string, ReturnType<typeof driverModel>>>();

/** Drivers from the sums (shared with getPriorities, which asks for the sums with performance). */
export function driversFromSums(
  info: ReadonlyMap<string, TouchpointInfo>,
  sums: CustomerTouchpointSums,
  outcome: DriverOutcome,
  minN: number,
  confidenceLevel: number,
  minCellCustomers: number | null = null,
): DriversResult {
  const { withOutcome, pairs } = sums;
  // Small cells (analytics/privacy/smallCells.ts): a correlation over fewer customers than the caller's
  // threshold is left out like one below minN. Correlations do not add up to a published total, so no
  // second cell needs hiding; every correlation in the model rests on at least that many customers.
  const modelMinN = minCellCustomers === null ? minN : Math.max(minN, minCellCustomers);
  const suppressed = (e: { n: number; reason: string }) => e.reason === 'LOW_N' && minCellCustomers !== null && isSmallCell(e.n, minCellCustomers);
  // Journey order (the scope joins the model, so every code in the sums is in it).
  const predictors = [...info.keys()].filter((code) => withOutcome.has(code));
  let byOptions = models.get(sums);
  if (!byOptions) models.set(sums, (byOptions = new Map()));
  const key = JSON.stringify([predictors, modelMinN, confidenceLevel]);
  let model = byOptions.get(key);
  if (!model) {
    model = driverModel({
      predictors,
      withOutcome,
      pair: (a, b) => pairSumsOf(pairs, a, b),
      minN: modelMinN,
      confidenceLevel,
      label: (code) => touchpointName(info, code),
      smallCell: minCellCustomers === null ? undefined : (n) => isSmallCell(n, minCellCustomers),
    });
    byOptions.set(key, model);
  }
  return {
    outcome,
    outcomeDefinition: say(`drivers.outcome.${outcome}`),
    ...outcomeScaleOf(sums.outcomeLevels),
    predictorDefinition: say('drivers.predictor'),
    drivers: model.weights.map(({ name, ...w }) => ({ touchpointCode: name, touchpointName: touchpointName(info, name), ...w })),
    excluded: model.excluded.map(({ name, smallCellPair, ...e }) => ({
      touchpointCode: name,
      touchpointName: touchpointName(info, name),
      ...e,
      ...(suppressed(e) ? { detail: say('drivers.excluded.hidden', { min: String(minCellCustomers) }), suppressed: true } : { suppressed: smallCellPair === true }),
    })),
    rSquared: model.rSquared,
    customers: sums.customers,
    censoredCustomers: sums.censoredCustomers,
    observedUntil: sums.observedUntil,
    minN,
    minPairN: model.minPairN,
    repaired: model.repaired,
    confidenceLevel,
  };
}

/** Labels a binary outcome (two values) apart from a scale; see DriversResult.binaryOutcome. */
export function outcomeScaleOf(levels: CustomerTouchpointSums['outcomeLevels']): Pick<DriversResult, 'binaryOutcome' | 'outcomeScale'> {
  const { distinct, min, max } = levels;
  if (distinct === 0) return { binaryOutcome: false, outcomeScale: say('drivers.scale.none') };
  if (distinct === 2) return { binaryOutcome: true, outcomeScale: say('drivers.scale.two', { min: String(min), max: String(max) }) };
  return { binaryOutcome: false, outcomeScale: say(distinct === 1 ? 'drivers.scale.one' : 'drivers.scale.many', { min: String(min), max: String(max), n: String(distinct) }) };
}
