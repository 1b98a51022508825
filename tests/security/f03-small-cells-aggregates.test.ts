import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Alert, AlertRule } from '../../server/modules/alerts/alert.entity.js';
import type { AlertEvidence } from '../../server/modules/alerts/alert.evaluate.js';
import { checkAlerts } from '../../server/modules/alerts/alert.service.js';
import { programmeOf } from '../../server/modules/reports/boardPack.data.js';
import { callerOf } from '../../server/modules/reports/runAs.js';
import { User } from '../../server/modules/users/user.entity.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { startSecurityApp, type SecurityApp } from './support/securityApp.js';

// Finding 3 beyond metrics: every other aggregate a role can read (trends, loyalty by satisfaction, persona
// gaps, units, business-case inputs, ...) hides a cell from fewer than MIN_CELL_CUSTOMERS distinct customers
// for roles without individual access (server/auth/privacy.ts minCellCustomersFor: EXECUTIVE, STRATEGIST),
// and shows it to ADMIN and ANALYST. The threshold is raised to 20 here so that the small generated data set
// (300 customers) has cells on both sides of it; the truth of each cell comes from an ADMIN request.
const MIN = 20;
const SUPPRESSED_ROLES = [Role.EXECUTIVE, Role.STRATEGIST] as const;

let app: SecurityApp;
beforeAll(async () => {
  app = await startSecurityApp({ app: { minCellCustomers: MIN } });
});
afterAll(async () => app?.close());

async function data<T>(role: Role, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await app.gql(query, variables, await app.cookie(role));
  expect(result.json?.errors).toBeUndefined();
  return result.json?.data as T;
}

interface Cell {
  /** Distinct customers behind the cell, as an admin reads it. */
  truth: number;
  suppressed: boolean;
  /** The cell's figures as the suppressed role got them. */
  figures: unknown[];
}

/**
 * The rule: a cell below the threshold is hidden (and its figures are empty); a shown cell is at or above
 * it; the data holds cells on both sides (so the assertions cannot pass on an empty or uniform result).
 */
function expectSuppressed(cells: readonly Cell[], empty: unknown[]) {
  const small = cells.filter((c) => c.truth > 0 && c.truth < MIN);
  const shown = cells.filter((c) => !c.suppressed);
  expect(small.length, 'cells below the threshold in the data').toBeGreaterThan(0);
  expect(shown.filter((c) => c.truth >= MIN).length, 'cells at or above the threshold shown').toBeGreaterThan(0);
  for (const c of small) expect(c.suppressed).toBe(true);
  // An empty cell describes nobody and is shown as empty.
  for (const c of shown) expect(c.truth === 0 || c.truth >= MIN).toBe(true);
  for (const c of cells.filter((x) => x.suppressed)) expect(c.figures).toEqual(empty);
}

/** Cuts from wide to narrow: everyone, each persona, each unit (the generated data's cells range from a handful of customers to hundreds). */
async function cuts(survey?: string): Promise<Record<string, unknown>[]> {
  const personas = await app.analytics.store.all<{ code: string }>('SELECT DISTINCT persona_code AS code FROM customers ORDER BY 1');
  const units = await app.analytics.store.all<{ code: string }>('SELECT DISTINCT unit_code AS code FROM customers WHERE unit_code IS NOT NULL ORDER BY 1');
  const extra = survey ? { survey } : {};
  return [extra, ...personas.map((p) => ({ ...extra, personaCodes: [p.code] })), ...units.map((u) => ({ ...extra, unitCodes: [u.code] }))];
}

/** The person-facing roles see the cells; nothing is suppressed for them. */
const expectNoneSuppressed = (flags: readonly boolean[]) => {
  expect(flags.length).toBeGreaterThan(0);
  expect(flags.every((f) => !f)).toBe(true);
};

