import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../server/config.js';
import { openStore, type Store } from '../analytics/store.js';
import { demoCompany } from '../seeds/demo/company.js';
import { generate } from '../seeds/generate/index.js';

/** Generated stores live here and are reused by later runs with the same size and seed (.data/ is gitignored). */
export const BENCH_DIR = path.join(ROOT, '.data/bench');
/** A fixed last day, so a cached store is the same data whatever the date of the run. */
export const END_DATE = '2026-10-31';
export const SEED = 42;
/** The cut the API and scale sections ask for: the first demo persona over the last 12 months of the data. */
export const BENCH_FILTER = { personaCodes: [demoCompany.personas[0]?.code ?? 'YOUNG_FAMILY'], from: '2025-11-01', to: END_DATE };

export interface Dataset {
  file: string;
  responses: number;
  customers: number;
  /** Generation time when the store was made (maybe an earlier run). */
  generatedSeconds: number;
}

interface Meta {
  responses: number;
  customers: number;
  seed: number;
  endDate: string;
  seconds: number;
}

/** Ten responses per customer, as in the 10M responses / 1M customers. */
export const customersFor = (responses: number) => Math.max(1000, Math.round(responses / 10));

/** The generated store of this size (made once, then reused): the demo company, 24 months to END_DATE. */
export async function ensureDataset(responses: number, log: (line: string) => void): Promise<Dataset> {
  const customers = customersFor(responses);
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  const file = path.join(BENCH_DIR, `store-r${responses}-c${customers}-s${SEED}.duckdb`);
  const metaFile = `${file}.json`;
  if (fs.existsSync(metaFile) && fs.existsSync(file)) {
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as Meta;
    return { file, responses, customers, generatedSeconds: meta.seconds };
  }
  for (const f of [file, `${file}.wal`, metaFile]) fs.rmSync(f, { force: true });
  log(`Generating ${customers.toLocaleString('en-US')} customers and ${responses.toLocaleString('en-US')} responses into ${path.relative(ROOT, file)} (kept for later runs) ...`);
  const store = await openStore(file);
  try {
    const result = await generate(store, { customers, responses, months: 24, seed: SEED, endDate: END_DATE, dimensions: 'always' });
    const meta: Meta = { responses, customers, seed: SEED, endDate: END_DATE, seconds: result.seconds };
    fs.writeFileSync(metaFile, JSON.stringify(meta, null, 2));
    log(`  generated in ${result.seconds.toFixed(1)} s`);
    return { file, responses, customers, generatedSeconds: result.seconds };
  } finally {
    await store.close();
  }
}

/**
 * Opens a generated store. Other benchmarks share .data/bench, and DuckDB lets one process at a time
 * open a file: when another process holds it, a private copy is opened instead (and removed on close).
 */
export async function openDataset(dataset: Dataset, log: (line: string) => void): Promise<Store> {
  try {
    return await openStore(dataset.file);
  } catch (error) {
    if (!/Could not set lock/.test(String(error))) throw error;
  }
  const copy = path.join(BENCH_DIR, `copy-${process.pid}-${path.basename(dataset.file)}`);
  log(`  ${path.basename(dataset.file)} is open in another process; working on a copy`);
  fs.copyFileSync(dataset.file, copy);
  const store = await openStore(copy);
  const close = store.close.bind(store);
  return Object.assign(store, {
    async close() {
      await close();
      for (const f of [copy, `${copy}.wal`]) fs.rmSync(f, { force: true });
    },
  });
}
