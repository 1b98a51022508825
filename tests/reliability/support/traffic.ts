import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../../server/config.js';
import { prng } from '../../support/prng.js';
import { gqlPost, type HttpResult } from './serverProcess.js';

export { prng };

/** The client's own documents, so the load is what the app sends. */
const doc = (feature: string, name: string) => fs.readFileSync(path.join(ROOT, 'client/src/features', feature, 'graphql', `${name}.graphql`), 'utf8');

/** Every fragment the client defines (`fragment X on T { … }`, one per .graphql file), by name. */
let fragments: Map<string, string> | undefined;
function clientFragments(): Map<string, string> {
  if (fragments) return fragments;
  fragments = new Map();
  for (const entry of fs.readdirSync(path.join(ROOT, 'client/src'), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.graphql')) continue;
    const text = fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    const name = /^fragment\s+(\w+)\s+on\b/m.exec(text)?.[1];
    if (name) fragments.set(name, text);
  }
  return fragments;
}

/** A client document as the client sends it: its text plus every fragment it spreads, transitively. */
export function clientDocument(feature: string, name: string): string {
  const parts = [doc(feature, name)];
  const added = new Set<string>();
  for (let i = 0; i < parts.length; i++) {
    for (const [, spread] of parts[i]!.matchAll(/\.\.\.\s*(\w+)/g)) {
      const fragment = spread ? clientFragments().get(spread) : undefined;
      if (!spread || !fragment || added.has(spread) || parts[0]!.includes(`fragment ${spread} on`)) continue;
      added.add(spread);
      parts.push(fragment);
    }
  }
  return parts.join('\n');
}

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
  /** The journey's touchpoint codes (the answers an import adds are for these). */
  touchpointCodes: string[];
  personaCodes: string[];
}

export async function readIds(base: string, cookie: string): Promise<TrafficIds> {
  const result = await gqlPost(base, '{ journeys(filter: { state: AS_IS }) { id phases { touchpoints { id code } } } personas { code } }', {}, cookie);
  const journey = result.json?.data?.journeys?.[0];
  if (!journey) throw new Error(`No journey to load: ${result.body}`);
  return {
    journeyId: journey.id,
    touchpointIds: journey.phases.flatMap((p: { touchpoints: { id: string }[] }) => p.touchpoints.map((t) => t.id)),
    touchpointCodes: journey.phases.flatMap((p: { touchpoints: { code: string | null }[] }) => p.touchpoints.flatMap((t) => (t.code ? [t.code] : []))),
    personaCodes: result.json!.data!.personas.map((p: { code: string }) => p.code),
  };
}

/** The months the pages ask for by default ("last 12 months": DEFAULT_PERIOD in client/src/shared/model/cutFilters.ts). */
const DEFAULT_MONTHS = 12;

/**
 * Mixed traffic as the app makes it: mostly reads of the journey map, its numbers and the analytics
 * views, some follow-up queue pages, and an edit now and then (which also re-copies the model to DuckDB).
 */
