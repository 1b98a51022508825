/**
 * The business case of a scenario on the customer data (PRODUCT.md "Business case"): the scenario's moves
 * (a share of a loyalty group, optionally only customers who used given touchpoints) or an initiative's
 * expected effect (translate.ts), valued with each group's churn, margin and acquisition cost from loyalty
 * by satisfaction (every default overridable), by the pure engine.
 */
import { DEFAULT_DISCOUNT_RATE, DEFAULT_HORIZON_YEARS, loyaltyAsOf, type LoyaltyBySatisfaction } from '../queries/loyalty/getLoyaltyBySatisfaction.js';
import { resolveAsOf } from '../queries/trends/time.js';
import { AnalyticsInputError } from '../queries/errors.js';
import { validateFilter, type AnalyticsFilter } from '../queries/filter.js';
import type { DataWindow } from '../queries/trends/time.js';
import { requireLocalDate } from '../localDate.js';
import { DEFAULT_MIN_N } from '../stats/interval.js';
import type { Queryable } from '../store.js';
import { day, fixed, grouped, say } from '../i18n/index.js';
import { businessCase, LOYALTY_GROUPS, type BusinessCaseResult, type Estimate, type GroupEconomics, type LoyaltyGroup, type Move } from './engine.js';
import { cellsToSuppress, isSmallCell } from '../privacy/smallCells.js';
import { countGroups, evidenceAndCounts, type GroupCounts } from './evidence.js';
import { TranslationError, translateEffect, type Effect, type TranslationStep } from './translate.js';

export type ScenarioFilter = Pick<AnalyticsFilter, 'personaCodes' | 'unitCodes' | 'from' | 'to'>;
export type ChurnValuation = 'LOST_MARGIN' | 'REPLACEMENT_COST';
export type EconomicsInput = 'CHURN_12M' | 'ANNUAL_MARGIN' | 'ACQUISITION_COST';

export interface ScenarioMove {
  from: LoyaltyGroup;
  to: LoyaltyGroup;
  /** Share 0..1 of the group's current customers. */
  share: number;
  /** Only customers who used (answered at) at least one of these touchpoints. */
  touchpointCodes?: readonly string[];
}

export interface GroupOverride {
  group: LoyaltyGroup;
  churn12m?: number;
  annualMargin?: number;
  acquisitionCost?: number;
}

export interface ScenarioInitiative {
  id?: string;
  title: string;
  touchpointCodes: readonly string[];
  effect: Effect | null;
  oneOffCost: number;
  yearlyCost: number;
}

export interface BusinessCaseScenario {
  filter?: ScenarioFilter;
  /** YYYY-MM-DD; default the last day of the data. */
  asOf?: string;
  moves?: readonly ScenarioMove[];
  initiative?: ScenarioInitiative;
  /** Replace the initiative's effect (what-if). */
  effect?: Effect;
  /** Default: the initiative's costs, else 0. */
  oneOffCost?: number;
  yearlyCost?: number;
  horizonYears?: number;
  discountRate?: number;
  churnValuation?: ChurnValuation;
  overrides?: readonly GroupOverride[];
  /** Scale moves from the customers with a relationship answer to every current customer in scope. */
  scaleToCustomerBase?: boolean;
  /** Minimum n of the driver model's correlations (initiatives); default 30. */
  minN?: number;
  /**
   * The caller's small-cell threshold (server/auth/privacy.ts minCellCustomersFor): loyalty groups of fewer
   * customers feed no measured economics (analytics/privacy/smallCells.ts). null or absent: none hidden.
   */
  minCellCustomers?: number | null;
}

export interface Assumption {
  group: LoyaltyGroup;
  input: EconomicsInput;
  value: number | null;
  low: number | null;
  high: number | null;
  /** Customers behind the estimate; null for an override. */
  n: number | null;
  source: string;
  overridden: boolean;
  /** The group has too few customers for the caller to see its figures (small-cell suppression): value, interval and n null. */
  suppressed: boolean;
}

