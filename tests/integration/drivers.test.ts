import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/modules/users/user.enums.js';
import { makeJourney } from '../support/factories.js';
import { codes, makeTestApp, type TestApp } from '../support/testApp.js';

/**
 * Drivers, emotional drivers, priorities and persona gaps through GraphQL on a real Postgres and DuckDB:
 * a journey of 2 phases × 2 touchpoints, personas P1 and P2, and hand-made answers.
 */
let app: TestApp;
let tp: string[][];
let touchpointIds: string[][];

interface Answer {
  customer: string;
  persona?: string;
  code: string | null;
  ltr: number;
  satisfaction?: number | null;
  factors?: [number, number, number, number];
}

async function write(answers: Answer[]) {
  for (const [i, a] of answers.entries()) {
    await app.analytics.store.run(
      `INSERT INTO customers VALUES ($c, $p, 'U1', DATE '2024-01-01', NULL, 100) ON CONFLICT DO NOTHING`,
      { c: a.customer, p: a.persona ?? 'P1' },
    );
    const [professional, sympathetic, trustworthy, atmosphere] = a.factors ?? [null, null, null, null];
    await app.analytics.store.run(
      `INSERT INTO responses (response_id, customer_id, touchpoint_code, responded_at, ltr, satisfaction, professional, sympathetic, trustworthy, atmosphere)
       VALUES ($id, $c, $code, TIMESTAMP '2025-05-01 10:00:00', $ltr, $sat, $prof, $symp, $trust, $atm)`,
      { id: `r${i}`, c: a.customer, code: a.code, ltr: a.ltr, sat: a.satisfaction ?? null, prof: professional, symp: sympathetic, trust: trustworthy, atm: atmosphere },
    );
  }
}

beforeAll(async () => {
  app = await makeTestApp();
  const journey = await makeJourney(app, { phases: 2, touchpointsPerPhase: 2 });
  touchpointIds = journey.touchpointIds;
  await app.ok(`mutation { p1: createPersona(input: { name: "One", code: "P1" }) { id } p2: createPersona(input: { name: "Two", code: "P2" }) { id } }`);
  const { journey: map } = await app.ok(`query($id: ID!) { journey(id: $id) { phases { touchpoints { code } } } }`, { id: journey.journeyId });
  tp = map.phases.map((p: any) => p.touchpoints.map((t: any) => t.code));
  const [a, b] = tp[0]!;
  const c = tp[1]![0]!;
  const ids = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
  const sat = [1, 2, 3, 4, 5, 2];
  const satB = [2, 2, 5, 4, 1, 3];
  const ltr = [3, 4, 6, 9, 10, 2];
  // professional, sympathetic, trustworthy, atmosphere per customer.
  const factors: [number, number, number, number][] = [[2, 1, 1, 3], [2, 3, 2, 3], [3, 2, 4, 3], [4, 5, 4, 2], [4, 4, 5, 4], [3, 4, 3, 5]];
  await write([
    // Touchpoint a: satisfaction and LTR per customer, with emotional factors; touchpoint b: other ratings.
    ...ids.map((customer, i): Answer => ({ customer, code: a!, satisfaction: sat[i]!, ltr: ltr[i]!, factors: factors[i]! })),
    ...ids.map((customer, i): Answer => ({ customer, code: b!, satisfaction: satB[i]!, ltr: [6, 10, 9, 0, 8, 7][i]! })),
    ...ids.map((customer, i): Answer => ({ customer, code: null, ltr: ltr[i]! })),
    // Persona P2 at touchpoint c: 6 detractors; P1: 6 promoters.
    ...ids.map((customer): Answer => ({ customer: `${customer}-p2`, persona: 'P2', code: c, satisfaction: 1, ltr: 2 })),
    ...ids.map((customer): Answer => ({ customer, code: c, satisfaction: 5, ltr: 10 })),
  ]);
});
afterAll(async () => app?.close());

