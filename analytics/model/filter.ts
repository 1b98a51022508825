/**
 * The analytics filter and options, declared once in zod: the cut every figure takes (personas, units,
 * journey, phase, touchpoints, days, survey) with its one date type, and the options' defaults
 * (confidence level, minimum n, minimum cell). The GraphQL edge parses its input with the same schema
 * (server/modules/analytics/metrics/metrics.types.ts) and the query layer calls it in validateFilter,
 * so a filter is refused by one set of rules, naming the field, wherever it comes in.
 */
import { z } from 'zod';
import { isLocalDate, notALocalDate } from '../localDate.js';
import { DEFAULT_CONFIDENCE_LEVEL, DEFAULT_MIN_N } from '../stats/interval.js';
import { AnalyticsInputError } from '../queries/errors.js';

/**
 * The defaults every analytics figure shares: 95% intervals, flagged below 30 answers, and groups of
 * fewer than 5 distinct customers hidden from roles without access to single customers (the server's
 * MIN_CELL_CUSTOMERS setting overrides the last).
 */
export const ANALYTICS_DEFAULTS = {
  confidenceLevel: DEFAULT_CONFIDENCE_LEVEL,
  minN: DEFAULT_MIN_N,
  minCellCustomers: 5,
} as const;

/**
 * The name of the rule a refused value broke, sent to clients beside the English problem
 * (extensions.fields[].rules): the client words each rule in the reader's language
 * (client/src/shared/server-messages/messages.ts serverErrors.rule). The names are class-validator's,
 * which the server's other inputs use, so one rule reads the same wherever it fails.
 */
export type InputRule = 'isLocalDate' | 'notBeforeFrom' | 'arrayMaxSize' | 'isLength' | 'isIn' | 'isString' | 'isNumber' | 'isInt' | 'min' | 'max';

/**
 * The arguments of a field's rules, by rule ({ arrayMaxSize: [50] }, { min: [1], max: [30] }), sent beside
 * them as class-validator's are (server/common/errors.ts FieldProblems.limits) so the client names the limit.
 */
export type RuleLimits = Record<string, Array<string | number>>;

const withRule = (rule: InputRule, error: string | ((input: unknown) => string), limits?: Array<string | number>) => ({
  error: (issue: { input?: unknown }) => (typeof error === 'string' ? error : error(issue.input)),
  params: { rule, limits: limits ? { [rule]: limits } : undefined },
});

/** The one date type of analytics input: a day that exists, written YYYY-MM-DD (2024-02-31 is refused). */
export const LocalDate = z
  .string(withRule('isString', 'must be text'))
  .refine(isLocalDate, withRule('isLocalDate', notALocalDate));

/** Survey codes (persona, unit, touchpoint), at most `max` of them: the filter's lists, and any other input's list of codes. */
export const codes = (max: number) =>
  z
    .array(z.string(withRule('isString', 'must be text')).refine((code) => /^.{1,64}$/.test(code), withRule('isLength', 'each code must be 1-64 characters', [1, 64])))
    .refine((list) => list.length <= max, withRule('arrayMaxSize', `must contain no more than ${max} elements`, [max]));

/** A journey or phase id: 1-64 characters (the model's are UUIDs; whether it exists is checked against the store). */
const Id = z.string(withRule('isString', 'must be text')).refine((id) => /^.{1,64}$/.test(id), withRule('isLength', 'must be 1-64 characters', [1, 64]));

export const SURVEY_KINDS = ['TOUCHPOINT', 'RELATIONSHIP'] as const;

/** A cut of the responses; every field narrows it, absent fields do not. */
export const AnalyticsFilterSchema = z
  .object({
    /** Persona codes (customers.persona_code). */
    personaCodes: codes(50).optional(),
    /** Unit (branch) codes. */
    unitCodes: codes(200).optional(),
    journeyId: Id.optional(),
    phaseId: Id.optional(),
    /** Touchpoint codes (responses.touchpoint_code). */
    touchpointCodes: codes(500).optional(),
    /** First day, inclusive. */
    from: LocalDate.optional(),
    /** Last day, inclusive. */
    to: LocalDate.optional(),
    /**
     * TOUCHPOINT: answers given right after a touchpoint; RELATIONSHIP: the survey about the company as a
     * whole. Default: TOUCHPOINT when the filter or the grouping names a journey, phase or touchpoint,
     * else RELATIONSHIP (mixing the two would average different questions).
     */
    survey: z.enum(SURVEY_KINDS, withRule('isIn', `must be one of the following values: ${SURVEY_KINDS.join(', ')}`)).optional(),
  })
  .check((ctx) => {
    const { from, to } = ctx.value;
    if (from !== undefined && to !== undefined && from > to) {
      ctx.issues.push({ code: 'custom', input: to, path: ['to'], message: `must not be before from (${from} > ${to})`, params: { rule: 'notBeforeFrom' } });
    }
  }) satisfies z.ZodType<AnalyticsFilter>;

/** Which survey answers a metric is computed from. */
export type SurveyKind = (typeof SURVEY_KINDS)[number];

/** A cut of the responses as the queries take it (what AnalyticsFilterSchema gives, lists read-only). */
export interface AnalyticsFilter {
  personaCodes?: readonly string[];
  unitCodes?: readonly string[];
  journeyId?: string;
  phaseId?: string;
  touchpointCodes?: readonly string[];
  /** Inclusive, YYYY-MM-DD. */
  from?: string;
  /** Inclusive, YYYY-MM-DD. */
  to?: string;
  survey?: SurveyKind;
}

