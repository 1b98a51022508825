import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { RequestHandler } from 'express';
import {
  GraphQLError,
  Kind,
  parse,
  print,
  specifiedRules,
  validate,
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import { AppError } from './errors.js';

/**
 * Limits on the text of a GraphQL request, checked before graphql-js validates it. Validation is not
 * linear: the "fields can be merged" rule compares every pair of same-named fields in a selection set,
 * so `{ me { id id … } }` with 8,000 repeats held the event loop for 15 s before any role check.
 * The client's largest document is under 100 tokens and no type has 100 fields.
 */
export const QUERY_LIMITS = {
  /** Lexical tokens in one document, enforced by the parser itself (it stops reading at the limit). */
  maxTokens: 1000,
  /** Fields one selection set may select, counting those its fragments add. */
  maxSelections: 150,
  /**
   * Milliseconds of the server thread's own CPU time (threadCpuMs) parsing plus validating may use before
   * the request is refused. Not wall time: on a loaded machine the thread waits for a CPU, and that
   * wait made the client's own JourneyMeasures answer BAD_USER_INPUT (load ~20 on 2 cores).
   */
  budgetMs: 250,
  /** Cost of one request: each field costs its FIELD_COSTS weight (1 if not listed), fragments counted where spread. */
  maxCost: 1000,
};

/**
 * What one occurrence of a root (Query) field costs, relative to a plain field (1). Analytics fields scan the answers
 * (tens of milliseconds to seconds on a large store, and one DuckDB connection serves everyone), so a
 * request may hold about ten of the heaviest: 15 aliased `drivers` (the probe's request) cost 1,500.
 */
export const FIELD_COSTS: Record<string, number> = {
  drivers: 100, emotionalDrivers: 100, priorities: 100, personaGaps: 100, businessCase: 100, initiativeRanking: 100, statusDiagnosis: 100,
  initiativeOverview: 50, themeImpact: 50, suggestedThemes: 50,
  loyaltyBySatisfaction: 30, trend: 30, emotionCurve: 30, units: 30, targetBaselineSuggestion: 30,
  compareMetrics: 20, metrics: 10, responses: 10, comments: 10, dataCoverage: 10, alertRulePreview: 30,
};
/** Nested fields that run analytics wherever they appear (Journey.metrics, Phase.metrics, Touchpoint.metrics). */
export const NESTED_FIELD_COSTS: Record<string, number> = { metrics: 10 };

/** The cost of a document by FIELD_COSTS; each named fragment's cost is computed once. */
export function documentCost(document: DocumentNode, costs: Record<string, number> = FIELD_COSTS, nested: Record<string, number> = NESTED_FIELD_COSTS): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const fragmentCost = new Map<string, number>();
  // A fragment spread at the root is costed with the root weights (15 drivers in a fragment on Query cost as much).
  const cost = (set: SelectionSetNode | undefined, visiting: Set<string>, root = false): number => {
    let total = 0;
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) total += ((root ? costs : nested)[selection.name.value] ?? 1) + cost(selection.selectionSet, visiting);
      else if (selection.kind === Kind.INLINE_FRAGMENT) total += cost(selection.selectionSet, visiting, root);
      else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || visiting.has(name)) continue;
        const memoKey = `${name}|${root}`;
        let known = fragmentCost.get(memoKey);
        if (known === undefined) {
          known = cost(fragment.selectionSet, new Set([...visiting, name]), root);
          fragmentCost.set(memoKey, known);
        }
        total += known;
      }
    }
    return total;
  };
  return Math.max(0, ...document.definitions.map((d) => (d.kind === Kind.OPERATION_DEFINITION ? cost(d.selectionSet, new Set(), true) : 0)));
}

const tooComplex = (message: string, reason: string, extra: Record<string, unknown> = {}) => new AppError('BAD_USER_INPUT', message, { reason, ...extra });

const fieldKey = (field: FieldNode): string => {
  const args = (field.arguments ?? []).map((a) => `${a.name.value}:${print(a.value)}`).join(',');
  const directives = (field.directives ?? []).map((d) => print(d)).join(' ');
  return `${field.alias?.value ?? ''}:${field.name.value}(${args})${directives}`;
};

/**
 * Refuses a document that repeats an identical field within one selection set, or whose selection set
 * (fragments included) selects more than `maxSelections` fields. Linear in the document: each named
 * fragment's size is computed once, so nested fragment spreads cannot make it expensive either.
 * Throws the typed 400 error; returns nothing when the document is within the limits.
 */
