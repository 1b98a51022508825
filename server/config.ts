import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Repository root, resolved from this file so scripts work from any cwd (also when compiled to dist/server). */
export const ROOT = path.resolve(here, path.basename(path.dirname(here)) === 'dist' ? '../..' : '..');

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function str(name: string, fallback: string): string {
  const raw = process.env[name];
  return raw === undefined || raw === '' ? fallback : raw;
}

/** Every setting in one place: environment variable, default and what it does, side by side. */
export interface Config {
  /** DATABASE_URL: use this Postgres; unset = start an embedded PostgreSQL in dataDir/pg. */
  databaseUrl: string | undefined;
  /** DATA_DIR: where the embedded Postgres, the DuckDB file and generated secrets live. */
  dataDir: string;
  /** PG_PORT: port of the embedded Postgres; 0 = pick a free one. */
  pgPort: number;
  /** DUCKDB_PATH: the analytics store; ':memory:' for a throw-away store. */
  duckdbPath: string;
  /** PORT: HTTP port for the API and the client; 0 = pick a free one. */
  port: number;
  /** HOST: interface to listen on. */
  host: string;
  /** NODE_ENV=production hides stack traces in errors. */
  production: boolean;
  /** SEED_DEMO=0 skips loading the demo company into an empty database. */
  seedDemo: boolean;
}

export function loadConfig(overrides: Partial<Config> = {}): Config {
  const dataDir = path.resolve(ROOT, str('DATA_DIR', '.data'));
  return {
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir,
    pgPort: int('PG_PORT', 0),
    duckdbPath: str('DUCKDB_PATH', path.join(dataDir, 'analytics.duckdb')),
    port: int('PORT', 4000),
    host: str('HOST', '127.0.0.1'),
    production: process.env.NODE_ENV === 'production',
    seedDemo: str('SEED_DEMO', '1') !== '0',
    ...overrides,
  };
}
