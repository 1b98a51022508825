import { afterEach, describe, expect, it, vi } from 'vitest';
import { OLD_DATA_MS, resultCache } from '../../analytics/queries/dataFingerprint.js';
import type { Queryable } from '../../analytics/store.js';

// The cache is per store object; these tests never read it.
const store = {} as Queryable;

/** A cache whose computations are counted and answer which fingerprint they were computed under. */
function counted() {
  const cache = resultCache<string>(4);
  let computed = 0;
  const get = (fingerprint: string, key = 'cut') => cache.get(store, fingerprint, key, async () => `${key}@${fingerprint}#${++computed}`);
  return { get, computed: () => computed };
}

afterEach(() => vi.useRealTimers());

describe('resultCache across a data change', () => {
  it('serves requests that read the old fingerprint from the old results without dropping the new ones', async () => {
    const { get, computed } = counted();
    expect(await get('v1')).toBe('cut@v1#1');
    expect(await get('v2')).toBe('cut@v2#2');
    // A request that read v1 just before the import committed, then more for v2: nothing computed again.
    expect(await get('v1')).toBe('cut@v1#1');
    expect(await get('v2')).toBe('cut@v2#2');
    expect(computed()).toBe(2);
  });

  it('drops the old results a while after the change, and never gives an old result for a new fingerprint', async () => {
    vi.useFakeTimers();
    const { get, computed } = counted();
    await get('v1');
    expect(await get('v2')).toBe('cut@v2#2');
    vi.advanceTimersByTime(OLD_DATA_MS + 1);
    expect(await get('v2')).toBe('cut@v2#2');
    expect(await get('v1')).toBe('cut@v1#3');
    expect(await get('v3')).toBe('cut@v3#4');
    expect(computed()).toBe(4);
  });

  it('keeps at most two fingerprints and `size` results per fingerprint', async () => {
    const { get, computed } = counted();
    for (const key of ['a', 'b', 'c', 'd', 'e']) await get('v1', key);
    expect(await get('v1', 'a')).toBe('a@v1#6'); // the least recently used went first
    await get('v2');
    await get('v3');
    expect(await get('v1', 'e')).toBe('e@v1#9'); // v1 went when v3 came
    expect(computed()).toBe(9);
  });
});

describe('resultCache.peek and clear', () => {
  it('peek answers only what was computed for exactly that fingerprint and key, computing nothing', async () => {
    const cache = resultCache<string>(4);
    let computed = 0;
    await cache.get(store, 'v1', 'wide', async () => `wide#${++computed}`);
    expect(await cache.peek(store, 'v1', 'wide')).toBe('wide#1');
    expect(cache.peek(store, 'v1', 'narrow')).toBeUndefined();
    expect(cache.peek(store, 'v2', 'wide')).toBeUndefined();
    expect(computed).toBe(1);
  });

  it('a peek at a new fingerprint starts no new generation: the results kept stay', async () => {
    vi.useFakeTimers();
    const cache = resultCache<string>(4);
    await cache.get(store, 'v1', 'cut', async () => 'cut@v1');
    cache.peek(store, 'v2', 'cut');
    cache.peek(store, 'v3', 'cut');
    vi.advanceTimersByTime(OLD_DATA_MS + 1);
    expect(await cache.peek(store, 'v1', 'cut')).toBe('cut@v1');
  });

  it('peek counts as a use: the result peeked at is dropped last', async () => {
    const cache = resultCache<string>(2);
    await cache.get(store, 'v1', 'a', async () => 'a');
    await cache.get(store, 'v1', 'b', async () => 'b');
    cache.peek(store, 'v1', 'a');
    await cache.get(store, 'v1', 'c', async () => 'c');
    expect(cache.peek(store, 'v1', 'b')).toBeUndefined();
    expect(await cache.peek(store, 'v1', 'a')).toBe('a');
  });

  it('clear forgets the store’s results', async () => {
    const cache = resultCache<string>(4);
    await cache.get(store, 'v1', 'cut', async () => 'cut@v1');
    cache.clear(store);
    expect(cache.peek(store, 'v1', 'cut')).toBeUndefined();
  });
});
