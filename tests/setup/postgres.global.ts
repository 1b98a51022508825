import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedPg } from '../../server/postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

let pg: EmbeddedPg | undefined;
let dataDir: string | undefined;

/** One real PostgreSQL for the whole run (or DATABASE_URL's); each test file makes its own database. */
export async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    project.provide('pgUrl', process.env.DATABASE_URL);
    return;
  }
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'touchpoint-test-'));
  pg = await startEmbeddedPostgres({ dataDir, database: 'postgres' });
  project.provide('pgUrl', pg.url);
}

export async function teardown() {
  await pg?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
}
