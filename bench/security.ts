/**
 * npm run bench:security -- [--section f1]
 *
 * Issue 15's before/after figures, measured side by side in one run (not a test: never fails on numbers).
 *  f1: what one `{ me { id id … } }` request costs the event loop: graphql-js validation of the text as the
 *      server did before (parse, then every validation rule), against the query gate that now runs first
 *      (parse with the token limit, repeated-field and width checks, validation under a time budget).
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { parse, specifiedRules, validate } from 'graphql';
import { createQueryGate, QUERY_LIMITS } from '../server/common/queryLimits.js';
import { getSchema } from '../server/schema.js';
import { median, ms, render } from './table.js';

const { values } = parseArgs({ options: { section: { type: 'string' }, runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
const want = (name: string) => !values.section || values.section === name;

const timed = (f: () => unknown): number => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};

if (want('f1')) {
  const schema = await getSchema();
  const armorRules = new ApolloArmor({ maxDepth: { n: 10 }, maxAliases: { n: 15 }, costLimit: { maxCost: 20000 }, maxTokens: { n: 5000 }, maxDirectives: { n: 20 } }).protect().validationRules;
  const rows: string[][] = [];
  for (const n of [1000, 4000, 8000]) {
    const text = `{ me { ${Array.from({ length: n }, () => 'id').join(' ')} } }`;
    // Before: Apollo parsed without a token limit and validated with graphql-js's rules and armor's.
    const before = timed(() => validate(schema, parse(text), [...specifiedRules, ...armorRules]));
    const after: number[] = [];
    for (let i = 0; i < runs; i++) {
      const gate = createQueryGate(schema, armorRules); // a fresh gate: nothing remembered
      after.push(timed(() => gate(text)));
    }
    rows.push([`{ me { id × ${n.toLocaleString('en')} } }`, `${(text.length / 1024).toFixed(1)} kB`, ms(before), ms(median(after)), `${Math.round(before / median(after)).toLocaleString('en')}×`]);
  }
  console.log(`\nFinding 1: event-loop time for one request (token limit ${QUERY_LIMITS.maxTokens}, ${QUERY_LIMITS.maxSelections} fields per selection set, ${QUERY_LIMITS.budgetMs} ms budget)`);
  console.log(render(['request', 'size', 'before: parse + validate', `after: query gate (median of ${runs})`, 'ratio'], rows));
}

if (want('f9')) {
  // A heavy statement (a 4·10^8-row join) and another user's small query queued behind it on the one
  // DuckDB connection, without and with the statement time limit.
  const { openStore } = await import('../analytics/store.js');
  const store = await openStore(':memory:');
  const heavy = 'SELECT sum(a.range * b.range)::DOUBLE AS s FROM range(20000) a, range(20000) b';
  const rows: string[][] = [];
  for (const limit of [0, 200]) {
    store.statementTimeoutMs = limit;
    const t0 = performance.now();
    const first = store.all(heavy).then(
      () => 'finished',
      (e: unknown) => (e instanceof Error ? e.name : 'error'),
    );
    const second = store.all('SELECT 1::INTEGER AS one').then(() => performance.now() - t0);
    const [outcome, waited] = await Promise.all([first, second]);
    rows.push([limit ? `${limit} ms` : 'none (before)', outcome, ms(waited)]);
  }
  await store.close();
  console.log('\nFinding 9: another user\'s query waiting behind a heavy analytics statement');
  console.log(render(['statement time limit', 'heavy statement', 'small query answered after'], rows));
}
