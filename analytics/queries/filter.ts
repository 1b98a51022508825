import { listValue } from '@duckdb/node-api';
import type { Queryable, SqlParams } from '../store.js';
import { AnalyticsInputError } from './errors.js';
import { filterProblems, type AnalyticsFilter, type SurveyKind } from '../model/filter.js';

/** The filter and survey kind are declared with their schema in analytics/model/filter.ts. */
export type { AnalyticsFilter, SurveyKind };

export interface ScopeSql {
  /** `FROM responses r JOIN customers c ... LEFT JOIN dim_touchpoints t ... LEFT JOIN dim_phases p ...` */
  from: string;
  /** `WHERE ...` (always present). */
  where: string;
  params: SqlParams;
  survey: SurveyKind;
}

/**
 * Checks the filter against its schema (analytics/model/filter.ts: days that exist, from not after to,
 * code lists) and that every code and id in it exists, naming the unknown ones and the allowed values.
 */
export async function validateFilter(db: Queryable, filter: AnalyticsFilter): Promise<void> {
  const [problem] = filterProblems(filter);
  if (problem) throw new AnalyticsInputError(problem.field, problem.problem);
  const checks: [keyof AnalyticsFilter, readonly string[] | undefined, string][] = [
    ['personaCodes', filter.personaCodes, 'SELECT code AS value FROM dim_personas ORDER BY code'],
    ['unitCodes', filter.unitCodes, 'SELECT unit_code AS value FROM dim_units ORDER BY unit_code'],
    ['touchpointCodes', filter.touchpointCodes, 'SELECT code AS value FROM dim_touchpoints WHERE code IS NOT NULL ORDER BY code'],
  ];
  for (const [field, values, sql] of checks) {
    if (!values?.length) continue;
    const allowed = (await db.all<{ value: string }>(sql)).map((r) => r.value);
    const unknown = values.filter((v) => !allowed.includes(v));
    if (unknown.length) {
      const shown = allowed.length > 30 ? `${allowed.slice(0, 30).join(', ')}, ... (${allowed.length} in all)` : allowed.join(', ');
      throw new AnalyticsInputError(field, `unknown ${unknown.map((u) => `"${u}"`).join(', ')}; allowed: ${shown || 'none (no data loaded)'}`);
    }
  }
  for (const [field, id, table, column] of [
    ['journeyId', filter.journeyId, 'dim_journeys', 'journey_id'],
    ['phaseId', filter.phaseId, 'dim_phases', 'phase_id'],
  ] as const) {
    if (id === undefined) continue;
    const [found] = await db.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table} WHERE ${column} = $id`, { id });
    if (!found?.n) throw new AnalyticsInputError(field, `no ${field === 'journeyId' ? 'journey' : 'phase'} with id "${id}"`);
  }
}

/**
 * The FROM/WHERE for a cut of the responses, with bound parameters. `touchpointLevel` says whether the
 * caller groups by journey/phase/touchpoint (which implies touchpoint answers).
 */
export function scopeSql(filter: AnalyticsFilter, touchpointLevel = false): ScopeSql {
  const survey: SurveyKind = filter.survey ?? (namesTouchpoints(filter) || touchpointLevel ? 'TOUCHPOINT' : 'RELATIONSHIP');
  if (survey === 'RELATIONSHIP' && namesTouchpoints(filter)) {
    throw new AnalyticsInputError('survey', 'RELATIONSHIP answers are about the company as a whole; drop journeyId, phaseId and touchpointCodes, or use TOUCHPOINT');
  }
  if (survey === 'RELATIONSHIP' && touchpointLevel) {
    // Found by tests/reliability/fuzz.graphql.test.ts: this reached DuckDB as a binder error (INTERNAL_SERVER_ERROR).
    throw new AnalyticsInputError('survey', 'RELATIONSHIP answers have no journey, phase or touchpoint to group by (or to read on a touchpoint); use TOUCHPOINT');
  }
  return { ...buildScope(filter, survey), survey };
}

/**
 * Like scopeSql, but without a survey kind the cut holds both kinds of answers (for reading individual
 * answers, not for computing a metric).
 */
export function answersScopeSql(filter: AnalyticsFilter): Omit<ScopeSql, 'survey'> {
  return filter.survey || namesTouchpoints(filter) ? scopeSql(filter) : buildScope(filter, null);
}

const namesTouchpoints = (filter: AnalyticsFilter) => Boolean(filter.journeyId || filter.phaseId || filter.touchpointCodes?.length);

function buildScope(filter: AnalyticsFilter, survey: SurveyKind | null): Omit<ScopeSql, 'survey'> {
  const params: SqlParams = {};
  const where: string[] = [];
  if (survey) where.push(survey === 'TOUCHPOINT' ? 'r.touchpoint_code IS NOT NULL' : 'r.touchpoint_code IS NULL');
  if (filter.personaCodes?.length) {
    params.personas = listValue(filter.personaCodes);
    where.push('list_contains($personas, c.persona_code)');
  }
  if (filter.unitCodes?.length) {
    params.units = listValue(filter.unitCodes);
    where.push('list_contains($units, c.unit_code)');
  }
  if (filter.touchpointCodes?.length) {
    params.touchpoints = listValue(filter.touchpointCodes);
    where.push('list_contains($touchpoints, r.touchpoint_code)');
  }
  if (filter.journeyId) {
    params.journey = filter.journeyId;
    where.push('t.journey_id = $journey');
  }
  if (filter.phaseId) {
    params.phase = filter.phaseId;
    where.push('t.phase_id = $phase');
  }
  if (filter.from) {
    params.from = filter.from;
    where.push('r.responded_at >= $from::DATE');
  }
  if (filter.to) {
    params.to = filter.to;
    where.push('r.responded_at < $to::DATE + INTERVAL 1 DAY');
  }
  const touchpoints =
    survey === 'TOUCHPOINT'
      ? ' JOIN dim_touchpoints t ON t.code = r.touchpoint_code JOIN dim_phases p ON p.phase_id = t.phase_id'
      : survey === null
        ? ' LEFT JOIN dim_touchpoints t ON t.code = r.touchpoint_code'
        : '';
  return {
    from: `FROM responses r JOIN customers c ON c.customer_id = r.customer_id${touchpoints}`,
    where: `WHERE ${where.length ? where.join(' AND ') : 'TRUE'}`,
    params,
  };
}
