/**
 * Resolvers are thin: they map arguments and the context and hand off to a service. The entity manager,
 * SQL and the analytics queries are the services' business, so a resolver file may name `ctx.em` only
 * to give it to a service (`new XService(ctx.em, …)`) and holds no query of its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../analytics/paths.js';
import { sourceFiles, withoutComments } from '../support/sourceFiles.js';


const SQL = /\b(select\s+[\w*(),.\s]+?\s+from\s+\w|insert\s+into\s+\w|update\s+\w+\s+set\s|delete\s+from\s+\w|on\s+conflict\s*\()/i;

/** What a resolver's text does that belongs in a service: one line per finding, "line: what". */
export function resolverProblems(source: string): string[] {
  const problems: string[] = [];
  const text = withoutComments(source);
  text.split('\n').forEach((line, i) => {
    const at = `${i + 1}`;
    for (const m of line.matchAll(/\bctx\.em\b/g)) {
      if (!/new \w+Service\([^;]*$/.test(line.slice(0, m.index))) problems.push(`${at}: ctx.em used other than to construct a service`);
    }
    if (/(?<!ctx\.)\bem\b(?!\s*:)/.test(line)) problems.push(`${at}: an entity manager (em) in the resolver`);
    for (const literal of line.matchAll(/(['"`])((?:\\.|(?!\1).)*)\1/g)) {
      if (SQL.test(literal[2] ?? '')) problems.push(`${at}: SQL text ${literal[0].slice(0, 60)}`);
    }
  });
  for (const m of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+['"]([^'"]+)['"]/g)) {
    const line = text.slice(0, m.index).split('\n').length;
    const [, typeOnly, names = '', from = ''] = m;
    if (from.startsWith('@mikro-orm/')) problems.push(`${line}: imports ${from}`);
    if (/\/analytics\/queries\//.test(from) && !typeOnly) {
      // Types and named constants (defaults shown in descriptions) are fine; a query function is not.
      const called = names.split(',').map((n) => n.trim()).filter((n) => n && !n.startsWith('type ') && !/^[A-Z][A-Z0-9_]*(\s+as\s+\w+)?$/.test(n));
      if (called.length) problems.push(`${line}: calls the analytics query ${called.join(', ')} (${from}) itself`);
    }
  }
  return problems;
}

describe('resolvers hand off to services', () => {
  const files = sourceFiles('server', /\.resolvers?\.ts$/);

  it('finds the resolvers', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('no resolver touches the entity manager, holds SQL or runs an analytics query itself', () => {
    const found = files.flatMap((file) => resolverProblems(fs.readFileSync(path.join(ROOT, file), 'utf8')).map((p) => `${file}:${p}`));
    expect(found).toEqual([]);
  });

  it('the check sees each kind of breach', () => {
    const bad = [
      "import type { EntityManager } from '@mikro-orm/postgresql';",
      "import { countPersonaCustomers, DEFAULT_X, type Row } from '../../../analytics/queries/customers/countPersonaCustomers.js';",
      'const service = (ctx: Context) => new PersonaService(ctx.em);',
      '    return ctx.em.find(Scenario, {});',
      '    audit(ctx.em, "X", caller.id);',
      'async function load(em: EntityManager) { return em.findOne(CompanySettings, { id: 1 }); }',
      "    await connection.execute(`insert into company_settings (id) values (1)`);",
      "    await run('SELECT user_id, max(created_at) AS last FROM credential GROUP BY user_id');",
      '    // a comment about em.flush() and select x from y is fine',
    ].join('\n');
    expect(resolverProblems(bad)).toEqual([
      '4: ctx.em used other than to construct a service',
      '5: ctx.em used other than to construct a service',
      '6: an entity manager (em) in the resolver',
      '7: SQL text `insert into company_settings (id) values (1)`',
      "8: SQL text 'SELECT user_id, max(created_at) AS last FROM credential GRO",
      '1: imports @mikro-orm/postgresql',
      '2: calls the analytics query countPersonaCustomers (../../../analytics/queries/customers/countPersonaCustomers.js) itself',
    ]);
  });
});
