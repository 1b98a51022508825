/**
 * Keeps the comment analysis current with the data: after any import, generation or undo (a new
 * data_version in store_meta), the next reader first analyses the new comments (incrementally).
 * One analysis at a time per store; concurrent readers wait for the same one.
 *
 * At start-up the server analyses what is already stored in the background instead (analyseInBackground):
 * in chunks, each waiting until the store has had no reads for a moment, so the first page views do not
 * share the two cores with a minute of analysis. A reader that needs comments meanwhile makes the rest
 * run at once, in one pass.
 */
import type { Store } from '../store.js';
import { ensureDictionaries, getMeta } from './dictionary.js';
import { analyseComments, ANALYSER_VERSION, type AnalysisResult } from './pipeline.js';

export interface BackgroundPace {
  /** New comments per chunk (one short transaction each). */
  chunk: number;
  /** A chunk starts once the store has answered no read for this long, */
  quietMs: number;
  /** or after this long at the latest, so steady traffic cannot hold the analysis off for ever. */
  maxWaitMs: number;
}

/**
 * About half a second of CPU per chunk on this machine (1M comments take ~35 s of CPU in one pass), and
 * a second without reads: a page's queries arrive together, so a gap that long means the page is drawn.
 */
export const DEFAULT_PACE: BackgroundPace = { chunk: 15_000, quietMs: 1_000, maxWaitMs: 30_000 };

interface Run {
  promise: Promise<AnalysisResult | null>;
  /** Someone waits for the result: no more pauses, the rest in one pass. */
  urgent: boolean;
  /** Wakes a paused background run when it turns urgent. */
  wake: () => void;
}

const running = new WeakMap<Store, Run>();

/**
 * Resolves once no read started or ran for pace.quietMs (polled), after pace.maxWaitMs at most, or when
 * `stop()` says so. A read still running counts: a page's slow query is a page view in progress.
 */
export async function waitForQuiet(
  reads: { readonly executed: number; readonly running: number },
  pace: Pick<BackgroundPace, 'quietMs' | 'maxWaitMs'>,
  stop: () => boolean,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<void> {
  const deadline = Date.now() + pace.maxWaitMs;
  let seen = reads.executed;
  let quietSince = Date.now();
  while (!stop() && Date.now() < deadline && Date.now() - quietSince < pace.quietMs) {
    await sleep(Math.min(250, pace.quietMs));
    if (reads.executed !== seen || reads.running > 0) {
      seen = reads.executed;
      quietSince = Date.now();
    }
  }
}

/** The analysis brought up to date now (joining a running one, which then stops pausing). */
export function ensureAnalysed(store: Store): Promise<AnalysisResult | null> {
  const current = running.get(store);
  if (current) {
    current.urgent = true;
    current.wake();
    return current.promise;
  }
  return start(store, null).promise;
}

/** Analyses what is not analysed yet in paced chunks; a later ensureAnalysed() finishes it at once. */
export function analyseInBackground(store: Store, pace: BackgroundPace = DEFAULT_PACE): Promise<AnalysisResult | null> {
  return (running.get(store) ?? start(store, pace)).promise;
}

async function isCurrent(store: Store): Promise<boolean> {
  const [meta, analysed, analyser] = await Promise.all([store.getMeta(), getMeta(store, 'analysed_data_version'), getMeta(store, 'analyser_version')]);
  return analysed !== null && analysed === (meta.data_version ?? '0') && analyser === ANALYSER_VERSION;
}

function start(store: Store, pace: BackgroundPace | null): Run {
  const run: Run = { promise: Promise.resolve(null), urgent: pace === null, wake: () => undefined };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        run.wake = () => undefined;
        resolve();
      }
      run.wake = done;
    });
  run.promise = (async () => {
    await ensureDictionaries(store);
    if (await isCurrent(store)) return null;
    const total: AnalysisResult = { analysed: 0, removed: 0, remaining: 0, francDecided: 0, newWords: 0 };
    for (;;) {
      if (pace && !run.urgent) await waitForQuiet(store.readStats, pace, () => run.urgent, sleep);
      const step = await analyseComments(store, pace && !run.urgent ? { limit: pace.chunk } : {});
      total.analysed += step.analysed;
      total.removed += step.removed;
      total.francDecided += step.francDecided;
      total.newWords += step.newWords;
      if (step.remaining === 0) return total;
    }
  })().finally(() => running.delete(store));
  running.set(store, run);
  return run;
}
