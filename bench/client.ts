/// <reference lib="dom" />
// page.evaluate callbacks run in the browser: their globals (document, requestIdleCallback) need the DOM types.
/**
 * node --import @swc-node/register/esm-register bench/client.ts [--runs 5] [--waterfall]
 *
 * Issue 20, goal 7, each figure printed beside its goal with the load average (`os.loadavg()`):
 * - The first page after sign-in (the overview): from the click on "Sign in" until the overview shows
 *   its status, its top touchpoints and its journeys and the main thread has gone idle. Once right after
 *   the server started (the first sign-in it serves, in a browser that never saw the app), then warm
 *   (the median of the runs): in a new browser (empty HTTP cache) and in a returning one (cache kept,
 *   cookies cleared).
 * - The journey map in headless Chromium at 1366×768: time to interactive for a 240-touchpoint journey
 * (8 phases × 30, created through the API on a server started with startServer and the demo company,
 * with 150 answers per touchpoint imported through importData so every card has its NPS) beside the
 * demo's 47-touchpoint journey in the same run, and the gzip size of the initial JS
 * (index.html's entry script and its modulepreloads) beside the lazy chunks.
 *
 * Time to interactive here: from navigation start until every card is in the DOM, the numbers
 * (JourneyMeasures) have arrived, and the main thread has gone idle (requestIdleCallback); then one
 * keyboard move between cards is timed. Median of the runs. Not a test: it prints, never fails on time.
 *
 * `--waterfall` also prints, for the first sign-in and for one 240-card map, every request the page made
 * (GraphQL by operation name, scripts and styles by file) with its start and end relative to the start,
 * and the main thread's long tasks (over 50 ms): what the page waited for, in order.
 * `--profile` prints where the main thread's time went in the last 240-card map load (a V8 CPU profile
 * through the DevTools protocol): self time per script file and the functions with the most self time.
 * `--before REF` measures the maps side by side in one run: the client as it was at the git commit REF
 * (its `client/` and `analytics/` built into .data/bench-client-before) beside the working tree's, each
 * served by an identical front (the same static-file code, the API passed through to the one server),
 * the runs alternating between the two (ABBA, each starting once the last has nothing in flight) so
 * that both see the same load.
 * `--map-only` leaves out the sign-in figures.
 *
 * "card passes" counts the times the page changed the cards' DOM before it was interactive (the
 * MutationObserver callbacks whose records touch a card): 1 when the cards are drawn once with their
 * numbers, 2 when they are drawn and then drawn again as the numbers arrive.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import express from 'express';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { CLIENT_DIST } from '../server/app.js';
import { serveAssets } from '../server/common/precompressed.js';
import { startServer } from '../server/main.js';
import { demoLoader } from '../seeds/demoLoader.js';
import { BIG_JOURNEY, createBigJourney, writeBigJourneyAnswers } from './bigJourney.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    waterfall: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    before: { type: 'string' },
    'map-only': { type: 'boolean', default: false },
  },
});
const RUNS = Math.max(1, Number(values.runs));
const GOALS = { signInAfterStart: 2000, signInWarm: 1000, mapInteractive: 1000 } as const;
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' / ');
const loadAtStart = load();
const { phases: PHASES, perPhase: PER_PHASE } = BIG_JOURNEY;

// A fresh production build: the server reuses client/dist when it is newer than the sources, and a
// dist built under vitest (NODE_ENV=test) carries Vue's development build.
process.env.NODE_ENV = 'production';
await build({ configFile: path.join(path.dirname(CLIENT_DIST), 'vite.config.ts'), logLevel: 'error', mode: 'production' });
const fronts: http.Server[] = [];
const beforeDist = values.before ? await buildClientAt(values.before) : undefined;

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'touchpoint-bench-client-'));
const server = await startServer({ port: 0, dataDir, duckdbPath: path.join(dataDir, 'analytics.duckdb'), seedDemo: true }, () => {}, demoLoader);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

try {
  const admin = server.accounts.find((a) => a.role === 'ADMIN');
  if (!admin) throw new Error('startServer created no ADMIN account');
  const viewport = { width: 1366, height: 768 };
  const signIns = values['map-only'] ? undefined : await measureSignIns(admin, viewport);

  const context = await browser.newContext({ viewport, baseURL: server.url });
  await signIn(context, admin.email, admin.password);

  const demo = await gql<{ journeys: { id: string; counts: { touchpoints: number } }[] }>(context, '{ journeys(filter: { state: AS_IS }) { id counts { touchpoints } } }');
  const demoJourney = demo.journeys[0];
  if (!demoJourney) throw new Error('No demo journey');

  const created = performance.now();
  const big = await createBigJourney((query, variables) => gql(context, query, variables));
  const answers = await importAnswers(context);
  const createSeconds = (performance.now() - created) / 1000;

  // Side by side: the client at REF and the working tree's, each behind an identical front; otherwise the server itself.
  const variants = beforeDist
    ? [
        { name: `before (${values.before})`, base: await front(beforeDist) },
        { name: 'after (this tree)', base: await front(CLIENT_DIST) },
      ]
    : [{ name: 'this tree', base: server.url }];
  const small = await measure(context, variants, demoJourney.id, demoJourney.counts.touchpoints, values.waterfall ? `demo map (${demoJourney.counts.touchpoints} touchpoints)` : undefined);
  const large = await measure(context, variants, big, PHASES * PER_PHASE, values.waterfall ? `${PHASES * PER_PHASE}-touchpoint map` : undefined);
  const sizes = await bundleSizes();
  const entry = sizes.initial[0]?.file;
  const served = entry ? await context.request.get(`/${entry}`, { headers: { 'accept-encoding': 'br, gzip' } }) : undefined;
  const loadAtEnd = load();

  const ms = (x: number) => `${Math.round(x)} ms`;
  const kb = (x: number) => `${(x / 1024).toFixed(1)} kB`;
  const versus = (x: number, goal: number) => `${ms(x).padStart(9)}   goal ≤ ${ms(goal).padStart(7)}   ${(x / goal).toFixed(2)}× the goal${x <= goal ? ' (met)' : ''}`;
  const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const largeNow = large[large.length - 1];
  console.log(`\nIssue 20, goal 7 (headless Chromium 1366×768; load average 1 / 5 / 15 min: ${loadAtStart} at the start, ${loadAtEnd} at the end, ${os.cpus().length} cores)`);
  if (signIns) {
    const { afterStart, warmNew, warmReturning } = signIns;
    console.log(`  first page after sign-in, right after the server started  ${versus(afterStart.total, GOALS.signInAfterStart)}`);
    console.log(`  first page after sign-in, warm, new browser (median of ${RUNS})  ${versus(medianOf(warmNew.map((r) => r.total)), GOALS.signInWarm)}`);
    console.log(`  first page after sign-in, warm, returning browser (median of ${RUNS})  ${versus(medianOf(warmReturning.map((r) => r.total)), GOALS.signInWarm)}`);
  }
  for (const r of large) {
    const label = large.length > 1 ? `, ${r.variant}` : '';
    console.log(`  240-touchpoint journey map interactive (median of ${RUNS}${label})  ${versus(r.interactive, GOALS.mapInteractive)}`);
  }
  if (signIns) {
    console.log(`\nFirst page after sign-in (the overview), from the click on "Sign in"`);
    console.log(`  ${'run'.padEnd(40)}${'signed in'.padStart(11)}${'page shown'.padStart(12)}${'interactive'.padStart(13)}`);
    for (const [name, r] of [
      ['right after the server started', signIns.afterStart],
      ['warm, new browser (median)', medianTiming(signIns.warmNew)],
      ['warm, returning browser (median)', medianTiming(signIns.warmReturning)],
    ] as const) {
      console.log(`  ${name.padEnd(40)}${ms(r.signedIn).padStart(11)}${ms(r.shown).padStart(12)}${ms(r.total).padStart(13)}`);
    }
  }
  console.log(`\nJourney map, headless Chromium 1366×768, median of ${RUNS} runs (240-touchpoint journey and ${answers.toLocaleString('en')} answers to it created through the API in ${createSeconds.toFixed(1)} s)`);
  console.log(`  ${'journey'.padEnd(20)}${'client'.padEnd(24)}${'cards'.padStart(6)}${'badges'.padStart(8)}${'DOM ready'.padStart(12)}${'numbers in'.padStart(12)}${'interactive'.padStart(13)}${'key move'.padStart(10)}${'card passes'.padStart(13)}`);
  for (const [name, rs] of [['demo as-is', small], [`${PHASES} phases × ${PER_PHASE}`, large]] as const) {
    for (const r of rs) {
      console.log(
        `  ${name.padEnd(20)}${r.variant.padEnd(24)}${String(r.cards).padStart(6)}${String(r.badges).padStart(8)}${ms(r.cardsAt).padStart(12)}${ms(r.numbersAt).padStart(12)}${ms(r.interactive).padStart(13)}${ms(r.keyMove).padStart(10)}${String(r.cardPasses).padStart(13)}`,
      );
    }
  }
  small.forEach((s, i) => {
    const l = large[i];
    if (l) console.log(`  ratio 240 / ${s.cards} touchpoints (${s.variant}): time to interactive × ${(l.interactive / s.interactive).toFixed(2)} for × ${(l.cards / s.cards).toFixed(1)} cards`);
  });
  if (large.length === 2 && large[0] && largeNow) {
    const ratio = (k: 'cardsAt' | 'numbersAt' | 'interactive') => (largeNow[k] / (large[0]?.[k] ?? Number.NaN)).toFixed(2);
    console.log(`  240-card map, after ÷ before in this run: DOM ready × ${ratio('cardsAt')}, numbers in × ${ratio('numbersAt')}, interactive × ${ratio('interactive')}`);
  }
  console.log(`\nBundle (vite build, client/dist)`);
  console.log(`  initial JS (entry + modulepreload): ${sizes.initial.map((f) => path.basename(f.file)).join(', ')}`);
  console.log(`    ${kb(sizes.initialRaw)} raw, ${kb(sizes.initialGzip)} gzip, ${kb(sizes.initialBrotli)} as the build's brotli copies the server sends`);
  console.log(`  served with cache-control: ${served?.headers()['cache-control'] ?? '?'}; content-encoding: ${served?.headers()['content-encoding'] ?? 'none'}`);
  console.log(`  lazy chunks, gzip:`);
  for (const f of sizes.lazy) console.log(`    ${path.basename(f.file).padEnd(40)} ${kb(f.gzip).padStart(10)}`);
} finally {
  for (const f of fronts) f.close();
  await browser.close();
  await server.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}

/** The first sign-in the new server serves, then warm sign-ins in new and in returning browsers. */
async function measureSignIns(admin: { email: string; password: string }, viewport: { width: number; height: number }) {
  // First: the first sign-in this server serves, in a browser that has never loaded the app.
  const fresh = await browser.newContext({ viewport, baseURL: server.url });
  const afterStart = await signInToOverview(fresh, admin, values.waterfall ? 'first sign-in after the server started' : undefined);
  await fresh.close();
  const warmNew: SignInTiming[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c = await browser.newContext({ viewport, baseURL: server.url });
    warmNew.push(await signInToOverview(c, admin, values.waterfall && i === RUNS - 1 ? 'warm sign-in, new browser' : undefined));
    await c.close();
  }
  const returning = await browser.newContext({ viewport, baseURL: server.url });
  await signInToOverview(returning, admin); // fills the HTTP cache
  const warmReturning: SignInTiming[] = [];
  for (let i = 0; i < RUNS; i++) {
    await returning.clearCookies();
    warmReturning.push(await signInToOverview(returning, admin));
  }
  await returning.close();
  return { afterStart, warmNew, warmReturning };
}

