/**
 * The measures of the answers, declared once: what every analytics query counts and sums per group
 * (NPS groups, answers, distinct customers, top-2-box, rating sums). A query composes its SELECT list
 * from these and reads the columns back with the readers below; the maths on the counts lives in
 * analytics/stats. tests/unit/model.test.ts fails if counting SQL is typed out anywhere else in analytics/.
 */
import { NPS_GROUP_LIMITS, TOP_TWO_BOX_FROM, type MeanSums, type NpsCounts } from '../stats/index.js';

/** Where a measure reads its answers. */
export interface Over {
  /** Alias of the answer rows (responses, or a CTE of them) in the FROM clause; '' for unqualified columns. Default 'r'. */
  answers?: string;
  /** Only the answers for which this SQL condition holds (a time window, a theme mention). */
  where?: string;
  /** Prefix of the output column names, e.g. 'r_' for a recent window. */
  prefix?: string;
}

/** The four emotional factors every touchpoint answer may rate 1-5 (columns of responses). */
export const EMOTIONAL_FACTORS = ['professional', 'sympathetic', 'trustworthy', 'atmosphere'] as const;
export type EmotionalFactor = (typeof EMOTIONAL_FACTORS)[number];

export type NpsGroup = 'promoters' | 'passives' | 'detractors';
export const NPS_GROUPS: readonly NpsGroup[] = ['promoters', 'passives', 'detractors'];
const { promoterFrom, passiveFrom } = NPS_GROUP_LIMITS;

/** The NPS groups of a 0-10 likelihood-to-recommend answer as SQL conditions on an ltr expression. */
export const NPS_GROUP_SQL: Readonly<Record<NpsGroup, (ltr: string) => string>> = {
  promoters: (ltr) => `${ltr} >= ${promoterFrom}`,
  passives: (ltr) => `${ltr} BETWEEN ${passiveFrom} AND ${promoterFrom - 1}`,
  detractors: (ltr) => `${ltr} <= ${passiveFrom - 1}`,
};

/** An answer's NPS group as text, 'PROMOTER', 'PASSIVE' or 'DETRACTOR' (NULL without an ltr answer). */
export const npsGroupSql = (ltr: string): string =>
  `CASE WHEN ${NPS_GROUP_SQL.promoters(ltr)} THEN 'PROMOTER' WHEN ${NPS_GROUP_SQL.passives(ltr)} THEN 'PASSIVE' WHEN ${NPS_GROUP_SQL.detractors(ltr)} THEN 'DETRACTOR' END`;

/** A 1-5 satisfaction answer's group: 5 very satisfied, the rest of the top-2 box satisfied, below it dissatisfied (NULL without one). */
export const csatGroupSql = (satisfaction: string): string =>
  `CASE WHEN ${satisfaction} = 5 THEN 'VERY_SATISFIED' WHEN ${satisfaction} >= ${TOP_TWO_BOX_FROM} THEN 'SATISFIED' WHEN ${satisfaction} < ${TOP_TWO_BOX_FROM} THEN 'DISSATISFIED' END`;

const column = (over: Over, name: string) => (over.answers === '' ? name : `${over.answers ?? 'r'}.${name}`);
const filtered = (over: Over, condition?: string) => {
  const parts = [over.where, condition].filter((p): p is string => Boolean(p));
  return parts.length ? ` FILTER (WHERE ${parts.join(' AND ')})` : '';
};
const named = (over: Over, name: string) => `${over.prefix ?? ''}${name}`;

/** Sufficient statistics (count, Σx, Σx²) of a rating or amount: `<alias>_n`, `<alias>_sum`, `<alias>_sq`. */
function sums(over: Over, rating: string, alias: string): string[] {
  const x = column(over, rating);
  const f = filtered(over);
  return [
    `count(${x})${f}::INTEGER AS ${named(over, `${alias}_n`)}`,
    `coalesce(sum(${x})${f}, 0)::DOUBLE AS ${named(over, `${alias}_sum`)}`,
    `coalesce(sum(${x} * ${x})${f}, 0)::DOUBLE AS ${named(over, `${alias}_sq`)}`,
  ];
}

interface Measure {
  /** What the measure is, in words. */
  description: string;
  /** Its SELECT columns (aggregates), named as the readers below read them. */
  columns: (over: Over) => string[];
  /**
   * The same columns as sums over the daily rollup (analytics/rollups.ts, alias r), for measures that add
   * up over days, personas and units; absent (distinct customers) means the measure reads the facts.
   */
  rollup?: () => string[];
}

