import { createHook } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/modules/users/user.enums.js';
import { makeJourney } from '../support/factories.js';
import { codes, makeTestApp, type TestApp } from '../support/testApp.js';
import { lastMonthsStart } from '../../analytics/localDate.js';

let app: TestApp;
let journey: Awaited<ReturnType<typeof makeJourney>>;
let tpCodes: string[][];

/** Writes `count` answers with score `ltr` at touchpoint `code` into the analytics store. */
async function answers(code: string | null, ltr: number, count: number, persona = 'P1', at = '2025-05-01 10:00:00') {
  for (let i = 0; i < count; i++) {
    const id = `${code ?? 'rel'}-${ltr}-${persona}-${at}-${i}`;
    await app.analytics.store.run(`INSERT INTO customers VALUES ($c, $p, 'U1', DATE '2024-01-01', NULL, 100) ON CONFLICT DO NOTHING`, { c: `c-${id}`, p: persona });
    await app.analytics.store.run(
      `INSERT INTO responses (response_id, customer_id, touchpoint_code, responded_at, ltr, satisfaction) VALUES ($id, $c, $code, $at::TIMESTAMP, $ltr, 4)`,
      { id, c: `c-${id}`, code, at, ltr },
    );
  }
}

beforeAll(async () => {
  app = await makeTestApp();
  journey = await makeJourney(app, { phases: 2, touchpointsPerPhase: 2 });
  await app.ok(`mutation { p1: createPersona(input: { name: "One", code: "P1" }) { id } p2: createPersona(input: { name: "Two", code: "P2" }) { id } }`);
  const { journey: map } = await app.ok(`query($id: ID!) { journey(id: $id) { phases { touchpoints { code } } } }`, { id: journey.journeyId });
  tpCodes = map.phases.map((p: any) => p.touchpoints.map((t: any) => t.code));
  // Touchpoint 0.0: 6 promoters, 2 passives, 2 detractors → NPS 40. Touchpoint 1.0: 5 detractors for P2 → -100.
  await answers(tpCodes[0]![0]!, 10, 6);
  await answers(tpCodes[0]![0]!, 7, 2);
  await answers(tpCodes[0]![0]!, 2, 2);
  await answers(tpCodes[1]![0]!, 0, 5, 'P2');
  await answers(null, 9, 4);
});
afterAll(async () => app?.close());

const MAP_WITH_METRICS = `query($id: ID!, $f: AnalyticsFilterInput) {
  journey(id: $id) {
    metrics(filter: $f) { nps { n nps } }
    phases { metrics(filter: $f) { nps { n nps } } touchpoints { code metrics(filter: $f) { nps { n promoters passives detractors nps ciLow ciHigh lowSample } } } }
  }
}`;

