/**
 * Filters for the customer-level analyses (loyalty, churn, units, status): they cut customers by persona
 * and unit, so the touchpoint fields of AnalyticsFilter do not apply and are refused by name.
 */
import { listValue } from '@duckdb/node-api';
import type { SqlParams } from '../../store.js';
import { AnalyticsInputError } from '../errors.js';
import type { AnalyticsFilter, SurveyKind } from '../filter.js';

type FilterField = keyof AnalyticsFilter;

/**
 * Refuses every filter field outside `allowed` (an empty list counts as absent), naming the field, why,
 * and what can be used. `survey` may be given when it equals the survey the analysis reads.
 */
export function allowOnly(filter: AnalyticsFilter, allowed: readonly FilterField[], why: string, survey?: SurveyKind): void {
  for (const [field, value] of Object.entries(filter)) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    if (field === 'survey' && value === survey) continue;
    if (!allowed.some((a) => a === field)) throw new AnalyticsInputError(field, `${why}; this analysis takes only ${allowed.join(', ')}`);
  }
}

/** Conditions on the customers table (alias `c`) for the filter's personas and units, with bound parameters. */
export function customerConditions(filter: AnalyticsFilter, params: SqlParams = {}): { conditions: string[]; params: SqlParams } {
  const conditions: string[] = [];
  if (filter.personaCodes?.length) {
    params.personas = listValue(filter.personaCodes);
    conditions.push('list_contains($personas, c.persona_code)');
  }
  if (filter.unitCodes?.length) {
    params.units = listValue(filter.unitCodes);
    conditions.push('list_contains($units, c.unit_code)');
  }
  return { conditions, params };
}

/** `WHERE a AND b` or `WHERE TRUE`. */
export const whereSql = (conditions: readonly string[]): string => `WHERE ${conditions.length ? conditions.join(' AND ') : 'TRUE'}`;
