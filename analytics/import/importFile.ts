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
import { createTableSql } from '../schema.js';
import { quoteIdent } from '../sql.js';
import type { Queryable, Store, StoreMeta } from '../store.js';
import { ImportError, invalidRows, MAX_PROBLEMS, type ImportProblem, type ProblemCount, type ProblemGroup } from './errors.js';
import { DIMENSION_SQL, KINDS, type Dimension, type ImportKind } from './kinds.js';
import { customersMapping, DEFAULT_MAPPING, parseMapping, type Mapping } from './mapping.js';
import type { ProblemContext } from './messages.js';
import { planImport } from './plan.js';
import { duckMessage, formatOf, openSource, type FileFormat, type Source } from './source.js';
import { customersPartId, forgetUndo, keepAppendedKeys, keepForUndo, recordImported, tableDef } from './undo.js';
import { insertSql, newKeysTable, stagingSql, typedColumns, val, Validator, type Found, type Staging } from './validate.js';
import type { TypedColumn } from './source.js';

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
  /**
   * Keep what undoing this import needs (undo.ts), under this id: the replaced table, or the keys of the
   * appended rows. Only the latest import of a table keeps it.
   */
  undoId?: string;
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
  /** Rows left out on request (unfinished responses with skipUnfinished). */
  skippedRows: number;
  /** Customers created from the answers' rows (mapping.customers); 0 otherwise. */
  newCustomers: number;
}

/** An import checked without writing: what would be written, or every problem. */
export interface DryRunResult {
  ok: boolean;
  rows: number;
  sourceRows: number;
  skippedRows: number;
  ignoredColumns: string[];
  problems: readonly ImportProblem[];
  groups: readonly ProblemGroup[];
  totalProblems: number;
  /** Customers the import would create from the answers' rows (mapping.customers). */
  newCustomers: number;
}

const READ_ERROR = /CSV|Invalid Input|unicode|parquet|magic bytes|IO Error|Conversion|line size/i;
const KEY_VIOLATION = /Duplicate key|primary key|unique constraint/i;

/** The primary key refused the insert: the duplicates are found and explained after the rollback. */
class KeyViolation extends Error {}

export function importFile(store: Store, options: ImportOptions): Promise<ImportResult> {
  return run(store, options, false).then((outcome) => {
    if ('ok' in outcome) throw new Error('unreachable: an import returned a dry run');
    return outcome;
  });
}

/**
 * Checks an import completely, against the store as it is, without writing: every value, code,
 * duplicate (in the file and, appending, in the store) and reference. Problems come back as data
 * (grouped by cause); files that cannot be checked at all (unreadable, missing columns, bad mapping)
 * throw their ImportError as importFile does.
 */
export async function dryRunFile(store: Store, options: Omit<ImportOptions, 'undoId'>): Promise<DryRunResult> {
  const outcome = await run(store, options, true);
  if (!('ok' in outcome)) throw new Error('unreachable: a dry run wrote');
  return outcome;
}

/** A lean staging found problems: nothing was written; the file is staged again in full to report them. */
class NeedsDetail extends Error {}

/** The CSV reader could not parse a value of a typed column (typedColumns): the file is read as text. */
class NotTyped extends Error {}

/** Ends a dry run's transaction with a rollback, carrying its result out. */
class DryRunDone extends Error {
  constructor(readonly result: DryRunResult) {
    super('dry run');
  }
}