interface SignInTiming {
  /** The sign-in mutation answered (the session cookie is set). */
  signedIn: number;
  /** The overview's status, top touchpoints and journeys are on screen. */
  shown: number;
  /** …and the main thread has gone idle. */
  total: number;
}

function medianTiming(runs: SignInTiming[]): SignInTiming {
  const m = (k: keyof SignInTiming) => [...runs.map((r) => r[k])].sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? Number.NaN;
  return { signedIn: m('signedIn'), shown: m('shown'), total: m('total') };
}

/** Signs in through the form as a person does and times the overview from the click, in ms. */
async function signInToOverview(context: BrowserContext, account: { email: string; password: string }, waterfall?: string): Promise<SignInTiming> {
  const page = await context.newPage();
  const log = waterfall ? recordRequests(page) : undefined;
  await page.goto('/sign-in');
  await page.getByTestId('sign-in-email').fill(account.email);
  await page.getByTestId('sign-in-password').fill(account.password);
  const signInAnswered = page.waitForResponse((r) => r.url().endsWith('/graphql') && r.request().postDataJSON()?.operationName === 'SignIn');
  const clicked = await page.evaluate(() => performance.now());
  const clickedAt = Date.now();
  await page.getByTestId('sign-in-submit').click();
  await signInAnswered;
  const signedIn = (await page.evaluate(() => performance.now())) - clicked;
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="overview-programme"]') !== null &&
      document.querySelector('[data-testid="overview-top"]') !== null &&
      document.querySelector('[data-testid="overview-journeys"] li') !== null,
    undefined,
    { polling: 'raf', timeout: 120_000 },
  );
  const shown = (await page.evaluate(() => performance.now())) - clicked;
  const total = (await idle(page)) - clicked;
  if (log && waterfall) await printWaterfall(waterfall, page, log, clickedAt);
  await page.close();
  return { signedIn, shown, total };
}

