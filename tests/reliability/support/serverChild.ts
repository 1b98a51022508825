/**
 * The real server (startServer) in a child process, so tests can measure its memory honestly and
 * SIGKILL it. Settings come from the environment (server/config.ts); PORT=0 picks a free port.
 * Prints one line `READY <json>` with the URL and the accounts created on this start, and answers
 * the IPC message 'memory' with process.memoryUsage() taken after a full garbage collection.
 */
import { startServer } from '../../../server/main.js';
import { demoLoader } from '../../../seeds/demoLoader.js';

// As `npm start` runs it: the demo loader wired in (SEED_DEMO in the environment decides).
const running = await startServer({}, (line) => console.log(line), demoLoader);
console.log(`READY ${JSON.stringify({ url: running.url, accounts: running.accounts })}`);

process.on('message', (message) => {
  if (message !== 'memory') return;
  globalThis.gc?.();
  globalThis.gc?.();
  process.send?.({ memory: process.memoryUsage() });
});
process.once('SIGTERM', () => {
  void running.stop().then(() => process.exit(0));
});