describe('trend', () => {
  const TREND = `query ($metric: TrendMetric!, $bucket: TrendBucket!, $filter: AnalyticsFilterInput) {
    trend(metric: $metric, bucket: $bucket, filter: $filter) { points { bucket n value ciLow ciHigh suppressed } slope { buckets n } }
  }`;
  interface Trend { trend: { points: { bucket: string; n: number; value: number | null; ciLow: number | null; ciHigh: number | null; suppressed: boolean }[]; slope: { buckets: number; n: number } } }
  const MONTHLY = `query ($filter: AnalyticsFilterInput) { metrics(filter: $filter, groupBy: [MONTH]) { key { bucket } customers } }`;

  it('hides NPS buckets of fewer customers than the threshold, shows those at or above it, per role', async () => {
    for (const role of SUPPRESSED_ROLES) {
      const cells: Cell[] = [];
      for (const filter of await cuts('RELATIONSHIP')) {
        const truth = new Map(
          (await data<{ metrics: { key: { bucket: string }; customers: number }[] }>(Role.ADMIN, MONTHLY, { filter })).metrics.map((m) => [m.key.bucket, m.customers]),
        );
        const { trend } = await data<Trend>(role, TREND, { metric: 'NPS', bucket: 'MONTH', filter });
        cells.push(...trend.points.map((p) => ({ truth: truth.get(p.bucket) ?? 0, suppressed: p.suppressed, figures: [p.n, p.value, p.ciLow, p.ciHigh] })));
        // Hidden buckets are not fitted: the slope rests on the shown ones only.
        expect(trend.slope.n).toBeLessThanOrEqual(trend.points.filter((p) => !p.suppressed).reduce((s, p) => s + p.n, 0));
      }
      expectSuppressed(cells, [0, null, null, null]);
    }
    for (const role of [Role.ADMIN, Role.ANALYST]) {
      const filter = (await cuts('RELATIONSHIP'))[1];
      expectNoneSuppressed((await data<Trend>(role, TREND, { metric: 'NPS', bucket: 'MONTH', filter })).trend.points.map((p) => p.suppressed));
    }
  });

  it('hides churn buckets of fewer customers at risk than the threshold', async () => {
    // One unit's customers at risk per month: some months below 20, some above, in the generated data.
    const { units } = await data<{ units: { units: { unitCode: string; customers: number }[] } }>(Role.ADMIN, `{ units { units { unitCode customers } } }`);
    const unit = units.units.find((u) => u.customers >= MIN)!;
    const variables = { metric: 'CHURN', bucket: 'MONTH', filter: { unitCodes: [unit.unitCode] } };
    const admin = new Map((await data<Trend>(Role.ADMIN, TREND, variables)).trend.points.map((p) => [p.bucket, p.n]));
    const { trend } = await data<Trend>(Role.EXECUTIVE, TREND, variables);
    expectSuppressed(trend.points.map((p) => ({ truth: admin.get(p.bucket) ?? 0, suppressed: p.suppressed, figures: [p.n, p.value, p.ciLow, p.ciHigh] })), [0, null, null, null]);
  });
});

describe('loyaltyBySatisfaction', () => {
  const LOYALTY = `query ($filter: AnalyticsFilterInput) { loyaltyBySatisfaction(filter: $filter) {
    byNps { group customers suppressed churn { n share } annualMargin { n mean } acquisitionCost { mean } lifetimeValue { value } }
    byCsat { group customers suppressed churn { n share } annualMargin { n mean } acquisitionCost { mean } lifetimeValue { value } }
    all { customers suppressed } withoutCsat } }`;
  interface Group { group: string; customers: number; suppressed: boolean; churn: { n: number; share: number | null }; annualMargin: { n: number; mean: number | null }; acquisitionCost: { mean: number | null }; lifetimeValue: { value: number | null } }
  interface Loyalty { loyaltyBySatisfaction: { byNps: Group[]; byCsat: Group[]; all: { customers: number; suppressed: boolean }; withoutCsat: number | null } }
  const figures = (g: Group) => [g.customers, g.churn.n, g.churn.share, g.annualMargin.n, g.annualMargin.mean, g.acquisitionCost.mean, g.lifetimeValue.value];

  it('hides groups of fewer customers than the threshold, shows those at or above it, per role', async () => {
    const cells: Cell[] = [];
    for (const filter of await cuts()) {
      const admin = (await data<Loyalty>(Role.ADMIN, LOYALTY, { filter })).loyaltyBySatisfaction;
      const truth = new Map([...admin.byNps, ...admin.byCsat].map((g) => [g.group, g.customers]));
      expect([...admin.byNps, ...admin.byCsat].every((g) => !g.suppressed)).toBe(true);
      for (const role of SUPPRESSED_ROLES) {
        const shown = (await data<Loyalty>(role, LOYALTY, { filter })).loyaltyBySatisfaction;
        cells.push(...[...shown.byNps, ...shown.byCsat].map((g) => ({ truth: truth.get(g.group)!, suppressed: g.suppressed, figures: figures(g) })));
        // The groups add up to all (with those without a rating): one hidden group never stands alone.
        for (const table of [shown.byNps, shown.byCsat]) expect(table.filter((g) => g.suppressed).length).not.toBe(1);
        if (shown.withoutCsat === null) expect(shown.byCsat.some((g) => g.suppressed)).toBe(true);
      }
    }
    expectSuppressed(cells, [0, 0, null, 0, null, null, null]);
  });
});

