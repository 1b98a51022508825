import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../../server/config.js';
import { prng } from '../../support/prng.js';
import { gqlPost, type HttpResult } from './serverProcess.js';

export { prng };

/** The client's own documents, so the load is what the app sends. */
const doc = (feature: string, name: string) => fs.readFileSync(path.join(ROOT, 'client/src/features', feature, 'graphql', `${name}.graphql`), 'utf8');

export interface Operation {
  name: string;
  weight: number;
  query: string;
  variables(): Record<string, unknown>;
}

/** Ids the mixed traffic needs, read from the running server once. */
export interface TrafficIds {
  journeyId: string;
  touchpointIds: string[];
  personaCodes: string[];
}

export async function readIds(base: string, cookie: string): Promise<TrafficIds> {
  const result = await gqlPost(base, '{ journeys(filter: { state: AS_IS }) { id phases { touchpoints { id } } } personas { code } }', {}, cookie);
  const journey = result.json?.data?.journeys?.[0];
  if (!journey) throw new Error(`No journey to load: ${result.body}`);
  return {
    journeyId: journey.id,
    touchpointIds: journey.phases.flatMap((p: { touchpoints: { id: string }[] }) => p.touchpoints.map((t) => t.id)),
    personaCodes: result.json!.data!.personas.map((p: { code: string }) => p.code),
  };
}

/**
 * Mixed traffic as the app makes it: mostly reads of the journey map, its numbers and the analytics
 * views, some follow-up queue pages, and an edit now and then (which also re-copies the model to DuckDB).
 */
export function mixedTraffic(ids: TrafficIds, random: () => number): Operation[] {
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const personaFilter = () => (random() < 0.5 ? {} : { personaCodes: [pick(ids.personaCodes)] });
  return [
    { name: 'journeyMap', weight: 20, query: doc('journeys', 'JourneyMap'), variables: () => ({ id: ids.journeyId }) },
    { name: 'journeyMeasures', weight: 15, query: doc('journeys', 'JourneyMeasures'), variables: () => ({ id: ids.journeyId, filter: personaFilter() }) },
    {
      name: 'metricsByTouchpoint',
      weight: 10,
      query: 'query($f: AnalyticsFilterInput) { metrics(filter: $f, groupBy: [TOUCHPOINT]) { key { touchpointCode } nps { nps n } csat { mean } } }',
      variables: () => ({ f: { ...personaFilter(), journeyId: ids.journeyId } }),
    },
    { name: 'priorities', weight: 5, query: doc('priorities', 'Priorities'), variables: () => ({ filter: personaFilter() }) },
    { name: 'trend', weight: 10, query: doc('status', 'Trend'), variables: () => ({ metric: pick(['NPS', 'CSAT', 'CHURN']), bucket: pick(['MONTH', 'QUARTER']), filter: personaFilter() }) },
    { name: 'statusDiagnosis', weight: 5, query: doc('status', 'StatusDiagnosis'), variables: () => ({ filter: personaFilter() }) },
    {
      name: 'responses',
      weight: 10,
      query: 'query($f: AnalyticsFilterInput, $o: Int!) { responses(filter: $f, first: 50, offset: $o, maxLtr: 6) { total items { responseId ltr comment } } }',
      variables: () => ({ f: personaFilter(), o: Math.floor(random() * 500) }),
    },
    { name: 'followUpQueue', weight: 10, query: doc('follow-up', 'FollowUpQueue'), variables: () => ({ first: 50, filter: {} }) },
    { name: 'journeys', weight: 10, query: doc('journeys', 'Journeys'), variables: () => ({}) },
    {
      name: 'updateTouchpoint',
      weight: 5,
      query: 'mutation($id: ID!, $r: String) { updateTouchpoint(id: $id, input: { responsible: $r }) { id responsible } }',
      variables: () => ({ id: pick(ids.touchpointIds), r: `Owner ${Math.floor(random() * 1000)}` }),
    },
  ];
}

/** Picks operations by weight. */
export function chooser(operations: Operation[], random: () => number): () => Operation {
  const total = operations.reduce((s, o) => s + o.weight, 0);
  return () => {
    let r = random() * total;
    for (const o of operations) if ((r -= o.weight) < 0) return o;
    return operations[operations.length - 1]!;
  };
}

export interface Outcome {
  at: number;
  /** Milliseconds from send to answer. */
  ms: number;
  operation: string;
  ok: boolean;
  status: number;
  code: string | undefined;
  detail: string;
}

/** Classifies one request: ok only for HTTP 2xx without GraphQL errors. */
export function outcome(operation: string, result: HttpResult | Error, sent: number): Outcome {
  const at = Date.now();
  const ms = at - sent;
  if (result instanceof Error) return { at, ms, operation, ok: false, status: 0, code: 'NETWORK', detail: result.message };
  const error = result.json?.errors?.[0];
  const code = typeof error?.extensions?.code === 'string' ? error.extensions.code : undefined;
  const ok = result.status >= 200 && result.status < 300 && result.json !== undefined && !error;
  return { at, ms, operation, ok, status: result.status, code, detail: ok ? '' : result.body.slice(0, 300) };
}

/**
 * Runs `connections` workers that send the mix back to back until `until()` says stop; each finished
 * request is handed to `record`.
 */
export async function drive(
  base: string,
  cookie: string,
  operations: Operation[],
  options: { connections: number; seed: number; until: () => boolean; record: (o: Outcome) => void },
): Promise<void> {
  const random = prng(options.seed);
  const next = chooser(operations, random);
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (!options.until()) {
        const op = next();
        const sent = Date.now();
        const result = await gqlPost(base, op.query, op.variables(), cookie).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
        options.record(outcome(op.name, result, sent));
      }
    }),
  );
}