describe('metrics through GraphQL', () => {
  it('puts NPS with n and interval on every touchpoint, phase and journey of the map', async () => {
    const { journey: map } = await app.ok(MAP_WITH_METRICS, { id: journey.journeyId }, Role.EXECUTIVE);
    const first = map.phases[0].touchpoints[0].metrics.nps;
    expect(first).toMatchObject({ n: 10, promoters: 6, passives: 2, detractors: 2, lowSample: true });
    expect(first.nps).toBeCloseTo(40, 10);
    // Adjusted Wald (the default): ñ = 13, p̃P = 6.75/13 = 0.51923, p̃D = 2.75/13 = 0.21154; centre 30.769;
    // SE = 100 sqrt((0.73077 - 0.30769^2) / 13) = 22.120; 30.769 ± 1.96 SE = [-12.59, 74.12]
    // (Wald would give 40 ± 1.96 × 25.298 = [-9.58, 89.58], which covers the truth less often at n = 10).
    expect(first.ciLow).toBeCloseTo(-12.586, 1);
    expect(first.ciHigh).toBeCloseTo(74.125, 1);
    expect(map.phases[0].touchpoints[1].metrics).toBeNull();
    expect(map.phases[1].metrics.nps).toMatchObject({ n: 5, nps: -100 });
    expect(map.metrics.nps.n).toBe(15);
  });

  it('narrows the map to a persona and a period', async () => {
    const { journey: map } = await app.ok(MAP_WITH_METRICS, { id: journey.journeyId, f: { personaCodes: ['P2'] } }, Role.ANALYST);
    expect(map.phases[0].touchpoints[0].metrics).toBeNull();
    expect(map.phases[1].touchpoints[0].metrics.nps.n).toBe(5);
    const { journey: empty } = await app.ok(MAP_WITH_METRICS, { id: journey.journeyId, f: { from: '2026-01-01' } }, Role.ANALYST);
    expect(empty.metrics).toBeNull();
  });

  it('groups company metrics by persona and compares two personas with the significance test', async () => {
    const { metrics } = await app.ok(`{ metrics(groupBy: [PERSONA], filter: { survey: TOUCHPOINT }) { key { personaCode } nps { n nps } } }`, {}, Role.STRATEGIST);
    expect(metrics.map((m: any) => [m.key.personaCode, m.nps.n])).toEqual([
      ['P1', 10],
      ['P2', 5],
    ]);
    const { compareMetrics } = await app.ok(
      `{ compareMetrics(a: { personaCodes: ["P1"], survey: TOUCHPOINT }, b: { personaCodes: ["P2"], survey: TOUCHPOINT }) { a { nps { nps } } b { nps { nps } } nps { difference statistic significant } } }`,
      {},
      Role.EXECUTIVE,
    );
    expect(compareMetrics.nps.difference).toBeCloseTo(140, 10);
    expect(compareMetrics.nps.significant).toBe(true);
  });

  it('answers relationship NPS by default for the company as a whole', async () => {
    const { metrics } = await app.ok(`{ metrics { survey nps { n nps } } }`);
    expect(metrics).toEqual([{ survey: 'RELATIONSHIP', nps: { n: 4, nps: 100 } }]);
  });

  it('refuses an unknown persona code with BAD_USER_INPUT naming the allowed codes', async () => {
    const result = await app.gql(`{ metrics(filter: { personaCodes: ["NOPE"] }) { nps { n } } }`);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.message).toBe('personaCodes: unknown "NOPE"; allowed: P1, P2');
  });

  it('refuses a malformed date before it reaches the store', async () => {
    const result = await app.gql(`{ metrics(filter: { from: "yesterday" }) { nps { n } } }`);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.message).toContain('from must be a day that exists, written YYYY-MM-DD');
  });

  it('checks the filter with the one analytics filter schema: each refused field named with its rule, root and map fields alike', async () => {
    const root = await app.gql(`{ metrics(filter: { from: "2024-02-31", personaCodes: ["${'x'.repeat(65)}"] }) { nps { n } } }`);
    expect(root.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'VALIDATION_FAILED',
      fields: [
        { field: 'personaCodes', problems: ['each code must be 1-64 characters'], rules: ['isLength'], limits: { isLength: [1, 64] } },
        { field: 'from', problems: ['must be a day that exists, written YYYY-MM-DD (got "2024-02-31")'], rules: ['isLocalDate'] },
      ],
    });
    const order = await app.gql(MAP_WITH_METRICS, { id: journey.journeyId, f: { from: '2025-02-01', to: '2025-01-01' } });
    expect(new Set(order.errors!.map((e) => JSON.stringify(e.extensions?.fields)))).toEqual(
      new Set([JSON.stringify([{ field: 'to', problems: ['must not be before from (2025-02-01 > 2025-01-01)'], rules: ['notBeforeFrom'] }])]),
    );
  });

  it('refuses a malformed filter on the map fields with BAD_USER_INPUT on every field', async () => {
    const result = await app.gql(MAP_WITH_METRICS, { id: journey.journeyId, f: { from: 'yesterday' } });
    expect(new Set(codes(result))).toEqual(new Set(['BAD_USER_INPUT']));
    expect(result.errors![0]!.message).toContain('from must be a day that exists, written YYYY-MM-DD');
  });

  /** Runs `fn` and records the SQL of every DuckDB statement it sends. */
  async function recordingSql<T>(fn: () => Promise<T>): Promise<{ sql: string[]; result: T }> {
    const store = app.analytics.store;
    const all = store.all.bind(store);
    const sql: string[] = [];
    store.all = ((...args: Parameters<typeof all>) => {
      sql.push(args[0]);
      return all(...args);
    }) as typeof store.all;
    try {
      return { sql, result: await fn() };
    } finally {
      store.all = all;
    }
  }

  it('answers metrics(filter) on every journey, phase and touchpoint with one DuckDB query, however large the map', async () => {
    // A period of its own per call: results are remembered across requests for the same cut.
    const queriesFor = async (journeyId: string, from: string) =>
      (await recordingSql(() => app.ok(MAP_WITH_METRICS, { id: journeyId, f: { from } }, Role.ANALYST))).sql.length;
    const large = await makeJourney(app, { phases: 6, touchpointsPerPhase: 5 });
    const small = await queriesFor(journey.journeyId, '2000-01-01');
    expect(await queriesFor(large.journeyId, '2000-01-02')).toBe(small);
    expect(small).toBe(3); // the data fingerprint, whether the daily rollup is current, then journey, phase and touchpoint level in one statement
  });

  it('counts distinct customers and sums emotions on the map only when the query asks for them', async () => {
    const lean = await recordingSql(() =>
      app.ok(`query($id: ID!, $f: AnalyticsFilterInput) { journey(id: $id) { phases { touchpoints { metrics(filter: $f) { nps { n } } } } } }`, { id: journey.journeyId, f: { from: '2001-01-01' } }),
    );
    expect(lean.sql.some((s) => s.includes('count(DISTINCT') || s.includes('r.professional'))).toBe(false);
    const full = await recordingSql(() =>
      app.ok(`query($id: ID!) { journey(id: $id) { phases { touchpoints { metrics { ...M } } } } } fragment M on Metrics { customers emotions { factor } }`, { id: journey.journeyId }),
    );
    expect(full.sql.some((s) => s.includes('count(DISTINCT') && s.includes('r.professional'))).toBe(true);
    expect(full.result.journey.phases[0].touchpoints[0].metrics.customers).toBe(10);
  });

  it('serves the same cut of the map again from memory until the answers change', async () => {
    const f = { personaCodes: ['P1'], from: '2025-01-01' };
    const statements = async () => {
      const { sql, result } = await recordingSql(() => app.ok(MAP_WITH_METRICS, { id: journey.journeyId, f }, Role.ANALYST));
      return { count: sql.length, n: result.journey.metrics.nps.n as number };
    };
    const first = await statements();
    const again = await statements();
    expect(again).toEqual({ count: 1, n: first.n }); // only the data fingerprint
    await answers(tpCodes[0]![1]!, 9, 3, 'P1', '2025-06-01 10:00:00');
    const after = await statements();
    expect(after.n).toBe(first.n + 3);
    expect(after.count).toBe(first.count);
  });

  it('completes the phases and touchpoints of a remembered map without a promise per touchpoint', async () => {
    // Promises created while a map is answered (async_hooks sees every one). Their garbage grew with the
    // requests in flight; the phases now wait for the journey's metrics, and every field below is answered
    // at once from them and from the remembered model (MetricsService.cutsInFlight, MAP_FIELD_RESOLVERS).
    const promisesFor = async (journeyId: string) => {
      const vars = { id: journeyId, f: { from: '2003-01-01' } };
      await app.ok(MAP_WITH_METRICS, vars, Role.ANALYST); // the model and the cut remembered
      let created = 0;
      const hook = createHook({
        init(_id, type) {
          if (type === 'PROMISE') created++;
        },
      }).enable();
      try {
        const { journey: map } = await app.ok(MAP_WITH_METRICS, vars, Role.ANALYST);
        return { created, touchpoints: map.phases.flatMap((p: any) => p.touchpoints).length };
      } finally {
        hook.disable();
      }
    };
    const large = await makeJourney(app, { phases: 6, touchpointsPerPhase: 5 });
    const small = await promisesFor(journey.journeyId);
    const big = await promisesFor(large.journeyId);
    expect(big.touchpoints - small.touchpoints).toBe(26);
    // Before: about a dozen promises per touchpoint (type-graphql's wrapper, the async resolvers, graphql-js's
    // Promise.all over each touchpoint's fields), so 26 more touchpoints made hundreds more.
    expect(big.created - small.created).toBeLessThan(26);
  });

  it('computes a new cut\'s phase and journey figures beside the touchpoints\' metrics, not before them', async () => {
    // The phases wait for the journey's figures only when those are remembered (a promise per field
    // saved); a cut being computed lets them go on, so the touchpoints' statement starts at once.
    const store = app.analytics.store;
    const all = store.all.bind(store);
    const events: string[] = [];
    store.all = (async (...args: Parameters<typeof all>) => {
      const kind = args[0].includes('GROUPING SETS') ? 'touchpoints' : args[0].includes('JOIN map_groups') ? 'figures' : null;
      if (kind) events.push(`${kind} start`);
      try {
        return await all(...args);
      } finally {
        if (kind) events.push(`${kind} end`);
      }
    }) as typeof store.all;
    try {
      const { journey: map } = await app.ok(
        `query($id: ID!, $f: AnalyticsFilterInput) { journey(id: $id) { mapMetrics(filter: $f) { metrics { nps { n } } } phases { touchpoints { metrics(filter: $f) { nps { n } } } } } }`,
        { id: journey.journeyId, f: { from: '2004-01-01', to: '2025-05-31' } },
        Role.ANALYST,
      );
      expect(map.mapMetrics.metrics.nps.n).toBe(15);
      expect(map.phases[0].touchpoints[0].metrics.nps.n).toBe(10);
    } finally {
      store.all = all;
    }
    expect(events.filter((e) => e.endsWith('start')).sort()).toEqual(['figures start', 'touchpoints start']);
    expect(events.indexOf('touchpoints start')).toBeLessThan(events.indexOf('figures end'));
  });

  it('puts the server’s pooled figures on every phase and journey of the map, to-be copies included, in a fixed number of statements', async () => {
    const MAP = `query($id: ID!, $f: AnalyticsFilterInput) { journey(id: $id) {
      mapMetrics(filter: $f) { asIs codes metrics { measure nps { n nps ciLow ciHigh } } }
      phases { mapMetrics(filter: $f) { asIs codes metrics { measure nps { n nps ciLow ciHigh } } } } } }`;
    // Up to May: the later test's June answers stay out whatever the order.
    const { journey: asIs } = await app.ok(MAP, { id: journey.journeyId, f: { from: '2002-01-01', to: '2025-05-31' } }, Role.EXECUTIVE);
    // Phase 1 pools touchpoint 0.0 (6/2/2) and 0.1 (none): the touchpoint's own NPS 40 with its interval.
    expect(asIs.phases[0].mapMetrics).toMatchObject({ asIs: false, codes: [...tpCodes[0]!].sort(), metrics: { measure: 'NPS', nps: { n: 10, nps: 40 } } });
    expect(asIs.phases[0].mapMetrics.metrics.nps.ciLow).toBeCloseTo(-12.586, 1);
    expect(asIs.phases[1].mapMetrics.metrics.nps).toMatchObject({ n: 5, nps: -100 });
    // 6 promoters, 7 detractors of 15.
    expect(asIs.mapMetrics.metrics.nps).toMatchObject({ n: 15 });
    expect(asIs.mapMetrics.metrics.nps.nps).toBeCloseTo((100 * (6 - 7)) / 15, 10);

    const { copyJourneyToBe: copy } = await app.ok(`mutation($id: ID!) { copyJourneyToBe(id: $id) { id } }`, { id: journey.journeyId });
    const { journey: toBe } = await app.ok(MAP, { id: copy.id, f: { from: '2002-01-02', to: '2025-05-31' } }, Role.EXECUTIVE);
    expect(toBe.phases[0].mapMetrics).toMatchObject({ asIs: true, codes: [...tpCodes[0]!].sort(), metrics: { nps: { n: 10, nps: 40 } } });
    expect(toBe.mapMetrics).toMatchObject({ asIs: true, metrics: { nps: { n: 15 } } });

    const large = await makeJourney(app, { phases: 6, touchpointsPerPhase: 5 });
    const count = async (id: string, from: string) => (await recordingSql(() => app.ok(MAP, { id, f: { from, to: '2025-05-31' } }, Role.ANALYST))).sql.length;
    const small = await count(journey.journeyId, '2002-01-03');
    expect(await count(large.journeyId, '2002-01-04')).toBe(small);
    expect(small).toBe(4); // the data fingerprint, whether the daily rollup is current, the phases' and journeys' survey codes, the figures in one grouped scan
  });

  const MAP_BY_MONTHS = `query($id: ID!, $f: AnalyticsFilterInput, $m: Int) { journey(id: $id) {
    mapMetrics(filter: $f, lastMonths: $m) { metrics { nps { n nps } } }
    phases { mapMetrics(filter: $f, lastMonths: $m) { metrics { nps { n nps } } } touchpoints { code metrics(filter: $f, lastMonths: $m) { nps { n nps ciLow ciHigh } } } } } }`;

  it('reads lastMonths on the map fields as the months up to the latest answer, the days the client would send, from the same remembered result', async () => {
    // Where the answers end depends on the tests before this one (one adds June answers): read it, as the client would.
    const { dataCoverage } = await app.ok(`{ dataCoverage { asOf } }`, {}, Role.ANALYST);
    const days = { personaCodes: ['P1'], from: lastMonthsStart(dataCoverage.asOf, 3), to: dataCoverage.asOf };
    const byDays = await app.ok(MAP_BY_MONTHS, { id: journey.journeyId, f: days }, Role.ANALYST);
    expect(byDays.journey.phases[0].touchpoints[0].metrics.nps.n).toBeGreaterThan(0);
    // The same cut by months: the server works the days out from the remembered coverage and finds the
    // result just computed for them, so the only statement is the data fingerprint.
    const { sql, result: byMonths } = await recordingSql(() => app.ok(MAP_BY_MONTHS, { id: journey.journeyId, f: { personaCodes: ['P1'] }, m: 3 }, Role.ANALYST));
    expect(byMonths).toEqual(byDays);
    expect(sql).toHaveLength(1);
    // Counted from today instead, three months would hold none of these answers (all dated 2025).
    const { journey: all } = await app.ok(MAP_BY_MONTHS, { id: journey.journeyId, m: 120 }, Role.ANALYST);
    expect(all.mapMetrics.metrics.nps.n).toBeGreaterThanOrEqual(15);
  });

  it('moves lastMonths on the map to the latest answer when new answers arrive', async () => {
    const months = { id: journey.journeyId, f: { personaCodes: ['P2'] }, m: 1 };
    const before = await app.ok(MAP_BY_MONTHS, months, Role.ANALYST);
    // Later answers than any so far: "the last month" is now the month up to them, which leaves the older ones out.
    await answers(tpCodes[1]![0]!, 10, 4, 'P2', '2025-09-15 10:00:00');
    const after = await app.ok(MAP_BY_MONTHS, months, Role.ANALYST);
    expect(before.journey.phases[1].touchpoints[0].metrics?.nps.n ?? 0).not.toBe(4);
    expect(after.journey.phases[1].touchpoints[0].metrics.nps).toMatchObject({ n: 4, nps: 100 });
  });

  it('refuses lastMonths on the map fields beside the filter\'s own days, or outside 1..120, naming it', async () => {
    for (const [variables, words] of [
      [{ m: 12, f: { from: '2025-01-01' } }, 'leave the filter'],
      [{ m: 0 }, 'from 1 to 120'],
      [{ m: 121 }, 'from 1 to 120'],
    ] as const) {
      const result = await app.gql(MAP_BY_MONTHS, { id: journey.journeyId, ...variables }, Role.ANALYST);
      expect(new Set(codes(result))).toEqual(new Set(['BAD_USER_INPUT']));
      // The journey's figures cannot be null, so their refusal stands for the whole journey; each names lastMonths.
      expect(result.data?.journey ?? null).toBeNull();
      for (const error of result.errors!) {
        expect(error.extensions!.field).toBe('lastMonths');
        expect(error.message).toContain(words);
      }
    }
  });

  it('gives every journey of the journeys list its figures, a to-be journey the as-is figures it builds on, in a fixed number of statements', async () => {
    const LIST = `query($f: AnalyticsFilterInput) { journeys { id state improves { id } mapMetrics(filter: $f) { asIs metrics { measure nps { n nps ciLow ciHigh } } } } }`;
    const { copyJourneyToBe: copy } = await app.ok(`mutation($id: ID!) { copyJourneyToBe(id: $id, name: "List to-be") { id } }`, { id: journey.journeyId });
    const f = { from: '2002-02-01', to: '2025-05-31' };
    const { sql, result } = await recordingSql(() => app.ok(LIST, { f }, Role.EXECUTIVE));
    const byId = new Map<string, any>(result.journeys.map((j: any) => [j.id, j]));
    const asIs = byId.get(journey.journeyId);
    const toBe = byId.get(copy.id);
    // The as-is journey's own answers: 6 promoters, 7 detractors of 15.
    expect(asIs.mapMetrics).toMatchObject({ asIs: false, metrics: { measure: 'NPS', nps: { n: 15 } } });
    expect(asIs.mapMetrics.metrics.nps.nps).toBeCloseTo((100 * (6 - 7)) / 15, 10);
    // The to-be copy has no answers of its own: it shows the as-is figures, marked as such, interval included.
    expect(toBe).toMatchObject({ state: 'TO_BE', improves: { id: journey.journeyId } });
    expect(toBe.mapMetrics).toEqual({ asIs: true, metrics: asIs.mapMetrics.metrics });
    // A list of many journeys costs the same as one: the fingerprint, the groups, the figures (the ORM's own list statements aside).
    const analytics = sql.length;
    await makeJourney(app, { phases: 3, touchpointsPerPhase: 2 });
    const again = await recordingSql(() => app.ok(LIST, { f: { ...f, from: '2002-02-02' } }, Role.EXECUTIVE));
    expect(again.result.journeys.length).toBe(result.journeys.length + 1);
    expect(again.sql.length).toBe(analytics);
    expect(analytics).toBe(3);
  });
});