describe('personaGaps', () => {
  const GAPS = `query ($filter: AnalyticsFilterInput, $minN: Int) { personaGaps(filter: $filter, minN: $minN) {
    phases { phaseId personas { personaCode suppressed nps { n nps } } } } }`;
  interface Gaps { personaGaps: { phases: { phaseId: string; personas: { personaCode: string; suppressed: boolean; nps: { n: number; nps: number | null } }[] }[] } }
  const BY_PHASE = `query ($filter: AnalyticsFilterInput) { metrics(filter: $filter, groupBy: [PHASE, PERSONA]) { key { phaseId personaCode } customers } }`;

  it("hides a persona's NPS at a phase from fewer customers than the threshold, shows it at or above, per role", async () => {
    const [last] = await app.analytics.store.all<{ month: string }>("SELECT strftime(max(responded_at) - INTERVAL 3 MONTH, '%Y-%m-%d') AS month FROM responses");
    const filter = { from: last!.month };
    const truth = new Map(
      (await data<{ metrics: { key: { phaseId: string; personaCode: string }; customers: number }[] }>(Role.ADMIN, BY_PHASE, { filter: { ...filter, survey: 'TOUCHPOINT' } })).metrics.map((m) => [
        `${m.key.phaseId}|${m.key.personaCode}`,
        m.customers,
      ]),
    );
    for (const role of SUPPRESSED_ROLES) {
      const { personaGaps } = await data<Gaps>(role, GAPS, { filter, minN: 2 });
      expectSuppressed(
        personaGaps.phases.flatMap((g) => g.personas.map((p) => ({ truth: truth.get(`${g.phaseId}|${p.personaCode}`) ?? 0, suppressed: p.suppressed, figures: [p.nps.n, p.nps.nps] }))),
        [0, null],
      );
    }
    expectNoneSuppressed((await data<Gaps>(Role.ANALYST, GAPS, { filter, minN: 2 })).personaGaps.phases.flatMap((g) => g.personas.map((p) => p.suppressed)));
  });
});

describe('emotionCurve', () => {
  const CURVE = `query ($journeyId: ID!, $filter: AnalyticsFilterInput) { emotionCurve(journeyId: $journeyId, filter: $filter) { phases {
    phaseId suppressed nps { n nps } csat { n mean } emotion { n value ciLow } npsEmotion { n value } gap
    touchpoints { code suppressed nps { n nps } csat { n mean } emotion { n value ciLow } npsEmotion { n value } gap } } } }`;
  interface Step { suppressed: boolean; nps: { n: number; nps: number | null }; csat: { n: number; mean: number | null }; emotion: { n: number; value: number | null; ciLow: number | null }; npsEmotion: { n: number; value: number | null }; gap: number | null }
  interface Curve { emotionCurve: { phases: (Step & { phaseId: string; touchpoints: (Step & { code: string | null })[] })[] } }
  const TRUTH = `query ($filter: AnalyticsFilterInput) { phases: metrics(filter: $filter, groupBy: [PHASE]) { key { phaseId } customers }
    touchpoints: metrics(filter: $filter, groupBy: [TOUCHPOINT]) { key { touchpointCode } customers } }`;
  interface Truth { phases: { key: { phaseId: string }; customers: number }[]; touchpoints: { key: { touchpointCode: string }; customers: number }[] }
  const figures = (s: Step) => [s.nps.n, s.nps.nps, s.csat.n, s.csat.mean, s.emotion.n, s.emotion.value, s.emotion.ciLow, s.npsEmotion.n, s.npsEmotion.value, s.gap];

  it('hides the measured emotion of a phase or touchpoint from fewer customers than the threshold, shows it at or above, per role', async () => {
    const journeys = await app.analytics.store.all<{ id: string }>('SELECT journey_id AS id FROM dim_journeys ORDER BY 1');
    const [last] = await app.analytics.store.all<{ month: string }>("SELECT strftime(max(responded_at) - INTERVAL 3 MONTH, '%Y-%m-%d') AS month FROM responses");
    const filters = (await cuts()).map((cut) => ({ ...cut, from: last!.month }));
    const cells = new Map<Role, Cell[]>(SUPPRESSED_ROLES.map((role) => [role, []]));
    const analystFlags: boolean[] = [];
    for (const { id: journeyId } of journeys) {
      for (const filter of filters) {
        const truth = await data<Truth>(Role.ADMIN, TRUTH, { filter: { ...filter, journeyId, survey: 'TOUCHPOINT' } });
        const phaseTruth = new Map(truth.phases.map((m) => [m.key.phaseId, m.customers]));
        const touchpointTruth = new Map(truth.touchpoints.map((m) => [m.key.touchpointCode, m.customers]));
        for (const role of SUPPRESSED_ROLES) {
          const { emotionCurve } = await data<Curve>(role, CURVE, { journeyId, filter });
          for (const phase of emotionCurve.phases) {
            cells.get(role)!.push({ truth: phaseTruth.get(phase.phaseId) ?? 0, suppressed: phase.suppressed, figures: figures(phase) });
            for (const t of phase.touchpoints) cells.get(role)!.push({ truth: (t.code && touchpointTruth.get(t.code)) || 0, suppressed: t.suppressed, figures: figures(t) });
          }
        }
      }
      const { emotionCurve } = await data<Curve>(Role.ANALYST, CURVE, { journeyId, filter: filters[0] });
      analystFlags.push(...emotionCurve.phases.flatMap((p) => [p.suppressed, ...p.touchpoints.map((t) => t.suppressed)]));
    }
    for (const role of SUPPRESSED_ROLES) expectSuppressed(cells.get(role)!, [0, null, 0, null, 0, null, null, 0, null, null]);
    expectNoneSuppressed(analystFlags);
  });
});