/** performance.now() in the page once its main thread has gone idle. */
function idle(page: Page): Promise<number> {
  return page.evaluate(() => new Promise<number>((resolve) => requestIdleCallback(() => resolve(performance.now()), { timeout: 10_000 })));
}

interface Fetched {
  name: string;
  start: number;
  end: number;
}

/** Every request the page finishes, named by GraphQL operation or file, with wall-clock start and end. */
function recordRequests(page: Page): Fetched[] {
  const log: Fetched[] = [];
  // Long tasks (over 50 ms on the main thread) are kept in the page for printWaterfall.
  void page.addInitScript(() => {
    const tasks: { start: number; duration: number }[] = [];
    Object.assign(window, { __longTasks: tasks });
    new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push({ start: performance.timeOrigin + e.startTime, duration: e.duration }))).observe({ type: 'longtask', buffered: true });
  });
  page.on('requestfinished', (request) => {
    const timing = request.timing();
    const url = new URL(request.url());
    const op: unknown = url.pathname === '/graphql' ? request.postDataJSON()?.operationName : undefined;
    const name = typeof op === 'string' ? `graphql ${op}` : url.pathname;
    log.push({ name, start: timing.startTime, end: timing.startTime + timing.responseEnd });
  });
  return log;
}

async function printWaterfall(title: string, page: Page, log: Fetched[], from: number) {
  const tasks = await page.evaluate((): { start: number; duration: number }[] => {
    const kept: unknown = Reflect.get(window, '__longTasks');
    return Array.isArray(kept) ? kept : [];
  });
  const rows = [
    ...log.filter((r) => r.end >= from).map((r) => ({ name: r.name, start: r.start - from, end: r.end - from })),
    ...tasks.filter((t) => t.start >= from).map((t) => ({ name: `(long task, main thread)`, start: t.start - from, end: t.start - from + t.duration })),
  ].sort((a, b) => a.start - b.start);
  console.log(`\nWaterfall: ${title} (ms from the start)`);
  for (const r of rows) console.log(`  ${String(Math.round(r.start)).padStart(6)} → ${String(Math.round(r.end)).padStart(6)}  ${String(Math.round(r.end - r.start)).padStart(5)} ms  ${r.name}`);
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Self time per script file and per function (minified names, with line:column) of a V8 CPU profile. */
function printProfile(profile: CpuProfile, title: string) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const perFile = new Map<string, number>();
  const perFunction = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us);
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, i) => {
    const frame = byId.get(id);
    if (!frame) return;
    const file = frame.url ? path.basename(new URL(frame.url).pathname) : frame.functionName; // (program), (garbage collector), (idle)
    const us = deltas[i + 1] ?? 0; // a sample's time runs until the next sample
    add(perFile, file, us);
    add(perFunction, `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`, us);
  });
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log(`\nCPU profile of one 240-card map load, ${title} (self time, ms)`);
  for (const [k, us] of top(perFile, 12)) console.log(`  ${String(Math.round(us / 1000)).padStart(6)}  ${k}`);
  console.log(`  functions:`);
  for (const [k, us] of top(perFunction, 20)) console.log(`  ${String(Math.round(us / 1000)).padStart(6)}  ${k}`);
}

