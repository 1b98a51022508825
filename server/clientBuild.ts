import fs from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './config.js';

const CLIENT = path.join(ROOT, 'client');
const DIST = path.join(CLIENT, 'dist', 'index.html');

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestSource(full) : (await fs.stat(full)).mtimeMs);
  }
  return newest;
}

/**
 * A production build of the Vue client (into client/dist, or `outDir`). Vite picks Vue's development
 * build and dev-mode SFC output from process.env.NODE_ENV whenever it is set, whatever `mode` says, and
 * vitest sets it to "test": so NODE_ENV is "production" for the build and restored afterwards.
 */
export async function buildClient(options: { outDir?: string } = {}): Promise<void> {
  const { build } = await import('vite');
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(CLIENT, 'vite.config.ts'),
      logLevel: 'warn',
      mode: 'production',
      ...(options.outDir ? { build: { outDir: options.outDir, emptyOutDir: true } } : {}),
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
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