describe('units', () => {
  const UNITS = `query ($filter: AnalyticsFilterInput) { units(filter: $filter) { units { unitCode suppressed nps { n nps } marginPerCustomer { n mean } } correlations { a b n } } }`;
  interface Units { units: { units: { unitCode: string; suppressed: boolean; nps: { n: number; nps: number | null }; marginPerCustomer: { n: number; mean: number | null } }[]; correlations: { a: string; b: string; n: number }[] } }

  it("hides a unit's NPS and margin from fewer customers than the threshold, shows them at or above, per role", async () => {
    // One persona's customers per unit: a few in some units, more in others.
    const personas = await app.analytics.store.all<{ code: string }>('SELECT persona_code AS code FROM customers GROUP BY 1 ORDER BY count(*) DESC');
    const filter = { personaCodes: [personas[0]!.code] };
    const admin = (await data<Units>(Role.ADMIN, UNITS, { filter })).units;
    const margin = new Map(admin.units.map((u) => [u.unitCode, u.marginPerCustomer.n]));
    expectNoneSuppressed(admin.units.map((u) => u.suppressed));
    for (const role of SUPPRESSED_ROLES) {
      const { units } = await data<Units>(role, UNITS, { filter });
      expectSuppressed(
        units.units.map((u) => ({ truth: margin.get(u.unitCode)!, suppressed: u.marginPerCustomer.n === 0 && margin.get(u.unitCode)! > 0, figures: [u.marginPerCustomer.n, u.marginPerCustomer.mean] })),
        [0, null],
      );
      for (const u of units.units.filter((x) => x.suppressed && x.nps.n === 0)) expect(u.nps.nps).toBeNull();
      // A hidden value leaves the correlations: fewer units than the admin's.
      const npsMargin = (r: Units['units']) => r.correlations.find((c) => c.a === 'NPS' && c.b === 'MARGIN')!.n;
      expect(npsMargin(units)).toBeLessThan(npsMargin(admin));
    }
  });
});

describe('businessCase', () => {
  const CASE = `query ($s: BusinessCaseScenarioInput!) { businessCase(scenario: $s) { netPresentValue assumptions { group input value n suppressed overridden } } }`;
  const LOYALTY = `query ($filter: AnalyticsFilterInput) { loyaltyBySatisfaction(filter: $filter) { byNps { group customers suppressed } } }`;
  interface Loyalty { loyaltyBySatisfaction: { byNps: { group: string; customers: number; suppressed: boolean }[] } }
  interface Case { businessCase: { netPresentValue: number; assumptions: { group: string; input: string; value: number | null; n: number | null; suppressed: boolean; overridden: boolean }[] } }

  it('feeds no figure of a loyalty group below the threshold into the case; a move out of it must bring its own figures', async () => {
    // A cut where one NPS group is below the threshold and another is shown to the executive.
    let chosen: { filter: Record<string, unknown>; small: string; large: string } | undefined;
    for (const filter of await cuts()) {
      const truth = (await data<Loyalty>(Role.ADMIN, LOYALTY, { filter })).loyaltyBySatisfaction.byNps;
      const shown = (await data<Loyalty>(Role.EXECUTIVE, LOYALTY, { filter })).loyaltyBySatisfaction.byNps;
      const small = truth.find((g) => g.customers > 0 && g.customers < MIN);
      const large = shown.find((g) => !g.suppressed && g.customers >= MIN);
      if (small && large) chosen = { filter, small: small.group, large: large.group };
      if (chosen) break;
    }
    expect(chosen, 'a cut with a small and a large NPS group').toBeDefined();
    const { filter, small, large } = chosen!;
    const scenario = { filter, moves: [{ from: large, to: small, share: 0.1 }] };

    const refused = await app.gql(CASE, { s: scenario }, await app.cookie(Role.EXECUTIVE));
    expect(refused.json?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.json?.errors?.[0]?.message).toMatch(/fewer than 20, so their .* is hidden to protect their privacy/);

    const overrides = [{ group: small, churn12m: 0.1, annualMargin: 1000, acquisitionCost: 500 }];
    const exec = (await data<Case>(Role.EXECUTIVE, CASE, { s: { ...scenario, overrides } })).businessCase;
    const admin = (await data<Case>(Role.ADMIN, CASE, { s: { ...scenario, overrides } })).businessCase;
    const smallRows = (c: Case['businessCase']) => c.assumptions.filter((a) => a.group === small);
    expect(smallRows(exec).every((a) => a.overridden && !a.suppressed)).toBe(true);
    // The other groups: below the threshold (or hidden beside one) suppressed with no figures; the large one shown.
    for (const a of exec.assumptions.filter((x) => x.group !== small)) {
      if (a.suppressed) expect([a.value, a.n]).toEqual([null, null]);
      else expect(a.n).toBeGreaterThanOrEqual(MIN);
    }
    expect(exec.assumptions.some((a) => a.group === large && !a.suppressed && a.value !== null)).toBe(true);
    expect(admin.assumptions.every((a) => !a.suppressed)).toBe(true);
  });
});

