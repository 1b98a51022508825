/**
 * Undo of the latest import of a table, returning it exactly to its state before: a replace keeps the
 * old table (renamed, no copy), an append keeps the keys of the rows it added; store_meta's data range,
 * source and outcome scale are kept as they were. Only the latest import of a table keeps this (the
 * next import of the table drops it), so at most one old copy of a replaced table takes up space.
 */
import { createTableSql, FACT_TABLE_DEFS, OTHER_TABLE_DEFS, type TableDef } from '../schema.js';
import { literal, quoteIdent } from '../sql.js';
import type { MetaKey, Queryable, Store } from '../store.js';
import { ImportError } from './errors.js';
import { KINDS, type KindSpec } from './kinds.js';
import { val } from './validate.js';

const RESTORED: readonly MetaKey[] = ['data_start', 'data_end', 'data_source', 'outcome_scale'];

/** The id under which an answers import keeps what undoing the customers it created needs (mapping.customers). */
export const customersPartId = (id: string) => `${id}:customers`;

const undoTable = (id: string) => `undo_${id.replace(/[^A-Za-z0-9]/g, '').slice(0, 40)}`;
/** The kind's tables: customers imports also write customer_contacts. */
const tablesOf = (spec: KindSpec): { table: string; keep: (base: string) => string }[] => [
  { table: spec.table, keep: (base) => base },
  ...(spec.contacts ? [{ table: 'customer_contacts', keep: (base: string) => `${base}_contacts` }] : []),
];

/** Before writing: drops what an earlier import of the table kept, records this one, and (replace) keeps the old tables. */
export async function keepForUndo(tx: Queryable, options: { id: string; spec: KindSpec; mode: 'append' | 'replace'; view: string }): Promise<void> {
  const { id, spec, mode } = options;
  await forgetUndo(tx, spec);
  const meta = await tx.all<{ key: string; value: string }>(`SELECT key, value FROM store_meta WHERE key IN (${RESTORED.map(literal).join(', ')})`);
  const base = undoTable(id);
  if (mode === 'replace') for (const { table, keep } of tablesOf(spec)) await tx.run(`ALTER TABLE ${quoteIdent(table)} RENAME TO ${quoteIdent(keep(base))}`);
  await tx.run(`INSERT INTO import_undo VALUES ($id, $t, $mode, $base, $meta)`, { id, t: spec.table, mode, base, meta: JSON.stringify(Object.fromEntries(meta.map((m) => [m.key, m.value]))) });
}

/** After an append: the keys of the rows it added. */
export async function keepAppendedKeys(tx: Queryable, options: { id: string; spec: KindSpec; view: string }): Promise<void> {
  const { id, spec, view } = options;
  await tx.run(`CREATE TABLE ${quoteIdent(undoTable(id))} AS SELECT ${spec.key.map((k) => `${val(k)} AS ${quoteIdent(k)}`).join(', ')} FROM ${view}`);
}

/** Row count and an order-independent hash of the kind's tables: what undo expects to find. */
async function tablesState(tx: Queryable, spec: KindSpec): Promise<string> {
  const parts: string[] = [];
  for (const { table } of tablesOf(spec)) {
    const [row] = await tx.all<{ s: string }>(`SELECT count(*)::VARCHAR || ':' || coalesce(bit_xor(hash(t))::VARCHAR, '-') AS s FROM ${quoteIdent(table)} t`);
    parts.push(row?.s ?? '');
  }
  return parts.join('|');
}

/**
 * After the write: the tables' state, so undo can tell whether anything changed them since (another
 * import without undo, the CLI, the generator, an edit of units). Then undo is refused rather than
 * throwing away or resurrecting rows it does not know about.
 */
export async function recordImported(tx: Queryable, options: { id: string; spec: KindSpec }): Promise<void> {
  await tx.run(`UPDATE import_undo SET meta = json_object('before', json(meta), 'after', $after::VARCHAR)::VARCHAR WHERE import_id = $id`, {
    id: options.id,
    after: await tablesState(tx, options.spec),
  });
}

/** An import that keeps nothing for undo (the CLI, an import without history) ends what earlier imports of the table kept. */
export async function forgetUndo(tx: Queryable, spec: KindSpec): Promise<void> {
  const earlier = await tx.all<{ import_id: string; undo_table: string }>(`SELECT import_id, undo_table FROM import_undo WHERE table_name = $t`, { t: spec.table });
  for (const row of earlier) {
    for (const { keep } of tablesOf(spec)) await tx.run(`DROP TABLE IF EXISTS ${quoteIdent(keep(row.undo_table))}`);
    await tx.run(`DELETE FROM import_undo WHERE import_id = $id`, { id: row.import_id });
  }
}

/** The definition of a table an import writes. */
export function tableDef(table: string): TableDef {
  if (table === 'dim_units' || table === 'customer_contacts') return OTHER_TABLE_DEFS[table];
  const fact = Object.entries(FACT_TABLE_DEFS).find(([name]) => name === table);
  if (!fact) throw new Error(`undo: no definition for table ${table}`);
  return fact[1];
}

