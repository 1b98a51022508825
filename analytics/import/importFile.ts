/**
 * importFile: a CSV or Parquet file into one table of the analytics store, all or nothing.
 *
 * 1. Header: columns are matched to the kind's fields (plan.ts); missing ones fail before reading rows.
 * 2. Read: DuckDB reads every column as VARCHAR (so we, not the reader, judge values) into a temp table.
 * 3. Validate: every rule is SQL over the staged rows (validate.ts); any problem fails the import.
 * 4. Write: one transaction (replace = drop and recreate the table, then insert), plus store_meta.
 * Steps 3 and 4 share the transaction, so the checks against the store hold for what is written.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createTableSql, FACT_TABLE_DEFS, OTHER_TABLE_DEFS } from '../schema.js';
import { quoteIdent } from '../sql.js';
import type { Queryable, Store, StoreMeta } from '../store.js';
import { ImportError, invalidRows } from './errors.js';
import { DIMENSION_SQL, KINDS, type Dimension, type ImportKind } from './kinds.js';
import { DEFAULT_MAPPING, parseMapping, type Mapping } from './mapping.js';
import type { ProblemContext } from './messages.js';
import { planImport } from './plan.js';
import { duckMessage, formatOf, openSource, type FileFormat } from './source.js';
import { insertSql, stagingSql, Validator } from './validate.js';

export type ImportMode = 'append' | 'replace';

export interface ImportOptions {
  kind: ImportKind;
  file: string;
  /** Default: from the file name (.csv, .tsv, .txt / .parquet). */
  format?: FileFormat;
  mode: ImportMode;
  /** A mapping object (analytics/import/README.md); validated here. */
  mapping?: unknown;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  /** saving: committing the transaction and writing it to the database file. */
  phase: 'reading' | 'validating' | 'writing' | 'saving' | 'done';
  /** Progress of the phase, 0..1 (DuckDB's estimate while a statement runs). */
  fraction: number;
  /** Rows read so far (known from the validating phase on). */
  rows: number;
}

export interface ImportResult {
  kind: ImportKind;
  mode: ImportMode;
  file: string;
  /** Rows written (a wide file writes one response per touchpoint answered). */
  rows: number;
  /** Data rows in the file. */
  sourceRows: number;
  seconds: number;
  rowsPerSecond: number;
  /** Columns of the file nothing read. */
  ignoredColumns: string[];
}

const READ_ERROR = /CSV|Invalid Input|unicode|parquet|magic bytes|IO Error|Conversion|line size/i;
const KEY_VIOLATION = /Duplicate key|primary key|unique constraint/i;

/** The primary key refused the insert: the duplicates are found and explained after the rollback. */
class KeyViolation extends Error {}