export function mixedTraffic(ids: TrafficIds, random: () => number): Operation[] {
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const personaFilter = () => (random() < 0.5 ? {} : { personaCodes: [pick(ids.personaCodes)] });
  return [
    { name: 'journeyMap', weight: 20, query: clientDocument('journeys', 'JourneyMap'), variables: () => ({ id: ids.journeyId }) },
    { name: 'journeyMeasures', weight: 15, query: clientDocument('journeys', 'JourneyMeasures'), variables: () => ({ id: ids.journeyId, filter: personaFilter(), lastMonths: DEFAULT_MONTHS }) },
    {
      name: 'metricsByTouchpoint',
      weight: 10,
      query: 'query($f: AnalyticsFilterInput) { metrics(filter: $f, groupBy: [TOUCHPOINT]) { key { touchpointCode } nps { nps n } csat { mean } } }',
      variables: () => ({ f: { ...personaFilter(), journeyId: ids.journeyId } }),
    },
    { name: 'priorities', weight: 5, query: clientDocument('priorities', 'Priorities'), variables: () => ({ filter: personaFilter() }) },
    { name: 'trend', weight: 10, query: clientDocument('status', 'Trend'), variables: () => ({ metric: pick(['NPS', 'CSAT', 'CHURN']), bucket: pick(['MONTH', 'QUARTER']), filter: personaFilter() }) },
    { name: 'statusDiagnosis', weight: 5, query: clientDocument('status', 'StatusDiagnosis'), variables: () => ({ filter: personaFilter() }) },
    {
      name: 'responses',
      weight: 10,
      query: 'query($f: AnalyticsFilterInput, $o: Int!) { responses(filter: $f, first: 50, offset: $o, maxLtr: 6) { total items { responseId ltr comment } } }',
      variables: () => ({ f: personaFilter(), o: Math.floor(random() * 500) }),
    },
    { name: 'followUpQueue', weight: 10, query: clientDocument('follow-up', 'FollowUpQueue'), variables: () => ({ first: 50, filter: {} }) },
    { name: 'journeys', weight: 10, query: clientDocument('journeys', 'Journeys'), variables: () => ({}) },
    {
      name: 'updateTouchpoint',
      weight: 5,
      query: 'mutation($id: ID!, $r: String) { updateTouchpoint(id: $id, input: { responsible: $r }) { id responsible } }',
      variables: () => ({ id: pick(ids.touchpointIds), r: `Owner ${Math.floor(random() * 1000)}` }),
    },
  ];
}

/**
 * The pages' own requests, as the client sends them (its .graphql documents, fragments included):
 * overview, journey map and its numbers, priorities, business case, status, follow-up queue, the
 * journey list, and now and then a touchpoint edit (which re-copies the model to DuckDB).
 */
export function clientTraffic(ids: TrafficIds, random: () => number): Operation[] {
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const personaFilter = () => (random() < 0.5 ? {} : { personaCodes: [pick(ids.personaCodes)] });
  return [
    { name: 'overviewJourneys', weight: 8, query: clientDocument('overview', 'OverviewJourneys'), variables: () => ({}) },
    { name: 'overviewPriorities', weight: 6, query: clientDocument('overview', 'OverviewPriorities'), variables: () => ({ lastMonths: DEFAULT_MONTHS }) },
    { name: 'overviewStatus', weight: 6, query: clientDocument('overview', 'OverviewStatus'), variables: () => ({}) },
    { name: 'journeyMap', weight: 15, query: clientDocument('journeys', 'JourneyMap'), variables: () => ({ id: ids.journeyId }) },
    { name: 'journeyMeasures', weight: 15, query: clientDocument('journeys', 'JourneyMeasures'), variables: () => ({ id: ids.journeyId, filter: personaFilter(), lastMonths: DEFAULT_MONTHS }) },
    { name: 'priorities', weight: 8, query: clientDocument('priorities', 'Priorities'), variables: () => ({ filter: personaFilter() }) },
    {
      name: 'businessCase',
      weight: 5,
      query: clientDocument('business-case', 'BusinessCase'),
      variables: () => ({ scenario: { oneOffCost: 250_000, yearlyCost: 50_000, moves: [{ from: 'DETRACTOR', to: 'PASSIVE', share: 0.2, touchpointCodes: [pick(ids.touchpointCodes)] }] } }),
    },
    { name: 'trend', weight: 8, query: clientDocument('status', 'Trend'), variables: () => ({ metric: pick(['NPS', 'CSAT', 'CHURN']), bucket: pick(['MONTH', 'QUARTER']), filter: personaFilter() }) },
    { name: 'statusDiagnosis', weight: 5, query: clientDocument('status', 'StatusDiagnosis'), variables: () => ({ filter: personaFilter() }) },
    { name: 'followUpQueue', weight: 8, query: clientDocument('follow-up', 'FollowUpQueue'), variables: () => ({ first: 50, filter: {} }) },
    { name: 'journeys', weight: 8, query: clientDocument('journeys', 'Journeys'), variables: () => ({}) },
    {
      name: 'updateTouchpoint',
      weight: 2,
      query: clientDocument('journeys', 'UpdateTouchpoint'),
      variables: () => ({ id: pick(ids.touchpointIds), input: { responsible: `Owner ${Math.floor(random() * 1000)}` } }),
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