/** A rollup column summed again, under its own name. */
const total = (column: string, type: 'INTEGER' | 'DOUBLE' = 'INTEGER') => `coalesce(sum(r.${column}), 0)::${type} AS ${column}`;
const rolledSums = (alias: string) => [total(`${alias}_n`), total(`${alias}_sum`, 'DOUBLE'), total(`${alias}_sq`, 'DOUBLE')];

/** Every measure a query can select; `measureColumns` composes a SELECT list from their names. */
export const MEASURES = {
  answers: { description: 'Answers in the cut (column n).', columns: (o) => [`count(*)${filtered(o)}::INTEGER AS ${named(o, 'n')}`], rollup: () => [total('n')] },
  nps: {
    description: 'Promoters (9-10), passives (7-8) and detractors (0-6) among the likelihood-to-recommend answers.',
    columns: (o) => NPS_GROUPS.map((g) => `count(*)${filtered(o, NPS_GROUP_SQL[g](column(o, 'ltr')))}::INTEGER AS ${named(o, g)}`),
    rollup: () => NPS_GROUPS.map((g) => total(g)),
  },
  customers: {
    description: 'Distinct customers behind the answers (what small-cell suppression counts).',
    columns: (o) => [`count(DISTINCT ${column(o, 'customer_id')})${filtered(o)}::INTEGER AS ${named(o, 'customers')}`],
  },
  csatTopTwoBox: {
    description: 'Satisfaction answers of 4 or 5 (column top2; its n is csat_n).',
    columns: (o) => [`count(*)${filtered(o, `${column(o, 'satisfaction')} >= ${TOP_TWO_BOX_FROM}`)}::INTEGER AS ${named(o, 'top2')}`],
    rollup: () => [total('top2')],
  },
  csat: {
    description: 'Count, sum and sum of squares of satisfaction (1-5): mean CSAT with its interval.',
    columns: (o) => sums(o, 'satisfaction', 'csat'),
    rollup: () => rolledSums('csat'),
  },
  effort: { description: 'Count, sum and sum of squares of customer effort (1-7).', columns: (o) => sums(o, 'effort', 'effort'), rollup: () => rolledSums('effort') },
  emotions: {
    description: 'Count, sum and sum of squares of each emotional factor (1-5), columns named by the factor.',
    columns: (o) => EMOTIONAL_FACTORS.flatMap((f) => sums(o, f, f)),
    rollup: () => EMOTIONAL_FACTORS.flatMap(rolledSums),
  },
} as const satisfies Record<string, Measure>;
export type MeasureName = keyof typeof MEASURES;

/** The SELECT columns of the named measures, in the order given. */
export function measureColumns(names: readonly MeasureName[], over: Over = {}): string[] {
  return names.flatMap((name) => MEASURES[name].columns(over));
}

/** The named measures as sums of the daily rollup, or null when one of them needs the facts (distinct customers). */
export function rollupColumns(names: readonly MeasureName[]): string[] | null {
  const measures: readonly Measure[] = names.map((name) => MEASURES[name]);
  return measures.every((m) => m.rollup) ? measures.flatMap((m) => m.rollup?.() ?? []) : null;
}

/** Count, Σx and Σx² of any expression (an amount, a KPI value) as one STRUCT {n, sum, sq}, nulls skipped. */
export const sumsStructSql = (expression: string): string =>
  `{'n': count(${expression})::INTEGER, 'sum': coalesce(sum(${expression}), 0)::DOUBLE, 'sq': coalesce(sum((${expression}) * (${expression})), 0)::DOUBLE}`;

type Row = Readonly<Record<string, unknown>>;
const num = (value: unknown): number => Number(value ?? 0);

/** A count column of a row (0 when absent: a suppressed or empty group). */
export const countOf = (row: Row, name: string, prefix = ''): number => num(row[`${prefix}${name}`]);

/** The NPS counts of a row selected with MEASURES.nps. */
export const npsCountsOf = (row: Row, prefix = ''): NpsCounts => ({
  promoters: countOf(row, 'promoters', prefix),
  passives: countOf(row, 'passives', prefix),
  detractors: countOf(row, 'detractors', prefix),
});

/** The sums of a rating selected with MEASURES.csat / effort / emotions (alias 'csat', 'effort' or the factor). */
export const meanSumsOf = (row: Row, alias: string, prefix = ''): MeanSums => ({
  n: countOf(row, `${alias}_n`, prefix),
  sum: countOf(row, `${alias}_sum`, prefix),
  sumSquares: countOf(row, `${alias}_sq`, prefix),
});