export async function importFile(store: Store, options: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const { kind, mode, onProgress } = options;
  const spec = KINDS[kind];
  if (!spec) throw new ImportError('IMPORT_BAD_MAPPING', `Unknown import kind "${String(kind)}"; use one of ${Object.keys(KINDS).join(', ')}.`);
  const file = path.resolve(options.file);
  const name = path.basename(file);
  const mapping: Mapping = options.mapping === undefined ? DEFAULT_MAPPING : parseMapping(options.mapping, kind);
  const format = formatOf(file, options.format);
  await checkFormats(store, mapping);

  const source = await openSource(store, file, format, mapping);
  const codes = await knownCodes(store);
  const plan = planImport(spec, mapping, source.columns, codes.touchpoint, name);
  const prefix = `import_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const { statements, staging } = stagingSql(plan, source.relation, source.text, mapping, prefix);
  const progress = tracker(store, onProgress);

  try {
    progress.report('reading', 0, 0);
    await progress.during('reading', 0, async () => {
      for (const sql of statements) {
        try {
          await store.run(sql);
        } catch (error) {
          if (READ_ERROR.test(duckMessage(error))) throw await source.readError(error);
          throw error;
        }
      }
    });
    const [{ rows = 0, sourceRows = 0 } = {}] = await store.all<{ rows: number; sourceRows: number }>(
      `SELECT (SELECT count(*) FROM ${staging.view})::INTEGER AS rows, (SELECT count(*) FROM ${staging.fileRows})::INTEGER AS "sourceRows"`,
    );
    if (rows === 0) {
      const what = plan.wide ? 'no answers in any of the mapped columns' : 'a header but no rows';
      throw new ImportError('IMPORT_EMPTY_FILE', `${name} has ${what}; nothing was imported.`);
    }
    const ctx: ProblemContext = { spec, mapping, unit: source.unit, codes, hints: Object.fromEntries(Object.entries(DIMENSION_SQL).map(([k, d]) => [k, d.hint])) };

    const validator = new Validator(plan, staging.view, mode, ctx, source.linesOf);
    try {
      await store.transaction(async (tx) => {
        progress.report('validating', 0, rows);
        const found = await validator.values(tx);
        if (found.counts.length) {
          await validator.keys(tx, found); // report everything at once
          const { problems, counts } = await validator.report(tx, found);
          throw invalidRows(name, problems, counts);
        }
        await progress.during('writing', rows, async () => {
          if (mode === 'replace') {
            // DROP + CREATE, not DELETE: DuckDB deletes millions of indexed rows slowly (minutes for 10M).
            // The primary key stays on during the insert: building it afterwards (ALTER TABLE ADD PRIMARY
            // KEY) measured no faster here, as DuckDB builds it at commit either way (10M rows: 13.5 s both).
            await tx.run(`DROP TABLE ${quoteIdent(spec.table)}`);
            await tx.run(createTableSql(spec.table, spec.table === 'dim_units' ? OTHER_TABLE_DEFS.dim_units : FACT_TABLE_DEFS[spec.table]));
          }
          progress.report('writing', 0, rows);
          try {
            await tx.run(insertSql(spec, staging.view));
          } catch (error) {
            if (KEY_VIOLATION.test(duckMessage(error))) throw new KeyViolation();
            throw error;
          }
        });
        if (spec.dimension) await store.markChanged('dimensions', {}, tx);
        else await store.markChanged('data', await metaAfter(tx, kind, name, mode, rows), tx);
        progress.report('saving', 0, rows);
      });
    } catch (error) {
      if (!(error instanceof KeyViolation)) throw error;
      // Rolled back; now find and locate the duplicates the primary key refused.
      const found = await validator.keys(store);
      const { problems, counts } = await validator.report(store, found);
      throw invalidRows(name, problems, counts);
    }
    if (store.path !== ':memory:') await store.run('CHECKPOINT');
    const seconds = (performance.now() - started) / 1000;
    progress.report('done', 1, rows);
    return { kind, mode, file, rows, sourceRows, seconds, rowsPerSecond: Math.round(rows / Math.max(seconds, 1e-6)), ignoredColumns: plan.ignored };
  } finally {
    progress.stop();
    for (const sql of staging.drop) await store.run(sql).catch(() => undefined);
  }
}

async function metaAfter(tx: Queryable, kind: ImportKind, name: string, mode: ImportMode, rows: number): Promise<StoreMeta> {
  const meta: StoreMeta = { data_source: `import ${kind} ${name} (${mode}, ${rows} rows)` };
  if (kind !== 'responses') return meta;
  const [range] = await tx.all<{ start: string | null; end: string | null }>(
    `SELECT min(responded_at)::DATE::VARCHAR AS start, max(responded_at)::DATE::VARCHAR AS "end" FROM responses`,
  );
  if (range?.start) meta.data_start = range.start;
  if (range?.end) meta.data_end = range.end;
  return meta;
}

async function knownCodes(store: Store): Promise<Record<Dimension, string[]>> {
  const codes = {} as Record<Dimension, string[]>;
  for (const [dimension, { sql }] of Object.entries(DIMENSION_SQL) as [Dimension, (typeof DIMENSION_SQL)[Dimension]][]) {
    codes[dimension] = (await store.all<{ code: string }>(`SELECT DISTINCT code FROM (${sql}) ORDER BY code`)).map((r) => r.code);
  }
  return codes;
}

/** A strptime format DuckDB rejects is a mapping mistake, found before reading the file. */
async function checkFormats(store: Store, mapping: Mapping): Promise<void> {
  for (const [key, format] of [['dateFormat', mapping.dateFormat], ['timestampFormat', mapping.timestampFormat]] as const) {
    if (format === undefined) continue;
    try {
      await store.all(`SELECT TRY_STRPTIME('2000-01-01', $format) AS x`, { format });
    } catch (error) {
      throw new ImportError('IMPORT_BAD_MAPPING', `mapping.${key}: "${format}" is not a valid strptime format (${duckMessage(error)}). Example: "%d/%m/%Y".`);
    }
  }
}

/** Progress: DuckDB's own estimate of the running statement, polled while it runs. */
function tracker(store: Store, onProgress: ImportOptions['onProgress']) {
  let timer: NodeJS.Timeout | undefined;
  let enabled = false;
  const report = (phase: ImportProgress['phase'], fraction: number, rows: number) => onProgress?.({ phase, fraction, rows });
  return {
    report,
    async during<T>(phase: ImportProgress['phase'], rows: number, fn: () => Promise<T>): Promise<T> {
      if (!onProgress) return fn();
      if (!enabled) {
        // Progress is only tracked with the progress bar on; print=false keeps DuckDB from drawing its own.
        await store.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false; SET progress_bar_time = 0');
        enabled = true;
      }
      let last = -1;
      timer = setInterval(() => {
        const { percentage } = store.connection.progress;
        if (percentage >= 0 && Math.floor(percentage) !== last) {
          last = Math.floor(percentage);
          report(phase, Math.min(percentage, 100) / 100, rows);
        }
      }, 250);
      try {
        return await fn();
      } finally {
        clearInterval(timer);
      }
    },
    stop() {
      clearInterval(timer);
    },
  };
}