describe("businessCase: an initiative's per-touchpoint counts", () => {
  const CASE = `query ($s: BusinessCaseScenarioInput!) { businessCase(scenario: $s) {
    moves { basis } translation { touchpointCode from customersAtTouchpoint movers satisfactionChange ltrShift moves { customers } explanation suppressed } } }`;
  interface Step { touchpointCode: string; from: string; customersAtTouchpoint: number | null; movers: number | null; satisfactionChange: number | null; ltrShift: number | null; moves: unknown[]; explanation: string; suppressed: boolean }
  interface Case { businessCase: { moves: { basis: string }[]; translation: Step[] } }

  it('hides the counts of a touchpoint group below the threshold in the translation steps, shows those at or above it, per role', async () => {
    const { initiatives } = await data<{ initiatives: { id: string }[] }>(Role.ADMIN, `{ initiatives { id } }`);
    const cells: Cell[] = [];
    for (const role of SUPPRESSED_ROLES) {
      for (const { id } of initiatives) {
        const admin = await app.gql(CASE, { s: { initiativeId: id } }, await app.cookie(Role.ADMIN));
        const shown = await app.gql(CASE, { s: { initiativeId: id } }, await app.cookie(role));
        const truthCase = admin.json?.data as Case | undefined;
        const roleCase = shown.json?.data as Case | undefined;
        // A case the data cannot carry (no effect, a loyalty group hidden from the role) is refused as a whole elsewhere.
        if (!truthCase?.businessCase || !roleCase?.businessCase) continue;
        expect(truthCase.businessCase.translation.every((s) => !s.suppressed)).toBe(true);
        const truth = new Map(truthCase.businessCase.translation.map((s) => [`${s.touchpointCode}|${s.from}`, s.customersAtTouchpoint!]));
        for (const step of roleCase.businessCase.translation) {
          cells.push({ truth: truth.get(`${step.touchpointCode}|${step.from}`)!, suppressed: step.suppressed, figures: [step.customersAtTouchpoint, step.movers, step.satisfactionChange, step.ltrShift, step.moves.length] });
          if (step.suppressed) {
            expect(step.explanation).toMatch(/fewer than 20 .*hidden to protect privacy/);
            // The case's moves name no count for it either (shown steps read "… via CODE (40% of its N detractors …").
            expect(roleCase.businessCase.moves.filter((m) => m.basis.includes(`via ${step.touchpointCode} (`))).toEqual([]);
          }
        }
      }
    }
    expectSuppressed(cells, [null, null, null, null, 0]);
  });

  it("refuses a case whose hidden steps add up to fewer customers than the threshold (the case's total would show them)", async () => {
    const { initiatives } = await data<{ initiatives: { id: string }[] }>(Role.ADMIN, `{ initiatives { id } }`);
    const units = await app.analytics.store.all<{ code: string }>('SELECT DISTINCT unit_code AS code FROM customers WHERE unit_code IS NOT NULL ORDER BY 1');
    // Narrow cuts (one unit) make small touchpoint groups; the full data has large ones.
    const filters = [{}, ...units.map((u) => ({ unitCodes: [u.code] }))];
    let refused = 0;
    let shownWithHidden = 0;
    for (const { id } of initiatives) {
      for (const filter of filters) {
        const truth = (await app.gql(CASE, { s: { initiativeId: id, filter } }, await app.cookie(Role.ADMIN))).json?.data as Case | undefined;
        if (!truth?.businessCase) continue;
        const small = new Map(truth.businessCase.translation.map((s) => [`${s.touchpointCode}|${s.from}`, s.customersAtTouchpoint ?? 0]));
        const result = await app.gql(CASE, { s: { initiativeId: id, filter } }, await app.cookie(Role.EXECUTIVE));
        const shown = (result.json?.data as Case | undefined)?.businessCase;
        if (!shown) {
          const error = result.json?.errors?.[0];
          if (!String(error?.message).includes('at the touchpoints whose figures are hidden to protect privacy')) continue; // refused for another reason (a hidden loyalty group)
          expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
          refused += 1;
          continue;
        }
        const hidden = shown.translation.filter((s) => s.suppressed);
        if (hidden.length === 0) continue;
        shownWithHidden += 1;
        // What the case's total reveals about the hidden steps is their sum: never a small group.
        const hiddenCustomers = hidden.reduce((sum, s) => sum + small.get(`${s.touchpointCode}|${s.from}`)!, 0);
        expect(hiddenCustomers).toBeGreaterThanOrEqual(MIN);
      }
    }
    expect(refused, 'cases refused because their hidden steps are few customers in all').toBeGreaterThan(0);
    expect(shownWithHidden + refused).toBeGreaterThan(0);
  });
});

