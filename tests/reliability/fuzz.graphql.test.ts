import fs from 'node:fs';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MONTHS, demoCompany } from '../../seeds/demo/company.js';
import { loadDemoCompany } from '../../seeds/demo/load.js';
import { generate } from '../../seeds/generate/index.js';
import { startAnalytics, type AnalyticsRuntime } from '../../server/analytics.js';
import { createApp } from '../../server/app.js';
import { initORM, type ORM } from '../../server/db.js';
import { getSchema } from '../../server/schema.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { createUser } from '../../server/modules/users/user.service.js';
import { freshDatabase } from '../support/testApp.js';
import { graphqlFuzzer, type FuzzCase } from './support/gqlFuzz.js';
import { gqlPost, request, signIn, tempDir, type HttpResult } from './support/serverProcess.js';
import { prng } from './support/traffic.js';

const CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const CONNECTIONS = 8;
/** FUZZ_SEED=<n> replays another run; a failure prints its seed and case number. */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_205);

let dir: string;
let db: Awaited<ReturnType<typeof freshDatabase>>;
let orm: ORM;
let analytics: AnalyticsRuntime;
let server: Server;
let base: string;
let password: string;

// The real HTTP app (express, armor limits, Apollo, formatError) on loopback, in this process so a
// crash fails the test; the demo company's model and a small generated data set (input handling is
// what is fuzzed here, not data volume).
beforeAll(async () => {
  dir = tempDir('touchpoint-fuzz-');
  process.env.IMPORT_DIR = dir;
  // One admin sends 10,000 requests as fast as they go: the per-user rate limit (GRAPHQL_REQUESTS_PER_MINUTE)
  // would refuse most of them; input handling is what this test is about.
  process.env.GRAPHQL_REQUESTS_PER_MINUTE = '0';
  db = await freshDatabase();
  orm = await initORM(db.url);
  await loadDemoCompany(orm.em.fork(), demoCompany);
  analytics = await startAnalytics(':memory:', db.url);
  await generate(analytics.store, { customers: 500, responses: 5_000, months: DEMO_MONTHS, seed: 7, dimensions: 'never' });
  ({ password } = await createUser(orm.em.fork(), { email: 'admin@fuzz.test', name: 'Admin', role: Role.ADMIN }));
  // Model edits skip the copy into DuckDB (≈100 ms each here, and not what is fuzzed): 10,000 requests
  // stay within a minute or two. The load and crash tests run the real server with it.
  const { app } = await createApp({ orm, analytics: analytics.store, production: true, onModelChanged: async () => undefined });
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  server?.close();
  await analytics?.close();
  await orm?.close(true);
  await db?.drop();
  delete process.env.IMPORT_DIR;
  delete process.env.GRAPHQL_REQUESTS_PER_MINUTE;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Why a response is not a typed client error (or a success), or null when it is fine. */
function problem(result: HttpResult): string | null {
  if (result.status >= 500) return `HTTP ${result.status}`;
  if (result.status >= 400 || result.json?.errors) {
    const errors = result.json?.errors;
    if (!Array.isArray(errors) || errors.length === 0) return `HTTP ${result.status} without typed JSON errors`;
    const codes = errors.map((e) => e.extensions?.code);
    if (codes.some((c) => typeof c !== 'string')) return `an error without extensions.code`;
    if (codes.includes('INTERNAL_SERVER_ERROR')) return 'INTERNAL_SERVER_ERROR';
  }
  return null;
}

describe(`${CASES.toLocaleString('en')} generated malformed GraphQL requests`, () => {
  it('get only typed client errors: no 5xx, no INTERNAL_SERVER_ERROR, and the server stays up', async () => {
    const cookie = await signIn(base, { email: 'admin@fuzz.test', role: 'ADMIN', password });
    const ids = await gqlPost(base, '{ journeys { id phases { id touchpoints { id } } } personas { id } departments { id } }', {}, cookie);
    const realIds = JSON.stringify(ids.json?.data).match(/[0-9a-f]{8}-[0-9a-f-]{27}/g) ?? [];
    expect(realIds.length).toBeGreaterThan(50);
    const generate = graphqlFuzzer(await getSchema(), prng, realIds.slice(0, 40));

    const failures: { index: number; kind: string; why: string; status: number; body: string; request: string }[] = [];
    const statuses: Record<string, number> = {};
    const codes: Record<string, number> = {};
    const timeByField: Record<string, number> = {};
    let next = 0;
    const send = (c: FuzzCase) =>
      request(`${base}/graphql${c.search ?? ''}`, { method: c.method, headers: { ...c.headers, ...(c.signedIn ? { cookie } : {}) }, body: c.body, timeoutMs: 60_000 });
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < CASES) {
          const index = next++;
          const fuzz = generate(SEED, index);
          const sent = Date.now();
          const result = await send(fuzz).catch((e: unknown) => ({ status: 0, body: String(e), json: undefined, headers: {} }) satisfies HttpResult);
          const field = fuzz.kind.split(' ')[0]!;
          timeByField[field] = (timeByField[field] ?? 0) + Date.now() - sent;
          statuses[result.status] = (statuses[result.status] ?? 0) + 1;
          for (const e of result.json?.errors ?? []) codes[String(e.extensions?.code)] = (codes[String(e.extensions?.code)] ?? 0) + 1;
          const why = result.status === 0 ? `network error ${result.body}` : problem(result);
          if (why) failures.push({ index, kind: fuzz.kind, why, status: result.status, body: result.body.slice(0, 400), request: (fuzz.body ?? fuzz.search ?? '').slice(0, 400) });
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    const failing = [...new Set(failures.map((f) => `${f.why} ${f.kind.split(' ')[0]}: ${/"message":"([^"]{0,120})/.exec(f.body)?.[1] ?? f.body.slice(0, 120)}`))];
    console.log(
      `graphql fuzz (seed ${SEED}): ${CASES} requests in ${seconds.toFixed(1)} s, ${failures.length} not typed; statuses ${JSON.stringify(statuses)}; codes ${JSON.stringify(codes)}; ` +
        `most time (ms): ${JSON.stringify(Object.entries(timeByField).sort((a, b) => b[1] - a[1]).slice(0, 6))}`,
    );
    expect(failures.slice(0, 5), `seed ${SEED}; ${failures.length} failures of ${failing.length} kinds:\n${failing.join('\n')}`).toEqual([]);
    // Not all rejected at the door: some requests were valid enough to run and answer data.
    expect(statuses['200'] ?? 0).toBeGreaterThan(CASES / 20);
    const after = await gqlPost(base, '{ me { email } }', {}, cookie);
    expect(after.json?.data?.me?.email).toBe('admin@fuzz.test');
  }, 600_000);
});
