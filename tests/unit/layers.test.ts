/**
 * Layers point one way: the server may use analytics, seeds may use both, but the production start path
 * never loads the demo generator and analytics never reaches into the server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sourceFiles } from '../support/sourceFiles.js';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../analytics/paths.js';

/** Files under `from` whose import or export statements resolve into the folder `into`. */
function importsInto(from: string, into: string): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(from)) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
      const target = path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), match[1] ?? match[2]!));
      if (target === into || target.startsWith(`${into}/`)) found.push(`${file} -> ${target}`);
    }
  }
  return found;
}

describe('layers', () => {
  it('the server does not import the demo generator (seeds/): start-up receives it from seeds/start.ts', () => {
    expect(importsInto('server', 'seeds')).toEqual([]);
  });

  it('analytics does not import the server', () => {
    expect(importsInto('analytics', 'server')).toEqual([]);
  });

  it('the check sees an import where there is one', () => {
    expect(importsInto('seeds', 'server').length).toBeGreaterThan(0);
  });
});
