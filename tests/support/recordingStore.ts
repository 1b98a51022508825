import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../../analytics/store.js';

/**
 * A store that records every statement it is sent. Being another object than the store, it also has
 * caches of its own (results are remembered per Queryable), so a read through it computes afresh.
 */
export function recording(target: Store): { db: Store; statements: string[] } {
  const statements: string[] = [];
  const db = new Proxy(target, {
    get(t, key, receiver) {
      const value: unknown = Reflect.get(t, key, receiver);
      if ((key !== 'all' && key !== 'run') || typeof value !== 'function') return value;
      return (sql: string, ...rest: unknown[]) => {
        statements.push(sql);
        return Reflect.apply(value, t, [sql, ...rest]);
      };
    },
  });
  return { db, statements };
}

/** Writes `lines` as the file `name` in `dir` and returns its path (import files for tests). */
export function writeLines(dir: string, name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join('\n'));
  return file;
}

/**
 * `actual` with every number that is within 1e-9 (relative) of the one at the same place in `expected`
 * replaced by it: sums of doubles added in another order differ in their last bits. Anything else is kept,
 * so toEqual shows the real differences.
 */
export function closeTo(actual: unknown, expected: unknown): unknown {
  if (typeof actual === 'number' && typeof expected === 'number') {
    return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)) ? expected : actual;
  }
  if (actual instanceof Map && expected instanceof Map) return new Map([...actual].map(([k, v]) => [k, closeTo(v, expected.get(k))]));
  if (Array.isArray(actual) && Array.isArray(expected)) return actual.map((v, i) => closeTo(v, expected[i]));
  if (actual && expected && typeof actual === 'object' && typeof expected === 'object') {
    const other = new Map(Object.entries(expected));
    return Object.fromEntries(Object.entries(actual).map(([k, v]) => [k, closeTo(v, other.get(k))]));
  }
  return actual;
}

/** What `read` returned, and the statements it sent, through a fresh recording wrapper (no caches). */
export async function recorded<T>(store: Store, read: (db: Store) => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const { db, statements } = recording(store);
  return { result: await read(db), statements };
}

/**
 * `recorded`, with the store_meta stamp `key` of a table derived from the facts set aside for the call
 * (readers then read the facts), and put back after it.
 */
export async function withStampAside<T>(store: Store, key: string, read: (db: Store) => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const [stamp] = await store.all<{ value: string }>(`SELECT value FROM store_meta WHERE key = $key`, { key });
  await store.run(`UPDATE store_meta SET value = 'set aside' WHERE key = $key`, { key });
  try {
    return await recorded(store, read);
  } finally {
    await store.run(`UPDATE store_meta SET value = $value WHERE key = $key`, { key, value: stamp?.value ?? '' });
  }
}
