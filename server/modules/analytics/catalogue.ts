/**
 * The analytics catalogue: every figure the API serves, in one list. Read it to find where a number
 * comes from: the GraphQL field to ask, the cuts it takes, the service method in this folder that
 * answers it, the named query that holds its SQL and the pure maths in analytics/stats.
 *
 * Three files from a badge to the SQL, once an entry below has given the field's service method:
 * 1. the service, `<topic>/<topic>.service.ts` (the request: filter checked once, per-request memo, cache);
 * 2. the query, `analytics/queries/<topic>/<getThing>.ts` (the statement: cut, GROUP BY, the measures it selects);
 * 3. the model, `analytics/model/measures.ts` (what each measure counts, in SQL, once; the entry's `measures`).
 * The resolver beside the service is a one-line hand-off; the maths on the counts is in analytics/stats.
 *
 * Example, "NPS with interval by touchpoint × persona": the entry named 'NPS' below, asked as
 * `metrics(filter: { survey: TOUCHPOINT }, groupBy: [TOUCHPOINT, PERSONA]) { key { touchpointCode personaCode } nps { nps ciLow ciHigh n } }`
 * (MetricsService.metrics → getMetrics → MEASURES.nps; computeNps).
 *
 * tests/unit/catalogue.test.ts checks every entry against the schema, the services and the query files.
 */
import { DIMENSIONS, type Dimension } from '../../../analytics/model/dimensions.js';
import { ANALYTICS_DEFAULTS, AnalyticsFilterSchema, type AnalyticsFilter } from '../../../analytics/model/filter.js';
import type { MeasureName } from '../../../analytics/model/measures.js';
import { DEFAULT_NPS_INTERVAL } from '../../../analytics/stats/nps.js';
import type { AnalyticsService } from './analytics.service.js';

const isFilterField = (key: string): key is keyof AnalyticsFilter => key in AnalyticsFilterSchema.shape;
/** The filter every cut-taking figure accepts (AnalyticsFilterInput; its schema is analytics/model/filter.ts): each field narrows the answers used. */
export const FILTER_CUTS: readonly (keyof AnalyticsFilter)[] = Object.keys(AnalyticsFilterSchema.shape).filter(isFilterField);
/** The groupings of `metrics(groupBy)`, combinable (e.g. TOUCHPOINT and PERSONA): the dimensions of analytics/model/dimensions.ts. */
export const METRICS_GROUPINGS: readonly Dimension[] = Object.keys(DIMENSIONS).filter((d): d is Dimension => d in DIMENSIONS);

/**
 * Defaults every figure uses unless its arguments say otherwise (analytics/model/filter.ts ANALYTICS_DEFAULTS:
 * the confidence level; below minN answers a figure is flagged lowSample, and drivers and persona gaps
 * leave it out; groups of fewer customers than minCellCustomers are hidden from roles without access to
 * single customers, unless MIN_CELL_CUSTOMERS says otherwise) and the NPS interval (analytics/stats/nps.ts).
 */
export const DEFAULTS = { ...ANALYTICS_DEFAULTS, npsInterval: DEFAULT_NPS_INTERVAL } as const;

type Topic = keyof AnalyticsService;

export interface CatalogueEntry {
  name: string;
  description: string;
  unit: string;
  /** The GraphQL field: `Query.x` or `Type.x`. */
  field: string;
  /** How to ask for it, with its cuts. */
  example: string;
  /** The service answering it: analyticsService(ctx)[topic][method] (server/modules/analytics/<topic>/). */
  service: { topic: Topic; method: string };
  /** The named query holding the SQL, and the function it exports. */
  query: { file: string; fn: string };
  /** The measures it counts (analytics/model/measures.ts MEASURES): the SQL behind the number. */
  measures: readonly MeasureName[];
  /** The pure maths it uses (analytics/stats). */
  stats: readonly string[];
  /** Filter fields it honours and groupings it offers. */
  cuts: readonly string[];
}

const METRICS_QUERY = { file: 'analytics/queries/metrics/getMetrics.ts', fn: 'getMetrics' };
const ALL_CUTS = [...FILTER_CUTS, ...METRICS_GROUPINGS.map((g) => `groupBy ${g}`)];

