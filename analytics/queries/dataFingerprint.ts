import type { Queryable } from '../store.js';

/**
 * What the answers, customers and copied journey model look like now, as one string: the store's data
 * and dimension versions plus the row counts of the tables the queries read. Imports, the generator, a
 * model sync and plain inserts all change it, so results remembered under it are current. One small
 * statement (milliseconds on the 10M store).
 */
export async function dataFingerprint(db: Queryable): Promise<string> {
  const [row] = await db.all<{ f: string }>(
    `SELECT concat_ws('|',
       (SELECT string_agg(key || '=' || value, ',' ORDER BY key) FROM store_meta WHERE key IN ('data_version', 'dimensions_version')),
       (SELECT count(*) FROM responses), (SELECT count(*) FROM customers), (SELECT count(*) FROM profitability),
       (SELECT count(*) FROM dim_touchpoints), (SELECT count(*) FROM dim_phases)) AS f`,
  );
  return row?.f ?? '';
}

/** How long the results of the data before a change are kept for requests that read its fingerprint (resultCache). */
export const OLD_DATA_MS = 10_000;

/**
 * Results remembered per store for the current data: keyed by what was asked, under the fingerprint of
 * the data they were computed from. A request that read a new fingerprint never gets an older result
 * (after a model edit or an import nothing earlier is served to it). The results of the fingerprint
 * before are kept for `OLD_DATA_MS` more, for the requests that read it just before the change and
 * arrive a moment later: dropping everything as soon as the fingerprints differed (as this did) let
 * those requests wipe the results computed for the new data, the warm-up's included, so around an
 * import under load the same cuts were computed again and again. At most `size` results per
 * fingerprint, the least recently used dropped first. A failed computation is forgotten.
 */
export function resultCache<T>(size: number) {
  /** Per store: the results per fingerprint, the newest last; at most two, the older one for OLD_DATA_MS. */
  const caches = new WeakMap<Queryable, Map<string, Map<string, Promise<T>>>>();
  /** A remembered result, made the most recently used. */
  const touched = (results: Map<string, Promise<T>> | undefined, key: string): Promise<T> | undefined => {
    const hit = results?.get(key);
    if (results && hit) {
      results.delete(key);
      results.set(key, hit);
    }
    return hit;
  };
  return {
    get(db: Queryable, fingerprint: string, key: string, compute: () => Promise<T>): Promise<T> {
      let generations = caches.get(db);
      if (!generations) caches.set(db, (generations = new Map()));
      let results = generations.get(fingerprint);
      if (!results) {
        const changed = generations;
        for (const [other, old] of changed) {
          setTimeout(() => changed.get(other) === old && changed.delete(other), OLD_DATA_MS).unref();
        }
        changed.set(fingerprint, (results = new Map()));
        while (changed.size > 2) changed.delete(changed.keys().next().value ?? fingerprint);
      }
      const hit = touched(results, key);
      if (hit) return hit;
      const pending = compute();
      const own = results;
      own.set(key, pending);
      pending.catch(() => own.delete(key));
      while (own.size > size) own.delete(own.keys().next().value ?? key);
      return pending;
    },
    /** The result remembered for exactly this fingerprint and key, computing nothing (a wider result that serves a narrower ask). */
    peek(db: Queryable, fingerprint: string, key: string): Promise<T> | undefined {
      return touched(caches.get(db)?.get(fingerprint), key);
    },
    /** Forgets everything remembered for the store (benchmarks that measure the computation itself). */
    clear(db: Queryable): void {
      caches.delete(db);
    },
  };
}
