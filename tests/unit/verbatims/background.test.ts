import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../analytics/store.js';
import { analyseInBackground, ensureAnalysed, waitForQuiet } from '../../../analytics/verbatims/freshness.js';

/** The start-up analysis gives way to page views: chunks, each after a quiet moment without reads. */
let store: Store;
const COMMENTS = 40;

beforeEach(async () => {
  store = await openStore(':memory:');
  await store.ensureSchema();
  for (let i = 0; i < COMMENTS; i++) {
    await store.run(`INSERT INTO customers (customer_id, persona_code) VALUES ($c, 'P')`, { c: `C${i}` });
    await store.run(`INSERT INTO responses (response_id, customer_id, responded_at, ltr, comment) VALUES ($id, $c, '2026-03-01', 3, $text)`, {
      id: `R${i}`,
      c: `C${i}`,
      text: i % 2 ? 'Waited weeks for my claim, angry.' : 'Ventede i ugevis på svar, jeg er vred.',
    });
  }
});
afterEach(async () => store?.close());

const analysed = async () => (await store.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM text_comments'))[0]!.n;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('comment analysis in the background', () => {
  it('analyses everything in chunks and leaves the store current', async () => {
    const result = await analyseInBackground(store, { chunk: 15, quietMs: 20, maxWaitMs: 1_000 });
    expect(result).toMatchObject({ analysed: COMMENTS, remaining: 0 });
    expect(await analysed()).toBe(COMMENTS);
    // Current: the next reader has nothing to wait for.
    expect(await ensureAnalysed(store)).toBeNull();
  });

  it('waits while pages read the store, and goes on once they stop', async () => {
    const background = analyseInBackground(store, { chunk: 10, quietMs: 1_000, maxWaitMs: 60_000 });
    // A page view every 100 ms for 1.5 s: never a second without a read.
    const during: number[] = [];
    for (let i = 0; i < 15; i++) {
      during.push(await analysed());
      await wait(100);
    }
    expect(Math.max(...during)).toBe(0);
    expect(await background).toMatchObject({ analysed: COMMENTS, remaining: 0 });
  });

  it('still makes progress under steady reads, one chunk per longest wait', { timeout: 60_000 }, async () => {
    const background = analyseInBackground(store, { chunk: 10, quietMs: 1_000, maxWaitMs: 1_200 });
    let reads = 0;
    let done = false;
    void background.then(() => (done = true));
    while (!done && reads < 400) {
      await analysed();
      reads++;
      await wait(50);
    }
    expect(done).toBe(true);
    expect(await analysed()).toBe(COMMENTS);
  });

  it('finishes at once, in one pass, when a reader needs the comments', async () => {
    const background = analyseInBackground(store, { chunk: 10, quietMs: 60_000, maxWaitMs: 60_000 });
    await wait(200);
    expect(await analysed()).toBe(0); // still waiting for a quiet minute
    const started = Date.now();
    const result = await ensureAnalysed(store);
    expect(result).toMatchObject({ analysed: COMMENTS, remaining: 0 });
    expect(Date.now() - started).toBeLessThan(30_000); // not the minute it was waiting for
    expect(await background).toBe(result);
  });
});

describe('waitForQuiet', () => {
  it('counts a read still running as a page view in progress', async () => {
    const reads = { executed: 5, running: 1 }; // one slow read, started before
    setTimeout(() => (reads.running = 0), 600);
    const started = Date.now();
    await waitForQuiet(reads, { quietMs: 300, maxWaitMs: 10_000 }, () => false);
    // Not 300 ms after the call: 300 ms after the slow read ended.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('waits no longer than the longest wait, nor once told to stop', async () => {
    const busy = { executed: 0, running: 1 };
    let started = Date.now();
    await waitForQuiet(busy, { quietMs: 300, maxWaitMs: 500 }, () => false);
    expect(Date.now() - started).toBeLessThan(5_000);
    started = Date.now();
    await waitForQuiet(busy, { quietMs: 300, maxWaitMs: 60_000 }, () => true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
