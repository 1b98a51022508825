/**
 * npm run bench:verbatims -- --startup [--rounds 3]
 *
 * The first page view while the start-up comment analysis runs, before and after it gave way: the demo
 * company (DEFAULT_DEMO_SIZE, as `npm start` generates it) in a real server (Postgres, DuckDB file, the
 * GraphQL app over HTTP), an analyst's first page (the overview's three queries, read from the client's
 * .graphql files and sent together, as the browser does) timed
 *  - idle: no analysis running (the reference);
 *  - one pass: the analysis of every stored comment started just before, in one transaction (the old
 *    start-up);
 *  - background: the same analysis through analyseInBackground (chunks after quiet moments, the new one).
 * Each round analyses from scratch (the analyser version is reset) and clears the driver sums cache, so
 * every page view is a first one. Also the time the analysis took to finish in each mode.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../server/app.js';
import { startAnalytics } from '../server/analytics.js';
import { issueCredential } from '../server/auth/auth.service.js';
import { initORM } from '../server/db.js';
import { startEmbeddedPostgres } from '../server/postgres.js';
import { Role } from '../server/modules/users/user.enums.js';
import { createUser } from '../server/modules/users/user.service.js';
import { demoCompany } from '../seeds/demo/company.js';
import { loadDemoCompany } from '../seeds/demo/load.js';
import { DEFAULT_DEMO_SIZE, generate } from '../seeds/generate/index.js';
import { clearSumsCache } from '../analytics/queries/drivers/customerTouchpointSums.js';
import { setMeta } from '../analytics/verbatims/dictionary.js';
import { analyseInBackground, ensureAnalysed } from '../analytics/verbatims/freshness.js';
import { BENCH_DIR } from './datasets.js';

const here = path.dirname(new URL(import.meta.url).pathname);
const OVERVIEW = ['OverviewPriorities', 'OverviewStatus', 'OverviewJourneys'].map((name) =>
  fs.readFileSync(path.join(here, '..', 'client/src/features/overview/graphql', `${name}.graphql`), 'utf8'),
);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export async function startupBench(rounds: number): Promise<void> {
  const work = path.join(BENCH_DIR, 'verbatims-startup');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const postgres = await startEmbeddedPostgres({ dataDir: work });
  const orm = await initORM(postgres.url, { debug: false });
  const analytics = await startAnalytics(path.join(work, 'analytics.duckdb'), postgres.url);
  let server: http.Server | undefined;
  try {
    await loadDemoCompany(orm.em.fork(), demoCompany);
    await analytics.syncModel();
    const generated = await generate(analytics.store, { ...DEFAULT_DEMO_SIZE, dimensions: 'never' });
    const [c] = await analytics.store.all<{ n: number }>('SELECT count(comment)::INTEGER AS n FROM responses');
    console.log(`Demo data: ${generated.rows.responses.toLocaleString('en')} responses, ${c!.n.toLocaleString('en')} comments`);
    const em = orm.em.fork();
    const { user } = await createUser(em, { email: 'bench@touchpoint.local', name: 'Bench', role: Role.ANALYST });
    const { secret } = issueCredential(em, user, 'API_TOKEN', 'bench');
    await em.flush();
    const { app } = await createApp({ orm, analytics: analytics.store, production: true, onModelChanged: analytics.syncModel });
    server = http.createServer(app);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${secret}` };

    /** The overview's three queries at once; ms until the last answer. */
    const firstPage = async (): Promise<number> => {
      clearSumsCache(analytics.store);
      const started = performance.now();
      await Promise.all(
        OVERVIEW.map(async (query) => {
          const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables: {} }) });
          const body = (await response.json()) as { errors?: { message: string }[] };
          if (!response.ok || body.errors?.length) throw new Error(`overview: ${response.status} ${JSON.stringify(body.errors)}`);
        }),
      );
      return performance.now() - started;
    };
    const reset = () => setMeta(analytics.store, 'analyser_version', 'bench-reset');

    await ensureAnalysed(analytics.store);
    await firstPage(); // warm-up: compile paths, Postgres caches
    const results: Record<'idle' | 'one pass' | 'background', { page: number[]; finish: number[]; cpu: number[] }> = {
      idle: { page: [], finish: [], cpu: [] },
      'one pass': { page: [], finish: [], cpu: [] },
      background: { page: [], finish: [], cpu: [] },
    };
    for (let round = 1; round <= rounds; round++) {
      results.idle.page.push(await firstPage());
      for (const mode of ['one pass', 'background'] as const) {
        await reset();
        const cpu = cpuNow();
        const started = performance.now();
        const analysis = mode === 'one pass' ? ensureAnalysed(analytics.store) : analyseInBackground(analytics.store);
        await new Promise((resolve) => setTimeout(resolve, 200)); // the browser opens the address
        results[mode].page.push(await firstPage());
        const run = await analysis;
        results[mode].finish.push(performance.now() - started);
        results[mode].cpu.push(cpuNow() - cpu);
        if (!run || run.analysed !== c!.n) throw new Error(`${mode}: analysed ${run?.analysed}, expected ${c!.n}`);
      }
      console.log(`round ${round}: ${Object.entries(results).map(([m, r]) => `${m} ${r.page.at(-1)!.toFixed(0)} ms`).join(', ')}; load ${os.loadavg()[0]!.toFixed(1)}`);
    }
    console.log(`\n| start-up analysis | first page (overview), median of ${rounds} | analysis finished after | CPU of the process meanwhile |`);
    console.log('|---|---:|---:|---:|');
    for (const [mode, r] of Object.entries(results)) {
      const finish = r.finish.length ? `${(median(r.finish) / 1000).toFixed(1)} s` : '—';
      const cpu = r.cpu.length ? `${(median(r.cpu) / 1000).toFixed(1)} s` : '—';
      console.log(`| ${mode} | ${median(r.page).toFixed(0)} ms | ${finish} | ${cpu} |`);
    }
    console.log(`Load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
  } finally {
    server?.close();
    await analytics.close();
    await orm.close(true);
    await postgres.stop();
  }
}
