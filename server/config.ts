import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Repository root, resolved from this file so scripts work from any cwd (also when compiled to dist/server). */
export const ROOT = path.resolve(here, path.basename(path.dirname(here)) === 'dist' ? '../..' : '..');

/** Answers older than this when they reach Touchpoint open no follow-up case (FOLLOW_UP_MAX_AGE_DAYS). */
export const DEFAULT_FOLLOW_UP_MAX_AGE_DAYS = 14;
/** Aggregates of fewer distinct customers show no numbers to roles without individual access (MIN_CELL_CUSTOMERS). */
export const DEFAULT_MIN_CELL_CUSTOMERS = 5;

/** Every setting in one place: environment variable, default and what it does, side by side. */
export interface Config {
  /** DATABASE_URL: use this Postgres; unset = start an embedded PostgreSQL in dataDir/pg. */
  databaseUrl: string | undefined;
  /** DATA_DIR: where the embedded Postgres, the DuckDB file, staged imports and generated secrets live. Default .data. */
  dataDir: string;
  /** PG_PORT: port of the embedded Postgres; 0 = pick a free one. */
  pgPort: number;
  /** DUCKDB_PATH: the analytics store; ':memory:' for a throw-away store. Default <dataDir>/analytics.duckdb. */
  duckdbPath: string;
  /** IMPORT_DIR: where files are staged for the importData mutation. Default <dataDir>/imports. */
  importDir: string;
  /** IMPORT_UPLOAD_MAX_MB: largest file the browser may upload, in MB (1 MB = 1,048,576 bytes). Default 1024. */
  uploadMaxMegabytes: number;
  /** PORT: HTTP port for the API and the client; 0 = pick a free one. */
  port: number;
  /** HOST: interface to listen on. */
  host: string;
  /** NODE_ENV=production hides stack traces in errors. */
  production: boolean;
  /** SEED_DEMO=0 skips loading the demo company into an empty database. */
  seedDemo: boolean;
  /** ALERT_CHECK_MINUTES: minutes between follow-up/alert checks while the server runs; 0 = none. Default 60. */
  alertCheckMinutes: number;
  /** FOLLOW_UP_MAX_AGE_DAYS: answers older than this (days) when they arrive open no case. Default 14. */
  followUpMaxAgeDays: number;
  /**
   * MIN_CELL_CUSTOMERS: roles without access to individual answers see no numbers for an aggregate of
   * fewer distinct customers than this (small-cell suppression). Default 5; 1 turns it off.
   */
  minCellCustomers: number;
}

/** A setting that cannot be used; the message names every bad one and what it must be. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Touchpoint's settings are not valid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const INTEGER_SETTINGS = {
  pgPort: { env: 'PG_PORT', min: 0, max: 65_535, meaning: 'a TCP port, 0 = pick a free one' },
  port: { env: 'PORT', min: 0, max: 65_535, meaning: 'a TCP port, 0 = pick a free one' },
  alertCheckMinutes: { env: 'ALERT_CHECK_MINUTES', min: 0, max: 7 * 24 * 60, meaning: 'minutes between alert checks, 0 = no periodic check' },
  followUpMaxAgeDays: { env: 'FOLLOW_UP_MAX_AGE_DAYS', min: 1, max: 3650, meaning: 'days; older answers open no follow-up case' },
  minCellCustomers: { env: 'MIN_CELL_CUSTOMERS', min: 1, max: 1000, meaning: 'distinct customers an aggregate needs before roles without individual access see its numbers' },
  uploadMaxMegabytes: { env: 'IMPORT_UPLOAD_MAX_MB', min: 1, max: 1_048_576, meaning: 'MB, the largest file the browser may upload' },
} as const;
type IntegerSetting = keyof typeof INTEGER_SETTINGS;

/**
 * Reads the settings from `env` (process.env by default); `overrides` win over the environment. Paths
 * under the data directory follow an overridden dataDir unless they are set themselves, so
 * startServer({ dataDir }) keeps the DuckDB file and staged imports there too. Throws a ConfigError
 * listing every bad value.
 */
export function loadConfig(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const str = (name: string): string | undefined => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const int = (key: IntegerSetting, fallback: number): number => {
    const { env: name, min, max, meaning } = INTEGER_SETTINGS[key];
    const raw = overrides[key] ?? str(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (${meaning}); got "${raw}".`);
      return fallback;
    }
    return value;
  };
  const dataDir = path.resolve(ROOT, overrides.dataDir ?? str('DATA_DIR') ?? '.data');
  const duckdbPath = overrides.duckdbPath ?? str('DUCKDB_PATH') ?? path.join(dataDir, 'analytics.duckdb');
  const seedDemo = str('SEED_DEMO') ?? '1';
  if (overrides.seedDemo === undefined && seedDemo !== '0' && seedDemo !== '1') problems.push(`SEED_DEMO must be 1 (load the demo company into an empty database) or 0; got "${seedDemo}".`);
  const config: Config = {
    databaseUrl: 'databaseUrl' in overrides ? overrides.databaseUrl : str('DATABASE_URL'),
    dataDir,
    pgPort: int('pgPort', 0),
    duckdbPath: duckdbPath === ':memory:' ? duckdbPath : path.resolve(duckdbPath),
    importDir: path.resolve(overrides.importDir ?? str('IMPORT_DIR') ?? path.join(dataDir, 'imports')),
    port: int('port', 4000),
    host: overrides.host ?? str('HOST') ?? '127.0.0.1',
    production: overrides.production ?? env.NODE_ENV === 'production',
    seedDemo: overrides.seedDemo ?? seedDemo !== '0',
    alertCheckMinutes: int('alertCheckMinutes', 60),
    followUpMaxAgeDays: int('followUpMaxAgeDays', DEFAULT_FOLLOW_UP_MAX_AGE_DAYS),
    minCellCustomers: int('minCellCustomers', DEFAULT_MIN_CELL_CUSTOMERS),
    uploadMaxMegabytes: int('uploadMaxMegabytes', 1024),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
