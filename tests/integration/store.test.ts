import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DIMENSION_TABLES, FACT_TABLES, SCHEMA_VERSION } from '../../analytics/schema.js';
import { literal, quoteIdent, valuesTable } from '../../analytics/sql.js';
import { openStore, type Store } from '../../analytics/store.js';

let store: Store;
beforeEach(async () => {
  store = await openStore(':memory:');
  await store.ensureSchema();
});
afterEach(async () => store.close());

const customer = (id = 'C1') => store.run(`INSERT INTO customers VALUES ($id, 'P1', 'CPH', DATE '2025-01-01', NULL, 1200)`, { id });

/** A valid response with one column overridden. */
async function response(overrides: Record<string, string | number | null>): Promise<void> {
  const row = {
    response_id: 'R1', customer_id: 'C1', touchpoint_code: 'TP_A', responded_at: '2025-02-01 10:00:00', ltr: 9, satisfaction: 5,
    professional: 4, sympathetic: 4, trustworthy: 5, atmosphere: 3, effort: 6, comment: 'Fine', ...overrides,
  };
  await store.run(
    `INSERT INTO responses VALUES ($response_id, $customer_id, $touchpoint_code, $responded_at::TIMESTAMP, $ltr, $satisfaction,
      $professional, $sympathetic, $trustworthy, $atmosphere, $effort, $comment)`,
    row,
  );
}

describe('schema', () => {
  it('creates the fact, dimension and meta tables, and ensureSchema is idempotent', async () => {
    await store.ensureSchema();
    const tables = (await store.all<{ name: string }>(`SELECT table_name AS name FROM duckdb_tables() ORDER BY 1`)).map((r) => r.name);
    for (const t of [...FACT_TABLES, ...DIMENSION_TABLES, 'store_meta']) expect(tables).toContain(t);
    expect((await store.getMeta()).schema_version).toBe(String(SCHEMA_VERSION));
  });

  it('upgrades a schema-1 store: acquisition date and cost, and ltr on touchpoint answers, become optional', async () => {
    const old = await openStore(':memory:');
    try {
      await old.run(`CREATE TABLE customers (customer_id VARCHAR NOT NULL, persona_code VARCHAR NOT NULL, unit_code VARCHAR, acquired_at DATE NOT NULL,
        churned_at DATE, acquisition_cost DOUBLE NOT NULL, PRIMARY KEY (customer_id))`);
      await old.run(`CREATE TABLE responses (response_id VARCHAR NOT NULL, customer_id VARCHAR NOT NULL, touchpoint_code VARCHAR, responded_at TIMESTAMP NOT NULL,
        ltr TINYINT NOT NULL, satisfaction TINYINT, professional TINYINT, sympathetic TINYINT, trustworthy TINYINT, atmosphere TINYINT, effort TINYINT,
        comment VARCHAR, PRIMARY KEY (response_id))`);
      await old.run(`CREATE TABLE store_meta (key VARCHAR NOT NULL, value VARCHAR NOT NULL, PRIMARY KEY (key)); INSERT INTO store_meta VALUES ('schema_version', '1')`);
      await old.run(`INSERT INTO customers VALUES ('C0', 'P1', NULL, DATE '2024-01-01', NULL, 5)`);
      await old.ensureSchema();
      await old.run(`INSERT INTO customers VALUES ('C1', 'P1', NULL, NULL, NULL, NULL)`);
      await old.run(`INSERT INTO responses VALUES ('R1', 'C1', 'TP_A', TIMESTAMP '2025-01-01', NULL, 4, NULL, NULL, NULL, NULL, NULL, NULL)`);
      expect(await old.all(`SELECT customer_id, acquired_at FROM customers ORDER BY 1`)).toEqual([
        { customer_id: 'C0', acquired_at: '2024-01-01' },
        { customer_id: 'C1', acquired_at: null },
      ]);
      expect((await old.getMeta()).schema_version).toBe(String(SCHEMA_VERSION));
    } finally {
      await old.close();
    }
  });

  it('declares primary keys on every fact table but responses (its ids are kept unique by the importer, unindexed), and no foreign keys', async () => {
    const rows = await store.all<{ table_name: string; constraint_type: string }>(
      `SELECT table_name, constraint_type FROM duckdb_constraints() WHERE constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')`,
    );
    for (const t of FACT_TABLES.filter((t) => t !== 'responses')) expect(rows).toContainEqual({ table_name: t, constraint_type: 'PRIMARY KEY' });
    expect(rows.filter((r) => r.table_name === 'responses')).toEqual([]);
    expect(rows.filter((r) => r.constraint_type === 'FOREIGN KEY')).toEqual([]);
    expect(await store.all(`SELECT index_name FROM duckdb_indexes() WHERE table_name = 'responses'`)).toEqual([]);
  });

  it('upgrades a schema-3 store: responses loses the index on its key and keeps its rows and checks', async () => {
    const old = await openStore(':memory:');
    try {
      await old.run(`CREATE TABLE responses (response_id VARCHAR NOT NULL, customer_id VARCHAR NOT NULL, touchpoint_code VARCHAR, responded_at TIMESTAMP NOT NULL,
        ltr TINYINT CHECK (ltr BETWEEN 0 AND 10), satisfaction TINYINT, professional TINYINT, sympathetic TINYINT, trustworthy TINYINT, atmosphere TINYINT, effort TINYINT,
        comment VARCHAR, PRIMARY KEY (response_id))`);
      await old.run(`CREATE TABLE store_meta (key VARCHAR NOT NULL, value VARCHAR NOT NULL, PRIMARY KEY (key)); INSERT INTO store_meta VALUES ('schema_version', '3')`);
      await old.run(`INSERT INTO responses VALUES ('R1', 'C1', 'TP_A', TIMESTAMP '2025-01-01', 7, 4, NULL, NULL, NULL, NULL, NULL, 'ok'), ('R2', 'C1', NULL, TIMESTAMP '2025-01-02', 3, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`);
      await old.ensureSchema();
      expect(await old.all(`SELECT constraint_type FROM duckdb_constraints() WHERE table_name = 'responses' AND constraint_type = 'PRIMARY KEY'`)).toEqual([]);
      expect(await old.all(`SELECT response_id, ltr, comment FROM responses ORDER BY 1`)).toEqual([
        { response_id: 'R1', ltr: 7, comment: 'ok' },
        { response_id: 'R2', ltr: 3, comment: null },
      ]);
      await expect(old.run(`INSERT INTO responses VALUES ('R3', 'C1', NULL, TIMESTAMP '2025-01-02', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`)).rejects.toThrow(/CHECK/);
      expect((await old.getMeta()).schema_version).toBe(String(SCHEMA_VERSION));
    } finally {
      await old.close();
    }
  });
});

