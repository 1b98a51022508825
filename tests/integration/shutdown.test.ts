import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT } from '../../server/config.js';
import { tempDir } from '../fixtures/import/store.js';

const dataDir = tempDir('touchpoint-shutdown-');
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

it.each(['SIGINT', 'SIGTERM'] as const)('npm start with the embedded PostgreSQL stops cleanly on %s: exit 0, PostgreSQL shut down', { timeout: 180_000 }, async (signal) => {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, SEED_DEMO: '0', PORT: '0', ALERT_CHECK_MINUTES: '0' };
  delete env.DATABASE_URL;
  delete env.DUCKDB_PATH;
  delete env.IMPORT_DIR;
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Touchpoint: http:\/\/\S+/.test(output)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`The server exited with ${code} before it was up:\n${output}`)));
  });
  const pid = path.join(dataDir, 'pg', 'postmaster.pid');
  expect(fs.existsSync(pid), 'PostgreSQL is running while the server is up').toBe(true);

  child.kill(signal);
  expect(await exited, output).toBe(0);
  expect(output).toContain(`${signal}: stopping Touchpoint...`);
  expect(fs.existsSync(pid), 'PostgreSQL removes postmaster.pid when it shuts down cleanly').toBe(false);
});