describe('drivers', () => {
  const DRIVERS = `query($f: AnalyticsFilterInput, $o: DriverOutcome, $n: Int) {
    drivers(filter: $f, outcome: $o, minN: $n) {
      outcome outcomeDefinition predictorDefinition rSquared customers censoredCustomers minN minPairN repaired
      drivers { touchpointCode touchpointName n correlation correlationLow correlationHigh rawWeight share beta rank }
      excluded { touchpointCode n reason detail }
    }
  }`;

  it('gives correlations with n and interval, relative weights and ranks for an executive', async () => {
    const { drivers } = await app.ok(DRIVERS, { n: 4, f: { personaCodes: ['P1'] } }, Role.EXECUTIVE);
    expect(drivers).toMatchObject({ outcome: 'LTR', customers: 6, minN: 4, repaired: false, censoredCustomers: 0 });
    // Touchpoint c: everyone in P1 answered 5, so no correlation exists; it is listed, not dropped silently.
    expect(drivers.excluded).toEqual([expect.objectContaining({ touchpointCode: tp[1]![0], n: 6, reason: 'NO_VARIANCE' })]);
    expect(drivers.drivers.map((d: any) => d.n)).toEqual([6, 6]);
    expect(drivers.drivers.map((d: any) => d.rank)).toEqual([1, 2]);
    const [first] = drivers.drivers;
    expect(first.correlationLow).toBeLessThan(first.correlation);
    expect(first.correlationHigh).toBeGreaterThan(first.correlation);
    const sum = drivers.drivers.reduce((s: number, d: any) => s + d.rawWeight, 0);
    expect(sum).toBeCloseTo(drivers.rSquared, 12);
    expect(drivers.drivers.reduce((s: number, d: any) => s + d.share, 0)).toBeCloseTo(1, 12);
  });

  it('answers 12-month retention with the censoring stated', async () => {
    const { drivers } = await app.ok(DRIVERS, { n: 4, o: 'RETENTION_12M' }, Role.ANALYST);
    // All answers are from 2025-05-01 and the data end that day: nobody's 12 months are over.
    expect(drivers).toMatchObject({ outcome: 'RETENTION_12M', customers: 0, drivers: [], rSquared: null });
    expect(drivers.censoredCustomers).toBe(12);
    expect(drivers.outcomeDefinition).toContain('censored');
  });

  it('refuses bad arguments with BAD_USER_INPUT naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ f: { personaCodes: ['NOPE'] } }, 'personaCodes'],
      [{ n: 1 }, 'minN'],
      [{ f: { survey: 'RELATIONSHIP' } }, 'survey'],
    ];
    for (const [variables, field] of cases) {
      const result = await app.gql(DRIVERS, variables);
      expect(codes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.extensions!.field).toBe(field);
      expect(result.errors![0]!.message.startsWith(`${field}: `)).toBe(true);
    }
    // The filter schema (analytics/model/filter.ts) refuses as every input check does: the field with its rule.
    const order = await app.gql(DRIVERS, { f: { from: '2025-06-01', to: '2025-01-01' } });
    expect(codes(order)).toEqual(['BAD_USER_INPUT']);
    expect(order.errors![0]!.extensions!.fields).toEqual([{ field: 'to', problems: ['must not be before from (2025-06-01 > 2025-01-01)'], rules: ['notBeforeFrom'] }]);
    const unknownPersona = await app.gql(DRIVERS, { f: { personaCodes: ['NOPE'] } });
    expect(unknownPersona.errors![0]!.message).toBe('personaCodes: unknown "NOPE"; allowed: P1, P2');
    const badOutcome = await app.gql(DRIVERS, { o: 'NPS' });
    expect(codes(badOutcome)).toEqual(['BAD_USER_INPUT']);
    expect(badOutcome.errors![0]!.message).toContain('DriverOutcome');
  });
});

describe('drivers after many model edits', () => {
  it('still answers when dim_touchpoints rowids have passed 32767 (every sync re-inserts the rows)', async () => {
    // DuckDB does not reuse rowids: stand in for a few hundred model syncs with one big insert and delete.
    await app.analytics.store.run(
      `INSERT INTO dim_touchpoints SELECT 'x' || i, 'j', 'p', 0, 0, NULL, 'n', 'WEB', TRUE, TRUE, NULL, FALSE, FALSE, NULL FROM range(40000) t(i)`,
    );
    await app.analytics.store.run(`DELETE FROM dim_touchpoints WHERE touchpoint_id LIKE 'x%'`);
    // A change the store copies (a name), so the sync writes the rows again (an unchanged model is not rewritten).
    await app.ok(`mutation($id: ID!) { updateTouchpoint(id: $id, input: { name: "Renamed after many edits" }) { id } }`, { id: touchpointIds[0]![0] });
    const [row] = await app.analytics.store.all<{ low: number }>(`SELECT min(rowid)::INTEGER AS low FROM dim_touchpoints`);
    expect(row!.low).toBeGreaterThan(32767);
    const { drivers } = await app.ok(`query($f: AnalyticsFilterInput) { drivers(filter: $f, minN: 4) { customers drivers { touchpointCode rank } } }`, { f: { personaCodes: ['P1'] } });
    expect(drivers.customers).toBe(6);
    expect(drivers.drivers.map((d: any) => d.rank)).toEqual([1, 2]);
  });
});

