import { computeNps, csatMean, type MeanResult, type NpsResult } from '../../stats/index.js';
import { fixed as fixedOr, rounded, say, whole } from '../../i18n/index.js';
import { DEFAULT_MIN_N } from '../../stats/interval.js';
import { suppressSmallCells } from '../../privacy/smallCells.js';
import type { Queryable } from '../../store.js';
import { customerTouchpointSums, type TouchpointPerformanceSums } from '../drivers/customerTouchpointSums.js';
import { driversFromSums, validateDriverInput, warmDriverModel, type DriverOutcome, type DriversResult } from '../drivers/getDrivers.js';
import { touchpointInfo } from '../drivers/touchpoints.js';
import { AnalyticsInputError } from '../errors.js';
import type { AnalyticsFilter } from '../filter.js';
import { driverWeightFormula, valueAtStakeFormula, type Formula, type ValueAtStakeInputs } from '../../formula.js';
import { GAP_DIVISOR, commonMeasure, measureOf, type PerformanceMeasure } from '../metrics/measure.js';
import {
  PERFORMANCE_SPLITS, median, quadrantOf, quantile, valueAtStake, valueAtStakeWords, type PerformanceSplit, type Quadrant,
} from './quadrants.js';
import { ANALYTICS_DEFAULTS } from '../../model/filter.js';

/** Where a touchpoint's target NPS comes from. */
export type TargetSource = 'TARGET' | 'ARGUMENT' | 'BEST_TOUCHPOINT';

export interface PrioritiesOptions {
  outcome?: DriverOutcome;
  minN?: number;
  confidenceLevel?: number;
  /** Target NPS per touchpoint code (the server passes the Postgres targets with scope TOUCHPOINT and metric NPS). */
  targets?: ReadonlyMap<string, number>;
  /** Target NPS for touchpoints without their own target; default: the best touchpoint NPS in the cut (n >= minN). */
  targetNps?: number;
  performanceSplit?: PerformanceSplit;
  /**
   * Small-cell suppression (analytics/privacy/smallCells.ts): touchpoints reached by fewer customers than
   * this, and their complements, come back suppressed and take no part in the splits, target and ranking;
   * the driver model leaves them out likewise. null or absent: nothing is suppressed.
   */
  minCellCustomers?: number | null;
}

export interface TouchpointPriority {
  touchpointCode: string;
  touchpointName: string;
  phaseId: string | null;
  phaseName: string | null;
  /** Relative-weight share of R² (0-1); null when the driver analysis could not estimate the touchpoint. */
  importance: number | null;
  rawWeight: number | null;
  driverRank: number | null;
  /** Customers behind the importance (with the touchpoint and the outcome). */
  importanceN: number;
  nps: NpsResult;
  csat: MeanResult;
  /** What this touchpoint's own answers measure: NPS with LTR answers, CSAT with satisfaction only. */
  measure: PerformanceMeasure | null;
  /** Its value on the result's performanceMeasure (NPS -100..100 or mean CSAT 1-5); null when not measured so. */
  performance: number | null;
  /** Target on the performanceMeasure; for NPS the same as targetNps. */
  target: number | null;
  /** max(0, target − performance), in points of the performanceMeasure. */
  gap: number | null;
  /** Mean of the emotional factor ratings (1-5) over all factor ratings at the touchpoint; n = ratings. */
  emotions: MeanResult;
  important: boolean | null;
  strong: boolean | null;
  quadrant: Quadrant | null;
  /** Why there is no quadrant, in words (e.g. too few customers with both answers); null when there is one. */
  notEstimatedReason: string | null;
  critical: boolean;
  difficultInModel: boolean;
  difficultMeasured: boolean;
  /** Why it is measured difficult, e.g. "detractor share 0.52 >= 0.47 (upper quartile)". */
  difficultReasons: string[];
  targetNps: number | null;
  targetSource: TargetSource | null;
  /** max(0, target − NPS) in NPS points. */
  gapNps: number | null;
  /** Distinct customers with an answer at the touchpoint in the cut. */
  customersReached: number;
  /** Reached customers with profitability rows in the period (the margin's n). */
  customersWithMargin: number;
  /** Average over those customers of 12 × their mean monthly margin (revenue − cost), currency per customer per year. */
  annualMarginPerCustomer: number | null;
  valueAtStake: number | null;
  /** How valueAtStake and importance were computed, with the very terms used (analytics/formula.ts); empty when neither was. */
  formulas: Formula[];
  /** 1 = most value at stake; null when it cannot be computed. */
  valueRank: number | null;
  /** Reached by too few customers for the caller to see (small-cell suppression): no performance, reach, margin or value. */
  suppressed: boolean;
}

