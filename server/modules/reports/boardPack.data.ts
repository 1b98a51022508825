import { z } from 'zod';
import type { AppDeps, Caller } from '../../context.js';
import { runAs } from './runAs.js';

const num = z.number();
const maybe = z.number().nullable();

const businessCase = z.object({
  title: z.string(),
  asOf: z.string(),
  horizonYears: z.number().int(),
  discountRate: num,
  oneOffCost: num,
  yearlyCost: num,
  netPresentValue: num,
  netPerYear: z.array(num),
  roi: maybe,
  paybackMonth: maybe,
  range: z.object({ low: num, base: num, high: num, method: z.string() }),
  lineItems: z.array(z.object({ kind: z.enum(['MARGIN_UPLIFT', 'MARGIN_KEPT_BY_LOWER_CHURN', 'REPLACEMENT_COST_AVOIDED', 'ONE_OFF_COST', 'YEARLY_COST']), value: num, perYear: z.array(num), formula: z.string(), inputs: z.array(z.string()), counted: z.boolean() })),
  assumptions: z.array(z.object({ group: z.enum(['DETRACTOR', 'PASSIVE', 'PROMOTER']), input: z.enum(['CHURN_12M', 'ANNUAL_MARGIN', 'ACQUISITION_COST']), value: maybe, low: maybe, high: maybe, n: maybe, source: z.string(), overridden: z.boolean() })),
  population: z.object({ respondents: num, activeCustomers: num, description: z.string() }),
});
export type BoardCase = z.infer<typeof businessCase>;

const CASE_FIELDS = `title asOf horizonYears discountRate oneOffCost yearlyCost netPresentValue netPerYear roi paybackMonth
  range { low base high method } lineItems { kind value perYear formula inputs counted }
  assumptions { group input value low high n source overridden } population { respondents activeCustomers description }`;

const npsMetric = z.object({ nps: maybe, n: num, ciLow: maybe, ciHigh: maybe });
const programme = z.object({
  /** The company currency: every amount of the pack and the digest is written in it. */
  companySettings: z.object({ currency: z.string() }),
  statusDiagnosis: z.object({
    programme: z.string(),
    reasons: z.array(z.string()),
    asOf: z.string(),
    npsLevel: npsMetric,
    churnLevel: z.object({ share: maybe, ciLow: maybe, ciHigh: maybe, n: num }),
    npsTrend: z.object({ slopePerMonth: maybe, ciLow: maybe, ciHigh: maybe, significant: z.boolean().nullable() }),
    npsPoints: z.array(z.object({ bucket: z.string(), value: maybe, ciLow: maybe, ciHigh: maybe, n: num, complete: z.boolean() })),
  }),
  targets: z.array(
    z.object({
      name: z.string(),
      metric: z.string(),
      progress: z.object({
        status: z.string(),
        unit: z.string(),
        baseline: num,
        targetValue: num,
        dueDate: z.string(),
        achieved: maybe,
        now: z.object({ value: maybe, ciLow: maybe, ciHigh: maybe, n: num }).nullable(),
      }),
    }),
  ),
  priorities: z.object({
    touchpoints: z.array(
      z.object({
        touchpointName: z.string(),
        phaseName: z.string().nullable(),
        quadrant: z.string().nullable(),
        importance: maybe,
        nps: npsMetric,
        valueAtStake: maybe,
        valueRank: maybe,
      }),
    ),
  }),
  initiativeRanking: z.array(
    z.object({
      rank: num,
      value: maybe,
      valueLow: maybe,
      valueHigh: maybe,
      cost: num,
      valuePerCost: maybe,
      paybackMonth: maybe,
      problem: z.string().nullable(),
      initiative: z.object({ title: z.string(), status: z.string() }),
    }),
  ),
});
export type Programme = z.infer<typeof programme>;

/** The programme's state: status, targets, priorities and the initiative ranking (the board pack's and the executive digest's numbers). */
export const PROGRAMME_QUERY = `query Programme {
  statusDiagnosis { programme reasons asOf npsLevel { nps n ciLow ciHigh } churnLevel { share ciLow ciHigh n }
    npsTrend { slopePerMonth ciLow ciHigh significant } npsPoints { bucket value ciLow ciHigh n complete } }
  targets { name metric progress { status unit baseline targetValue dueDate achieved now { value ciLow ciHigh n } } }
  priorities { touchpoints { touchpointName phaseName quadrant importance nps { nps n ciLow ciHigh } valueAtStake valueRank } }
  initiativeRanking { rank value valueLow valueHigh cost valuePerCost paybackMonth problem initiative { title status } }
  companySettings { currency }
}`;

export function programmeOf(deps: AppDeps, caller: Caller): Promise<Programme> {
  return runAs(deps, caller, PROGRAMME_QUERY, {}, programme);
}

/** Which business case the pack holds: a saved scenario, or an initiative's case (as the business-case page shows them). */
export type CaseChoice = { scenarioId: string } | { initiativeId: string; personaCode?: string };

export interface BoardPack {
  case: BoardCase;
  /** The saved scenario's name, else the case's title. */
  name: string;
  programme: Programme;
  generatedAt: Date;
}

export async function boardPackOf(deps: AppDeps, caller: Caller, choice: CaseChoice, now = new Date()): Promise<BoardPack> {
  const [chosen, state] = await Promise.all([
    'scenarioId' in choice
      ? runAs(deps, caller, `query($id: ID!) { scenario(id: $id) { name result { ${CASE_FIELDS} } } }`, { id: choice.scenarioId }, z.object({ scenario: z.object({ name: z.string(), result: businessCase }) })).then(
          (r) => ({ name: r.scenario.name, case: r.scenario.result }),
        )
      : runAs(
          deps,
          caller,
          `query($s: BusinessCaseScenarioInput!) { businessCase(scenario: $s) { ${CASE_FIELDS} } }`,
          { s: { initiativeId: choice.initiativeId, ...(choice.personaCode ? { filter: { personaCodes: [choice.personaCode] } } : {}) } },
          z.object({ businessCase }),
        ).then((r) => ({ name: r.businessCase.title, case: r.businessCase })),
    programmeOf(deps, caller),
  ]);
  return { ...chosen, programme: state, generatedAt: now };
}