export interface BusinessCaseReport extends BusinessCaseResult {
  title: string;
  moves: Move[];
  translation: TranslationStep[];
  assumptions: Assumption[];
  population: { respondents: number; activeCustomers: number; scaleFactor: number; description: string };
  horizonYears: number;
  discountRate: number;
  churnValuation: ChurnValuation;
  oneOffCost: number;
  yearlyCost: number;
  filter: ScenarioFilter;
  asOf: string;
  dataWindow: DataWindow | null;
  dataVersion: string | null;
}



function checkScenario(s: BusinessCaseScenario): void {
  const hasMoves = Boolean(s.moves?.length);
  if (hasMoves === Boolean(s.initiative)) {
    throw new AnalyticsInputError('scenario', 'give either moves (a share of a loyalty group moving to another) or an initiative, not both and not neither');
  }
  s.moves?.forEach((m, i) => {
    if (!LOYALTY_GROUPS.includes(m.from) || !LOYALTY_GROUPS.includes(m.to)) {
      throw new AnalyticsInputError(`moves[${i}]`, `from and to must be one of ${LOYALTY_GROUPS.join(', ')}`);
    }
    if (m.from === m.to) throw new AnalyticsInputError(`moves[${i}].to`, `must differ from from (${m.from})`);
    if (!Number.isFinite(m.share) || m.share < 0 || m.share > 1) throw new AnalyticsInputError(`moves[${i}].share`, `must be a share from 0 to 1, got ${m.share}`);
  });
  for (const [field, v] of [['oneOffCost', s.oneOffCost], ['yearlyCost', s.yearlyCost]] as const) {
    if (v !== undefined && (!Number.isFinite(v) || v < 0)) throw new AnalyticsInputError(field, `must be a number ≥ 0, got ${v}`);
  }
  const seen = new Set<LoyaltyGroup>();
  s.overrides?.forEach((o, i) => {
    if (seen.has(o.group)) throw new AnalyticsInputError(`overrides[${i}].group`, `${o.group} is overridden twice`);
    seen.add(o.group);
    if (o.churn12m !== undefined && !(o.churn12m >= 0 && o.churn12m <= 1)) throw new AnalyticsInputError(`overrides[${i}].churn12m`, `must be a share from 0 to 1, got ${o.churn12m}`);
    for (const key of ['annualMargin', 'acquisitionCost'] as const) {
      const v = o[key];
      if (v !== undefined && !Number.isFinite(v)) throw new AnalyticsInputError(`overrides[${i}].${key}`, `must be a finite number, got ${v}`);
      if (key === 'acquisitionCost' && v !== undefined && v < 0) throw new AnalyticsInputError(`overrides[${i}].${key}`, `must be ≥ 0, got ${v}`);
    }
  });
  if (s.asOf !== undefined) requireLocalDate('asOf', s.asOf);
}

const describeFilter = (f: ScenarioFilter) =>
  [
    f.personaCodes?.length ? say('case.filter.persona', { codes: f.personaCodes.join('/') }) : '',
    f.unitCodes?.length ? say('case.filter.unit', { codes: f.unitCodes.join('/') }) : '',
    f.from ? say('case.filter.from', { day: day(f.from) }) : '',
    f.to ? say('case.filter.to', { day: day(f.to) }) : '',
  ].filter(Boolean).join(', ') || say('case.filter.all');