describe('priorities', () => {
  const PRIORITIES = `query ($filter: AnalyticsFilterInput) { priorities(filter: $filter) {
    touchpoints { touchpointCode suppressed customersReached importance valueAtStake nps { n nps } csat { n mean } notEstimatedReason } } }`;
  interface Priorities { priorities: { touchpoints: { touchpointCode: string; suppressed: boolean; customersReached: number; importance: number | null; valueAtStake: number | null; nps: { n: number; nps: number | null }; csat: { n: number; mean: number | null }; notEstimatedReason: string | null }[] } }

  it('hides touchpoints reached by fewer customers than the threshold, shows those at or above it, per role', async () => {
    const cells: Cell[] = [];
    for (const filter of (await cuts()).slice(0, 4)) {
      const admin = (await data<Priorities>(Role.ADMIN, PRIORITIES, { filter })).priorities.touchpoints;
      expect(admin.every((t) => !t.suppressed)).toBe(true);
      const truth = new Map(admin.map((t) => [t.touchpointCode, t.customersReached]));
      for (const role of SUPPRESSED_ROLES) {
        const { touchpoints } = (await data<Priorities>(role, PRIORITIES, { filter })).priorities;
        cells.push(...touchpoints.map((t) => ({ truth: truth.get(t.touchpointCode)!, suppressed: t.suppressed, figures: [t.customersReached, t.importance, t.valueAtStake, t.nps.n, t.nps.nps, t.csat.n, t.csat.mean] })));
        for (const t of touchpoints.filter((x) => x.suppressed)) expect(t.notEstimatedReason).toMatch(/fewer than 20 customers .*hidden to protect privacy/);
      }
    }
    expectSuppressed(cells, [0, null, null, 0, null, 0, null]);
  });
});

describe('drivers', () => {
  const DRIVERS = `query ($filter: AnalyticsFilterInput) { drivers(filter: $filter, minN: 4) { drivers { touchpointCode n share } excluded { touchpointCode n reason suppressed } } }`;
  interface Drivers { drivers: { drivers: { touchpointCode: string; n: number; share: number | null }[]; excluded: { touchpointCode: string; n: number; reason: string; suppressed: boolean }[] } }

  it('leaves out touchpoints with fewer customers than the threshold (flagged suppressed), keeps those at or above it, per role', async () => {
    let small = 0;
    let kept = 0;
    for (const filter of (await cuts()).slice(0, 4)) {
      const admin = (await data<Drivers>(Role.ADMIN, DRIVERS, { filter })).drivers;
      expect(admin.excluded.every((e) => !e.suppressed)).toBe(true);
      expect((await data<Drivers>(Role.ANALYST, DRIVERS, { filter })).drivers.drivers.map((d) => d.touchpointCode)).toEqual(admin.drivers.map((d) => d.touchpointCode));
      for (const role of SUPPRESSED_ROLES) {
        const shown = (await data<Drivers>(role, DRIVERS, { filter })).drivers;
        const hidden = new Map(shown.excluded.map((e) => [e.touchpointCode, e]));
        for (const d of admin.drivers.filter((x) => x.n < MIN)) {
          small++;
          expect(shown.drivers.some((x) => x.touchpointCode === d.touchpointCode)).toBe(false);
          expect(hidden.get(d.touchpointCode)).toMatchObject({ reason: 'LOW_N', suppressed: true });
        }
        for (const d of shown.drivers) expect(d.n).toBeGreaterThanOrEqual(MIN);
        kept += shown.drivers.length;
      }
    }
    expect(small, 'touchpoints below the threshold in the data').toBeGreaterThan(0);
    expect(kept, 'touchpoints at or above the threshold kept').toBeGreaterThan(0);
  });
});