describe('constraints', () => {
  it('accepts a valid response and a relationship response without touchpoint', async () => {
    await customer();
    await response({});
    await response({ response_id: 'R2', touchpoint_code: null, satisfaction: null, professional: null, effort: null, comment: null });
    const [row] = await store.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM responses`);
    expect(row?.n).toBe(2);
  });

  it('accepts a touchpoint answer with satisfaction and no ltr (attribute-rating surveys)', async () => {
    await customer();
    await response({ ltr: null, professional: null, sympathetic: null, trustworthy: null, atmosphere: null, effort: null });
    expect(await store.all(`SELECT ltr, satisfaction FROM responses`)).toEqual([{ ltr: null, satisfaction: 5 }]);
  });

  it.each([
    ['ltr 11', { ltr: 11 }],
    ['ltr -1', { ltr: -1 }],
    ['ltr missing on a relationship answer', { ltr: null, touchpoint_code: null }],
    ['ltr missing on a touchpoint answer without any rating', { ltr: null, satisfaction: null, professional: null, sympathetic: null, trustworthy: null, atmosphere: null, effort: null }],
    ['satisfaction 0', { satisfaction: 0 }],
    ['satisfaction 6', { satisfaction: 6 }],
    ['trustworthy 6', { trustworthy: 6 }],
    ['effort 8', { effort: 8 }],
    ['no responded_at', { responded_at: null }],
    ['no customer', { customer_id: null }],
  ])('rejects a response with %s', async (_name, overrides) => {
    await expect(response(overrides)).rejects.toThrow(/Constraint Error|constraint|NOT NULL|out of range|Conversion/i);
  });


  it('rejects a customer who churned before being acquired, and a negative acquisition cost', async () => {
    await expect(store.run(`INSERT INTO customers VALUES ('C9', 'P1', NULL, DATE '2025-05-01', DATE '2025-04-01', 10)`)).rejects.toThrow(/CHECK/);
    await expect(store.run(`INSERT INTO customers VALUES ('C9', 'P1', NULL, DATE '2025-05-01', NULL, -1)`)).rejects.toThrow(/CHECK/);
  });

  it('rejects profitability rows not on the first of the month, negative amounts, and a second row for the same month', async () => {
    await expect(store.run(`INSERT INTO profitability VALUES ('C1', DATE '2025-05-02', 10, 5)`)).rejects.toThrow(/CHECK/);
    await expect(store.run(`INSERT INTO profitability VALUES ('C1', DATE '2025-05-01', -10, 5)`)).rejects.toThrow(/CHECK/);
    await store.run(`INSERT INTO profitability VALUES ('C1', DATE '2025-05-01', 10, 5)`);
    await expect(store.run(`INSERT INTO profitability VALUES ('C1', DATE '2025-05-01', 11, 5)`)).rejects.toThrow(/Duplicate key/);
  });

  it('rejects unit metrics outside 0-100 and non-finite KPI values', async () => {
    await expect(store.run(`INSERT INTO unit_metrics VALUES ('CPH', DATE '2025-01-01', 101, 50)`)).rejects.toThrow(/CHECK/);
    await expect(store.run(`INSERT INTO touchpoint_kpis VALUES ('TP_A', DATE '2025-01-01', 'Answer time', 'NaN'::DOUBLE)`)).rejects.toThrow(/CHECK/);
  });
});

describe('queries', () => {
  it('returns JSON-safe rows: BIGINT as string, casts as numbers, DATE and TIMESTAMP as strings', async () => {
    await customer();
    const [row] = await store.all(
      `SELECT count(*) AS big, count(*)::INTEGER AS n, acquired_at, TIMESTAMP '2025-01-02 03:04:05' AS ts, 1.5::DOUBLE AS x
       FROM customers GROUP BY acquired_at`,
    );
    expect(row).toEqual({ big: '1', n: 1, acquired_at: '2025-01-01', ts: '2025-01-02 03:04:05', x: 1.5 });
    expect(() => JSON.stringify(row)).not.toThrow();
  });

  it('binds $named parameters and validates rows with a zod schema', async () => {
    await customer('C7');
    const Row = z.object({ id: z.string(), cost: z.number() });
    const rows = await store.all(`SELECT customer_id AS id, acquisition_cost AS cost FROM customers WHERE customer_id = $id`, { id: 'C7' }, Row);
    expect(rows).toEqual([{ id: 'C7', cost: 1200 }]);
    await expect(store.all(`SELECT customer_id AS id, 'x' AS cost FROM customers`, {}, Row)).rejects.toThrow();
  });

  it('runs several statements in one call when there are no parameters', async () => {
    await store.run(`INSERT INTO dim_units VALUES ('A', 'a'); INSERT INTO dim_units VALUES ('B', 'b')`);
    expect(await store.all(`SELECT unit_code FROM dim_units ORDER BY 1`)).toEqual([{ unit_code: 'A' }, { unit_code: 'B' }]);
  });
});

describe('transactions and meta', () => {
  it('rolls back everything when the callback throws', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.run(`INSERT INTO dim_units VALUES ('A', 'a')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.all(`SELECT * FROM dim_units`)).toEqual([]);
  });

  it('throws the COMMIT error, not the failing ROLLBACK after it, and the store keeps working', async () => {
    // Fault injection: COMMIT fails as DuckDB's does on a write conflict, which ends the transaction
    // itself; the store's ROLLBACK then runs on the real connection and fails ("no transaction is active").
    const connection = store.connection;
    const run = connection.run.bind(connection);
    const commitError = new Error('TransactionContext Error: Failed to commit: PRIMARY KEY or UNIQUE constraint violation: duplicate key "A"');
    connection.run = async (sql, values, types) => {
      if (sql !== 'COMMIT') return run(sql, values, types);
      await run('ROLLBACK');
      throw commitError;
    };
    const failed = store.transaction(async (tx) => tx.run(`INSERT INTO dim_units VALUES ('A', 'a')`));
    await expect(failed).rejects.toBe(commitError);
    expect(String((commitError.cause as Error | undefined)?.message)).toMatch(/cannot rollback - no transaction is active/);
    connection.run = run;
    await store.run(`INSERT INTO dim_units VALUES ('B', 'b')`);
    expect(await store.all(`SELECT unit_code FROM dim_units`)).toEqual([{ unit_code: 'B' }]);
  });

  it('queues other callers until the transaction ends, so their statements are not rolled back with it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const tx = store.transaction(async (q) => {
      await q.run(`INSERT INTO dim_units VALUES ('IN_TX', 'x')`);
      await gate;
      throw new Error('rollback');
    });
    const outside = store.run(`INSERT INTO dim_units VALUES ('OUTSIDE', 'y')`);
    release();
    await expect(tx).rejects.toThrow('rollback');
    await outside;
    expect(await store.all(`SELECT unit_code FROM dim_units`)).toEqual([{ unit_code: 'OUTSIDE' }]);
  });

  it('counts data and dimension versions up with every change', async () => {
    await store.markChanged('data', { data_end: '2026-11-15' });
    await store.markChanged('data');
    await store.markChanged('dimensions');
    const meta = await store.getMeta();
    expect(meta).toMatchObject({ data_version: '2', dimensions_version: '1', data_end: '2026-11-15' });
    expect(Date.parse(meta.data_loaded_at ?? '')).not.toBeNaN();
  });

  it('finishes statements queued before close, then closes once', async () => {
    const other = await openStore(':memory:');
    const pending = other.all<{ x: number }>('SELECT 42 AS x');
    const closing = other.close();
    expect(await pending).toEqual([{ x: 42 }]);
    await closing;
    await other.close();
  });

  it('refuses queries after close', async () => {
    const other = await openStore(':memory:');
    await other.close();
    await expect(other.run('SELECT 1')).rejects.toThrow(/closed/);
  });
});

