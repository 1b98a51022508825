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

/**
 * Results remembered per store for the current data: keyed by what was asked, under the fingerprint of
 * the data they were computed from. A new fingerprint drops every older result at once (after a model
 * edit or an import nothing earlier can be served again), so the cache never holds stale data; at most
 * `size` results, the least recently used dropped first. A failed computation is forgotten.
 */
export function resultCache<T>(size: number) {
  const caches = new WeakMap<Queryable, { fingerprint: string; results: Map<string, Promise<T>> }>();
  return {
    get(db: Queryable, fingerprint: string, key: string, compute: () => Promise<T>): Promise<T> {
      let cache = caches.get(db);
      if (!cache || cache.fingerprint !== fingerprint) caches.set(db, (cache = { fingerprint, results: new Map() }));
      const { results } = cache;
      const hit = results.get(key);
      if (hit) {
        results.delete(key); // most recently used last
        results.set(key, hit);
        return hit;
      }
      const pending = compute();
      results.set(key, pending);
      pending.catch(() => results.delete(key));
      while (results.size > size) results.delete(results.keys().next().value ?? key);
      return pending;
    },
  };
}
