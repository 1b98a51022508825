import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../analytics/import/importFile.js';
import { literal } from '../../analytics/sql.js';
import { openStore } from '../../analytics/store.js';
import { ROOT } from '../../server/config.js';
import { checksum, makeImportStore, tempDir } from '../fixtures/import/store.js';

const ROWS = 400_000;
let dir: string;
let db: string;
let csv: string;

beforeAll(async () => {
  dir = tempDir('touchpoint-import-kill-');
  db = path.join(dir, 'analytics.duckdb');
  csv = path.join(dir, 'responses.csv');
  const store = await makeImportStore(db);
  await store.run(`INSERT INTO customers SELECT 'K' || i, 'FAMILY', 'CPH', DATE '2024-01-01', NULL, 100 FROM range(1000) t(i)`);
  await store.run(`COPY (
    SELECT 'B' || i AS response_id, 'K' || (i % 1000) AS customer_id,
      CASE i % 3 WHEN 0 THEN 'TP_WEB_QUOTE' WHEN 1 THEN 'TP_CLAIM' END AS touchpoint_code,
      TIMESTAMP '2025-01-01' + to_seconds(i) AS responded_at, i % 11 AS ltr, 1 + i % 5 AS satisfaction,
      NULL AS professional, NULL AS sympathetic, NULL AS trustworthy, NULL AS atmosphere, 1 + i % 7 AS effort,
      'comment number ' || i AS comment
    FROM range(${ROWS}) t(i)) TO ${literal(csv)} (HEADER)`);
  // The rows above went in without a data change: opening the store brings the rollups up to date (and
  // stamps store_meta), which the CLI's open would otherwise do before the import, changing the checksum.
  await store.ensureSchema();
  await store.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the import CLI; kills it with SIGKILL as soon as it reports that it is writing. */
function importAndKill(args: string[]): Promise<{ signal: NodeJS.Signals | null; code: number | null; output: string; killedWhile: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'analytics/import/cli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let killedWhile: string | null = null;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const writing = output.split('\n').find((line) => line.startsWith('Writing'));
      if (writing && !killedWhile) {
        killedWhile = writing;
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, output, killedWhile }));
  });
}

describe('an import killed mid-way', () => {
  it('leaves the store exactly as it was (SIGKILL while replacing a table), and the store stays usable', async () => {
    const before = await openStore(db).then(async (store) => {
      const sums = await checksum(store);
      await store.close();
      return sums;
    });
    expect(before.responses).toMatch(/^2:/);

    const run = await importAndKill(['responses', csv, '--replace', '--db', db]);
    expect(run.output).toContain('Reading');
    expect(run.killedWhile, run.output).toMatch(/^Writing\s+0%\s+400,000 rows/);
    expect(run.signal, `the import finished before it could be killed:\n${run.output}`).toBe('SIGKILL');

    const store = await openStore(db);
    try {
      expect(await checksum(store)).toEqual(before);
      const result = await importFile(store, { kind: 'responses', file: csv, mode: 'replace' });
      expect(result.rows).toBe(ROWS);
      expect((await store.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM responses'))[0]!.n).toBe(ROWS);
    } finally {
      await store.close();
    }
  }, 180_000);
});
