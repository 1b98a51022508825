import type { EntityManager } from '@mikro-orm/postgresql';
import { getBusinessCase, type BusinessCaseReport, type BusinessCaseScenario, type ScenarioInitiative, type SharedInputs } from '../../../analytics/businessCase/getBusinessCase.js';
import { costsPresentValue } from '../../../analytics/businessCase/engine.js';
import type { Formula } from '../../../analytics/formula.js';
import { AnalyticsInputError } from '../../../analytics/queries/errors.js';
import { resultCache } from '../../../analytics/queries/dataFingerprint.js';
import { remembered } from '../analytics/remembered.js';
import { DEFAULT_DISCOUNT_RATE, DEFAULT_HORIZON_YEARS } from '../../../analytics/queries/loyalty/getLoyaltyBySatisfaction.js';
import type { Store } from '../../../analytics/store.js';
import { codes, DiscountRate, HorizonYears, LocalDate } from '../../../analytics/model/filter.js';
import { checkedFilter, checkOptions } from '../../common/analyticsInput.js';
import { findOrNotFound } from '../../common/loaders.js';
import type { Department } from '../departments/department.entity.js';
import { Initiative, InitiativeStatus } from '../initiatives/initiative.entity.js';
import type { Phase } from '../journeys/phase.entity.js';
import { User } from '../users/user.entity.js';
import { Scenario } from './scenario.entity.js';
import type { BusinessCase, BusinessCaseScenarioInput } from './businessCase.types.js';

/** A move's touchpoints: at most 300 codes, each as the filter's. */
const MOVE_TOUCHPOINTS = codes(300);

/** A plain copy of a GraphQL input (type-graphql hands class instances; null and undefined fields dropped), for JSON storage. */
function plainScenario(input: BusinessCaseScenarioInput): Record<string, unknown> {
  return JSON.parse(JSON.stringify(input, (_key, value: unknown) => (value === null ? undefined : value))) as Record<string, unknown>;
}

/** An initiative as the business case needs it (its touchpoints loaded): their data codes, its effect and costs. */
type InitiativeInputs = ScenarioInitiative & { id: string };
const scenarioOf = (initiative: Initiative): InitiativeInputs => ({
  id: initiative.id,
  title: initiative.title,
  touchpointCodes: initiative.touchpoints.getItems().map((t) => t.code).filter((code): code is string => Boolean(code)),
  effect: initiative.expectedEffect ? { kind: initiative.expectedEffect.kind, value: initiative.expectedEffect.value } : null,
  oneOffCost: initiative.oneOffCost,
  yearlyCost: initiative.yearlyCost,
});

/** The initiative as the business case needs it, read by id. */
async function initiativeScenario(em: EntityManager, id: string): Promise<InitiativeInputs> {
  const initiative = await findOrNotFound(em, Initiative, 'Initiative', id);
  await initiative.touchpoints.load();
  return scenarioOf(initiative);
}

function toGraphql({ shared: _shared, ...report }: BusinessCaseReport & { shared?: SharedInputs }): BusinessCase {
  // Computed once, in the engine's formula (analytics/formula.ts), so the figure and its formula agree.
  const netPerYearAverage = report.formulas.find((f) => f.figure === 'NET_PER_YEAR_AVERAGE')?.value ?? 0;
  return { ...report, netPerYearAverage, filter: { ...report.filter, personaCodes: report.filter.personaCodes?.slice(), unitCodes: report.filter.unitCodes?.slice() } };
}

/**
 * Per data fingerprint and scenario (its initiative as read, the caller's small-cell threshold included):
 * the business case page recomputes its case on every change of a control and every visit, and it was
 * among the slowest requests of the 32-connection load test (bench/README.md "Issue 20").
 */
const cases = resultCache<Awaited<ReturnType<typeof getBusinessCase>>>(64);

/** The business case of a scenario as given through GraphQL (or read back from a saved scenario). */
async function businessCaseOf(em: EntityManager, store: Store, input: BusinessCaseScenarioInput, minCellCustomers: number | null): Promise<BusinessCase> {
  const { initiativeId, effect, filter, ...rest } = input;
  const scenario: BusinessCaseScenario = {
    ...rest,
    minCellCustomers,
    filter: filter ?? undefined,
    effect: effect ?? undefined,
    initiative: initiativeId ? await initiativeScenario(em, initiativeId) : undefined,
  };
  // The initiative as read from PostgreSQL is part of the scenario, hence of the key: an edit is seen at once.
  return toGraphql(await remembered(cases, store, 'businessCase', scenario, () => getBusinessCase(store, scenario)));
}

export interface RankingFilter {
  departmentId?: string;
  status?: InitiativeStatus[];
  /** Persona/unit cut for every initiative's case. */
  personaCodes?: string[];
  unitCodes?: string[];
  /** The caller's small-cell threshold (minCellCustomersFor). */
  minCellCustomers: number | null;
}

