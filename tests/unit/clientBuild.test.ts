import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, expect, it } from 'vitest';
import { buildClient } from '../../server/clientBuild.js';

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'touchpoint-client-build-'));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

const bundle = () =>
  fs
    .readdirSync(path.join(outDir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => fs.readFileSync(path.join(outDir, 'assets', f), 'utf8'))
    .join('\n');

it('builds the production client under vitest (NODE_ENV=test), and restores NODE_ENV', { timeout: 180_000 }, async () => {
  expect(process.env.NODE_ENV).toBe('test');
  await buildClient({ outDir });
  expect(process.env.NODE_ENV).toBe('test');
  const js = bundle();
  expect(js.includes('data-v-app'), "Vue's runtime is in the bundle").toBe(true);
  // Strings only Vue's development build carries (a warning and the hot-reload hook).
  expect(js.includes('Extraneous non-props attributes'), "Vue's development warnings are in the bundle").toBe(false);
  expect(js.includes('__VUE_HMR_RUNTIME__'), "Vue's hot-reload runtime is in the bundle").toBe(false);
  // Every script and style sheet over 1 kB has its brotli and gzip copy beside it, holding the same bytes
  // (server/common/precompressed.ts sends them).
  const assets = path.join(outDir, 'assets');
  const large = fs.readdirSync(assets).filter((f) => /\.(js|css)$/.test(f) && fs.statSync(path.join(assets, f)).size >= 1024);
  expect(large.length).toBeGreaterThan(10);
  for (const f of large) {
    const raw = fs.readFileSync(path.join(assets, f));
    expect(brotliDecompressSync(fs.readFileSync(path.join(assets, `${f}.br`))).equals(raw), `${f}.br`).toBe(true);
    expect(gunzipSync(fs.readFileSync(path.join(assets, `${f}.gz`))).equals(raw), `${f}.gz`).toBe(true);
  }
});
