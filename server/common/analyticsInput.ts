/**
 * GraphQL inputs checked by the one analytics schema (analytics/model/filter.ts): the filter every
 * analytics figure takes and the options (horizon, discount rate, ...). A refusal throws InputRefused,
 * answered as class-validator's are (BAD_USER_INPUT, VALIDATION_FAILED, each field with its problem and
 * rule), the field named by its path in the input (`filter.from`, `scenario.horizonYears`).
 */
import { checkFilter, optionProblem, type AnalyticsFilter, type InputProblem } from '../../analytics/model/filter.js';
import type { z } from 'zod';
import { InputRefused } from './errors.js';

const refuse = (problems: readonly InputProblem[], path: string) =>
  new InputRefused(problems.map((p) => ({ field: `${path}${p.field}`, problems: [p.problem], rules: [p.rule], ...(p.limits ? { limits: p.limits } : {}) })));

/** The filter as the schema reads it (absent and null fields dropped); `path` prefixes the refused fields (`filter.`). */
export function checkedFilter(input: object | undefined | null, path = ''): AnalyticsFilter {
  const checked = checkFilter(Object.fromEntries(Object.entries(input ?? {}).filter(([, v]) => v !== undefined && v !== null)));
  if (!checked.ok) throw refuse(checked.problems, path);
  return checked.filter;
}

/** Checks each given option (absent and null ones are left to their defaults) against its schema. */
export function checkOptions(options: Record<string, readonly [z.ZodType, unknown]>, path = ''): void {
  const problems = Object.entries(options).flatMap(([field, [schema, value]]) =>
    value === undefined || value === null ? [] : [optionProblem(field, schema, value)].filter((p): p is InputProblem => p !== null),
  );
  if (problems.length > 0) throw refuse(problems, path);
}
