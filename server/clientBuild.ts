import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './config.js';

const CLIENT = path.join(ROOT, 'client');
const DIST = path.join(CLIENT, 'dist', 'index.html');
const run = promisify(execFile);

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestSource(full) : (await fs.stat(full)).mtimeMs);
  }
  return newest;
}

/** Vite's command line (its package exports no path to it; package.json is exported). */
function viteCli(): string {
  return path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
}

/**
 * A production build of the Vue client (into client/dist, or `outDir`), by Vite's command line in a child
 * process. In the server's own process the build (Rollup, the brotli and gzip copy of every asset) left
 * ~1 GB of native memory that the process never gave back: a server that built its client on first start
 * kept 1.5 GB instead of 0.6 GB for its life (the load test's server, measured with duckdb_memory() and
 * process.memoryUsage()). NODE_ENV is "production" in the child: Vite picks Vue's development build and
 * dev-mode SFC output from NODE_ENV whenever it is set, and vitest sets it to "test".
 */
export async function buildClient(options: { outDir?: string } = {}): Promise<void> {
  const args = [viteCli(), 'build', '--config', path.join(CLIENT, 'vite.config.ts'), '--mode', 'production', '--logLevel', 'warn'];
  if (options.outDir) args.push('--outDir', options.outDir, '--emptyOutDir');
  try {
    await run(process.execPath, args, { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, maxBuffer: 16 * 2 ** 20 });
  } catch (error) {
    const output = error instanceof Error && 'stderr' in error ? String(error.stderr) : '';
    throw new Error(`Building the client (vite build) failed: ${error instanceof Error ? error.message : String(error)}${output ? `\n${output}` : ''}`);
  }
}

/** Builds the Vue client with Vite when there is no build or a source file is newer than it. */
export async function ensureClientBuilt(log: (line: string) => void): Promise<void> {
  const built = await fs.stat(DIST).then((s) => s.mtimeMs, () => 0);
  if (built > 0 && built >= (await newestSource(CLIENT))) return;
  const started = Date.now();
  await buildClient();
  log(`Built the client in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