export function checkSelections(document: DocumentNode, maxSelections = QUERY_LIMITS.maxSelections): void {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const fragmentSize = new Map<string, number>();

  // Fields this selection set selects at its own level, fragments expanded; capped just above the limit.
  const width = (set: SelectionSetNode, visiting: Set<string>): number => {
    let n = 0;
    const seen = new Set<string>();
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        // Only leaves count as identical repeats: a repeated object field may select different subfields.
        if (!selection.selectionSet) {
          const key = fieldKey(selection);
          if (seen.has(key)) {
            throw tooComplex(`The field "${selection.alias?.value ?? selection.name.value}" is selected twice in one selection set; select it once.`, 'REPEATED_FIELD', {
              field: selection.name.value,
            });
          }
          seen.add(key);
        }
        n += 1;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        n += width(selection.selectionSet, visiting);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // Unknown or cyclic fragments are left to validation, which reports them by name.
        if (fragment && !visiting.has(name)) {
          let size = fragmentSize.get(name);
          if (size === undefined) {
            size = width(fragment.selectionSet, new Set([...visiting, name]));
            fragmentSize.set(name, size);
          }
          n += size;
        }
      }
      if (n > maxSelections) break;
    }
    return Math.min(n, maxSelections + 1);
  };

  const visit = (set: SelectionSetNode | undefined, visiting: Set<string>): void => {
    if (!set) return;
    if (width(set, visiting) > maxSelections) {
      throw tooComplex(`A selection set selects more than ${maxSelections} fields (fragments included); split the request.`, 'TOO_MANY_SELECTIONS', {
        limit: maxSelections,
      });
    }
    for (const selection of set.selections) if (selection.kind !== Kind.FRAGMENT_SPREAD) visit(selection.selectionSet, visiting);
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition.selectionSet, new Set());
  }
}

/** Linux reports a thread's CPU time in clock ticks of 1/100 s (USER_HZ, the same on every architecture). */
const MS_PER_TICK = 10;
function readThreadCpuMs(): number {
  const stat = readFileSync('/proc/thread-self/stat', 'latin1');
  // Fields after the command name (which may hold spaces and parentheses): state is the first, utime the 12th, stime the 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  if (!Number.isFinite(ticks)) throw new Error(`unreadable /proc/thread-self/stat: ${stat.slice(0, 80)}`);
  return ticks * MS_PER_TICK;
}
const hasThreadClock = (() => {
  try {
    readThreadCpuMs();
    return true;
  } catch {
    return false;
  }
})();

/**
 * Milliseconds of CPU the calling thread has used (10 ms steps): time spent waiting for a CPU or
 * sleeping does not count. Without /proc (not Linux), the wall clock, which counts waiting too.
 * process.cpuUsage() will not do: it adds up every thread of the process, DuckDB's workers included.
 */
export function threadCpuMs(): number {
  return hasThreadClock ? readThreadCpuMs() : performance.now();
}

const budgetExceeded = (budgetMs: number) =>
  tooComplex(`The request took more than ${budgetMs} ms to read and check; send a smaller or simpler request.`, 'QUERY_TIME_BUDGET', { limit: budgetMs });

/** A validation rule that throws once `deadline` (threadCpuMs()) has passed; it checks the clock every 64 nodes. */
function deadlineRule(deadline: number, budgetMs: number): ValidationRule {
  return (): ASTVisitor => {
    let visited = 0;
    return {
      enter() {
        if ((++visited & 63) === 0 && threadCpuMs() > deadline) throw budgetExceeded(budgetMs);
      },
    };
  };
}

/**
 * Checks a GraphQL text before Apollo sees it: parse with the token limit, checkSelections, then
 * validation with every rule Apollo will run plus a clock, all within the time budget. Returns the
 * error to answer with (a typed 400), or null when the text may go on. Texts that passed are
 * remembered (bounded), so a client's repeated queries are checked once, as Apollo caches them too.
 */
export function createQueryGate(schema: GraphQLSchema, rules: readonly ValidationRule[], limits = QUERY_LIMITS) {
  const passed = new Set<string>();
  return (text: string): GraphQLError | null => {
    const key = createHash('sha256').update(text).digest('base64url');
    if (passed.has(key)) return null;
    const started = threadCpuMs();
    let document: DocumentNode;
    try {
      document = parse(text, { maxTokens: limits.maxTokens });
    } catch {
      return null; // Apollo answers syntax errors (and the token limit) itself, with their location.
    }
    try {
      checkSelections(document, limits.maxSelections);
      const cost = documentCost(document);
      if (cost > limits.maxCost) {
        throw tooComplex(`The request costs ${cost}, more than the limit of ${limits.maxCost} (analytics fields cost 10 to 100 each); split it into several requests.`, 'QUERY_TOO_COSTLY', {
          cost,
          limit: limits.maxCost,
        });
      }
      if (threadCpuMs() - started > limits.budgetMs) throw budgetExceeded(limits.budgetMs);
      // Only the clock can throw here; validation errors themselves are Apollo's to report.
      validate(schema, document, [...specifiedRules, ...rules, deadlineRule(started + limits.budgetMs, limits.budgetMs)]);
    } catch (error) {
      if (error instanceof GraphQLError) return error;
      throw error;
    }
    if (passed.size >= 1000) passed.clear();
    passed.add(key);
    return null;
  };
}

/** Express middleware (after express.json) answering 400 for a text the gate refuses, before Apollo parses or validates it. */
export function queryGateMiddleware(gate: (text: string) => GraphQLError | null): RequestHandler {
  return (req, res, next) => {
    const body: unknown = req.body;
    const fromBody = typeof body === 'object' && body !== null && 'query' in body ? body.query : undefined;
    const text = typeof fromBody === 'string' ? fromBody : typeof req.query.query === 'string' ? req.query.query : undefined;
    const refused = text === undefined ? null : gate(text);
    if (!refused) return next();
    const { http: _http, ...extensions } = refused.extensions;
    res.status(400).json({ errors: [{ message: refused.message, extensions }] });
  };
}