export interface PrioritiesResult {
  drivers: Pick<DriversResult, 'outcome' | 'outcomeDefinition' | 'binaryOutcome' | 'outcomeScale' | 'rSquared' | 'customers' | 'repaired' | 'minN' | 'excluded'>;
  /**
   * The performance axis: NPS when every measured touchpoint has LTR answers, else CSAT (mean 1-5) for all,
   * so one axis never mixes two scales. Null when nothing is measured.
   */
  performanceMeasure: PerformanceMeasure | null;
  /** Median importance share of the touchpoints with an importance: important when share >= it. */
  importanceSplit: number | null;
  performanceSplit: PerformanceSplit;
  /** MEDIAN: the median NPS of the touchpoints with an importance; strong when NPS >= it. TARGET: null (each touchpoint's target). Null when measured by CSAT. */
  performanceSplitNps: number | null;
  /** The split on the performanceMeasure (the median for MEDIAN, null for TARGET). */
  performanceSplitValue: number | null;
  /** Upper quartile of the detractor shares (touchpoints with n >= minN): at or above it counts as many detractors. */
  detractorShareThreshold: number | null;
  /** Emotional factor mean below this (the 1-5 scale's midpoint) counts as negative emotions. */
  emotionThreshold: number;
  defaultTargetNps: number | null;
  defaultTargetSource: TargetSource | null;
  /** The default target on the performanceMeasure (for CSAT: the best touchpoint's mean CSAT with n >= minN). */
  defaultTarget: number | null;
  splitDescription: string;
  valueAtStakeFormula: string;
  /** Ranked by value at stake (highest first), then touchpoints without one by importance. */
  touchpoints: TouchpointPriority[];
}

const EMOTION_THRESHOLD = 3;

/**
 * Touchpoint prioritisation (PRODUCT.md): importance from the driver analysis against performance (NPS,
 * CSAT) in quadrants, difficult touchpoints, and a ranked list by value at stake with every term shown.
 * One statement over the answers (customerTouchpointSums with performance) gives the driver sums, the
 * NPS, CSAT and emotion counts per touchpoint, and the customers reached with their margin.
 */
