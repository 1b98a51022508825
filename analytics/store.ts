import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue, type Json } from '@duckdb/node-api';
import { SCHEMA_SQL, SCHEMA_UPGRADE_SQL, SCHEMA_VERSION } from './schema.js';
import { addAppendedKeyedAnswers, KEYED_ROLLUP_SOURCE, keyedAnswersCurrent, keyedMarginsCurrent, rebuildKeyedAnswers, rebuildKeyedMargins } from './answersKeyed.js';
import { addAppendedAnswers, rebuildRollups, rollupsCurrent } from './rollups.js';
import { customerMarginsCurrent, rebuildCustomerMargins } from './customerMargins.js';
import { AnalyticsStoreError } from './queries/errors.js';

/** Bound parameters: `$name` in the SQL, `{ name: value }` here. */
export type SqlParams = Record<string, DuckDBValue>;
/** A row as JSON-safe values: BIGINT/HUGEINT/DECIMAL, DATE and TIMESTAMP arrive as strings. */
export type JsonRow = Record<string, Json>;
/** Anything with zod's `parse`: validates a raw row and returns the typed value. */
export interface RowSchema<T> {
  parse(value: unknown): T;
}

export interface Queryable {
  /** Runs one statement (or several separated by `;` when there are no parameters). */
  run(sql: string, params?: SqlParams): Promise<void>;
  /**
   * Rows as plain JSON-safe objects. `T` states the shape the SQL produces (unchecked: cast in SQL,
   * e.g. `count(*)::INTEGER`); pass a `schema` (zod) to validate each row at this boundary instead.
   */
  all<T extends JsonRow = JsonRow>(sql: string, params?: SqlParams): Promise<T[]>;
  all<T>(sql: string, params: SqlParams | undefined, schema: RowSchema<T>): Promise<T[]>;
}

export type MetaKey =
  | 'schema_version'
  | 'data_version'
  | 'data_loaded_at'
  | 'data_start'
  | 'data_end'
  | 'data_source'
  | 'dimensions_version'
  | 'dimensions_synced_at'
  /** What the overall question (relationship ltr) measures: ltr (0-10), binary (0/10) or rating (1-5 onto 0-10); set by a responses import's mapping. */
  | 'outcome_scale';
export type StoreMeta = Partial<Record<MetaKey, string>>;

/**
 * The store: `all` reads on a pool of read connections (each sees the last committed data, so reads
 * run side by side and never wait for a write); `run`, `transaction` and `writer` use the one write
 * connection, one statement or transaction at a time.
 */
export interface Store extends Queryable {
  /** The database file, or ':memory:'. */
  readonly path: string;
  /** Creates the fact, dimension and meta tables if they do not exist (idempotent). */
  ensureSchema(): Promise<void>;
  /** Runs `fn` in one transaction (rolled back if it throws). Use `tx`, not the store, inside `fn`. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Everything in store_meta. */
  getMeta(): Promise<StoreMeta>;
  /**
   * Records that facts (`data`) or dimensions changed: increments `<kind>_version` and sets the time, plus
   * `extra`. A data change also brings the rollups (analytics/rollups.ts) and the keyed answers
   * (analytics/answersKeyed.ts) up to date before the commit:
   * incrementally when `change.appendedResponses` says the only change was appending those answers (a
   * SELECT of their response ids, valid until the commit), else by computing them again; and the customer
   * margins (analytics/customerMargins.ts) unless `change` says profitability was not written.
   */
  markChanged(kind: 'data' | 'dimensions', extra?: StoreMeta, tx?: Queryable, change?: DataChange): Promise<void>;
  /** The write connection, for appenders; queries should go through run/all/writer. */
  readonly connection: DuckDBConnection;
  /**
   * Statements on the write connection, each queued like `run`. For reads that must see the write
   * connection's own session: its TEMP tables and views (an import's staging) and its settings.
   */
  readonly writer: Queryable;
  /** Waits for queued statements, then closes the connection and the database. */
  close(): Promise<void>;
  /**
   * Milliseconds a read (`all`) may run before DuckDB is interrupted and the read fails with an
   * AnalyticsStoreError of kind TIMEOUT; 0 = no limit (the default). Writes and transactions are not limited.
   */
  statementTimeoutMs: number;
  /**
   * Reads answered so far, how many of them joined an identical read already running (single flight),
   * and how many run or wait for a connection now (background work waits for none).
   */
  readonly readStats: { executed: number; joined: number; running: number };
  /**
   * Calls `listener` after every committed transaction that changed the facts (`markChanged('data')`:
   * an import, an undo, the generator); the transaction's caller waits for it. Returns the unsubscribe.
   */
  onDataChanged(listener: () => Promise<void>): () => void;
}