describe('emotionalDrivers', () => {
  const EMOTIONS = `query($f: AnalyticsFilterInput, $code: String, $n: Int) {
    emotionalDrivers(filter: $f, touchpointCode: $code, minN: $n) {
      definition minN
      pooled { touchpointCode n rSquared lowSample satisfaction { n mean } factors { factor n correlation rawWeight share rank level { n mean ciLow ciHigh } } }
      touchpoints { touchpointCode n }
    }
  }`;

  it('gives factor levels and their weights on satisfaction for one touchpoint', async () => {
    const { emotionalDrivers } = await app.ok(EMOTIONS, { code: tp[0]![0], n: 4 }, Role.STRATEGIST);
    const { pooled } = emotionalDrivers;
    expect(pooled).toMatchObject({ touchpointCode: tp[0]![0], n: 6, lowSample: false, satisfaction: { n: 6 } });
    const professional = pooled.factors.find((f: any) => f.factor === 'PROFESSIONAL');
    expect(professional.level).toMatchObject({ n: 6, mean: 3 });
    expect(professional.level.ciLow).toBeLessThan(3);
    expect(pooled.factors.reduce((s: number, f: any) => s + f.rawWeight, 0)).toBeCloseTo(pooled.rSquared, 12);
    expect(pooled.factors.map((f: any) => f.rank).sort()).toEqual([1, 2, 3, 4]);
    expect(emotionalDrivers.touchpoints).toEqual([{ touchpointCode: tp[0]![0], n: 6 }]);
  });

  it('refuses an unknown touchpoint code', async () => {
    const result = await app.gql(EMOTIONS, { code: 'TP_NOPE' });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.extensions!.field).toBe('touchpointCode');
    expect(result.errors![0]!.message).toContain('allowed:');
  });
});