describe('file store', () => {
  it('keeps data across close and reopen', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'touchpoint-store-'));
    const file = path.join(dir, 'nested', 'analytics.duckdb');
    try {
      const first = await openStore(file);
      await first.ensureSchema();
      await first.run(`INSERT INTO dim_units VALUES ('AAR', 'Aarhus')`);
      await first.close();
      const second = await openStore(file);
      await second.ensureSchema();
      expect(await second.all(`SELECT * FROM dim_units`)).toEqual([{ unit_code: 'AAR', name: 'Aarhus' }]);
      await second.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('quoting helpers', () => {
  it('round-trips awkward strings and identifiers through DuckDB', async () => {
    const text = `O'Brien "quoted"; DROP TABLE customers; --`;
    const [row] = await store.all(`SELECT ${literal(text)} AS ${quoteIdent('we"ird')}, ${literal(null)} AS n, ${literal(true)} AS b`);
    expect(row).toEqual({ 'we"ird': text, n: null, b: true });
    expect(() => literal(Number.NaN)).toThrow();
  });

  it('builds inline tables, typed even when empty', async () => {
    const rows = await store.all(`SELECT * FROM ${valuesTable('v', ['a', 'b'], [['x', 1], ["y'", 2]], ['VARCHAR', 'INTEGER'])} ORDER BY a`);
    expect(rows).toEqual([{ a: 'x', b: 1 }, { a: "y'", b: 2 }]);
    expect(await store.all(`SELECT * FROM ${valuesTable('v', ['a'], [], ['INTEGER'])}`)).toEqual([]);
    expect(() => valuesTable('v', ['a', 'b'], [['only one']])).toThrow(/row has 1 values/);
  });
});