/** What a data-changing transaction changed, when it knows (markChanged). */
export interface DataChange {
  /** The transaction only appended answers (and maybe new customers): a SELECT of the new response ids. */
  appendedResponses?: string;
  /**
   * The tables the transaction wrote, when it knows (an import: its table, and the customers a file of
   * answers creates). Tables derived from the others only (the customer margins from profitability) are
   * then not computed again.
   */
  tables?: readonly string[];
}

export interface StoreOptions {
  /**
   * Read connections in the pool (default 2). Each running statement holds one thread of libuv's pool
   * (4 by default), which file I/O, scrypt password checks and DNS share: with the write connection,
   * 2 readers leave one thread free, so sign-in and static files never wait behind analytics. DuckDB
   * runs each statement on all cores, so more readers would not add throughput on 2 cores.
   */
  readConnections?: number;
}

export const DEFAULT_READ_CONNECTIONS = 2;

/**
 * One DuckDB database (file or in-memory): one write connection whose statements are queued, so a
 * transaction is never interleaved with other callers' writes, and a pool of read connections. DuckDB's
 * MVCC gives every read the data as last committed, also while an import's transaction is open; each
 * statement is parallelised by DuckDB across the cores.
 */
class DuckStore implements Store {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private closing: Promise<void> | undefined;
  private readonly idle: DuckDBConnection[];
  private readonly waiting: ((connection: DuckDBConnection) => void)[] = [];
  private readonly reading = new Set<Promise<unknown>>();
  /** Identical reads running now (same SQL, same parameters): later callers share the first one's rows. */
  private readonly inFlight = new Map<string, Promise<JsonRow[]>>();
  readonly readStats = { executed: 0, joined: 0, running: 0 };
  readonly writer: Queryable;
  private readonly dataListeners = new Set<() => Promise<void>>();
  /** Set by markChanged('data') inside the running transaction (there is one at a time). */
  private dataChangedInTransaction = false;
  /** How the running transaction's rollups are brought up to date: appended answers, or 'rebuild'. */
  private rollupWork: string[] | 'rebuild' = [];
  /** Whether the running transaction may have written profitability (its customer margins are then computed again). */
  private marginsWork = false;
  /** Whether the running transaction may have written customers (their keys are then numbered afresh). */
  private customersWritten = false;
  statementTimeoutMs = 0;

  constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    private readonly readers: DuckDBConnection[],
  ) {
    this.idle = [...readers];
    const direct = this.direct();
    const exclusive = <T>(fn: () => Promise<T>) => this.exclusive(fn);
    function all<T extends JsonRow = JsonRow>(sql: string, params?: SqlParams): Promise<T[]>;
    function all<T>(sql: string, params: SqlParams | undefined, schema: RowSchema<T>): Promise<T[]>;
    function all(sql: string, params?: SqlParams, schema?: RowSchema<unknown>): Promise<unknown[]> {
      return exclusive(() => (schema ? direct.all(sql, params, schema) : direct.all(sql, params)));
    }
    this.writer = { run: (sql, params) => this.exclusive(() => direct.run(sql, params)), all };
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`The analytics store ${this.path} is closed`));
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private direct(): Queryable {
    const connection = this.connection;
    return {
      async run(sql: string, params?: SqlParams): Promise<void> {
        await connection.run(sql, params);
      },
      all: readRows(connection),
    };
  }

  run(sql: string, params?: SqlParams): Promise<void> {
    return this.writer.run(sql, params);
  }

  all<T extends JsonRow = JsonRow>(sql: string, params?: SqlParams): Promise<T[]>;
  all<T>(sql: string, params: SqlParams | undefined, schema: RowSchema<T>): Promise<T[]>;
  async all(sql: string, params?: SqlParams, schema?: RowSchema<unknown>): Promise<unknown[]> {
    if (this.closed) throw new Error(`The analytics store ${this.path} is closed`);
    const key = readKey(sql, params);
    const running = this.inFlight.get(key);
    let rows: JsonRow[];
    if (running) {
      this.readStats.joined++;
      // A copy: the first caller may change its rows.
      rows = structuredClone(await running);
    } else {
      const read = this.pooled(sql, params);
      this.inFlight.set(key, read);
      try {
        rows = await read;
      } finally {
        this.inFlight.delete(key);
      }
    }
    return schema ? rows.map((row) => schema.parse(row)) : rows;
  }

  /** One read on a pooled connection, under the time limit. */
  private pooled(sql: string, params?: SqlParams): Promise<JsonRow[]> {
    this.readStats.running++;
    const work = (async () => {
      try {
        const connection = await this.acquire();
        try {
          this.readStats.executed++;
          return await this.limited(connection, () => readRows(connection)(sql, params));
        } finally {
          this.release(connection);
        }
      } finally {
        this.readStats.running--;
      }
    })();
    this.reading.add(work);
    void work.finally(() => this.reading.delete(work)).catch(() => undefined);
    return work;
  }

  private acquire(): Promise<DuckDBConnection> {
    const connection = this.idle.pop();
    if (connection) return Promise.resolve(connection);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(connection: DuckDBConnection): void {
    const next = this.waiting.shift();
    if (next) next(connection);
    else this.idle.push(connection);
  }

  /**
   * Runs a read under the statement time limit: past it, interrupt() stops DuckDB on that read
   * connection only (the reads waiting for a connection then run, instead of waiting for one user's
   * heavy query), and the caller gets a typed error. Any DuckDB error becomes an AnalyticsStoreError.
   */
  private async limited<T>(connection: DuckDBConnection, read: () => Promise<T>): Promise<T> {
    const limit = this.statementTimeoutMs;
    let interrupted = false;
    const timer = limit > 0 ? setTimeout(() => ((interrupted = true), connection.interrupt()), limit) : undefined;
    try {
      return await read();
    } catch (error) {
      if (!interrupted) throw AnalyticsStoreError.from(error);
      throw new AnalyticsStoreError('TIMEOUT', `The analytics query ran longer than ${limit} ms and was stopped; narrow the filter (fewer months, one journey) or try again later.`, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  onDataChanged(listener: () => Promise<void>): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    let dataChanged = false;
    const result = await this.committed(fn, () => (dataChanged = true));
    // After the commit and outside the write queue: listeners read the new data on read connections.
    if (dataChanged) {
      for (const listener of [...this.dataListeners]) {
        await listener().catch((error: unknown) => console.warn('Analytics store: a data-change listener failed', error));
      }
    }
    return result;
  }

  private committed<T>(fn: (tx: Queryable) => Promise<T>, onDataChanged: () => void): Promise<T> {
    return this.exclusive(async () => {
      const tx = this.direct();
      await tx.run('BEGIN TRANSACTION');
      this.dataChangedInTransaction = false;
      this.rollupWork = [];
      this.marginsWork = false;
      this.customersWritten = false;
      try {
        const result = await fn(tx);
        if (this.dataChangedInTransaction) await this.updateRollups(tx);
        await tx.run('COMMIT');
        if (this.dataChangedInTransaction) onDataChanged();
        return result;
      } catch (error) {
        // DuckDB ends the transaction itself when COMMIT fails, so ROLLBACK then fails too ("no transaction
        // is active"): throw the first error, which says what went wrong, and keep the second as its cause.
        await tx.run('ROLLBACK').catch((rollbackError: unknown) => {
          if (error instanceof Error && error.cause === undefined) error.cause = rollbackError;
          else console.warn('Analytics store: ROLLBACK failed after', error, rollbackError);
        });
        throw error;
      }
    });
  }

  /** Inside the transaction, before its commit: readers see the facts and their rollups change together. */
  private async updateRollups(tx: Queryable): Promise<void> {
    if (this.marginsWork) await rebuildCustomerMargins(tx);
    const work = this.rollupWork;
    if (work === 'rebuild') {
      // The keyed answers first: the rollup is then grouped from them, without joining the answers to the customers again.
      await rebuildKeyedAnswers(tx, { customersWritten: this.customersWritten, marginsFollow: this.marginsWork });
      await rebuildRollups(tx, KEYED_ROLLUP_SOURCE);
    }
    else for (const appended of work) {
      await addAppendedAnswers(tx, appended);
      await addAppendedKeyedAnswers(tx, appended);
    }
    // Profitability written, or the keyed margins left stale by an earlier write outside a data change.
    if (this.marginsWork || !(await keyedMarginsCurrent(tx))) await rebuildKeyedMargins(tx);
  }

  async ensureSchema(): Promise<void> {
    await this.transaction(async (tx) => {
      for (const ddl of SCHEMA_SQL) await tx.run(ddl);
      const [meta] = await tx.all<{ version: number | null }>(`SELECT max(TRY_CAST(value AS INTEGER))::INTEGER AS version FROM store_meta WHERE key = 'schema_version'`);
      if (meta?.version !== null && meta?.version !== undefined && meta.version < SCHEMA_VERSION) for (const ddl of SCHEMA_UPGRADE_SQL) await tx.run(ddl);
      await upsertMeta(tx, { schema_version: String(SCHEMA_VERSION) });
      // A store from before the rollups (schema 2), or whose facts were written without a data change
      // (a script, a test): computed once here, then kept up to date by every data change.
      if (!(await keyedAnswersCurrent(tx))) await rebuildKeyedAnswers(tx);
      if (!(await rollupsCurrent(tx))) await rebuildRollups(tx, KEYED_ROLLUP_SOURCE);
      if (!(await customerMarginsCurrent(tx))) await rebuildCustomerMargins(tx);
      if (!(await keyedMarginsCurrent(tx))) await rebuildKeyedMargins(tx);
    });
  }

  async getMeta(): Promise<StoreMeta> {
    const rows = await this.all<{ key: string; value: string }>('SELECT key, value FROM store_meta ORDER BY key');
    const meta: StoreMeta = {};
    for (const { key, value } of rows) if (isMetaKey(key)) meta[key] = value;
    return meta;
  }

  async markChanged(kind: 'data' | 'dimensions', extra: StoreMeta = {}, tx?: Queryable, change?: DataChange): Promise<void> {
    const write = async (q: Queryable) => {
      if (kind === 'data') {
        this.dataChangedInTransaction = true;
        const appended = change?.appendedResponses;
        this.rollupWork = appended && this.rollupWork !== 'rebuild' ? [...this.rollupWork, appended] : 'rebuild';
        // Appended answers write no profitability; neither does a change that names its tables without it.
        if (!appended && (change?.tables?.includes('profitability') ?? true)) this.marginsWork = true;
        // Appended answers add keys for the customers they create; a rebuild keeps the keys only when told no customers were written.
        if (change?.tables?.includes('customers') ?? true) this.customersWritten = true;
      }
      const versionKey = kind === 'data' ? 'data_version' : 'dimensions_version';
      const timeKey = kind === 'data' ? 'data_loaded_at' : 'dimensions_synced_at';
      const [row] = await q.all<{ version: number }>(
        `SELECT coalesce(max(TRY_CAST(value AS INTEGER)), 0)::INTEGER + 1 AS version FROM store_meta WHERE key = $key`,
        { key: versionKey },
      );
      await upsertMeta(q, { ...extra, [versionKey]: String(row?.version ?? 1), [timeKey]: new Date().toISOString() });
    };
    if (tx) await write(tx);
    else await this.transaction(write);
  }

  close(): Promise<void> {
    // New statements are refused at once; those already queued or reading finish first.
    this.closed = true;
    this.closing ??= Promise.all([this.queue, ...[...this.reading].map((read) => read.catch(() => undefined))]).then(() => {
      for (const reader of this.readers) reader.closeSync();
      this.connection.closeSync();
      this.instance.closeSync();
    });
    return this.closing;
  }
}

/** The single-flight key of a read: its SQL and its parameters (BigInt-safe, in the caller's order). */
function readKey(sql: string, params?: SqlParams): string {
  if (!params) return sql;
  return `${sql}\u0000${JSON.stringify(params, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value))}`;
}

function readRows(connection: DuckDBConnection): Queryable['all'] {
  async function all<T extends JsonRow = JsonRow>(sql: string, params?: SqlParams): Promise<T[]>;
  async function all<T>(sql: string, params: SqlParams | undefined, schema: RowSchema<T>): Promise<T[]>;
  async function all(sql: string, params?: SqlParams, schema?: RowSchema<unknown>): Promise<unknown[]> {
    const reader = await connection.runAndReadAll(sql, params);
    const rows = reader.getRowObjectsJson();
    return schema ? rows.map((row) => schema.parse(row)) : rows;
  }
  return all;
}

const META_KEYS: readonly MetaKey[] = [
  'schema_version', 'data_version', 'data_loaded_at', 'data_start', 'data_end', 'data_source', 'dimensions_version', 'dimensions_synced_at', 'outcome_scale',
];
function isMetaKey(key: string): key is MetaKey {
  return (META_KEYS as readonly string[]).includes(key);
}

async function upsertMeta(q: Queryable, entries: StoreMeta): Promise<void> {
  for (const [key, value] of Object.entries(entries)) {
    if (value === undefined) continue;
    await q.run(
      `INSERT INTO store_meta (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      { key, value },
    );
  }
}

/**
 * Opens (or creates) the analytics store. One store per database file per process (DuckDB allows
 * one read-write instance per file). Call `ensureSchema()` before first use.
 */
export async function openStore(file: string | ':memory:', options: StoreOptions = {}): Promise<Store> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const instance = await DuckDBInstance.create(file);
  const opened: DuckDBConnection[] = [];
  try {
    const count = Math.max(1, Math.floor(options.readConnections ?? DEFAULT_READ_CONNECTIONS));
    for (let i = 0; i <= count; i++) opened.push(await instance.connect());
    const [connection, ...readers] = opened;
    if (!connection) throw new Error('unreachable: no connection opened');
    return new DuckStore(file, instance, connection, readers);
  } catch (error) {
    for (const connection of opened) connection.closeSync();
    instance.closeSync();
    throw error;
  }
}