/** Responses and profitability rows whose customer is not in `customers` (a table or a subquery); `responses` likewise. */
async function orphans(tx: Queryable, customers = 'customers', responses = 'responses'): Promise<number> {
  const [row] = await tx.all<{ n: number }>(
    `SELECT ((SELECT count(*) FROM ${responses} r ANTI JOIN ${customers} c USING (customer_id)) + (SELECT count(*) FROM profitability p ANTI JOIN ${customers} c USING (customer_id)))::INTEGER AS n`,
  );
  return row?.n ?? 0;
}

/** What an import kept for its undo, checked: refused when nothing is kept or the tables changed since. */
interface Kept {
  id: string;
  spec: KindSpec;
  mode: 'append' | 'replace';
  /** The kept table: the old table (replace) or the appended keys (append). */
  base: string;
  recorded: { before: Record<string, string>; after: string };
}

async function keptFor(tx: Queryable, id: string): Promise<Kept> {
  const [kept] = await tx.all<{ table_name: string; mode: string; undo_table: string; meta: string }>(
    `SELECT table_name, mode, undo_table, meta FROM import_undo WHERE import_id = $id`,
    { id },
  );
  if (!kept) {
    throw new ImportError('IMPORT_UNDO_REFUSED', `Nothing is kept to undo import ${id}: only the latest import of a table can be undone, and only imports made through the server's import history.`);
  }
  const spec = Object.values(KINDS).find((k) => k.table === kept.table_name);
  if (!spec) throw new ImportError('IMPORT_UNDO_REFUSED', `Import ${id} filled ${kept.table_name}, which cannot be undone.`);
  const recorded: Kept['recorded'] = JSON.parse(kept.meta);
  if ((await tablesState(tx, spec)) !== recorded.after) {
    throw new ImportError(
      'IMPORT_UNDO_REFUSED',
      `${spec.table} has changed since import ${id} (another import, an edit or the command line), so undoing it would not return the store to a known state. Import a corrected file in replace mode instead.`,
    );
  }
  return { id, spec, mode: kept.mode === 'replace' ? 'replace' : 'append', base: kept.undo_table, recorded };
}

/** The answers the undo removes: those the import added (append), or those not in the old table (replace). */
async function removedResponseIds(tx: Queryable, kept: Kept): Promise<string[]> {
  if (kept.spec.table !== 'responses') return [];
  const sql =
    kept.mode === 'replace'
      ? `SELECT response_id AS id FROM responses ANTI JOIN ${quoteIdent(kept.base)} USING (response_id)`
      : `SELECT response_id AS id FROM ${quoteIdent(kept.base)}`;
  return (await tx.all<{ id: string }>(sql)).map((r) => r.id);
}

/** The table's row count after the undo: the old table's (replace), or today's without the appended keys. */
async function rowsAfterUndo(tx: Queryable, kept: Kept): Promise<number> {
  const sql =
    kept.mode === 'replace'
      ? `SELECT count(*)::INTEGER AS n FROM ${quoteIdent(kept.base)}`
      : `SELECT count(*)::INTEGER AS n FROM ${quoteIdent(kept.spec.table)} ANTI JOIN ${quoteIdent(kept.base)} USING (${kept.spec.key.map(quoteIdent).join(', ')})`;
  const [row] = await tx.all<{ n: number }>(sql);
  return row?.n ?? 0;
}

/** The rows of the kept import's table after its undo (a subquery). */
const remainingAfter = (kept: Kept) =>
  kept.mode === 'replace'
    ? `(SELECT * FROM ${quoteIdent(kept.base)})`
    : `(SELECT * FROM ${quoteIdent(kept.spec.table)} ANTI JOIN ${quoteIdent(kept.base)} USING (${kept.spec.key.map(quoteIdent).join(', ')}))`;

/**
 * A customers undo must not leave answers or profitability rows without their customer: refused before
 * anything changes. `responsesUndone`: the answers import undone with it (one file that created both),
 * whose answers do not count.
 */
async function refuseOrphans(tx: Queryable, kept: Kept, responsesUndone?: Kept): Promise<void> {
  if (kept.spec.table !== 'customers') return;
  const remaining = remainingAfter(kept);
  const responses = responsesUndone ? remainingAfter(responsesUndone) : 'responses';
  const added = (await orphans(tx, remaining, responses)) - (await orphans(tx, 'customers', responses));
  if (added > 0) {
    throw new ImportError(
      'IMPORT_UNDO_REFUSED',
      `Undoing this customers import would leave ${added.toLocaleString('en-US')} responses or profitability rows without their customer. Undo the imports of those first.`,
    );
  }
}

export interface UndoPreview {
  table: string;
  mode: 'append' | 'replace';
  /** Rows in the table now, and after the undo. */
  rowsNow: number;
  rowsAfter: number;
  /** The answers the undo would remove (follow-up cases opened for them are the server's to handle). */
  responseIds: string[];
  /** Customers the undo removes with the answers (an answers import that created them); 0 otherwise. */
  customersRemoved: number;
}

