/**
 * npm run import -- <kind> <file> [--mapping mapping.json] [--replace|--append] [--db path] [--format csv|parquet]
 * Imports a CSV or Parquet file into the analytics store (analytics/import/README.md).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openStore, type Store } from '../store.js';
import { dataDirFrom, storePathFrom } from '../paths.js';
import { ImportError } from './errors.js';
import { importFile, type ImportProgress } from './importFile.js';
import { IMPORT_KINDS, isImportKind } from './kinds.js';
import { loadMapping } from './mapping.js';

const USAGE = `Usage: npm run import -- <kind> <file> [--mapping mapping.json] [--replace|--append] [--db PATH] [--format csv|parquet]
  kind        ${IMPORT_KINDS.join(', ')}
  file        a .csv (UTF-8, header line; , ; tab or | separated) or .parquet file
  --mapping   JSON mapping of your columns to the fields, wide survey exports, date formats (analytics/import/README.md)
  --append    add the rows to what is there (default); rows whose id exists already are refused
  --replace   replace the whole table with the file
  --db        DuckDB file (default DUCKDB_PATH or .data/analytics.duckdb)
  --format    csv, excel or parquet, when the file name does not tell`;

const LABEL: Record<ImportProgress['phase'], string> = { reading: 'Reading', validating: 'Validating', writing: 'Writing', saving: 'Saving', done: 'Done' };

/** CPU seconds of this process (every DuckDB thread included) spent in each phase of the import. */
function phaseCpu() {
  const seconds = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  };
  const spent = new Map<ImportProgress['phase'], number>();
  let phase: ImportProgress['phase'] | undefined;
  let since = seconds();
  return {
    enter(next: ImportProgress['phase']) {
      if (next === phase) return;
      const now = seconds();
      if (phase) spent.set(phase, (spent.get(phase) ?? 0) + now - since);
      phase = next;
      since = now;
    },
    /** e.g. "CPU: reading 8.6 s, validating 4.1 s, writing 10.2 s, saving 30.1 s (53.0 s in all)". */
    line(): string {
      const total = [...spent.values()].reduce((a, b) => a + b, 0);
      return `CPU: ${[...spent].map(([name, s]) => `${name} ${s.toFixed(1)} s`).join(', ')} (${total.toFixed(1)} s in all)`;
    },
  };
}

/** Progress on stderr: redrawn in place on a terminal, a line per phase and per 10% otherwise. */
function progressPrinter(cpu: ReturnType<typeof phaseCpu>): (p: ImportProgress) => void {
  const tty = process.stderr.isTTY;
  const started = performance.now();
  let last = '';
  return (p) => {
    cpu.enter(p.phase);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const rows = p.rows ? `  ${p.rows.toLocaleString('en-US')} rows` : '';
    const line = `${LABEL[p.phase].padEnd(10)} ${String(Math.round(p.fraction * 100)).padStart(3)}%${rows}  ${seconds} s`;
    const step = `${p.phase}:${Math.floor(p.fraction * 10)}`;
    if (tty) process.stderr.write(`\r${line}${p.phase === 'done' ? '\n' : ''}`);
    else if (step !== last) process.stderr.write(`${line}\n`);
    last = step;
  };
}

async function main(): Promise<number> {
  const text = { type: 'string' } as const;
  const flag = { type: 'boolean' } as const;
  const { values, positionals } = parseArgs({
    options: { mapping: text, db: text, format: text, replace: flag, append: flag, help: { ...flag, short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [kind, file, ...extra] = positionals;
  const usage = (message: string) => {
    console.error(`${message}\n\n${USAGE}`);
    return 2;
  };
  if (!kind || !file || extra.length) return usage('Give a kind and one file.');
  if (!isImportKind(kind)) return usage(`"${kind}" is not a kind of import.`);
  if (values.replace && values.append) return usage('Choose --replace or --append, not both.');
  if (values.format !== undefined && values.format !== 'csv' && values.format !== 'excel' && values.format !== 'parquet') return usage(`--format must be csv, excel or parquet, got "${values.format}".`);
  const mode = values.replace ? 'replace' : 'append';
  const env = (name: string) => process.env[name] || undefined;
  const db = path.resolve(values.db ?? storePathFrom(dataDirFrom(env('DATA_DIR')), env('DUCKDB_PATH')));

  console.error(`Importing ${kind} from ${file} into ${db} (${mode}).`);
  console.error('The server must not be running on this store: DuckDB allows one writing process. While it runs, use the importData mutation instead.');
  let store: Store | undefined;
  try {
    const mapping = values.mapping ? await loadMapping(values.mapping, kind) : undefined;
    try {
      store = await openStore(db);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (/lock/i.test(text)) {
        const holder = /PID (\d+)/.exec(text)?.[1];
        throw new ImportError(
          'IMPORT_STORE_LOCKED',
          `${db} is open in another process${holder ? ` (pid ${holder}, probably the server)` : ''}. Stop it first, or import through the importData mutation.`,
        );
      }
      throw error;
    }
    await store.ensureSchema();
    const cpu = phaseCpu();
    const result = await importFile(store, { kind, file, mode, mapping, format: values.format, onProgress: progressPrinter(cpu) });
    const wide = result.rows !== result.sourceRows ? ` (${result.sourceRows.toLocaleString('en-US')} rows in the file)` : '';
    console.log(
      `Imported ${result.rows.toLocaleString('en-US')} ${kind}${wide} from ${path.basename(file)} in ${result.seconds.toFixed(1)} s ` +
        `(${result.rowsPerSecond.toLocaleString('en-US')} rows/s).`,
    );
    console.log(cpu.line());
    if (result.ignoredColumns.length) console.log(`Columns not imported (not mapped to a field): ${result.ignoredColumns.join(', ')}`);
    return 0;
  } catch (error) {
    if (error instanceof ImportError) {
      console.error(`\n${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await store?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
