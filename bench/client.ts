/// <reference lib="dom" />
// page.evaluate callbacks run in the browser: their globals (document, requestIdleCallback) need the DOM types.
/**
 * node --import @swc-node/register/esm-register bench/client.ts [--runs 5]
 *
 * The journey map in headless Chromium at 1366×768: time to interactive for a 240-touchpoint journey
 * (8 phases × 30, created through the API on a server started with startServer and the demo company,
 * with 150 answers per touchpoint imported through importData so every card has its NPS) beside the
 * demo's 47-touchpoint journey in the same run, and the gzip size of the initial JS
 * (index.html's entry script and its modulepreloads) beside the lazy chunks.
 *
 * Time to interactive here: from navigation start until every card is in the DOM, the numbers
 * (JourneyMeasures) have arrived, and the main thread has gone idle (requestIdleCallback); then one
 * keyboard move between cards is timed. Median of the runs. Not a test: it prints, never fails on time.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';
import { build } from 'vite';
import { CLIENT_DIST } from '../server/app.js';
import { startServer } from '../server/main.js';
import { demoLoader } from '../seeds/demoLoader.js';
import { BIG_JOURNEY, createBigJourney, writeBigJourneyAnswers } from './bigJourney.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Math.max(1, Number(values.runs));
const { phases: PHASES, perPhase: PER_PHASE } = BIG_JOURNEY;

// A fresh production build: the server reuses client/dist when it is newer than the sources, and a
// dist built under vitest (NODE_ENV=test) carries Vue's development build.
process.env.NODE_ENV = 'production';
await build({ configFile: path.join(path.dirname(CLIENT_DIST), 'vite.config.ts'), logLevel: 'warn', mode: 'production' });

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'touchpoint-bench-client-'));
const server = await startServer({ port: 0, dataDir, duckdbPath: path.join(dataDir, 'analytics.duckdb'), seedDemo: true }, () => {}, demoLoader);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

try {
  const admin = server.accounts.find((a) => a.role === 'ADMIN');
  if (!admin) throw new Error('startServer created no ADMIN account');
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, baseURL: server.url });
  await signIn(context, admin.email, admin.password);

  const demo = await gql<{ journeys: { id: string; counts: { touchpoints: number } }[] }>(context, '{ journeys(filter: { state: AS_IS }) { id counts { touchpoints } } }');
  const demoJourney = demo.journeys[0];
  if (!demoJourney) throw new Error('No demo journey');

  const created = performance.now();
  const big = await createBigJourney((query, variables) => gql(context, query, variables));
  const answers = await importAnswers(context);
  const createSeconds = (performance.now() - created) / 1000;

  const small = await measure(context, demoJourney.id, demoJourney.counts.touchpoints);
  const large = await measure(context, big, PHASES * PER_PHASE);
  const sizes = await bundleSizes();

  const ms = (x: number) => `${Math.round(x)} ms`;
  const kb = (x: number) => `${(x / 1024).toFixed(1)} kB`;
  console.log(`\nJourney map, headless Chromium 1366×768, median of ${RUNS} runs (240-touchpoint journey and ${answers.toLocaleString('en')} answers to it created through the API in ${createSeconds.toFixed(1)} s)`);
  console.log(`  ${'journey'.padEnd(28)}${'cards'.padStart(6)}${'badges'.padStart(8)}${'DOM ready'.padStart(12)}${'numbers in'.padStart(12)}${'interactive'.padStart(13)}${'key move'.padStart(10)}`);
  for (const [name, r] of [['demo as-is', small], [`${PHASES} phases × ${PER_PHASE}`, large]] as const) {
    console.log(`  ${name.padEnd(28)}${String(r.cards).padStart(6)}${String(r.badges).padStart(8)}${ms(r.cardsAt).padStart(12)}${ms(r.numbersAt).padStart(12)}${ms(r.interactive).padStart(13)}${ms(r.keyMove).padStart(10)}`);
  }
  console.log(`  ratio 240 / ${small.cards} touchpoints: time to interactive × ${(large.interactive / small.interactive).toFixed(2)} for × ${(large.cards / small.cards).toFixed(1)} cards`);
  console.log(`\nBundle (vite build, client/dist)`);
  console.log(`  initial JS (entry + modulepreload): ${sizes.initial.map((f) => path.basename(f.file)).join(', ')}`);
  console.log(`    ${kb(sizes.initialRaw)} raw, ${kb(sizes.initialGzip)} gzip`);
  console.log(`  lazy chunks, gzip:`);
  for (const f of sizes.lazy) console.log(`    ${path.basename(f.file).padEnd(40)} ${kb(f.gzip).padStart(10)}`);
} finally {
  await browser.close();
  await server.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}

async function signIn(context: BrowserContext, email: string, password: string) {
  await gql(context, 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { user { id } } }', { e: email, p: password });
}

async function gql<T>(context: BrowserContext, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await context.request.post('/graphql', { data: { query, variables } });
  const body: { data?: T; errors?: { message: string }[] } = await response.json();
  if (body.errors?.length || !body.data) throw new Error(`GraphQL: ${body.errors?.map((e) => e.message).join('; ') ?? response.status()}`);
  return body.data;
}

/** 150 answers per bench touchpoint from demo customers, staged as CSV and imported (all or nothing). */
async function importAnswers(context: BrowserContext): Promise<number> {
  const dir = path.join(dataDir, 'imports');
  process.env.IMPORT_DIR = dir; // read per call by the import service
  await fs.mkdir(dir, { recursive: true });
  writeBigJourneyAnswers(path.join(dir, 'bench-responses.csv'), 50_000, new Date().toISOString().slice(0, 10));
  const { importData } = await gql<{ importData: { rows: number } }>(context, 'mutation { importData(kind: RESPONSES, stagedFile: "bench-responses.csv") { rows } }');
  return importData.rows;
}

