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
 * Results remembered per store and key (which includes the fingerprint), the `size` most recent kept.
 * A failed computation is forgotten, so the next request tries again.
 */
export function resultCache<T>(size: number) {
  const caches = new WeakMap<Queryable, Map<string, Promise<T>>>();
  return {
    get(db: Queryable, key: string, compute: () => Promise<T>): Promise<T> {
      let cache = caches.get(db);
      if (!cache) caches.set(db, (cache = new Map()));
      const hit = cache.get(key);
      if (hit) {
        cache.delete(key); // most recently used last
        cache.set(key, hit);
        return hit;
      }
      const pending = compute();
      cache.set(key, pending);
      pending.catch(() => cache.delete(key));
      while (cache.size > size) cache.delete(cache.keys().next().value ?? key);
      return pending;
    },
    clear(db: Queryable): void {
      caches.delete(db);
    },
  };
}