/** The kept parts of import `id`: the import itself, then (withCustomers) the customers it created. */
async function partsOf(tx: Queryable, id: string, withCustomers: boolean): Promise<Kept[]> {
  const parts = [await keptFor(tx, id)];
  if (withCustomers) {
    const [kept] = await tx.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM import_undo WHERE import_id = $id`, { id: customersPartId(id) });
    // A later customers import (or one by the command line) ended what this import kept for its customers.
    if (!kept?.n) {
      throw new ImportError(
        'IMPORT_UNDO_REFUSED',
        `A later customers import replaced what was kept to remove the customers import ${id} created, so its answers and customers cannot be undone together. Import a corrected file in replace mode instead.`,
      );
    }
    parts.push(await keptFor(tx, customersPartId(id)));
  }
  return parts;
}

/**
 * What undoing import `id` would do, changing nothing; throws the refusal (IMPORT_UNDO_REFUSED) the undo
 * would give. `withCustomers`: the import also created customers (mapping.customers), undone with it.
 */
export async function previewUndo(store: Queryable, id: string, withCustomers = false): Promise<UndoPreview> {
  const [kept, customers] = await partsOf(store, id, withCustomers);
  await refuseOrphans(store, kept!);
  if (customers) await refuseOrphans(store, customers, kept);
  const [now] = await store.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${quoteIdent(kept!.spec.table)}`);
  const customersRemoved = customers ? (await store.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${quoteIdent(customers.base)}`))[0]?.n ?? 0 : 0;
  return { table: kept!.spec.table, mode: kept!.mode, rowsNow: now?.n ?? 0, rowsAfter: await rowsAfterUndo(store, kept!), responseIds: await removedResponseIds(store, kept!), customersRemoved };
}

export interface UndoOptions {
  /** Runs inside the store's transaction, after the store is restored and before it commits (delete follow-up cases there). */
  beforeCommit?: (responseIds: string[]) => Promise<void>;
}

/**
 * Undoes import `id` (and, `withCustomers`, the customers it created, after its answers), all in one
 * transaction; returns the table restored and the response ids it removed.
 */
export async function undoLatestImport(store: Store, id: string, options: UndoOptions & { withCustomers?: boolean } = {}): Promise<{ table: string; responseIds: string[] }> {
  const result = await store.transaction(async (tx) => {
    const parts = await partsOf(tx, id, options.withCustomers ?? false);
    const main = parts[0]!;
    await refuseOrphans(tx, main);
    const responseIds = await removedResponseIds(tx, main);
    for (const kept of parts) {
      if (kept !== main) await refuseOrphans(tx, kept); // the answers are gone by now
      await restore(tx, kept);
    }
    // A new data version, not the old one: caches keyed by the version must not return results of the undone data.
    const tables = parts.flatMap((kept) => [kept.spec.table, ...(kept.spec.contacts ? ['customer_contacts'] : [])]);
    await store.markChanged(main.spec.dimension ? 'dimensions' : 'data', {}, tx, { tables });
    await options.beforeCommit?.(responseIds);
    return { table: main.spec.table, responseIds };
  });
  if (store.path !== ':memory:') await store.run('CHECKPOINT');
  return result;
}

/** Puts one kept import's tables and store_meta back as they were before it. */
async function restore(tx: Queryable, kept: Kept): Promise<void> {
  const { id, spec, base, recorded } = kept;
  if (kept.mode === 'replace') {
    for (const { table, keep } of tablesOf(spec)) {
      await tx.run(`DROP TABLE ${quoteIdent(table)}`);
      await tx.run(`ALTER TABLE ${quoteIdent(keep(base))} RENAME TO ${quoteIdent(table)}`);
    }
  } else {
    // Rebuild without the appended keys rather than DELETE: DuckDB deletes indexed rows slowly
    // (measured: 57 s for 452,108 responses, against seconds for the rebuild).
    for (const { table } of tablesOf(spec)) {
      const keys = table === 'customer_contacts' ? ['customer_id'] : spec.key;
      const old = quoteIdent(`${base}_old`);
      await tx.run(`ALTER TABLE ${quoteIdent(table)} RENAME TO ${old}`);
      await tx.run(createTableSql(table, tableDef(table)));
      await tx.run(`INSERT INTO ${quoteIdent(table)} BY NAME SELECT * FROM ${old} ANTI JOIN ${quoteIdent(base)} k USING (${keys.map(quoteIdent).join(', ')})`);
      await tx.run(`DROP TABLE ${old}`);
    }
    await tx.run(`DROP TABLE ${quoteIdent(base)}`);
  }
  await tx.run(`DELETE FROM import_undo WHERE import_id = $id`, { id });
  for (const key of RESTORED) {
    const value = recorded.before[key];
    if (value === undefined) await tx.run(`DELETE FROM store_meta WHERE key = $key`, { key });
    else await tx.run(`INSERT INTO store_meta VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, { key, value });
  }
}