export async function getPriorities(db: Queryable, filter: AnalyticsFilter, options: PrioritiesOptions = {}): Promise<PrioritiesResult> {
  const performanceSplit = options.performanceSplit ?? 'MEDIAN';
  if (!PERFORMANCE_SPLITS.includes(performanceSplit)) {
    throw new AnalyticsInputError('performanceSplit', `unknown "${String(performanceSplit)}"; allowed: ${PERFORMANCE_SPLITS.join(', ')}`);
  }
  if (options.targetNps !== undefined && !(Number.isFinite(options.targetNps) && options.targetNps >= -100 && options.targetNps <= 100)) {
    throw new AnalyticsInputError('targetNps', `must be an NPS from -100 to 100, got ${options.targetNps}`);
  }
  await validateDriverInput(db, filter, options);
  const outcome = options.outcome ?? 'LTR';
  const minN = options.minN ?? DEFAULT_MIN_N;
  const confidenceLevel = options.confidenceLevel ?? ANALYTICS_DEFAULTS.confidenceLevel;
  warmDriverModel(db, filter, { outcome, performance: true }, minN, confidenceLevel);
  const sums = await customerTouchpointSums(db, filter, { outcome, performance: true });
  const info = await touchpointInfo(db);
  const minCellCustomers = options.minCellCustomers ?? null;
  const drivers = driversFromSums(info, sums, outcome, minN, confidenceLevel, minCellCustomers);
  const driverOf = new Map(drivers.drivers.map((d) => [d.touchpointCode, d]));
  const interval = { minN, confidenceLevel };

  const EMPTY: TouchpointPerformanceSums = {
    answers: 0, ltrAnswers: 0, promoters: 0, detractors: 0, satisfaction: { n: 0, sum: 0, sumSquares: 0 }, emotions: { n: 0, sum: 0, sumSquares: 0 }, customers: 0, customersWithMargin: 0, annualMarginSum: 0,
  };
  const cells = suppressSmallCells(
    [...(sums.performance ?? [])].map(([code, p]) => ({ code, p, suppressed: false })),
    (c) => ({ customers: c.p.customers, key: [c.code] }),
    minCellCustomers,
    (c) => ({ code: c.code, p: EMPTY, suppressed: true }),
  );
  const measured = cells.map(({ code, p, suppressed }) => {
    const nps = computeNps({ promoters: p.promoters, passives: p.ltrAnswers - p.promoters - p.detractors, detractors: p.detractors }, interval);
    const csat = csatMean(p.satisfaction, interval);
    return { code, p, nps, csat, measure: measureOf(p.ltrAnswers, p.satisfaction.n), importance: suppressed ? null : (driverOf.get(code)?.share ?? null), suppressed };
  });
  const measure = commonMeasure(measured.map((m) => m.measure));
  const valueOf = (m: { nps: NpsResult; csat: MeanResult }): number | null => (measure === 'CSAT' ? m.csat.mean : measure === 'NPS' ? m.nps.nps : null);
  const lowOf = (m: { nps: NpsResult; csat: MeanResult }) => (measure === 'CSAT' ? m.csat.lowSample : m.nps.lowSample);
  const rated = measured.filter((m) => !lowOf(m) && valueOf(m) !== null);
  const best = rated.length ? Math.max(...rated.map((m) => valueOf(m)!)) : null;
  // NPS targets (Postgres and the targetNps argument) apply to NPS only; CSAT aims at the best touchpoint.
  const npsTargets = measure === 'NPS';
  const defaultTarget = npsTargets && options.targetNps !== undefined ? options.targetNps : best;
  const defaultTargetSource: TargetSource | null = npsTargets && options.targetNps !== undefined ? 'ARGUMENT' : best === null ? null : 'BEST_TOUCHPOINT';
  const withImportance = measured.filter((m) => valueOf(m) !== null && m.importance !== null);
  const importanceSplit = median(withImportance.map((m) => m.importance!));
  const performanceSplitValue = performanceSplit === 'MEDIAN' ? median(withImportance.map((m) => valueOf(m)!)) : null;
  const ratedNps = measured.filter((m) => !m.nps.lowSample && m.nps.nps !== null);
  const detractorShareThreshold = quantile(ratedNps.map((m) => m.nps.detractorShare!), 0.75);
  const excludedN = new Map(drivers.excluded.map((e) => [e.touchpointCode, e.n]));
  const excludedWhy = new Map(
    drivers.excluded.map((e) => [
      e.touchpointCode,
      e.reason === 'LOW_N'
        ? say('priorities.why.lowN', { n: whole(e.n), min: whole(minN) })
        : say(e.reason === 'NO_VARIANCE' ? 'priorities.why.noVariance' : 'priorities.why.lowPairN', { detail: e.detail }),
    ]),
  );
  /** Why a touchpoint has no quadrant: the first missing ingredient, in the words the page shows. */
  const whyNotEstimated = (code: string, value: number | null, importance: number | null, split: number | null): string | null => {
    if (value === null) return say('priorities.why.noAnswers');
    if (importance === null) return excludedWhy.get(code) ?? say(drivers.outcome === 'LTR' ? 'priorities.why.notInModelLoyalty' : 'priorities.why.notInModelRetention');
    if (importanceSplit === null) return say('priorities.why.noOtherImportance');
    if (split === null) return say(performanceSplit === 'MEDIAN' ? 'priorities.why.noMedian' : 'priorities.why.noTarget');
    return null;
  };

  const touchpoints = measured.map((m): TouchpointPriority => {
    const { code, p, nps, csat, importance, suppressed } = m;
    const model = info.get(code);
    const driver = driverOf.get(code);
    const ownTarget = npsTargets ? options.targets?.get(code) : undefined;
    const target = ownTarget ?? defaultTarget;
    const value = valueOf(m);
    const important = importance !== null && importanceSplit !== null && value !== null ? importance >= importanceSplit : null;
    const split = performanceSplit === 'MEDIAN' ? performanceSplitValue : target;
    const strong = important !== null && value !== null && split !== null ? value >= split : null;
    const emotions = csatMean(p.emotions, interval);
    const difficultReasons: string[] = [];
    if (!nps.lowSample && detractorShareThreshold !== null && nps.detractorShare! >= detractorShareThreshold) {
      difficultReasons.push(say('priorities.difficult.detractors', { share: fixedOr(nps.detractorShare!, 3), threshold: fixedOr(detractorShareThreshold, 3) }));
    }
    if (!emotions.lowSample && emotions.mean !== null && emotions.mean < EMOTION_THRESHOLD) {
      difficultReasons.push(say('priorities.difficult.emotions', { mean: fixedOr(emotions.mean, 2), threshold: rounded(EMOTION_THRESHOLD, 2) }));
    }
    const gap = value !== null && target !== null ? Math.max(0, target - value) : null;
    const annualMarginPerCustomer = p.customersWithMargin > 0 ? p.annualMarginSum / p.customersWithMargin : null;
    const stakeInputs: ValueAtStakeInputs | null =
      importance !== null && gap !== null && annualMarginPerCustomer !== null && measure !== null
        ? { importance, gap, gapUnit: measure === 'CSAT' ? 'CSAT_POINTS' : 'NPS_POINTS', gapDivisor: GAP_DIVISOR[measure], customersReached: p.customers, annualMarginPerCustomer }
        : null;
    const stake = stakeInputs ? valueAtStake(stakeInputs) : null;
    const formulas: Formula[] = [
      ...(stakeInputs && stake !== null ? [valueAtStakeFormula(stake, stakeInputs)] : []),
      ...(importance !== null && driver && drivers.rSquared !== null ? [driverWeightFormula(importance, driver.rawWeight, drivers.rSquared)] : []),
    ];
    return {
      touchpointCode: code,
      touchpointName: model?.name ?? code,
      phaseId: model?.phaseId ?? null,
      phaseName: model?.phaseName ?? null,
      importance,
      rawWeight: driver?.rawWeight ?? null,
      driverRank: driver?.rank ?? null,
      importanceN: driver?.n ?? excludedN.get(code) ?? 0,
      nps,
      csat,
      measure: m.measure,
      performance: value,
      target,
      gap,
      emotions,
      important,
      strong,
      quadrant: important !== null && strong !== null ? quadrantOf(important, strong) : null,
      notEstimatedReason: suppressed
        ? say('priorities.why.hidden', { min: String(minCellCustomers) })
        : important !== null && strong !== null ? null : whyNotEstimated(code, value, importance, split),
      critical: model?.critical ?? false,
      difficultInModel: model?.difficult ?? false,
      difficultMeasured: difficultReasons.length > 0,
      difficultReasons,
      targetNps: npsTargets ? target : null,
      targetSource: target === null ? null : ownTarget !== undefined ? 'TARGET' : defaultTargetSource,
      gapNps: npsTargets ? gap : null,
      customersReached: p.customers,
      customersWithMargin: p.customersWithMargin,
      annualMarginPerCustomer,
      valueAtStake: stake,
      formulas,
      valueRank: null,
      suppressed,
    };
  });
  touchpoints.sort(
    (a, b) =>
      (b.valueAtStake ?? -Infinity) - (a.valueAtStake ?? -Infinity) ||
      (b.importance ?? -1) - (a.importance ?? -1) ||
      a.touchpointCode.localeCompare(b.touchpointCode),
  );
  let rank = 0;
  for (const t of touchpoints) if (t.valueAtStake !== null) t.valueRank = ++rank;

  const fixed = (x: number | null, digits: number) => (x === null ? say('priorities.split.notAvailable') : fixedOr(x, digits));
  const name = say(measure === 'CSAT' ? 'priorities.split.csat' : 'priorities.split.nps');
  const digits = measure === 'CSAT' ? 2 : 1;
  const targetWords =
    defaultTarget === null
      ? say('priorities.split.none')
      : say('priorities.split.defaultTarget', {
          value: fixedOr(defaultTarget, digits),
          source: defaultTargetSource === 'ARGUMENT' ? say('priorities.split.argument') : say('priorities.split.best', { name, n: String(minN) }),
        });
  const splitDescription = [
    measure === 'CSAT' ? say('priorities.split.csatPerformance') : '',
    say('priorities.split.important', { split: fixed(importanceSplit, 4), n: String(withImportance.length) }),
    performanceSplit === 'MEDIAN' ? say('priorities.split.strongMedian', { name, split: fixed(performanceSplitValue, digits) }) : say('priorities.split.strongTarget', { name }),
    say('priorities.split.target', { name, own: npsTargets ? say('priorities.split.own') : '', target: targetWords }),
    say('priorities.split.difficult', { threshold: fixed(detractorShareThreshold, 3), emotion: rounded(EMOTION_THRESHOLD, 2) }),
  ].filter(Boolean).join(' ');

  const { rSquared, customers, repaired, excluded } = drivers;
  return {
    drivers: { outcome, outcomeDefinition: drivers.outcomeDefinition, binaryOutcome: drivers.binaryOutcome, outcomeScale: drivers.outcomeScale, rSquared, customers, repaired, minN, excluded },
    performanceMeasure: measure,
    importanceSplit,
    performanceSplit,
    performanceSplitNps: npsTargets ? performanceSplitValue : null,
    performanceSplitValue,
    detractorShareThreshold,
    emotionThreshold: EMOTION_THRESHOLD,
    defaultTargetNps: npsTargets ? defaultTarget : null,
    defaultTargetSource,
    defaultTarget,
    splitDescription,
    valueAtStakeFormula: valueAtStakeWords(),
    touchpoints,
  };
}
