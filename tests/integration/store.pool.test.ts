import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openStore, type Store } from '../../analytics/store.js';

// Issue 20: reads run on a pool of read connections beside the one write connection, so an import or
// any other write never holds them up; identical reads running at the same time are executed once.
// These tests check the mechanisms (what ran, what was seen, in which order), never a duration.

/** 10^10 joined rows: minutes of work unless DuckDB is interrupted. */
const ENDLESS = 'SELECT sum(a.range * b.range)::DOUBLE AS s FROM range(100000) a, range(100000) b';

let store: Store;
beforeEach(async () => {
  store = await openStore(':memory:');
  await store.ensureSchema();
  await store.run(`INSERT INTO customers SELECT 'C' || range, 'P1', NULL, DATE '2025-01-01', NULL, 100 FROM range(1000)`);
});
afterEach(async () => store.close());

/** A promise and the function that settles it: lets a test hold a transaction open. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const customers = async () => (await store.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM customers'))[0]?.n;

describe('reads beside writes', () => {
  it('answers a read while an import-like write transaction is open, with the data as last committed', async () => {
    const inside = gate();
    const release = gate();
    let committed = false;
    const importing = store
      .transaction(async (tx) => {
        await tx.run(`INSERT INTO customers SELECT 'N' || range, 'P2', NULL, DATE '2025-02-01', NULL, 100 FROM range(50000)`);
        await tx.run('DROP TABLE IF EXISTS dim_scratch; CREATE TABLE dim_scratch AS SELECT range AS x FROM range(10)');
        inside.open();
        await release.opened; // the transaction stays open until the read below has answered
      })
      .then(() => (committed = true));
    await inside.opened;

    expect(await customers()).toBe(1000); // answered while the transaction is open: the committed state
    expect(committed).toBe(false);

    release.open();
    await importing;
    expect(await customers()).toBe(51000); // and after the commit, the new rows
  });

  it('answers a read while a statement runs on the write connection, which waits its turn no more', async () => {
    let writeSettled = false;
    const write = store.run(`CREATE TABLE endless AS ${ENDLESS}`).finally(() => (writeSettled = true));
    write.catch(() => undefined);
    // Let the write start on the write connection first.
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(await store.all('SELECT 42::INTEGER AS answer')).toEqual([{ answer: 42 }]);
    expect(await customers()).toBe(1000);
    expect(writeSettled).toBe(false);

    store.connection.interrupt();
    await expect(write).rejects.toThrow(/interrupt/i);
  });

  it('interrupts only the read past the time limit; a read on another connection at the same time answers', async () => {
    store.statementTimeoutMs = 200;
    const slow = store.all(ENDLESS);
    const fast = store.all('SELECT count(*)::INTEGER AS n FROM customers WHERE persona_code = $p', { p: 'P1' });
    expect(await fast).toEqual([{ n: 1000 }]);
    await expect(slow).rejects.toMatchObject({ name: 'AnalyticsStoreError', kind: 'TIMEOUT' });
    // The interrupted connection went back to the pool and serves again.
    store.statementTimeoutMs = 0;
    const again = await Promise.all(Array.from({ length: 6 }, (_, i) => store.all('SELECT $i::INTEGER AS i', { i })));
    expect(again.map((rows) => rows[0]?.i)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('queues reads beyond the pool size and answers them all', async () => {
    const small = await openStore(':memory:', { readConnections: 1 });
    try {
      const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => small.all(`SELECT ${i}::INTEGER AS i, count(*)::INTEGER AS n FROM range(${i * 1000})`)));
      expect(answers).toEqual(Array.from({ length: 5 }, (_, i) => [{ i, n: i * 1000 }]));
      expect(small.readStats.executed).toBe(5);
    } finally {
      await small.close();
    }
  });

  it('closes after the reads running at the time have answered', async () => {
    const running = store.all('SELECT count(*)::INTEGER AS n FROM range(3000000)');
    const closing = store.close();
    await expect(store.all('SELECT 1')).rejects.toThrow(/closed/);
    expect(await running).toEqual([{ n: 3000000 }]);
    await closing;
    store = await openStore(':memory:'); // for afterEach
  });
});

describe('single flight', () => {
  it('executes identical concurrent reads once and gives every caller its own rows', async () => {
    const before = { ...store.readStats };
    const sql = 'SELECT persona_code, count(*)::INTEGER AS n FROM customers WHERE acquisition_cost > $min GROUP BY ALL ORDER BY 1';
    const results = await Promise.all(Array.from({ length: 5 }, () => store.all<{ persona_code: string; n: number }>(sql, { min: 10 })));
    expect(store.readStats.executed - before.executed).toBe(1);
    expect(store.readStats.joined - before.joined).toBe(4);
    for (const rows of results) expect(rows).toEqual([{ persona_code: 'P1', n: 1000 }]);
    results[0]![0]!.n = -1; // one caller changing its rows changes nobody else's
    expect(results[1]![0]!.n).toBe(1000);
  });

  it('executes reads with other parameters, or after the first has answered, again', async () => {
    const before = store.readStats.executed;
    const sql = 'SELECT count(*)::INTEGER AS n FROM customers WHERE customer_id < $id';
    await Promise.all([store.all(sql, { id: 'C5' }), store.all(sql, { id: 'C6' })]);
    await store.all(sql, { id: 'C5' });
    expect(store.readStats.executed - before).toBe(3);
  });

  it('validates the shared rows with each caller\'s schema', async () => {
    const sql = 'SELECT 7::INTEGER AS n';
    const [plain, typed] = await Promise.all([store.all(sql), store.all(sql, undefined, z.object({ n: z.number().transform((n) => n * 2) }))]);
    expect(plain).toEqual([{ n: 7 }]);
    expect(typed).toEqual([{ n: 14 }]);
  });

  it('gives every joined caller the error of a failed read', async () => {
    const before = store.readStats.executed;
    const failing = Array.from({ length: 3 }, () => store.all('SELECT no_such_column FROM customers'));
    for (const read of failing) await expect(read).rejects.toMatchObject({ name: 'AnalyticsStoreError', kind: 'FAILED' });
    expect(store.readStats.executed - before).toBe(1);
  });
});
