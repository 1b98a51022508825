/**
 * The hand-written baseline of the API section: plain node:http, one `pg` statement per Postgres read,
 * one DuckDB statement per metrics read, the same statistics functions (analytics/stats) and the same
 * analytics core for the prioritisation. It checks the bearer token with one statement, as the API does.
 * What it leaves out is the API's machinery: Apollo, graphql-js validation and execution, type-graphql,
 * MikroORM's identity map and dataloaders, the query-cost rules.
 */
import { createHash } from 'node:crypto';
import type http from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import { listValue } from '@duckdb/node-api';
import pg from 'pg';
import { getPriorities } from '../analytics/queries/priorities/getPriorities.js';
import { computeNps, csatMean } from '../analytics/stats/index.js';
import type { JsonRow, Queryable } from '../analytics/store.js';
import type { QueryName } from './api.js';

interface Filter {
  personaCodes: string[];
  from: string;
  to: string;
}

/** Journey, phases, touchpoints and their departments in one statement. */
const MAP_SQL = `
  SELECT j.id AS j_id, j.name AS j_name, j.state, p.id AS p_id, p.name AS p_name, p.position AS p_position, p.emotion,
         t.id AS t_id, t.name AS t_name, t.position AS t_position, t.code, t.channel, t.online, t.direct, t.critical, t.responsible,
         d.id AS d_id, d.name AS d_name
    FROM journey j JOIN phase p ON p.journey_id = j.id
    LEFT JOIN touchpoint t ON t.phase_id = p.id LEFT JOIN department d ON d.id = t.department_id
   WHERE j.id = $1 ORDER BY p.position, t.position`;

/** Counts and sums for the journey, each phase and each touchpoint in one grouped statement. */
const METRICS_SQL = `
  SELECT GROUPING(t.phase_id, r.touchpoint_code)::INTEGER AS level, t.phase_id, r.touchpoint_code,
         count(*)::INTEGER AS n,
         count(*) FILTER (WHERE r.ltr >= 9)::INTEGER AS promoters,
         count(*) FILTER (WHERE r.ltr BETWEEN 7 AND 8)::INTEGER AS passives,
         count(*) FILTER (WHERE r.ltr <= 6)::INTEGER AS detractors,
         count(r.satisfaction)::INTEGER AS csat_n, coalesce(sum(r.satisfaction), 0)::DOUBLE AS csat_sum,
         coalesce(sum(r.satisfaction * r.satisfaction), 0)::DOUBLE AS csat_sq
    FROM responses r JOIN customers c ON c.customer_id = r.customer_id
    JOIN dim_touchpoints t ON t.code = r.touchpoint_code
   WHERE t.journey_id = $journey AND list_contains($personas, c.persona_code)
     AND r.responded_at >= $from::DATE AND r.responded_at < $to::DATE + INTERVAL 1 DAY
   GROUP BY GROUPING SETS ((), (t.phase_id), (r.touchpoint_code))`;

const AUTH_SQL = `SELECT u.id FROM credential c JOIN "user" u ON u.id = c.user_id
   WHERE c.secret_hash = $1 AND c.revoked_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > now()) AND u.active`;

/** Target NPS per touchpoint code: the next one due, else the last one due (as touchpointNpsTargets). */
const TARGETS_SQL = `
  SELECT DISTINCT ON (t.code) t.code, g.target_value FROM target g JOIN touchpoint t ON t.id = g.touchpoint_id
   WHERE g.scope = 'TOUCHPOINT' AND g.metric = 'NPS' AND t.code IS NOT NULL
   ORDER BY t.code, g.due_date < current_date, CASE WHEN g.due_date >= current_date THEN g.due_date END, g.due_date DESC`;

function metricsOf(row: JsonRow | undefined) {
  if (!row) return null;
  const num = (k: string) => Number(row[k] ?? 0);
  const nps = computeNps({ promoters: num('promoters'), passives: num('passives'), detractors: num('detractors') });
  const csat = csatMean({ n: num('csat_n'), sum: num('csat_sum'), sumSquares: num('csat_sq') });
  return {
    nps: { n: nps.n, nps: nps.nps, ciLow: nps.ciLow, ciHigh: nps.ciHigh, promoters: nps.promoters, passives: nps.passives, detractors: nps.detractors, lowSample: nps.lowSample },
    csat: { mean: csat.mean, n: csat.n },
  };
}