/** One refused field: its path (`personaCodes`, `from`), the problem in English, the rule it broke and that rule's arguments. */
export interface InputProblem {
  field: string;
  problem: string;
  rule: InputRule;
  limits?: RuleLimits;
}

const RULES: readonly InputRule[] = ['isLocalDate', 'notBeforeFrom', 'arrayMaxSize', 'isLength', 'isIn', 'isString', 'isNumber', 'isInt', 'min', 'max'];
const plainValues = (values: unknown): Array<string | number> =>
  Array.isArray(values) ? values.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number') : [];
/** The arguments a refinement carries (params.limits), or an enum's choices as isIn's. */
function limitsOf(issue: z.core.$ZodIssue): RuleLimits | undefined {
  if (issue.code === 'invalid_value') return { isIn: plainValues(issue.values) };
  const limits: unknown = issue.code === 'custom' ? issue.params?.limits : undefined;
  if (typeof limits !== 'object' || limits === null) return undefined;
  return Object.fromEntries(Object.entries(limits).map(([rule, values]) => [rule, plainValues(values)]));
}
/** The rule of an issue: a refinement names its own; a value outside an enum is isIn, anything else the wrong type. */
function ruleOf(issue: z.core.$ZodIssue): InputRule {
  const named = issue.code === 'custom' ? RULES.find((r) => r === issue.params?.rule) : undefined;
  if (named) return named;
  if (issue.code === 'invalid_value') return 'isIn';
  return issue.code === 'invalid_type' && issue.expected === 'number' ? 'isNumber' : 'isString';
}

/** The filter's problems, at most one per field (empty when it is valid). */
export function filterProblems(value: unknown): InputProblem[] {
  const checked = checkFilter(value);
  return checked.ok ? [] : checked.problems;
}

/** The filter as the schema reads it, or its problems, at most one per field. */
export function checkFilter(value: unknown): { ok: true; filter: AnalyticsFilter } | { ok: false; problems: InputProblem[] } {
  const result = AnalyticsFilterSchema.safeParse(value);
  if (result.success) return { ok: true, filter: result.data };
  const seen = new Set<string>();
  const problems = result.error.issues.flatMap((issue) => {
    // A code's problem is the list's (personaCodes), as the client shows it beside the list.
    const field = String(issue.path[0] ?? '');
    if (seen.has(field)) return [];
    seen.add(field);
    const rule = ruleOf(issue);
    const limits = limitsOf(issue);
    return [{ field, problem: issue.message, rule, ...(limits ? { limits } : {}) }];
  });
  return { ok: false, problems };
}

/**
 * A number option from `min` to `max` (whole when `whole`), refused with one message and the rule it
 * broke: isInt, min or max (class-validator's names, which the client words: serverErrors.rule).
 */
const numberOption = (min: number, max: number, opts: { whole?: boolean; below?: boolean; message: (input: unknown) => string }) =>
  z.number(withRule('isNumber', (input) => opts.message(input))).check((ctx) => {
    const v = ctx.value;
    const rule: InputRule | null = !Number.isFinite(v)
      ? 'isNumber'
      : opts.whole && !Number.isInteger(v)
        ? 'isInt'
        : v < min
          ? 'min'
          : (opts.below ? v >= max : v > max)
            ? 'max'
            : null;
    // An open upper bound (below) is not sent as a limit: "between 0.5 and 1" would read as if 1 were allowed.
    const limits: RuleLimits = opts.below ? { min: [min] } : { min: [min], max: [max] };
    if (rule) ctx.issues.push({ code: 'custom', input: v, message: opts.message(v), params: { rule, limits } });
  });

/** Confidence level option (0.95 = 95%): at least 0.5 and below 1. */
export const ConfidenceLevel = numberOption(0.5, 1, { below: true, message: (input) => `must be at least 0.5 and below 1 (e.g. 0.95), got ${String(input)}` });

/** A whole-number option (minimum n, horizons) from `min` to `max`. */
export const wholeNumber = (min: number, max: number) =>
  numberOption(min, max, { whole: true, message: (input) => `must be a whole number from ${min} to ${max}, got ${String(input)}` });

/** Years a lifetime value or a business case looks ahead: whole years from 1 to 30. */
export const HorizonYears = wholeNumber(1, 30);

/** Yearly discount rate of a lifetime value or a business case (0.08 = 8%): from 0 to 1. */
export const DiscountRate = numberOption(0, 1, { message: (input) => `must be a yearly rate from 0 to 1 (0.08 = 8%), got ${String(input)}` });

/** The option's problem (field, English problem, rule) when the schema refuses the value; null when it is accepted. */
export function optionProblem(field: string, schema: z.ZodType, value: unknown): InputProblem | null {
  const result = schema.safeParse(value);
  if (result.success) return null;
  const issue = result.error.issues[0];
  const limits = issue ? limitsOf(issue) : undefined;
  return { field, problem: issue?.message ?? 'is not valid', rule: issue ? ruleOf(issue) : 'isNumber', ...(limits ? { limits } : {}) };
}

/** The option's value when the schema accepts it; otherwise AnalyticsInputError naming the option. */
export function checkOption<T>(field: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AnalyticsInputError(field, result.error.issues[0]?.message ?? 'is not valid');
}
