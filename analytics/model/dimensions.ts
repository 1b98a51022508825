/**
 * The dimensions the answers are cut by, declared once: each one's key SQL (over the answers `r`, their
 * customer `c` and touchpoint `t`, as analytics/queries/filter.ts' scopeSql joins them), the column it is
 * selected as and the key field it is read into. Queries compose GROUP BY (and GROUPING SETS) from these.
 */

/** Ways to cut the answers; several can be combined (e.g. TOUCHPOINT + PERSONA). */
export type Dimension = 'JOURNEY' | 'PHASE' | 'TOUCHPOINT' | 'PERSONA' | 'UNIT' | 'WEEK' | 'MONTH' | 'QUARTER';

/** The key of a group: the fields of its dimensions (a grouping set's rows have only its set's fields). */
export interface GroupKey {
  journeyId?: string;
  phaseId?: string;
  touchpointCode?: string;
  personaCode?: string;
  unitCode?: string;
  /** Start date of the week/month/quarter bucket. */
  bucket?: string;
}

export type Period = 'week' | 'month' | 'quarter';

/** The first day (YYYY-MM-DD) of the week (Monday), month or quarter a timestamp or date falls in. */
export const periodStartSql = (period: Period, at: string): string => `strftime(date_trunc('${period}', ${at}), '%Y-%m-%d')`;

interface DimensionDef {
  /** The column the key is selected as (the three periods share `bucket`: use one at a time). */
  column: string;
  /** The key's SQL over r (responses), c (customers), t (dim_touchpoints). */
  sql: string;
  field: keyof GroupKey;
  /** True when the dimension needs touchpoint answers (journey, phase, touchpoint). */
  touchpointLevel: boolean;
}

export const DIMENSIONS: Readonly<Record<Dimension, DimensionDef>> = {
  JOURNEY: { column: 'journey_id', sql: 't.journey_id', field: 'journeyId', touchpointLevel: true },
  PHASE: { column: 'phase_id', sql: 't.phase_id', field: 'phaseId', touchpointLevel: true },
  TOUCHPOINT: { column: 'touchpoint_code', sql: 'r.touchpoint_code', field: 'touchpointCode', touchpointLevel: true },
  PERSONA: { column: 'persona_code', sql: 'c.persona_code', field: 'personaCode', touchpointLevel: false },
  UNIT: { column: 'unit_code', sql: 'c.unit_code', field: 'unitCode', touchpointLevel: false },
  WEEK: { column: 'bucket', sql: periodStartSql('week', 'r.responded_at'), field: 'bucket', touchpointLevel: false },
  MONTH: { column: 'bucket', sql: periodStartSql('month', 'r.responded_at'), field: 'bucket', touchpointLevel: false },
  QUARTER: { column: 'bucket', sql: periodStartSql('quarter', 'r.responded_at'), field: 'bucket', touchpointLevel: false },
};

/** Every key column once, with the field it is read into. */
const KEY_COLUMNS = [...new Map(Object.values(DIMENSIONS).map((d) => [d.column, d.field])).entries()];

/** The group key of a row selected with `d.sql AS d.column` (absent or null columns are left out). */
export function groupKeyOf(row: Readonly<Record<string, unknown>>): GroupKey {
  const key: GroupKey = {};
  for (const [column, field] of KEY_COLUMNS) {
    const value = row[column];
    key[field] = typeof value === 'string' ? value : undefined;
  }
  return key;
}

export interface Grouping {
  /** `sql AS column` per dimension, for the SELECT list. */
  select: string[];
  /** `GROUP BY ...` (or GROUPING SETS), '' without dimensions. */
  groupBy: string;
  /** `ORDER BY` the key columns, '' without dimensions. */
  orderBy: string;
  /** True when a dimension needs touchpoint answers. */
  touchpointLevel: boolean;
}

/**
 * The SELECT keys, GROUP BY and ORDER BY of a grouping: one set of dimensions, or several grouping sets
 * in one scan (a row's key then has only its own set's fields). Throws when two dimensions share a
 * column (two periods at once).
 */
export function grouping(by: { dimensions?: readonly Dimension[]; sets?: readonly (readonly Dimension[])[] }): Grouping {
  const dimensions = [...new Set(by.sets ? by.sets.flat() : (by.dimensions ?? []))];
  const defs = dimensions.map((d) => DIMENSIONS[d]);
  if (new Set(defs.map((d) => d.column)).size !== defs.length) throw new RangeError('at most one of WEEK, MONTH and QUARTER');
  const positions = defs.map((_, i) => i + 1).join(', ');
  const groupBy = by.sets
    ? `GROUP BY GROUPING SETS (${by.sets.map((set) => `(${set.map((d) => DIMENSIONS[d].sql).join(', ')})`).join(', ')})`
    : defs.length ? `GROUP BY ${positions}` : '';
  return {
    select: defs.map((d) => `${d.sql} AS ${d.column}`),
    groupBy,
    orderBy: defs.length ? `ORDER BY ${positions}` : '',
    touchpointLevel: defs.some((d) => d.touchpointLevel),
  };
}