export function createBaseline(options: { pgUrl: string; store: Queryable; journeyId: string; filter: Filter }) {
  const pool = new pg.Pool({ connectionString: options.pgUrl, max: 10 });
  const { store, filter } = options;

  async function map(id: string) {
    const [{ rows }, metricRows] = await Promise.all([
      pool.query(MAP_SQL, [id]),
      store.all(METRICS_SQL, { journey: id, personas: listValue(filter.personaCodes), from: filter.from, to: filter.to }),
    ]);
    const first = rows[0];
    if (!first) return { data: null };
    const byPhase = new Map(metricRows.filter((r) => r.level === 1).map((r) => [r.phase_id, r]));
    const byTouchpoint = new Map(metricRows.filter((r) => r.level === 2).map((r) => [r.touchpoint_code, r]));
    const phases = new Map<string, Record<string, unknown> & { touchpoints: unknown[] }>();
    for (const row of rows) {
      let phase = phases.get(row.p_id);
      if (!phase) {
        phase = { id: row.p_id, name: row.p_name, position: row.p_position, emotion: row.emotion, metrics: metricsOf(byPhase.get(row.p_id)), touchpoints: [] };
        phases.set(row.p_id, phase);
      }
      if (!row.t_id) continue;
      phase.touchpoints.push({
        id: row.t_id, name: row.t_name, position: row.t_position, code: row.code, channel: row.channel, online: row.online, direct: row.direct,
        critical: row.critical, responsible: row.responsible, department: row.d_id ? { id: row.d_id, name: row.d_name } : null,
        metrics: row.code ? metricsOf(byTouchpoint.get(row.code)) : null,
      });
    }
    const journey = metricRows.find((r) => r.level === 3);
    return { data: { journey: { id: first.j_id, name: first.j_name, state: first.state, metrics: metricsOf(journey), phases: [...phases.values()] } } };
  }

  async function lookup(id: string) {
    const { rows } = await pool.query('SELECT id, name, state, purpose, owner FROM journey WHERE id = $1', [id]);
    return { data: { journey: rows[0] ?? null } };
  }

  async function priorities() {
    const { rows } = await pool.query<{ code: string; target_value: number }>(TARGETS_SQL);
    const result = await getPriorities(store, filter, { targets: new Map(rows.map((r) => [r.code, r.target_value])) });
    return {
      data: {
        priorities: {
          outcome: result.drivers.outcome,
          rSquared: result.drivers.rSquared,
          driverCustomers: result.drivers.customers,
          touchpoints: result.touchpoints.map((t) => ({
            touchpointCode: t.touchpointCode, touchpointName: t.touchpointName, importance: t.importance, quadrant: t.quadrant,
            nps: { nps: t.nps.nps, n: t.nps.n, ciLow: t.nps.ciLow, ciHigh: t.nps.ciHigh },
            targetNps: t.targetNps, gapNps: t.gapNps, customersReached: t.customersReached, valueAtStake: t.valueAtStake, valueRank: t.valueRank,
          })),
        },
      },
    };
  }

  const routes: Record<QueryName, () => Promise<unknown>> = {
    'journey map (240 tp)': () => map(options.journeyId),
    'point lookup': () => lookup(options.journeyId),
    prioritisation: priorities,
  };
  const paths: Record<QueryName, string> = { 'journey map (240 tp)': 'map', 'point lookup': 'lookup', prioritisation: 'priorities' };
  const expected = new Map<QueryName, unknown>();

  const handler: http.RequestListener = (req, res) => {
    const name = (Object.keys(paths) as QueryName[]).find((k) => req.url === `/${paths[k]}`);
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    req.resume();
    req.on('end', async () => {
      try {
        if (!name) throw new Error(`No route ${req.url}`);
        const auth = await pool.query(AUTH_SQL, [createHash('sha256').update(token).digest('hex')]);
        if (!auth.rowCount) {
          res.writeHead(401).end();
          return;
        }
        const body = JSON.stringify(await routes[name]());
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      } catch (error) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
      }
    });
  };

  return {
    handler,
    paths,
    /** The API's answer to a query, to compare the baseline's with. */
    expect(name: QueryName, json: unknown) {
      expected.set(name, json);
    },
    /** Throws unless the baseline's answer equals the API's (numbers to 9 digits: parallel sums round differently). */
    check(name: QueryName, json: unknown) {
      const round = (value: unknown): unknown =>
        typeof value === 'number' ? Number(value.toPrecision(9)) : Array.isArray(value) ? value.map(round) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, round(v)])) : value;
      if (!isDeepStrictEqual(round(json), round(expected.get(name)))) {
        throw new Error(`The baseline's ${name} differs from the API's:\n  API:      ${JSON.stringify(expected.get(name)).slice(0, 600)}\n  baseline: ${JSON.stringify(json).slice(0, 600)}`);
      }
    },
    close: () => pool.end(),
  };
}
