/**
 * Every raw statement goes through server/common/sql.ts, which converts the driver's error as the ORM's
 * own calls do (tests/integration/rawSql.test.ts shows the difference). This reads the source: an
 * `.execute(` outside that file must be a query builder wrapped in `converted(`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../analytics/paths.js';
import { sourceFiles, withoutComments } from '../support/sourceFiles.js';

const HELPER = path.join('server', 'common', 'sql.ts');

/** `.execute(` / `.execute<` calls in the text that are not inside a `converted(` call: "line: text". */
export function unconvertedExecutes(source: string): string[] {
  const text = withoutComments(source);
  const found: string[] = [];
  for (const m of text.matchAll(/\.\s*execute\s*[<(]/g)) {
    // The statement so far: from the last `;`, `{` or `}` before the call.
    const before = text.slice(0, m.index);
    const start = Math.max(before.lastIndexOf(';'), before.lastIndexOf('{'), before.lastIndexOf('}'));
    if (/\bconverted\s*\(/.test(before.slice(start + 1))) continue;
    const line = before.split('\n').length;
    found.push(`${line}: ${text.split('\n')[line - 1]?.trim()}`);
  }
  return found;
}

describe('raw SQL converts the driver’s error (server/common/sql.ts)', () => {
  const files = [...sourceFiles('server'), ...sourceFiles('seeds')].filter((f) => f !== HELPER && !f.includes(`${path.sep}migrations${path.sep}`));

  it('reads the server and seeds', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain(path.join('server', 'auth', 'auth.service.ts'));
  });

  it('no raw execute outside the helper, and query builders are wrapped in converted', () => {
    const found = files.flatMap((file) => unconvertedExecutes(fs.readFileSync(path.join(ROOT, file), 'utf8')).map((p) => `${file}:${p}`));
    expect(found).toEqual([]);
  });

  it('the check sees each kind of raw call, and not a converted builder or a comment', () => {
    const source = [
      "const [row] = await em.getConnection().execute<Row[]>('select 1');",
      'await connection',
      '  .execute(`update x set y = 1`);',
      "const rows = await em.execute<Row[]>('select 2', []);",
      "await tx.execute('delete from x');",
      "const counted = await em.createQueryBuilder(X).select('id').execute('all', false);",
      "const fine = await converted(em, em.createQueryBuilder(X).insert(rows).execute('all', false));",
      'const alsoFine = await converted(',
      '  em,',
      "  em.createQueryBuilder(X).select('id').execute<{ id: string }[]>('all', false),",
      ');',
      "// em.getConnection().execute('select 3') in a comment is fine",
      "const ok = await sql(em, 'select 4');",
    ].join('\n');
    expect(unconvertedExecutes(source).map((p) => p.split(':')[0])).toEqual(['1', '3', '4', '5', '6']);
  });
});