/** Each group's economics from loyalty by satisfaction, with the overrides applied, and the assumptions table. */
function economics(loyalty: LoyaltyBySatisfaction, filter: ScenarioFilter, overrides: readonly GroupOverride[], used: ReadonlySet<LoyaltyGroup>, minCellCustomers: number | null) {
  const where = say('case.source.where', { filter: describeFilter(filter), day: day(loyalty.source.answeredOnOrBefore) });
  const assumptions: Assumption[] = [];
  const groups = {} as Record<LoyaltyGroup, GroupEconomics>;
  for (const group of LOYALTY_GROUPS) {
    const data = loyalty.byNps.find((g) => g.group === group)!;
    const override = overrides.find((o) => o.group === group);
    const one = (input: EconomicsInput, key: keyof GroupEconomics, measured: { value: number | null; low: number | null; high: number | null; n: number }, what: string, given: number | undefined): Estimate => {
      if (given !== undefined) {
        assumptions.push({ group, input, value: given, low: given, high: given, n: null, source: say('case.source.override'), overridden: true, suppressed: false });
        return { value: given, low: given, high: given, source: say('case.source.override') };
      }
      const groups = say(`case.groups.${group}`);
      const sentenceWhat = say(`case.what.${key}`);
      if (data.suppressed) {
        const source = say('case.source.hidden', { what: sentenceWhat, groups, min: String(minCellCustomers), filter: describeFilter(filter) });
        assumptions.push({ group, input, value: null, low: null, high: null, n: null, source, overridden: false, suppressed: true });
        if (used.has(group)) {
          throw new AnalyticsInputError(
            `overrides.${group}.${key}`,
            `the ${group.toLowerCase()} customers of ${describeFilter(filter)} are fewer than ${minCellCustomers}, so their ${what} is hidden to protect their privacy; widen the scenario's filter or give it as an override`,
          );
        }
        return { value: Number.NaN, low: Number.NaN, high: Number.NaN, source };
      }
      const source = say('case.source.measured', { what: sentenceWhat, groups, where, n: grouped(measured.n) });
      assumptions.push({ group, input, ...measured, source, overridden: false, suppressed: false });
      if (measured.value === null) {
        if (used.has(group)) {
          throw new AnalyticsInputError(
            `overrides.${group}.${key}`,
            `no ${group.toLowerCase()} customers with this data (${describeFilter(filter)}: n=${measured.n}), so their ${what} is unknown; narrow the scenario differently or give it as an override`,
          );
        }
        return { value: Number.NaN, low: Number.NaN, high: Number.NaN, source };
      }
      return { value: measured.value, low: measured.low ?? measured.value, high: measured.high ?? measured.value, source };
    };
    groups[group] = {
      churn12m: one('CHURN_12M', 'churn12m', { value: data.churn.share, low: data.churn.ciLow, high: data.churn.ciHigh, n: data.churn.n }, '12-month churn', override?.churn12m),
      annualMargin: one('ANNUAL_MARGIN', 'annualMargin', { value: data.annualMargin.mean, low: data.annualMargin.ciLow, high: data.annualMargin.ciHigh, n: data.annualMargin.n }, 'annual contribution margin', override?.annualMargin),
      acquisitionCost: one('ACQUISITION_COST', 'acquisitionCost', { value: data.acquisitionCost.mean, low: data.acquisitionCost.ciLow, high: data.acquisitionCost.ciHigh, n: data.acquisitionCost.n }, 'acquisition (replacement) cost', override?.acquisitionCost),
    };
  }
  return { groups, assumptions };
}

/** Sums moves with the same from/to, keeping every basis. */
function mergeMoves(moves: Move[]): Move[] {
  const merged = new Map<string, Move>();
  for (const m of moves) {
    const key = `${m.from}>${m.to}`;
    const seen = merged.get(key);
    merged.set(key, seen ? { ...seen, customers: seen.customers + m.customers, basis: `${seen.basis}; ${m.basis}` } : { ...m });
  }
  return [...merged.values()];
}

/** The inputs every scenario of one filter, asOf, horizon and discount rate shares (computed once for a ranking). */
export interface SharedInputs {
  key: string;
  loyalty: LoyaltyBySatisfaction;
  all: GroupCounts;
}

const sharedKey = (filter: ScenarioFilter, asOf: string | undefined, horizonYears: number, discountRate: number, minCellCustomers: number | null) =>
  JSON.stringify([filter, asOf ?? null, horizonYears, discountRate, minCellCustomers]);

/**
 * Computes the business case. `shared` (from an earlier call's `shared` output with the same filter, asOf,
 * horizon and discount rate) skips the loyalty and group-count queries; a different key is ignored.
 */
