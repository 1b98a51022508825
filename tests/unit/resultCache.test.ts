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
