/**
 * Where the analytics store lives, for the server's config and the import CLI alike (analytics must not
 * import the server, so the rule lives here and the server uses it).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Repository root, resolved from this file so scripts work from any cwd (also when compiled to dist/analytics). */
export const ROOT = path.resolve(here, path.basename(path.dirname(here)) === 'dist' ? '../..' : '..');

/** The data directory: DATA_DIR (relative to the repository root) or .data. */
export const dataDirFrom = (dataDir: string | undefined): string => path.resolve(ROOT, dataDir ?? '.data');

/** The DuckDB file: DUCKDB_PATH, else analytics.duckdb in the data directory. */
export const storePathFrom = (dataDir: string, duckdbPath: string | undefined): string => duckdbPath ?? path.join(dataDir, 'analytics.duckdb');