export const CATALOGUE: readonly CatalogueEntry[] = [
  {
    name: 'NPS',
    description: 'Net Promoter Score: % promoters (9-10) minus % detractors (0-6) of likelihood-to-recommend answers, with its interval and n.',
    unit: 'NPS points (-100..100)',
    field: 'Query.metrics',
    example: 'metrics(filter: { survey: TOUCHPOINT }, groupBy: [TOUCHPOINT, PERSONA]) { key { touchpointCode personaCode } nps { nps ciLow ciHigh n lowSample } }',
    service: { topic: 'metrics', method: 'metrics' },
    query: METRICS_QUERY,
    measures: ['answers', 'nps'],
    stats: ['analytics/stats/nps.ts computeNps'],
    cuts: ALL_CUTS,
  },
  {
    name: 'CSAT',
    description: 'Mean satisfaction (1-5) with its interval, and the top-2-box share (4 or 5); the measure of touchpoints asked satisfaction but not likelihood to recommend.',
    unit: 'points on 1-5; share 0..1',
    field: 'Query.metrics',
    example: 'metrics(groupBy: [TOUCHPOINT]) { measure csat { mean ciLow ciHigh n } csatTopTwoBox { share ciLow ciHigh } }',
    service: { topic: 'metrics', method: 'metrics' },
    query: METRICS_QUERY,
    measures: ['csat', 'csatTopTwoBox'],
    stats: ['analytics/stats/csat.ts csatMean, topTwoBox'],
    cuts: ALL_CUTS,
  },
  {
    name: 'Emotional factors and effort',
    description: 'Mean rating of professional, sympathetic, trustworthy and atmosphere (1-5) and customer effort (1-7), each with its interval.',
    unit: 'points on 1-5 (effort 1-7)',
    field: 'Query.metrics',
    example: 'metrics(groupBy: [TOUCHPOINT]) { emotions { factor result { mean ciLow ciHigh n } } effort { mean n } }',
    service: { topic: 'metrics', method: 'metrics' },
    query: METRICS_QUERY,
    measures: ['emotions', 'effort'],
    stats: ['analytics/stats/csat.ts csatMean'],
    cuts: ALL_CUTS,
  },
  {
    name: 'Customers',
    description: 'Distinct customers behind the answers of a cut.',
    unit: 'customers',
    field: 'Query.metrics',
    example: 'metrics(groupBy: [PERSONA]) { key { personaCode } customers }',
    service: { topic: 'metrics', method: 'metrics' },
    query: METRICS_QUERY,
    measures: ['customers'],
    stats: [],
    cuts: ALL_CUTS,
  },
  {
    name: 'Map figures (touchpoint, phase, journey)',
    description:
      "The journey map's numbers: each touchpoint's NPS or CSAT, each phase's and journey's answers pooled; a to-be touchpoint without a survey code counts through the as-is touchpoint it is based on (asIs).",
    unit: 'NPS points or CSAT points',
    field: 'Journey.mapMetrics',
    example: 'journey(id: "…") { mapMetrics(filter: { personaCodes: ["A"] }) { asIs metrics { nps { nps ciLow ciHigh n } } } phases { mapMetrics { asIs } touchpoints { metrics { nps { nps } } } } }',
    service: { topic: 'metrics', method: 'mapMetrics' },
    query: { file: 'analytics/queries/metrics/getMapMetrics.ts', fn: 'getMapMetrics' },
    measures: ['nps', 'csat'],
    stats: ['analytics/stats/nps.ts computeNps', 'analytics/stats/csat.ts csatMean'],
    cuts: ['personaCodes', 'unitCodes', 'from', 'to'],
  },
  {
    name: 'Two cuts compared',
    description: 'Two cuts side by side with the difference of their NPS (z test) and mean CSAT (Welch), p-values and significance.',
    unit: 'NPS points; CSAT points',
    field: 'Query.compareMetrics',
    example: 'compareMetrics(a: { personaCodes: ["A"] }, b: { personaCodes: ["B"] }) { nps { difference pValue significant } csat { difference } }',
    service: { topic: 'metrics', method: 'compare' },
    query: METRICS_QUERY,
    measures: ['nps', 'csat'],
    stats: ['analytics/stats/nps.ts compareNps', 'analytics/stats/csat.ts welchTest'],
    cuts: [...FILTER_CUTS],
  },
  {
    name: 'Persona gaps',
    description:
      "Per phase and touchpoint, the pair of personas whose NPS difference is surest to exceed zero, with the difference's interval and false-discovery-rate (Benjamini-Hochberg) significance, ranked by the interval's lower bound.",
    unit: 'NPS points',
    field: 'Query.personaGaps',
    example: 'personaGaps(minN: 30) { ranking touchpoints { rank touchpointCode highPersona lowPersona difference differenceLow differenceHigh qValue significant } }',
    service: { topic: 'priorities', method: 'personaGaps' },
    query: { file: 'analytics/queries/priorities/getPersonaGaps.ts', fn: 'getPersonaGaps' },
    measures: ['nps', 'csat'],
    stats: ['analytics/stats/nps.ts npsDifferenceInterval, compareNps', 'analytics/stats/multipleComparisons.ts benjaminiHochberg'],
    cuts: ['unitCodes', 'from', 'to', 'journeyId'],
  },
  {
    name: 'Trend',
    description: 'NPS, CSAT, promoter share, churn or retention per week, month or quarter with n and intervals, and the linear trend per month with its interval.',
    unit: 'the metric’s unit per bucket; slope per month',
    field: 'Query.trend',
    example: 'trend(metric: NPS, bucket: MONTH, filter: { personaCodes: ["A"] }) { points { bucket value ciLow ciHigh n } slope { slopePerMonth ciLow ciHigh } }',
    service: { topic: 'trends', method: 'trend' },
    query: { file: 'analytics/queries/trends/getTrend.ts', fn: 'getTrend' },
    measures: ['nps', 'csat'],
    stats: ['analytics/stats/trend.ts', 'analytics/stats/nps.ts computeNps'],
    cuts: [...FILTER_CUTS],
  },
  {
    name: 'Status diagnosis',
    description: 'Churn and NPS level and trend over the last 12 months and the programme they point to (stop churn, revitalise customer focus, differentiate).',
    unit: 'share per year; NPS points',
    field: 'Query.statusDiagnosis',
    example: 'statusDiagnosis(filter: { personaCodes: ["A"] }) { programme reasons churnLevel { share ciLow ciHigh n } npsLevel { nps ciLow ciHigh n } }',
    service: { topic: 'status', method: 'statusDiagnosis' },
    query: { file: 'analytics/queries/status/getStatusDiagnosis.ts', fn: 'getStatusDiagnosis' },
    measures: ['nps'],
    stats: ['analytics/stats/trend.ts', 'analytics/stats/nps.ts computeNps'],
    cuts: ['personaCodes', 'unitCodes'],
  },
  {
    name: 'Driver importance',
    description: "Which touchpoints' satisfaction goes with the outcome (likelihood to recommend, or churn): Pearson correlations and Johnson's relative weights (share of R²).",
    unit: 'share of R² (0..1); correlation',
    field: 'Query.drivers',
    example: 'drivers(outcome: LTR) { rSquared drivers { touchpointCode share correlation correlationLow correlationHigh n } excluded { touchpointCode reason } }',
    service: { topic: 'drivers', method: 'drivers' },
    query: { file: 'analytics/queries/drivers/getDrivers.ts', fn: 'getDrivers' },
    measures: [],
    stats: ['analytics/stats/relativeWeights.ts', 'analytics/stats/correlation.ts'],
    cuts: ['personaCodes', 'unitCodes', 'journeyId', 'phaseId', 'touchpointCodes', 'from', 'to'],
  },
  {
    name: 'Emotional drivers',
    description: 'Per touchpoint, the levels of the four emotional factors and their relative weights on touchpoint satisfaction.',
    unit: 'points on 1-5; share of R²',
    field: 'Query.emotionalDrivers',
    example: 'emotionalDrivers(touchpointCode: "TP_X") { touchpoints { touchpointCode factors { factor level { mean } share } } }',
    service: { topic: 'drivers', method: 'emotionalDrivers' },
    query: { file: 'analytics/queries/emotions/getEmotionalDrivers.ts', fn: 'getEmotionalDrivers' },
    measures: ['emotions', 'csat', 'customers'],
    stats: ['analytics/stats/relativeWeights.ts', 'analytics/stats/csat.ts csatMean'],
    cuts: [...FILTER_CUTS],
  },
  {
    name: 'Priorities',
    description:
      "Importance (driver weight) against performance (touchpoint NPS with interval, or CSAT): quadrants, value at stake = importance × NPS gap to target / 100 × customers reached × annual margin, each touchpoint's active alert, and why a touchpoint is not estimated.",
    unit: 'money per year (value at stake); NPS points',
    field: 'Query.priorities',
    example: 'priorities { touchpoints { touchpointCode quadrant valueAtStake valueRank notEstimatedReason activeAlert { id } } notEstimated { touchpointCode reason } }',
    service: { topic: 'priorities', method: 'priorities' },
    query: { file: 'analytics/queries/priorities/getPriorities.ts', fn: 'getPriorities' },
    measures: ['nps', 'csat'],
    stats: ['analytics/stats/relativeWeights.ts', 'analytics/stats/nps.ts computeNps'],
    cuts: ['personaCodes', 'unitCodes', 'from', 'to'],
  },
  {
    name: 'Loyalty by satisfaction',
    description: 'Churn, margin, customer lifetime value and acquisition cost of promoters, passives and detractors (and of very satisfied, satisfied and dissatisfied customers).',
    unit: 'share per year; money',
    field: 'Query.loyaltyBySatisfaction',
    example: 'loyaltyBySatisfaction(horizonYears: 3) { byNps { group churn { share } lifetimeValue { __typename } } }',
    service: { topic: 'loyalty', method: 'loyaltyBySatisfaction' },
    query: { file: 'analytics/queries/loyalty/getLoyaltyBySatisfaction.ts', fn: 'getLoyaltyBySatisfaction' },
    measures: [],
    stats: ['analytics/stats/lifetimeValue.ts'],
    cuts: ['personaCodes', 'unitCodes', 'from', 'to'],
  },
  {
    name: 'Units',
    description: 'Per unit: management quality, employee satisfaction, NPS and margin per customer per year, and their correlations across units.',
    unit: 'points; NPS points; money',
    field: 'Query.units',
    example: 'units { units { unitCode nps { nps n } } correlations { a b r } }',
    service: { topic: 'units', method: 'units' },
    query: { file: 'analytics/queries/units/getUnits.ts', fn: 'getUnits' },
    measures: ['nps'],
    stats: ['analytics/stats/correlation.ts', 'analytics/stats/nps.ts computeNps'],
    cuts: ['personaCodes', 'unitCodes', 'from', 'to'],
  },
  {
    name: 'Emotion curve',
    description: "A journey's measured experience per phase and touchpoint beside the phases' documented emotions.",
    unit: 'NPS points or CSAT points',
    field: 'Query.emotionCurve',
    example: 'emotionCurve(journeyId: "…") { phases { phaseId nps { nps n } csat { mean } documentedEmotion gap } }',
    service: { topic: 'emotionCurve', method: 'emotionCurve' },
    query: { file: 'analytics/queries/emotionCurve/getEmotionCurve.ts', fn: 'getEmotionCurve' },
    measures: ['emotions'],
    stats: ['analytics/stats/nps.ts computeNps'],
    cuts: ['personaCodes', 'unitCodes', 'from', 'to'],
  },
  {
    name: 'Target progress',
    description: "A target's baseline, value now (latest complete bucket), trend since the baseline, its projection to the due date with interval, and the status.",
    unit: "the target metric's unit",
    field: 'Target.progress',
    example: 'targets { progress(bucket: MONTH) { now { value } projection { value ciLow ciHigh } status } }',
    service: { topic: 'targetProgress', method: 'progress' },
    query: { file: 'analytics/queries/trends/getTargetProgress.ts', fn: 'getTargetProgress' },
    measures: ['nps', 'csat'],
    stats: ['analytics/stats/trend.ts'],
    cuts: [],
  },
  {
    name: 'Data coverage',
    description: 'The period the store covers (first and latest answer), answer and customer counts, and the day "last 12 months" ends on.',
    unit: 'days; counts',
    field: 'Query.dataCoverage',
    example: 'dataCoverage { asOf firstAnswerOn latestAnswerOn answers customers }',
    service: { topic: 'dataCoverage', method: 'dataCoverage' },
    query: { file: 'analytics/queries/trends/getDataCoverage.ts', fn: 'getDataCoverage' },
    measures: [],
    stats: [],
    cuts: [],
  },
  {
    name: 'Individual answers',
    description: "Single customers' answers with comments (personal data: analysts and admins only, every read audited).",
    unit: 'answers',
    field: 'Query.responses',
    example: 'responses(filter: { touchpointCodes: ["TP_X"] }, maxLtr: 6, first: 50) { total items { customerId ltr comment } }',
    service: { topic: 'responses', method: 'responses' },
    query: { file: 'analytics/queries/responses/listResponses.ts', fn: 'listResponses' },
    measures: [],
    stats: [],
    cuts: [...FILTER_CUTS],
  },
];
