/**
 * The real server (startServer) in a child process, so tests can measure its memory honestly and
 * SIGKILL it. Settings come from the environment (server/config.ts); PORT=0 picks a free port.
 * Prints one line `READY <json>` with the URL and the accounts created on this start, and answers
 * the IPC message 'memory' with process.memoryUsage() taken after a full garbage collection, and the bytes
 * DuckDB says it holds (duckdb_memory()).
 */
import { startServer } from '../../../server/main.js';
import { demoLoader } from '../../../seeds/demoLoader.js';

// As `npm start` runs it: the demo loader wired in (SEED_DEMO in the environment decides).
const running = await startServer({}, (line) => console.log(line), demoLoader);
console.log(`READY ${JSON.stringify({ url: running.url, accounts: running.accounts })}`);

process.on('message', (message) => {
  if (message !== 'memory') return;
  void (async () => {
    // DuckDB's own account of the memory it holds (buffer pool, in-memory tables, indexes), beside the process's.
    const [duck] = await running.analytics.all<{ bytes: number }>('SELECT coalesce(sum(memory_usage_bytes), 0)::DOUBLE AS bytes FROM duckdb_memory()');
    globalThis.gc?.();
    globalThis.gc?.();
    process.send?.({ memory: { ...process.memoryUsage(), duckdb: duck?.bytes ?? 0 } });
  })();
});
process.once('SIGTERM', () => {
  void running.stop().then(() => process.exit(0));
});
