import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/main.js';
import { tempDir } from '../fixtures/import/store.js';
import { freshDatabase } from '../support/testApp.js';

let server: RunningServer | undefined;
let dataDir: string;
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  dataDir = tempDir('touchpoint-start-');
  const db = await freshDatabase();
  drop = db.drop;
  server = await startServer({ port: 0, dataDir, databaseUrl: db.url, seedDemo: false, alertCheckMinutes: 0 }, () => {});
}, 180_000);
afterAll(async () => {
  await server?.stop();
  await drop?.();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function post(query: string, variables: Record<string, unknown> = {}, cookie?: string) {
  const response = await fetch(`${server!.url}graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { response, json: (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

it('starts no embedded PostgreSQL when given a database URL', () => {
  expect(fs.existsSync(path.join(dataDir, 'pg'))).toBe(false);
});

it('keeps the DuckDB file and the staged imports under startServer({ dataDir })', async () => {
  expect(fs.existsSync(path.join(dataDir, 'analytics.duckdb'))).toBe(true);

  const admin = server!.accounts.find((a) => a.role === 'ADMIN')!;
  const signIn = await post('mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { user { role } } }', { e: admin.email, p: admin.password });
  const cookie = signIn.response.headers.get('set-cookie')!.split(';')[0]!;
  fs.mkdirSync(path.join(dataDir, 'imports'));
  fs.writeFileSync(path.join(dataDir, 'imports', 'units.csv'), 'unit_code,name\nCPH,København\n');
  const { json } = await post('mutation { importData(kind: UNITS, stagedFile: "units.csv") { rows } }', {}, cookie);
  expect(json.errors).toBeUndefined();
  expect(json.data.importData.rows).toBe(1);
});