interface Timing {
  cards: number;
  /** Cards showing an NPS badge at the end (all, when every touchpoint has answers). */
  badges: number;
  cardsAt: number;
  numbersAt: number;
  interactive: number;
  keyMove: number;
}

async function measure(context: BrowserContext, journeyId: string, expected: number): Promise<Timing> {
  const runs: Timing[] = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await context.newPage();
    await page.goto(`/journeys/${journeyId}`, { waitUntil: 'commit' });
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="touchpoint-card"]').length === n, expected, { polling: 'raf', timeout: 60_000 });
    const cardsAt = await page.evaluate(() => performance.now());
    // Numbers have arrived when the phase headers show a badge or say there were no answers.
    await page.waitForFunction(() => document.querySelector('[data-testid="phase-nps"]') !== null, undefined, { polling: 'raf', timeout: 60_000 });
    const numbersAt = await page.evaluate(() => performance.now());
    const interactive = await page.evaluate(() => new Promise<number>((resolve) => requestIdleCallback(() => resolve(performance.now()), { timeout: 10_000 })));
    const keyMove = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const first = document.querySelector<HTMLElement>('[data-card][data-phase="0"][data-index="0"]');
          if (!first) return resolve(Number.NaN);
          first.focus();
          const started = performance.now();
          first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(document.activeElement?.getAttribute('data-index') === '1' ? performance.now() - started : Number.NaN)));
        }),
    );
    const badges = await page.evaluate(() => document.querySelectorAll('[data-testid="touchpoint-card"] [data-testid="nps-badge"]').length);
    runs.push({ cards: expected, badges, cardsAt, numbersAt, interactive, keyMove });
    await page.close();
  }
  const median = (k: keyof Timing) => {
    const sorted = runs.map((r) => r[k]).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  };
  return { cards: expected, badges: median('badges'), cardsAt: median('cardsAt'), numbersAt: median('numbersAt'), interactive: median('interactive'), keyMove: median('keyMove') };
}

async function bundleSizes() {
  const html = await fs.readFile(path.join(CLIENT_DIST, 'index.html'), 'utf8');
  const initialFiles = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  const all = (await fs.readdir(path.join(CLIENT_DIST, 'assets'))).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  const size = async (file: string) => {
    const bytes = await fs.readFile(path.join(CLIENT_DIST, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  const initial = await Promise.all(initialFiles.map(size));
  const lazy = (await Promise.all(all.filter((f) => !initialFiles.includes(f)).map(size))).sort((a, b) => b.gzip - a.gzip);
  return {
    initial,
    initialRaw: initial.reduce((s, f) => s + f.raw, 0),
    initialGzip: initial.reduce((s, f) => s + f.gzip, 0),
    lazy,
  };
}