async function run(store: Store, options: ImportOptions, dryRun: boolean): Promise<ImportResult | DryRunResult> {
  const started = performance.now();
  const { kind, mode, onProgress } = options;
  const spec = KINDS[kind];
  if (!spec) throw new ImportError('IMPORT_BAD_MAPPING', `Unknown import kind "${String(kind)}"; use one of ${Object.keys(KINDS).join(', ')}.`);
  const file = path.resolve(options.file);
  const name = path.basename(file);
  const mapping: Mapping = options.mapping === undefined ? DEFAULT_MAPPING : parseMapping(options.mapping, kind);
  const format = formatOf(file, options.format);
  // Staging lives in TEMP tables and views of the write connection: every statement of the import goes
  // there; reads by others go on meanwhile on the read connections, seeing the data as last committed.
  const db = store.writer;
  await checkFormats(db, mapping);

  const source = await openSource(db, file, format, mapping);
  const progress = tracker(store, onProgress);
  try {
    const codes = await knownCodes(db);
    const plan = planImport(spec, mapping, source.columns, codes.touchpoint, name);
    // Lean first (no raw text kept: the common case, a clean file); a file with problems is staged again
    // in full, which reports them with their values. A bad file costs a second read, a good one less.
    // The first reading also lets the CSV reader parse the numbers and times it can (typedColumns): a value
    // it cannot parse fails that reading, and the file is read as text, which judges every value as before.
    const typed = source.typedRelation ? typedColumns(plan, mapping, source.skipRecords, source.firstValues) : new Map<string, TypedColumn>();
    try {
      if (typed.size > 0) {
        try {
          return await attempt(true, typed);
        } catch (error) {
          if (!(error instanceof NotTyped)) throw error;
        }
      }
      return await attempt(true);
    } catch (error) {
      if (!(error instanceof NeedsDetail)) throw error;
      return await attempt(false);
    }

    /** One staging of the file, its checks and (clean, not a dry run) the write. */
    async function attempt(lean: boolean, typed: ReadonlyMap<string, TypedColumn> = new Map()): Promise<ImportResult | DryRunResult> {
      const stagings: Staging[] = [];
      const prefix = `import_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      try {
        const relation = typed.size > 0 && source.typedRelation ? source.typedRelation(typed) : source.relation;
        const staged = stagingSql(plan, relation, source.text, mapping, prefix, source.skipRecords, lean, typed);
        stagings.push(staged.staging);
        const view = staged.staging.view;
        // One file carrying answers and the customers they come from (mapping.customers): the customers part
        // is staged from the same file with its own plan, checked with the answers, and written first.
        const customers = customersPart(kind, mapping, source, codes.touchpoint, name, `${prefix}_c`, lean);
        if (customers) stagings.push(customers.staged.staging);
        progress.report('reading', 0, 0);
        await progress.during('reading', 0, async () => {
          for (const sql of [...staged.statements, ...(customers?.staged.statements ?? [])]) {
            try {
              await db.run(sql);
            } catch (error) {
              if (typed.size > 0) throw new NotTyped();
              if (READ_ERROR.test(duckMessage(error))) throw await source.readError(error);
              throw error;
            }
          }
          if (staged.guardSql) {
            const [guard] = await db.all<{ n: number }>(staged.guardSql);
            if ((guard?.n ?? 0) > 0) throw new NotTyped();
          }
        });
        const [counted] = await db.all<{ sourceRows: number; skipped: number }>(staged.staging.countSql);
        const [{ rows = 0 } = {}] = await db.all<{ rows: number }>(`SELECT count(*)::INTEGER AS rows FROM ${view}`);
        const sourceRows = counted?.sourceRows ?? 0;
        const skippedRows = counted?.skipped ?? 0;
        if (rows === 0) {
          const what = skippedRows > 0 ? `no finished responses (${skippedRows} unfinished skipped)` : plan.wide ? 'no answers in any of the mapped columns' : 'a header but no rows';
          throw new ImportError('IMPORT_EMPTY_FILE', `${name} has ${what}; nothing was imported.`);
        }
        const ctx: ProblemContext = { spec, mapping, unit: source.unit, codes, hints: Object.fromEntries(Object.entries(DIMENSION_SQL).map(([k, d]) => [k, d.hint])) };
        const ignoredColumns = customers ? plan.ignored.filter((c) => customers.plan.ignored.includes(c)) : plan.ignored;
        const base = { rows, sourceRows, skippedRows, ignoredColumns, newCustomers: 0 };

        const validator = new Validator(plan, view, mode, ctx, source.linesOf, customers?.staged.staging.view, staged.parsed);
        const customerValidator = customers && new Validator(customers.plan, customers.staged.staging.view, 'addNew', { ...ctx, spec: KINDS.customers, mapping: customers.mapping }, source.linesOf);
        /** Every problem of the answers and (mapping.customers) of the customers, in file order. */
        const failed = async (db: Queryable, found: Found, customerFound: Found | null = null) => {
          const parts = [{ validator, found }, ...(customerValidator && customerFound ? [{ validator: customerValidator, found: customerFound }] : [])];
          const problems: ImportProblem[] = [];
          const counts: ProblemCount[] = [];
          const groups: ProblemGroup[] = [];
          for (const part of parts) {
            if (!part.found.counts.length) continue;
            const report = await part.validator.report(db, part.found);
            problems.push(...report.problems);
            counts.push(...report.counts);
            groups.push(...(await part.validator.groups(db, part.found)));
          }
          problems.sort((a, b) => a.line - b.line);
          groups.sort((a, b) => b.count - a.count);
          return { problems: problems.slice(0, MAX_PROBLEMS), counts, groups };
        };
        /** The customers the import creates: those of the file not in the store, one row each (inside the transaction). */
        const newCustomers = async (tx: Queryable) => {
          if (!customers) return 0;
          await tx.run(newKeysTable(KINDS.customers, customers.staged.staging.view, customers.newTable));
          const [row] = await tx.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${customers.newTable}`);
          return row?.n ?? 0;
        };
        let created = 0;
        try {
          await store.transaction(async (tx) => {
            progress.report('validating', 0, rows);
            const customerFound = customerValidator ? await customerValidator.keys(tx, await customerValidator.values(tx)) : null;
            const found = await validator.values(tx);
            // A key DuckDB does not index (responses) is checked here; an indexed one by the insert, which
            // saves a pass over every key on a clean file (the check then runs only to explain a refusal).
            const keysChecked = tableDef(spec.table).indexed === false;
            if (keysChecked) await validator.keys(tx, found);
            const problems = () => found.counts.length > 0 || (customerFound?.counts.length ?? 0) > 0;
            if (problems() || dryRun) {
              if (!keysChecked) await validator.keys(tx, found); // report everything at once
              if (problems()) {
                if (lean) throw new NeedsDetail();
                const { problems: listed, counts, groups } = await failed(tx, found, customerFound);
                if (dryRun) throw new DryRunDone({ ...base, ok: false, problems: listed, groups, totalProblems: counts.reduce((sum, c) => sum + c.count, 0) });
                throw invalidRows(name, listed, counts, groups);
              }
              throw new DryRunDone({ ...base, newCustomers: await newCustomers(tx), ok: true, problems: [], groups: [], totalProblems: 0 });
            }
            await progress.during('writing', rows, async () => {
              if (customers) {
                // Customers first (the answers refer to them); kept for undo under their own id, undone with the answers.
                created = await newCustomers(tx);
                const undoId = options.undoId && customersPartId(options.undoId);
                if (undoId) await keepForUndo(tx, { id: undoId, spec: KINDS.customers, mode: 'append', view: customers.newTable });
                else await forgetUndo(tx, KINDS.customers);
                for (const sql of insertSql(KINDS.customers, customers.newTable)) await tx.run(sql);
                if (undoId) {
                  await keepAppendedKeys(tx, { id: undoId, spec: KINDS.customers, view: customers.newTable });
                  await recordImported(tx, { id: undoId, spec: KINDS.customers });
                }
              }
              const tables = [spec.table, ...(spec.contacts ? ['customer_contacts' as const] : [])];
              if (options.undoId) await keepForUndo(tx, { id: options.undoId, spec, mode, view });
              else await forgetUndo(tx, spec);
              if (mode === 'replace') {
                // DROP + CREATE, not DELETE: DuckDB deletes millions of indexed rows slowly (minutes for 10M).
                // The primary key stays on during the insert: building it afterwards (ALTER TABLE ADD PRIMARY
                // KEY) measured no faster here, as DuckDB builds it at commit either way (10M rows: 13.5 s both).
                // With undo, keepForUndo has renamed the old table instead of it being dropped.
                for (const table of tables) {
                  await tx.run(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
                  await tx.run(createTableSql(table, tableDef(table)));
                }
              }
              progress.report('writing', 0, rows);
              try {
                for (const sql of insertSql(spec, view)) await tx.run(sql);
              } catch (error) {
                if (KEY_VIOLATION.test(duckMessage(error))) throw new KeyViolation();
                throw error;
              }
              if (options.undoId && mode === 'append') await keepAppendedKeys(tx, { id: options.undoId, spec, view });
              if (options.undoId) await recordImported(tx, { id: options.undoId, spec });
            });
            if (spec.dimension) await store.markChanged('dimensions', {}, tx);
            else {
            // Appended answers are added to the rollups as they are; anything else has them computed again.
            const appended = mode === 'append' && spec.table === 'responses' ? { appendedResponses: `SELECT ${val(spec.key[0]!)} FROM ${view}` } : undefined;
            const tables = [spec.table, ...(spec.contacts ? ['customer_contacts'] : []), ...(customers ? ['customers'] : [])];
            await store.markChanged('data', await metaAfter(tx, kind, name, mode, rows, mapping), tx, { ...appended, tables });
          }
            progress.report('saving', 0, rows);
          });
        } catch (error) {
          if (error instanceof DryRunDone) return error.result;
          if (!(error instanceof KeyViolation)) throw error;
          if (lean) throw new NeedsDetail();
          // Rolled back; now find and locate the duplicates the primary key refused.
          const found = await validator.keys(db);
          const { problems, counts, groups } = await failed(db, found);
          throw invalidRows(name, problems, counts, groups);
        }
        if (store.path !== ':memory:') await store.run('CHECKPOINT');
        const seconds = (performance.now() - started) / 1000;
        progress.report('done', 1, rows);
        return { kind, mode, file, ...base, newCustomers: created, seconds, rowsPerSecond: Math.round(rows / Math.max(seconds, 1e-6)) };
      } finally {
        for (const staging of stagings) for (const sql of staging.drop) await db.run(sql).catch(() => undefined);
      }
    }
  } finally {
    progress.stop();
    await source.close();
  }
}

