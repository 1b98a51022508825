import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../analytics/paths.js';

/**
 * Paths, relative to the repository root, of the files under `dir` whose names match `name`, for the
 * tests that read the source (layers, one copy of each rule, no ORM in resolvers). Generated folders are
 * skipped: what codegen writes is not ours to keep single.
 */
export function sourceFiles(dir: string, name: RegExp = /\.ts$/): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(rel, name);
    return name.test(entry.name) ? [rel] : [];
  });
}

/** Source without comments (a comment may mention what it points to), line numbers kept. */
export const withoutComments = (text: string): string =>
  text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