describe('emotionalDrivers', () => {
  const EMOTIONAL = `query ($filter: AnalyticsFilterInput) { emotionalDrivers(filter: $filter) {
    pooled { suppressed n } touchpoints { touchpointCode suppressed n satisfaction { n mean } factors { level { n mean } share } } } }`;
  interface Emotional { emotionalDrivers: { pooled: { suppressed: boolean; n: number }; touchpoints: { touchpointCode: string; suppressed: boolean; n: number; satisfaction: { n: number; mean: number | null }; factors: { level: { n: number; mean: number | null }; share: number | null }[] }[] } }

  it("hides a touchpoint's factor levels and weights from fewer customers than the threshold, shows them at or above it, per role", async () => {
    const cells: Cell[] = [];
    const personas = await app.analytics.store.all<{ code: string }>('SELECT DISTINCT persona_code AS code FROM customers ORDER BY 1');
    for (const persona of [null, ...personas.map((p) => p.code)]) {
      // The definition's cell: distinct customers whose touchpoint answers rate at least one factor.
      const truth = new Map(
        (await app.analytics.store.all<{ code: string; customers: number }>(
          `SELECT r.touchpoint_code AS code, count(DISTINCT r.customer_id)::INTEGER AS customers FROM responses r JOIN customers c USING (customer_id)
           WHERE r.touchpoint_code IS NOT NULL AND (r.professional IS NOT NULL OR r.sympathetic IS NOT NULL OR r.trustworthy IS NOT NULL OR r.atmosphere IS NOT NULL)
             AND ($persona::VARCHAR IS NULL OR c.persona_code = $persona) GROUP BY 1`,
          { persona },
        )).map((r) => [r.code, r.customers]),
      );
      const filter = persona ? { personaCodes: [persona] } : {};
      expect((await data<Emotional>(Role.ANALYST, EMOTIONAL, { filter })).emotionalDrivers.touchpoints.every((t) => !t.suppressed)).toBe(true);
      for (const role of SUPPRESSED_ROLES) {
        const { emotionalDrivers } = await data<Emotional>(role, EMOTIONAL, { filter });
        expect(emotionalDrivers.pooled.suppressed).toBe(false);
        cells.push(...emotionalDrivers.touchpoints.map((t) => ({
          truth: truth.get(t.touchpointCode) ?? 0,
          suppressed: t.suppressed,
          figures: [t.n, t.satisfaction.n, t.satisfaction.mean, ...t.factors.flatMap((f) => [f.level.n, f.level.mean, f.share])],
        })));
      }
    }
    expectSuppressed(cells, [0, 0, null, ...Array.from({ length: 4 }, () => [0, null, null]).flat()]);
  });
});

describe('alert evidence', () => {
  const ALERTS = `{ alerts { scopeCode evidence { suppressed difference z pValue recent { nps { n nps } } baseline { nps { n nps } } } } }`;
  interface Alerts { alerts: { scopeCode: string; evidence: { suppressed: boolean; difference: number | null; z: number | null; pValue: number | null; recent: { nps: { n: number; nps: number | null } }; baseline: { nps: { n: number; nps: number | null } } } }[] }

  it('hides both windows of an alert whose recent or baseline answers come from fewer customers than the threshold, per role', async () => {
    // Real evidence from a check over the generated data (every scope's test, raised or not), stored as alerts.
    // The generated data ends today, so how many customers a unit has in a recent window changes from day to
    // day: rules of several window lengths are checked, and the first whose units fall on both sides of the
    // threshold is used (on 2026-12-07 no unit had 20 customers in 45 days, and the largest had 13 in 120 days).
    const smallest = (e: AlertEvidence) => Math.min(e.recent.customers, e.baseline.customers);
    const ruleIds: string[] = [];
    for (const windowDays of [45, 90, 180, 270, 365]) {
      const { createAlertRule } = await data<{ createAlertRule: { id: string } }>(Role.ADMIN, `mutation { createAlertRule(input: { name: "Units, ${windowDays} days", scope: UNIT, windowDays: ${windowDays}, baselineDays: 365, minN: 5 }) { id } }`);
      ruleIds.push(createAlertRule.id);
    }
    const [last] = await app.analytics.store.all<{ day: string }>('SELECT max(responded_at)::VARCHAR AS day FROM responses');
    const checks = await checkAlerts(app.orm.em.fork(), app.analytics.store, { now: new Date(`${last!.day.slice(0, 10)}T12:00:00Z`) });
    const sides = checks
      .filter((c) => ruleIds.includes(c.rule.id))
      .map((c) => ({ rule: c.rule.id, small: c.evidence.find((e) => smallest(e) > 0 && smallest(e) < MIN), large: c.evidence.find((e) => smallest(e) >= MIN) }));
    expect(sides.map((s) => s.rule)).toEqual(ruleIds);
    const both = sides.find((s) => s.small && s.large);
    expect(both, `a window length with a unit below the threshold and a unit at or above it (${JSON.stringify(checks.map((c) => [c.rule.windowDays, c.evidence.map(smallest)]))})`).toBeDefined();
    const { small, large } = both!;
    const em = app.orm.em.fork();
    await em.nativeDelete(Alert, {});
    const rule = em.getReference(AlertRule, both!.rule);
    for (const evidence of [small!, large!]) em.create(Alert, { rule, scope: evidence.scope, scopeCode: evidence.scopeCode, evidence: { ...evidence }, raisedAt: new Date() });
    await em.flush();

    for (const role of SUPPRESSED_ROLES) {
      const { alerts } = await data<Alerts>(role, ALERTS);
      const hidden = alerts.find((a) => a.scopeCode === small!.scopeCode)!.evidence;
      expect(hidden.suppressed).toBe(true);
      expect([hidden.difference, hidden.z, hidden.pValue, hidden.recent.nps.n, hidden.recent.nps.nps, hidden.baseline.nps.n, hidden.baseline.nps.nps]).toEqual([null, null, null, 0, null, 0, null]);
      const shown = alerts.find((a) => a.scopeCode === large!.scopeCode)!.evidence;
      expect(shown.suppressed).toBe(false);
      expect(shown.recent.nps.n).toBe(large!.recent.n);
      expect(shown.difference).toBe(large!.difference);
    }
    for (const role of [Role.ADMIN, Role.ANALYST]) {
      const { alerts } = await data<Alerts>(role, ALERTS);
      expect(alerts.map((a) => a.evidence.suppressed)).toEqual([false, false]);
      expect(alerts.find((a) => a.scopeCode === small!.scopeCode)!.evidence.recent.nps.n).toBe(small!.recent.n);
    }
  });
});