export interface RankedInitiative {
  rank: number;
  initiative: Initiative;
  value: number | null;
  valueLow: number | null;
  valueHigh: number | null;
  /** Present value of the costs over the horizon. */
  cost: number;
  /** Net present value per unit of cost (the ROI); null without costs or value. */
  valuePerCost: number | null;
  paybackMonth: number | null;
  /** The case's formulas (NPV, ROI, payback): what value, valuePerCost and paybackMonth were computed from; empty without a case. */
  formulas: Formula[];
  problem: string | null;
}

/** What the ranking computes for one initiative, without the entity (kept across requests, so plain values only). */
type RankedFigures = Omit<RankedInitiative, 'rank' | 'initiative'> & { id: string };

/**
 * Per data fingerprint, like the business case: the figures of every initiative for one cut and threshold.
 * The key holds each initiative as read from PostgreSQL (codes, effect, costs), so an edit is seen by the
 * next request; the entities themselves are the request's own and are joined back after.
 */
const rankings = resultCache<RankedFigures[]>(32);

/** Each initiative's case, computed one after the other with the shared loyalty and group counts of the cut. */
async function rankedFigures(store: Store, filter: RankingFilter, scenarios: InitiativeInputs[]): Promise<RankedFigures[]> {
  const figures: RankedFigures[] = [];
  let shared: SharedInputs | undefined;
  for (const initiative of scenarios) {
    try {
      const report = await getBusinessCase(
        store,
        { filter: { personaCodes: filter.personaCodes, unitCodes: filter.unitCodes }, minCellCustomers: filter.minCellCustomers, initiative },
        shared,
      );
      shared = report.shared;
      figures.push({
        id: initiative.id,
        value: report.netPresentValue,
        valueLow: report.range.low,
        valueHigh: report.range.high,
        cost: report.costPresentValue,
        valuePerCost: report.roi,
        paybackMonth: report.paybackMonth,
        formulas: report.formulas,
        problem: null,
      });
    } catch (error) {
      if (!(error instanceof AnalyticsInputError)) throw error;
      // No case, but the cost is known: its present value at the default horizon and rate, as for the others.
      const cost = costsPresentValue(initiative.oneOffCost, initiative.yearlyCost, DEFAULT_HORIZON_YEARS, DEFAULT_DISCOUNT_RATE);
      figures.push({ id: initiative.id, value: null, valueLow: null, valueHigh: null, cost, valuePerCost: null, paybackMonth: null, formulas: [], problem: error.message });
    }
  }
  return figures;
}

/**
 * Initiatives ranked by the net present value of their business case (3 years, defaults), with cost,
 * value per cost and the workshop ratings beside it (source 002: feasibility and effect). An initiative
 * whose case cannot be computed (no effect, no measured touchpoint) is listed last with the reason.
 */
async function rankInitiatives(em: EntityManager, store: Store, filter: RankingFilter): Promise<RankedInitiative[]> {
  const initiatives = await em.find(
    Initiative,
    {
      ...(filter.departmentId ? { department: filter.departmentId } : {}),
      ...(filter.status?.length ? { status: { $in: filter.status } } : {}),
    },
    // The phases too: the ranking returns these initiatives, and clients select touchpoints { phase { ... } }.
    { populate: ['touchpoints', 'touchpoints.phase'], orderBy: { title: 'asc' } },
  );
  const scenarios = initiatives.map(scenarioOf);
  const cut: RankingFilter = { personaCodes: filter.personaCodes, unitCodes: filter.unitCodes, minCellCustomers: filter.minCellCustomers };
  const figures = await remembered(rankings, store, 'initiativeRanking', { cut, scenarios }, () => rankedFigures(store, cut, scenarios));
  const byId = new Map(initiatives.map((initiative) => [initiative.id, initiative]));
  const rows = figures.flatMap(({ id, ...row }) => {
    const initiative = byId.get(id);
    return initiative ? [{ ...row, initiative }] : [];
  });
  rows.sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.initiative.title.localeCompare(b.initiative.title));
  return rows.map((row, i) => ({ ...row, rank: i + 1 }));
}

/** A scenario to save: its name, what it is for, and the business-case inputs. */
export interface ScenarioDraft {
  name: string;
  description?: string | null;
  scenario: BusinessCaseScenarioInput;
}

/** Planned and ongoing work in one phase for one department. */
export interface InitiativeOverviewCell {
  phase: Phase;
  department: Department | null;
  initiatives: Initiative[];
  idea: number;
  planned: number;
  inProgress: number;
  done: number;
}

/**
 * Business cases, saved scenarios and the initiative ranking and overview, for one caller: every case is
 * computed with the caller's small-cell threshold (`minCellCustomers`, null: may read single customers).
 */
export class BusinessCaseService {
  constructor(
    private readonly em: EntityManager,
    private readonly store: Store,
    private readonly minCellCustomers: number | null,
  ) {}

