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
