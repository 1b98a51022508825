import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../analytics/import/errors.js';
import { importFile } from '../../analytics/import/importFile.js';
import type { Store } from '../../analytics/store.js';
import { checksum, makeImportStore, tempDir } from '../fixtures/import/store.js';
import { CSV_KINDS, csvCase, validRows } from './support/csvFuzz.js';
import { prng } from './support/traffic.js';

const CASES = 1_000;
/** CSV_FUZZ_SEED=<n> replays another run; a failure prints its seed and case number. */
const SEED = Number(process.env.CSV_FUZZ_SEED ?? 20_261_205);

let dir: string;
let store: Store;

beforeAll(async () => {
  dir = tempDir('touchpoint-csv-fuzz-');
  store = await makeImportStore();
});
afterAll(async () => {
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`${CASES.toLocaleString('en')} generated malformed CSV files through importFile`, () => {
  it('the unbroken files the cases start from import (so each failure below is the breakage)', async () => {
    const scratch = await makeImportStore();
    try {
      for (const kind of CSV_KINDS) {
        const file = path.join(dir, `valid-${kind}.csv`);
        fs.writeFileSync(file, validRows(kind, 30).map((r) => r.join(',')).join('\n') + '\n');
        const result = await importFile(scratch, { kind, file, mode: 'append' });
        expect(result.rows, kind).toBe(30);
      }
    } finally {
      await scratch.close();
    }
  });

  it('each fails with a typed ImportError and leaves every table exactly as it was', async () => {
    const before = await checksum(store);
    const failures: { index: number; kind: string; mode: string; broken: string; got: string }[] = [];
    const byCode: Record<string, number> = {};
    const byBreakage: Record<string, number> = {};
    const started = Date.now();
    for (let index = 0; index < CASES; index++) {
      const c = csvCase(prng, SEED, index);
      byBreakage[c.broken] = (byBreakage[c.broken] ?? 0) + 1;
      const file = path.join(dir, `case-${index}.csv`);
      fs.writeFileSync(file, c.bytes);
      const error = await importFile(store, { kind: c.kind, file, mode: c.mode }).then(
        (result) => `imported ${result.rows} rows`,
        (e: unknown) => e,
      );
      fs.rmSync(file);
      if (error instanceof ImportError) {
        byCode[error.code] = (byCode[error.code] ?? 0) + 1;
        if (error.code === 'IMPORT_INVALID_ROWS' && error.problems.length === 0) failures.push({ index, kind: c.kind, mode: c.mode, broken: c.broken, got: 'no problems listed' });
      } else {
        failures.push({ index, kind: c.kind, mode: c.mode, broken: c.broken, got: String(error).slice(0, 300) });
      }
      // Checking every case would double the run time; every 10th and the last prove the store unchanged.
      if (index % 10 === 9 || index === CASES - 1) {
        const now = await checksum(store);
        if (JSON.stringify(now) !== JSON.stringify(before)) failures.push({ index, kind: c.kind, mode: c.mode, broken: c.broken, got: `store changed: ${JSON.stringify(now)}` });
      }
    }
    console.log(
      `csv fuzz (seed ${SEED}): ${CASES} files in ${((Date.now() - started) / 1000).toFixed(1)} s, ${failures.length} not refused cleanly; ` +
        `breakages ${JSON.stringify(byBreakage)}; codes ${JSON.stringify(byCode)}`,
    );
    expect(failures.slice(0, 8), `seed ${SEED}; ${failures.length} failures`).toEqual([]);
    expect(await checksum(store)).toEqual(before);
    expect(Object.keys(byBreakage).length).toBeGreaterThan(15);
  }, 240_000);
});