/** mapping.customers of a responses import: the customers mapping, its plan and staging, and the table of new customers. */
function customersPart(kind: ImportKind, mapping: Mapping, source: Source, touchpointCodes: readonly string[], name: string, prefix: string, lean: boolean) {
  if (kind !== 'responses' || !mapping.customers) return null;
  const customerMapping = customersMapping(mapping);
  const plan = planImport(KINDS.customers, customerMapping, source.columns, touchpointCodes, name);
  const staged = stagingSql(plan, source.relation, source.text, customerMapping, prefix, source.skipRecords, lean);
  const newTable = quoteIdent(`${prefix}_new`);
  staged.staging.drop.unshift(`DROP TABLE IF EXISTS ${newTable}`);
  return { mapping: customerMapping, plan, staged, newTable };
}

async function metaAfter(tx: Queryable, kind: ImportKind, name: string, mode: ImportMode, rows: number, mapping: Mapping): Promise<StoreMeta> {
  const meta: StoreMeta = { data_source: `import ${kind} ${name} (${mode}, ${rows} rows)` };
  if (kind !== 'responses') return meta;
  if (mapping.outcome) meta.outcome_scale = mapping.outcome;
  const [range] = await tx.all<{ start: string | null; end: string | null }>(
    `SELECT min(responded_at)::DATE::VARCHAR AS start, max(responded_at)::DATE::VARCHAR AS "end" FROM responses`,
  );
  if (range?.start) meta.data_start = range.start;
  if (range?.end) meta.data_end = range.end;
  return meta;
}

async function knownCodes(store: Queryable): Promise<Record<Dimension, string[]>> {
  const codes = {} as Record<Dimension, string[]>;
  for (const [dimension, { sql }] of Object.entries(DIMENSION_SQL) as [Dimension, (typeof DIMENSION_SQL)[Dimension]][]) {
    codes[dimension] = (await store.all<{ code: string }>(`SELECT DISTINCT code FROM (${sql}) ORDER BY code`)).map((r) => r.code);
  }
  return codes;
}

/** A strptime format DuckDB rejects is a mapping mistake, found before reading the file. */
async function checkFormats(store: Queryable, mapping: Mapping): Promise<void> {
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
