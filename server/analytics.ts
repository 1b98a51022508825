import pg from 'pg';
import { openStore, type Store } from '../analytics/store.js';
import { syncDimensions } from '../analytics/sync/dimensions.js';

export interface AnalyticsRuntime {
  store: Store;
  /** Copies the journey model from Postgres into the store's dimension tables (serialised). */
  syncModel(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the DuckDB analytics store and keeps its copy of the journey model current: once now and after
 * every model change. A small pg pool of its own reads the model in one consistent statement.
 */
export async function startAnalytics(duckdbPath: string, pgUrl: string): Promise<AnalyticsRuntime> {
  const store = await openStore(duckdbPath);
  await store.ensureSchema();
  const pool = new pg.Pool({ connectionString: pgUrl, max: 2 });
  // An idle client whose connection drops (Postgres restarted or killed) is emitted as an 'error' on
  // the pool, which without a listener ends the whole server. The pool has already discarded that
  // client; the next sync connects anew, and a sync that fails reports it to its caller.
  pool.on('error', () => undefined);
  let syncing: Promise<unknown> = Promise.resolve();
  const syncModel = () => {
    // Chained so two quick edits cannot copy in the wrong order.
    const next = syncing.then(() => syncDimensions(store, pool));
    syncing = next.catch(() => undefined);
    return next.then(() => undefined);
  };
  await syncModel();
  return {
    store,
    syncModel,
    async close() {
      await syncing;
      await pool.end();
      await store.close();
    },
  };
}
