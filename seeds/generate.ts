/**
 * npm run generate -- --customers 1000000 --responses 10000000 --months 24 --seed 42 [--db path] [--end-date YYYY-MM-DD]
 * Fills the DuckDB analytics store with synthetic data for the demo company (seeds/README.md).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../analytics/store.js';
import { loadConfig } from '../server/config.js';
import { DEFAULT_DEMO_SIZE, generate, type GenerateProgress } from './generate/index.js';

const USAGE = `Usage: npm run generate -- [--customers N] [--responses N] [--months N] [--seed N] [--db PATH] [--end-date YYYY-MM-DD]
  --customers  customers to generate (default ${DEFAULT_DEMO_SIZE.customers})
  --responses  survey responses, 20% relationship surveys (default ${DEFAULT_DEMO_SIZE.responses})
  --months     months of data ending at --end-date (default ${DEFAULT_DEMO_SIZE.months})
  --seed       random seed; the same seed and end date give identical data (default ${DEFAULT_DEMO_SIZE.seed})
  --db         DuckDB file (default DUCKDB_PATH or .data/analytics.duckdb); ':memory:' to try it out
  --end-date   last day of the data (default yesterday, UTC)`;

function integer(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

/** A one-line progress bar on stderr (redrawn in place on a terminal, a line per step otherwise). */
function progressBar(): { update(p: GenerateProgress): void; done(): void } {
  const tty = process.stderr.isTTY;
  const started = performance.now();
  let lastStep = '';
  return {
    update(p) {
      const width = 30;
      const filled = Math.round(p.fraction * width);
      const seconds = (performance.now() - started) / 1000;
      const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(p.fraction * 100).toFixed(0).padStart(3)}%  ${p.step.padEnd(20)} ${p.rows.toLocaleString('en-US')} rows  ${seconds.toFixed(1)} s`;
      if (tty) process.stderr.write(`\r${line}`);
      else if (p.step !== lastStep) process.stderr.write(`${line}\n`);
      lastStep = p.step;
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string' },
      responses: { type: 'string' },
      months: { type: 'string' },
      seed: { type: 'string' },
      db: { type: 'string' },
      'end-date': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const options = {
    customers: integer('customers', values.customers, DEFAULT_DEMO_SIZE.customers),
    responses: integer('responses', values.responses, DEFAULT_DEMO_SIZE.responses),
    months: integer('months', values.months, DEFAULT_DEMO_SIZE.months),
    seed: integer('seed', values.seed, DEFAULT_DEMO_SIZE.seed),
    endDate: values['end-date'],
  };
  const db = values.db === ':memory:' ? ':memory:' : path.resolve(values.db ?? loadConfig().duckdbPath);
  console.log(`Generating ${options.customers.toLocaleString('en-US')} customers, ${options.responses.toLocaleString('en-US')} responses, ${options.months} months (seed ${options.seed}) into ${db}`);
  const store = await openStore(db);
  const bar = progressBar();
  try {
    const result = await generate(store, { ...options, onProgress: (p) => bar.update(p) });
    bar.done();
    for (const [table, rows] of Object.entries(result.rows)) console.log(`  ${table.padEnd(16)} ${rows.toLocaleString('en-US').padStart(12)} rows`);
    const rate = Math.round(result.totalRows / result.seconds);
    console.log(`Data ${result.start} .. ${result.end}: ${result.totalRows.toLocaleString('en-US')} rows in ${result.seconds.toFixed(1)} s (${rate.toLocaleString('en-US')} rows/s)`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exit(1);
});