describe('priorities', () => {
  const PRIORITIES = `query($f: AnalyticsFilterInput, $n: Int, $t: Float, $s: PerformanceSplit) {
    priorities(filter: $f, minN: $n, targetNps: $t, performanceSplit: $s) {
      outcome rSquared driverCustomers importanceSplit performanceSplit performanceSplitNps defaultTargetNps defaultTargetSource
      splitDescription valueAtStakeFormula detractorShareThreshold
      notEstimated { touchpointCode reason }
      touchpoints {
        touchpointCode phaseName importance importanceN nps { n nps ciLow ciHigh lowSample } csat { n mean }
        quadrant important strong critical difficultInModel difficultMeasured difficultReasons
        targetNps targetSource gapNps customersReached customersWithMargin annualMarginPerCustomer valueAtStake valueRank
      }
    }
  }`;

  it('takes a touchpoint NPS target from Postgres and the targetNps argument for the rest', async () => {
    await app.ok(
      `mutation($tp: ID!) { createTarget(input: { name: "Quote NPS", metric: NPS, scope: TOUCHPOINT, touchpointId: $tp, baseline: 0,
         baselineDate: "2025-01-01T00:00:00.000Z", targetValue: 30, dueDate: "2099-01-01T00:00:00.000Z" }) { id } }`,
      { tp: touchpointIds[0]![0] },
    );
    const { priorities } = await app.ok(PRIORITIES, { n: 4, t: 10, f: { personaCodes: ['P1'] } }, Role.EXECUTIVE);
    const byCode = new Map(priorities.touchpoints.map((t: any) => [t.touchpointCode, t]));
    const a: any = byCode.get(tp[0]![0]);
    const b: any = byCode.get(tp[0]![1]);
    expect(a).toMatchObject({ targetNps: 30, targetSource: 'TARGET', customersReached: 6, customersWithMargin: 0, annualMarginPerCustomer: null, valueAtStake: null });
    expect(b).toMatchObject({ targetNps: 10, targetSource: 'ARGUMENT' });
    // No profitability rows: value at stake cannot be computed, and says so with nulls rather than zeros.
    expect(priorities.touchpoints.every((t: any) => t.valueRank === null)).toBe(true);
    expect(a.nps).toMatchObject({ n: 6, lowSample: false });
    expect(a.importance + b.importance).toBeCloseTo(1, 12);
    // NPS: a −33.3 (2 promoters, 4 detractors of 6), b 0 (2, 2, 2). Splits: median share 0.5, median NPS −16.7.
    expect(priorities.importanceSplit).toBeCloseTo(0.5, 12);
    expect(priorities.performanceSplitNps).toBeCloseTo(-50 / 3, 10);
    expect(a.strong).toBe(false);
    expect(b.strong).toBe(true);
    const important = a.importance >= 0.5;
    expect(a.quadrant).toBe(important ? 'FIX_FIRST' : 'LOW_PRIORITY');
    expect(b.quadrant).toBe(b.importance >= 0.5 ? 'KEEP_UP' : 'POSSIBLE_OVERKILL');
    expect(priorities.valueAtStakeFormula).toContain('customersReached');
    expect(priorities.notEstimated).toEqual([{ touchpointCode: tp[1]![0], reason: 'NO_VARIANCE' }]);
  });

  it('reads lastMonths as the months up to the latest answer, the days the client would send', async () => {
    // Every answer is dated 2025-05-01, so 12 months up to it are 2024-05-02..2025-05-01; counted from
    // today instead they would hold no answer.
    const { dataCoverage } = await app.ok(`{ dataCoverage { asOf } }`, {}, Role.EXECUTIVE);
    expect(dataCoverage.asOf).toBe('2025-05-01');
    const byMonths = await app.ok(`query($m: Int) { priorities(lastMonths: $m, minN: 4) { touchpoints { touchpointCode importance nps { n nps } } } }`, { m: 12 }, Role.EXECUTIVE);
    const byDays = await app.ok(
      `query($f: AnalyticsFilterInput) { priorities(filter: $f, minN: 4) { touchpoints { touchpointCode importance nps { n nps } } } }`,
      { f: { from: '2024-05-02', to: '2025-05-01' } },
      Role.EXECUTIVE,
    );
    expect(byMonths).toEqual(byDays);
    expect(byMonths.priorities.touchpoints.some((t: any) => t.nps.n > 0)).toBe(true);
  });

  it('refuses lastMonths beside the filter\'s own days, or outside 1..120, naming it', async () => {
    for (const [variables, words] of [
      [{ m: 12, f: { from: '2025-01-01' } }, 'leave the filter'],
      [{ m: 0 }, 'from 1 to 120'],
      [{ m: 121 }, 'from 1 to 120'],
    ] as const) {
      const result = await app.gql(`query($m: Int, $f: AnalyticsFilterInput) { priorities(lastMonths: $m, filter: $f) { outcome } }`, variables, Role.EXECUTIVE);
      expect(codes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.extensions!.field).toBe('lastMonths');
      expect(result.errors![0]!.message).toContain(words);
    }
  });

  it('refuses a target NPS outside -100..100', async () => {
    const result = await app.gql(PRIORITIES, { t: 500 });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.extensions!.field).toBe('targetNps');
  });
});

describe('personaGaps', () => {
  it('ranks the phase where personas differ most, with the test', async () => {
    const { personaGaps } = await app.ok(
      `query { personaGaps(minN: 5) { minN phases { phaseName touchpointCode highPersona lowPersona difference se z pValue significant rank personas { personaCode nps { n nps } } }
               touchpoints { touchpointCode difference } } }`,
      {},
      Role.EXECUTIVE,
    );
    expect(personaGaps.phases).toHaveLength(1);
    // Both personas answered the second phase's first touchpoint: P1 all promoters (100), P2 all detractors (−100).
    expect(personaGaps.phases[0]).toMatchObject({ phaseName: 'Phase 1', touchpointCode: null, highPersona: 'P1', lowPersona: 'P2', difference: 200, rank: 1 });
    // Every answer in one category on both sides: SE 0, so no z (not infinitely significant).
    expect(personaGaps.phases[0]).toMatchObject({ se: 0, z: null, significant: null });
    expect(personaGaps.touchpoints).toEqual([{ touchpointCode: tp[1]![0], difference: 200 }]);
  });

  it('refuses a single persona', async () => {
    const result = await app.gql(`query { personaGaps(filter: { personaCodes: ["P1"] }) { minN } }`);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.extensions!.field).toBe('personaCodes');
  });
});