export async function getBusinessCase(db: Queryable, scenario: BusinessCaseScenario, shared?: SharedInputs): Promise<BusinessCaseReport & { shared: SharedInputs }> {
  checkScenario(scenario);
  const filter: ScenarioFilter = {
    ...(scenario.filter?.personaCodes?.length ? { personaCodes: scenario.filter.personaCodes } : {}),
    ...(scenario.filter?.unitCodes?.length ? { unitCodes: scenario.filter.unitCodes } : {}),
    ...(scenario.filter?.from ? { from: scenario.filter.from } : {}),
    ...(scenario.filter?.to ? { to: scenario.filter.to } : {}),
  };
  const usedCodes = [...new Set([...(scenario.moves ?? []).flatMap((m) => m.touchpointCodes ?? []), ...(scenario.initiative?.touchpointCodes ?? [])])];
  await validateFilter(db, { ...filter, ...(usedCodes.length ? { touchpointCodes: usedCodes } : {}) });
  const horizonYears = scenario.horizonYears ?? DEFAULT_HORIZON_YEARS;
  const discountRate = scenario.discountRate ?? DEFAULT_DISCOUNT_RATE;
  const key = sharedKey(filter, scenario.asOf, horizonYears, discountRate, scenario.minCellCustomers ?? null);
  const reused = shared?.key === key ? shared : undefined;
  // The filter was validated above and asOf is resolved once here: loyalty, the group counts and the
  // touchpoint evidence are then independent reads, started together so that they share the store's read
  // pool instead of waiting for each other (the first business case after an import: issue 20).
  const { asOf, window } = reused ? { asOf: reused.loyalty.source.asOf, window: reused.loyalty.source.dataWindow } : await resolveAsOf(db, scenario.asOf);
  const loyaltyRead = reused
    ? Promise.resolve(reused.loyalty)
    : loyaltyAsOf(db, filter, { horizonYears, discountRate, asOf, minCellCustomers: scenario.minCellCustomers }, { asOf, window });
  const moveReads = (scenario.moves ?? []).map((m) => (m.touchpointCodes?.length ? countGroups(db, filter, asOf, m.touchpointCodes) : null));
  const initiative = scenario.moves?.length ? undefined : scenario.initiative;
  const effect = initiative ? (scenario.effect ?? initiative.effect) : undefined;
  // An initiative's touchpoint evidence and the group counts read the same current relationship groups:
  // one statement gives both.
  const read =
    initiative && effect && initiative.touchpointCodes.length > 0
      ? evidenceAndCounts(db, filter, asOf, initiative.touchpointCodes, scenario.minN ?? DEFAULT_MIN_N, !reused)
      : null;
  const evidenceRead = read?.then((r) => r.evidence) ?? null;
  const allRead: Promise<GroupCounts> = reused
    ? Promise.resolve(reused.all)
    : read
      ? read.then((r) => r.counts ?? countGroups(db, filter, asOf))
      : countGroups(db, filter, asOf);
  // Every read settles before any result is used: a failure is then reported in the order the reads are
  // written here (as when they ran one after another), and no rejection is left unhandled.
  await Promise.allSettled([loyaltyRead, allRead, ...moveReads, evidenceRead]);
  const loyalty = await loyaltyRead;
  const all = await allRead;
  const scaleFactor = scenario.scaleToCustomerBase ? (all.respondents > 0 ? all.activeCustomers / all.respondents : 0) : 1;
  const population = {
    respondents: all.respondents,
    activeCustomers: all.activeCustomers,
    scaleFactor,
    description: say(scenario.scaleToCustomerBase ? 'case.population.scaled' : 'case.population.notScaled', {
      respondents: grouped(all.respondents),
      factor: fixed(scaleFactor, 3),
      active: grouped(all.activeCustomers),
      filter: describeFilter(filter),
    }),
  };
  const scaled = (m: Move): Move =>
    scaleFactor === 1 ? m : { ...m, customers: m.customers * scaleFactor, basis: say('case.move.scaled', { basis: m.basis, factor: fixed(scaleFactor, 3) }) };

  let moves: Move[] = [];
  let translation: TranslationStep[] = [];
  let title: string;
  if (scenario.moves?.length) {
    title = say('case.title.scenario');
    for (const [i, m] of scenario.moves.entries()) {
      const counts = (await moveReads[i]) ?? all;
      const inGroup = counts.byGroup[m.from];
      const who = m.touchpointCodes?.length ? say('case.move.who', { codes: m.touchpointCodes.join(say('case.move.or')) }) : '';
      const basis = say('case.move.share', { share: fixed(m.share * 100, 1), n: grouped(inGroup), groups: say(`case.groups.${m.from}`), who });
      moves.push(scaled({ from: m.from, to: m.to, customers: m.share * inGroup, basis }));
    }
  } else {
    if (!initiative) throw new Error('unreachable: checkScenario requires moves or an initiative');
    title = initiative.title;
    if (!effect) throw new AnalyticsInputError('effect', say('case.problem.noEffect', { title: initiative.title }));
    if (!evidenceRead) throw new AnalyticsInputError('initiative', say('case.problem.noTouchpoint', { title: initiative.title }));
    const evidence = await evidenceRead;
    try {
      translation = translateEffect(effect, evidence);
    } catch (error) {
      if (error instanceof TranslationError) throw new AnalyticsInputError('effect', error.message);
      throw error;
    }
    // Small-cell suppression (issue 15): a step whose touchpoint group has fewer customers than the
    // caller's threshold shows no counts, satisfaction or moves of its own; its customers still count in
    // the case's moves, under a basis that names no number.
    const min = scenario.minCellCustomers ?? null;
    const hidden = min === null ? new Set<number>() : cellsToSuppress(translation.map((step) => ({ customers: step.customersAtTouchpoint ?? 0, key: [step.touchpointCode, step.from] })), min);
    // The case's moves add the hidden steps' customers up. Hidden together they are one group; when that group
    // is itself small, the case would show what a few customers answered (a one-touchpoint initiative shows its
    // only step in the total), so the case is refused for this caller instead.
    const hiddenCustomers = [...hidden].reduce((sum, i) => sum + (translation[i]!.customersAtTouchpoint ?? 0), 0);
    if (min !== null && hidden.size > 0 && isSmallCell(hiddenCustomers, min)) {
      throw new AnalyticsInputError(
        'filter',
        say('case.problem.fewCustomers', { title: initiative.title, min: String(min), filter: describeFilter(filter) }),
      );
    }
    const privacyNote = (step: TranslationStep) => say('case.move.hidden', { code: step.touchpointCode, min: String(min), groups: say(`case.groups.${step.from}`), filter: describeFilter(filter) });
    moves = mergeMoves(translation.flatMap((step, i) => (hidden.has(i) ? step.moves.map((m) => ({ ...m, basis: privacyNote(step) })) : step.moves))).map(scaled);
    translation = translation.map((step, i) =>
      hidden.has(i)
        ? { ...step, customersAtTouchpoint: null, movers: null, satisfactionChange: null, ltrShift: null, moves: [], explanation: `${privacyNote(step)}.`, suppressed: true }
        : step,
    );
  }
  // Nobody leaves a group twice: the moves out of a group cannot exceed it.
  for (const group of LOYALTY_GROUPS) {
    const out = moves.filter((m) => m.from === group).reduce((s, m) => s + m.customers, 0);
    const size = all.byGroup[group] * scaleFactor;
    if (out > size + 1e-6) {
      throw new AnalyticsInputError('moves', `${out.toFixed(0)} customers would leave the ${group.toLowerCase()}s, but there are only ${size.toFixed(0)}`);
    }
  }
  const used = new Set(moves.filter((m) => m.customers > 0).flatMap((m) => [m.from, m.to]));
  const { groups, assumptions } = economics(loyalty, filter, scenario.overrides ?? [], used, scenario.minCellCustomers ?? null);
  const oneOffCost = scenario.oneOffCost ?? scenario.initiative?.oneOffCost ?? 0;
  const yearlyCost = scenario.yearlyCost ?? scenario.initiative?.yearlyCost ?? 0;
  const churnValuation = scenario.churnValuation ?? 'LOST_MARGIN';
  const result = businessCase({
    groups,
    moves,
    horizonYears,
    discountRate: { value: discountRate, low: discountRate, high: discountRate, source: say(scenario.discountRate === undefined ? 'case.source.discountDefault' : 'case.source.override') },
    oneOffCost,
    yearlyCost,
    churnValuation,
  });
  return {
    ...result,
    title,
    moves,
    translation,
    assumptions,
    population,
    horizonYears,
    discountRate,
    churnValuation,
    oneOffCost,
    yearlyCost,
    filter,
    asOf,
    dataWindow: loyalty.source.dataWindow,
    dataVersion: loyalty.source.dataVersion,
    shared: { key, loyalty, all },
  };
}