async function signIn(context: BrowserContext, email: string, password: string) {
  await gql(context, 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { user { id } } }', { e: email, p: password });
}

async function gql<T>(context: BrowserContext, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  // The import of the bench's answers can take minutes on a loaded machine (Playwright's default is 30 s).
  const response = await context.request.post('/graphql', { data: { query, variables }, timeout: 600_000 });
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
  /** MutationObserver callbacks that touched a card before the page was interactive (1: drawn once). */
  cardPasses: number;
}

interface Variant {
  name: string;
  /** Where this client is served from. */
  base: string;
}

/** The runs of one journey's map, alternating between the variants run by run; the median per variant. */
async function measure(context: BrowserContext, variants: Variant[], journeyId: string, expected: number, waterfall?: string): Promise<(Timing & { variant: string })[]> {
  const runs = variants.map((): Timing[] => []);
  for (let i = 0; i < RUNS; i++) {
    // ABBA: every other round the other client goes first, so neither always follows the other.
    const order = i % 2 === 0 ? [...variants.entries()] : [...variants.entries()].reverse();
    for (const [v, variant] of order) {
      const last = i === RUNS - 1;
      const title = waterfall && last ? (variants.length > 1 ? `${waterfall}, ${variant.name}` : waterfall) : undefined;
      const profile = values.profile && expected === PHASES * PER_PHASE && last ? variant.name : undefined;
      runs[v]?.push(await measureOnce(context, new URL(`/journeys/${journeyId}`, variant.base).href, expected, title, profile));
    }
  }
  return variants.map((variant, v) => {
    const mine = runs[v] ?? [];
    const median = (k: keyof Timing) => {
      const sorted = mine.map((r) => r[k]).sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    };
    return {
      variant: variant.name,
      cards: expected,
      badges: median('badges'),
      cardsAt: median('cardsAt'),
      numbersAt: median('numbersAt'),
      interactive: median('interactive'),
      keyMove: median('keyMove'),
      cardPasses: median('cardPasses'),
    };
  });
}

