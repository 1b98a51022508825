/**
 * The analytics peer query in danfo.js (bench/peers.ts runs this in a child process after
 * `npm install` here): NPS counts per touchpoint × persona over a period, touchpoint answers only,
 * responses ⨝ customers. The columns are read from the bench's DuckDB store first (not timed); the
 * timed part is danfo's filter, merge and group-by. Prints one JSON line: seconds, groups and totals
 * (so the caller can check the answer matches DuckDB's).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { DataFrame, merge } from 'danfojs-node';

const [file, from, to] = process.argv.slice(2);
if (!file || !from || !to) throw new Error('usage: groupby.ts <store.duckdb> <from YYYY-MM-DD> <to-exclusive YYYY-MM-DD>');

const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
const con = await instance.connect();
const columns = async (sql: string) => (await con.runAndReadAll(sql)).getColumnsJS();
const loadStarted = performance.now();
const [rCustomer, rTouchpoint, rAt, rLtr] = await columns(
  `SELECT customer_id, touchpoint_code, epoch_ms(responded_at)::DOUBLE, ltr::INTEGER FROM responses WHERE touchpoint_code IS NOT NULL`,
);
const [cCustomer, cPersona] = await columns('SELECT customer_id, persona_code FROM customers');
con.closeSync();
instance.closeSync();
const responses = new DataFrame({ customer_id: rCustomer, touchpoint_code: rTouchpoint, at: rAt, ltr: rLtr });
const customers = new DataFrame({ customer_id: cCustomer, persona_code: cPersona });
const loadSeconds = (performance.now() - loadStarted) / 1000;

const started = performance.now();
const lo = Date.parse(`${from}T00:00:00Z`);
const hi = Date.parse(`${to}T00:00:00Z`);
const inPeriod = responses.query(responses.column('at').ge(lo).and(responses.column('at').lt(hi)));
const ltr = inPeriod.column('ltr');
// danfo's boolean Series do not sum; 0/1 columns do.
inPeriod.addColumn('promoter', (ltr.ge(9).values as boolean[]).map(Number), { inplace: true });
inPeriod.addColumn('detractor', (ltr.le(6).values as boolean[]).map(Number), { inplace: true });
const joined = merge({ left: inPeriod, right: customers, on: ['customer_id'], how: 'inner' });
const grouped = joined.groupby(['touchpoint_code', 'persona_code']).agg({ ltr: 'count', promoter: 'sum', detractor: 'sum' });
const seconds = (performance.now() - started) / 1000;

const sum = (name: string) => (grouped.column(name).values as number[]).reduce((a, b) => a + b, 0);
console.log(JSON.stringify({ seconds, loadSeconds, groups: grouped.shape[0], n: sum('ltr_count'), promoters: sum('promoter_sum'), detractors: sum('detractor_sum') }));