  /**
   * The business case of a scenario as given through GraphQL. Its filter, asOf, horizon and discount rate
   * are checked by the one analytics schema (analytics/model/filter.ts); `path` prefixes a refused field
   * (`scenario.` when the scenario is part of a larger input).
   */
  businessCase(input: BusinessCaseScenarioInput, path = ''): Promise<BusinessCase> {
    checkedFilter(input.filter, `${path}filter.`);
    checkOptions(
      {
        asOf: [LocalDate, input.asOf],
        ...Object.fromEntries((input.moves ?? []).map((move, i) => [`moves.${i}.touchpointCodes`, [MOVE_TOUCHPOINTS, move.touchpointCodes]] as const)),
        horizonYears: [HorizonYears, input.horizonYears],
        discountRate: [DiscountRate, input.discountRate],
      },
      path,
    );
    return businessCaseOf(this.em, this.store, input, this.minCellCustomers);
  }

  /** The inputs of a saved scenario exactly as saved (stored as the plain copy of the GraphQL input). */
  savedInputs(scenario: Scenario): BusinessCaseScenarioInput {
    return scenario.inputs as unknown as BusinessCaseScenarioInput;
  }

  /** A saved scenario's case recomputed on the current data. */
  result(scenario: Scenario): Promise<BusinessCase> {
    return this.businessCase(this.savedInputs(scenario));
  }

  /** Saved scenarios, newest first. */
  scenarios(): Promise<Scenario[]> {
    return this.em.find(Scenario, {}, { orderBy: { updatedAt: 'desc' } });
  }

  scenario(id: string): Promise<Scenario> {
    return findOrNotFound(this.em, Scenario, 'Scenario', id);
  }

  /** Saves a scenario after checking that its case computes on the current data. */
  async save(authorId: string, draft: ScenarioDraft): Promise<Scenario> {
    await this.businessCase(draft.scenario, 'scenario.');
    const scenario = this.em.create(Scenario, {
      name: draft.name,
      description: draft.description ?? '',
      author: this.em.getReference(User, authorId),
      inputs: plainScenario(draft.scenario),
    });
    await this.em.flush();
    return scenario;
  }

  async update(id: string, draft: ScenarioDraft): Promise<Scenario> {
    const scenario = await this.scenario(id);
    await this.businessCase(draft.scenario, 'scenario.');
    this.em.assign(scenario, { name: draft.name, description: draft.description ?? scenario.description, inputs: plainScenario(draft.scenario) });
    await this.em.flush();
    return scenario;
  }

  async delete(id: string): Promise<string> {
    await this.em.remove(await this.scenario(id)).flush();
    return id;
  }

  /** Initiatives ranked by the net present value of their case, with the workshop's feasibility and effect ratings. */
  async ranking(filter: Omit<RankingFilter, 'minCellCustomers'>): Promise<(RankedInitiative & { feasibility: number; effectRating: number })[]> {
    checkedFilter({ personaCodes: filter.personaCodes, unitCodes: filter.unitCodes }, 'filter.');
    const rows = await rankInitiatives(this.em, this.store, { ...filter, minCellCustomers: this.minCellCustomers });
    return rows.map((row) => ({ ...row, feasibility: row.initiative.feasibility, effectRating: row.initiative.effectRating }));
  }

  /** Initiatives with one of the statuses (default: planned and in progress) per journey phase and department, in journey order. */
  async overview(status?: InitiativeStatus[]): Promise<InitiativeOverviewCell[]> {
    const statuses = status?.length ? status : [InitiativeStatus.PLANNED, InitiativeStatus.IN_PROGRESS];
    const initiatives = await this.em.find(
      Initiative,
      { status: { $in: statuses } },
      { populate: ['touchpoints', 'touchpoints.phase', 'touchpoints.phase.journey', 'touchpoints.department', 'department'], orderBy: { title: 'asc' } },
    );
    const cells = new Map<string, InitiativeOverviewCell>();
    for (const initiative of initiatives) {
      for (const touchpoint of initiative.touchpoints.getItems()) {
        const phase = touchpoint.phase as Phase;
        const department = (initiative.department ?? touchpoint.department ?? null) as Department | null;
        const key = `${phase.id}|${department?.id ?? ''}`;
        const cell = cells.get(key) ?? { phase, department, initiatives: [], idea: 0, planned: 0, inProgress: 0, done: 0 };
        if (!cell.initiatives.includes(initiative)) {
          cell.initiatives.push(initiative);
          if (initiative.status === InitiativeStatus.IDEA) cell.idea++;
          else if (initiative.status === InitiativeStatus.PLANNED) cell.planned++;
          else if (initiative.status === InitiativeStatus.IN_PROGRESS) cell.inProgress++;
          else cell.done++;
        }
        cells.set(key, cell);
      }
    }
    const order = (c: InitiativeOverviewCell) => [c.phase.journey.name, String(c.phase.position).padStart(4, '0'), c.department?.name ?? '~'];
    return [...cells.values()].sort((a, b) => order(a).join('|').localeCompare(order(b).join('|')));
  }
}