async function measureOnce(context: BrowserContext, url: string, expected: number, waterfall?: string, profile?: string): Promise<Timing> {
  const page = await context.newPage();
  const log = waterfall ? recordRequests(page) : undefined;
  // Counts the changes to the cards' DOM, batch by batch (one callback per rendering pass).
  await page.addInitScript(() => {
    const passes = { count: 0, stopped: false };
    Object.assign(window, { __cardPasses: passes });
    const element = (node: Node | null) => (node instanceof Element ? node : (node?.parentElement ?? null));
    const inCard = (node: Node | null) => element(node)?.closest('[data-card]') != null;
    const holdsCard = (node: Node) => inCard(node) || (node instanceof Element && node.querySelector('[data-card]') !== null);
    new MutationObserver((records) => {
      // Inside a card (a badge added, a class changed), or nodes that are or hold cards added or removed.
      const touched = records.some((r) => inCard(r.target) || (r.type === 'childList' && Array.from(r.addedNodes).concat(Array.from(r.removedNodes)).some(holdsCard)));
      if (touched && !passes.stopped) passes.count += 1;
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const cdp = profile ? await context.newCDPSession(page) : undefined;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const startedAt = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="touchpoint-card"]').length === n, expected, { polling: 'raf', timeout: 60_000 });
  const cardsAt = await page.evaluate(() => performance.now());
  // Numbers have arrived when the phase headers show a badge or say there were no answers.
  await page.waitForFunction(() => document.querySelector('[data-testid="phase-nps"]') !== null, undefined, { polling: 'raf', timeout: 60_000 });
  const numbersAt = await page.evaluate(() => performance.now());
  const interactive = await idle(page);
  const cardPasses = await page.evaluate(() => {
    const passes: unknown = Reflect.get(window, '__cardPasses');
    if (typeof passes !== 'object' || passes === null) return Number.NaN;
    Reflect.set(passes, 'stopped', true);
    const count: unknown = Reflect.get(passes, 'count');
    return typeof count === 'number' ? count : Number.NaN;
  });
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
  if (log && waterfall) await printWaterfall(waterfall, page, log, startedAt);
  if (cdp && profile) printProfile((await cdp.send('Profiler.stop')).profile, profile);
  // The curve and the feelings are asked for after the numbers, and their server work would overlap the
  // next run (the other client's, side by side): each run starts once the last has nothing in flight.
  await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => undefined);
  await page.close();
  return { cards: expected, badges, cardsAt, numbersAt, interactive, keyMove, cardPasses };
}

/** The client as it was at a git commit (its client/ and analytics/, which it imports), built beside this one. */
async function buildClientAt(ref: string): Promise<string> {
  const root = path.resolve(CLIENT_DIST, '../..');
  // Inside the repository, so that its imports resolve to this tree's node_modules.
  const dir = path.join(root, '.data', 'bench-client-before');
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  const archive = execFileSync('git', ['-C', root, 'archive', '--format=tar', ref, 'client', 'analytics', 'tsconfig.json'], { maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  await build({ configFile: path.join(dir, 'client', 'vite.config.ts'), logLevel: 'error', mode: 'production' });
  return path.join(dir, 'client', 'dist');
}

/**
 * Serves one client build as the server does (server/app.ts: the same precompressed, immutable assets,
 * the app's shell for every other GET) and passes every other request on to the one server unchanged.
 * Cookies do not depend on the port, so one sign-in serves both fronts. Returns its address.
 */
async function front(dist: string): Promise<string> {
  const target = new URL(server.url);
  const app = express();
  app.use('/assets', ...serveAssets(path.join(dist, 'assets')));
  app.use(express.static(dist, { index: false, maxAge: '1h' }));
  app.use((req, res) => {
    if (req.method === 'GET' && req.accepts('html') && !req.path.startsWith('/graphql')) return res.sendFile(path.join(dist, 'index.html'), { dotfiles: 'allow' }); // the before build lives under .data
    const forwarded = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.originalUrl, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forwarded.on('error', () => res.destroy());
    req.pipe(forwarded);
  });
  const listening = app.listen(0, target.hostname);
  await new Promise<void>((resolve) => listening.once('listening', () => resolve()));
  fronts.push(listening);
  const address = listening.address();
  if (!address || typeof address === 'string') throw new Error('front: no port');
  return `http://${target.hostname}:${address.port}/`;
}

async function bundleSizes() {
  const html = await fs.readFile(path.join(CLIENT_DIST, 'index.html'), 'utf8');
  const initialFiles = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  const all = (await fs.readdir(path.join(CLIENT_DIST, 'assets'))).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  const size = async (file: string) => {
    const bytes = await fs.readFile(path.join(CLIENT_DIST, file));
    // The brotli copy the server sends (the build's precompress step); 0 when there is none.
    const served = await fs.stat(path.join(CLIENT_DIST, `${file}.br`)).then((s) => s.size, () => 0);
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: served };
  };
  const initial = await Promise.all(initialFiles.map(size));
  const lazy = (await Promise.all(all.filter((f) => !initialFiles.includes(f)).map(size))).sort((a, b) => b.gzip - a.gzip);
  return {
    initial,
    initialRaw: initial.reduce((s, f) => s + f.raw, 0),
    initialGzip: initial.reduce((s, f) => s + f.gzip, 0),
    initialBrotli: initial.reduce((s, f) => s + f.brotli, 0),
    lazy,
  };
}