describe('statusDiagnosis, and the programme figures of the board pack and the weekly digest', () => {
  const STATUS = `query ($filter: AnalyticsFilterInput) { statusDiagnosis(filter: $filter) {
    period { start end } suppressed npsLevel { n nps } npsPoints { bucket n value suppressed } churnPoints { bucket n value suppressed } } }`;
  interface Point { bucket: string; n: number; value: number | null; suppressed: boolean }
  interface Status { statusDiagnosis: { period: { start: string; end: string }; suppressed: boolean; npsLevel: { n: number; nps: number | null }; npsPoints: Point[]; churnPoints: Point[] } }
  const MONTHLY = `query ($filter: AnalyticsFilterInput) { metrics(filter: $filter, groupBy: [MONTH]) { key { bucket } customers } }`;

  it('hides monthly NPS and churn of fewer customers than the threshold, shows them at or above it, per role', async () => {
    const nps: Cell[] = [];
    const churn: Cell[] = [];
    for (const filter of await cuts()) {
      const admin = (await data<Status>(Role.ADMIN, STATUS, { filter })).statusDiagnosis;
      expect([admin.suppressed, ...admin.npsPoints.map((p) => p.suppressed)].every((f) => !f)).toBe(true);
      const { start, end } = admin.period;
      const customers = new Map(
        (await data<{ metrics: { key: { bucket: string }; customers: number }[] }>(Role.ADMIN, MONTHLY, { filter: { ...filter, survey: 'RELATIONSHIP', from: start, to: end } })).metrics.map((m) => [m.key.bucket, m.customers]),
      );
      const atRisk = new Map(admin.churnPoints.map((p) => [p.bucket, p.n]));
      for (const role of SUPPRESSED_ROLES) {
        const shown = (await data<Status>(role, STATUS, { filter })).statusDiagnosis;
        nps.push(...shown.npsPoints.map((p) => ({ truth: customers.get(p.bucket) ?? 0, suppressed: p.suppressed, figures: [p.n, p.value] })));
        churn.push(...shown.churnPoints.map((p) => ({ truth: atRisk.get(p.bucket) ?? 0, suppressed: p.suppressed, figures: [p.n, p.value] })));
      }
    }
    expectSuppressed(nps, [0, null]);
    expectSuppressed(churn, [0, null]);
  });

  it('the board pack and digest read the programme through the same suppressed fields: a touchpoint reached by too few customers has no NPS for an executive', async () => {
    const PRIORITIES = `{ priorities { touchpoints { touchpointName customersReached } } }`;
    const reached = new Map((await data<{ priorities: { touchpoints: { touchpointName: string; customersReached: number }[] } }>(Role.ADMIN, PRIORITIES)).priorities.touchpoints.map((t) => [t.touchpointName, t.customersReached]));
    const callerFor = async (role: Role) => callerOf(await app.orm.em.fork().findOneOrFail(User, { email: app.account(role).email }));
    const executive = await programmeOf(app.deps, await callerFor(Role.EXECUTIVE));
    const admin = await programmeOf(app.deps, await callerFor(Role.ADMIN));
    const small = executive.priorities.touchpoints.filter((t) => reached.get(t.touchpointName)! < MIN);
    expect(small.length, 'touchpoints reached by fewer than 20 customers').toBeGreaterThan(0);
    for (const t of small) expect([t.nps.n, t.nps.nps, t.importance, t.valueAtStake]).toEqual([0, null, null, null]);
    expect(executive.priorities.touchpoints.filter((t) => t.nps.n > 0).every((t) => reached.get(t.touchpointName)! >= MIN)).toBe(true);
    expect(executive.priorities.touchpoints.some((t) => t.nps.n > 0)).toBe(true);
    const adminSmall = admin.priorities.touchpoints.filter((t) => reached.get(t.touchpointName)! < MIN);
    expect(adminSmall.some((t) => t.nps.n > 0)).toBe(true);
  });
});
