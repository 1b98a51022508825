/**
 * Imports through the API read files staged on the server, never uploads: an upload would hold a file
 * of up to gigabytes in the server's memory (or a temp file it must police), while a staged file is
 * streamed by DuckDB from disk. Files must lie inside the import directory; anything else is refused.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { ImportError } from '../../../analytics/import/errors.js';
import { importFile, type ImportMode } from '../../../analytics/import/importFile.js';
import type { ImportKind } from '../../../analytics/import/kinds.js';
import { audit } from '../../auth/auth.service.js';
import { requireCaller, type Context } from '../../context.js';
import { afterAnswersLoaded, describeRun } from '../alerts/monitor.js';
import { importGraphQLError } from './import.errors.js';
import type { ImportResultType } from './import.types.js';

const outside = (stagedFile: string, dir: string) =>
  new ImportError(
    'IMPORT_PATH_OUTSIDE',
    `stagedFile "${stagedFile}" points outside the import directory. Name a file inside ${dir} (e.g. "responses.csv" or "2025/responses.csv").`,
  );

/** The real path of a staged file, refusing absolute paths, `..` and symbolic links that lead outside `dir`. */
export async function resolveStagedFile(dir: string, stagedFile: string): Promise<string> {
  if (stagedFile.trim() === '' || stagedFile.length > 1000 || stagedFile.includes('\0')) {
    throw new ImportError('IMPORT_FILE_NOT_FOUND', 'stagedFile must name a file in the import directory, e.g. "responses.csv".');
  }
  const candidate = path.resolve(dir, stagedFile);
  const relative = path.relative(dir, candidate);
  if (path.isAbsolute(stagedFile) || relative.startsWith('..') || path.isAbsolute(relative)) throw outside(stagedFile, dir);
  const realDir = await fs.realpath(dir).catch(() => null);
  if (!realDir) throw new ImportError('IMPORT_FILE_NOT_FOUND', `The import directory ${dir} does not exist yet; create it and copy the file there.`);
  const real = await fs.realpath(candidate).catch(() => null);
  if (!real) {
    const staged = await fs.readdir(realDir).catch(() => [] as string[]);
    const list = staged.length ? ` Staged files: ${staged.slice(0, 20).join(', ')}${staged.length > 20 ? ', ...' : ''}.` : ' The directory is empty.';
    throw new ImportError('IMPORT_FILE_NOT_FOUND', `There is no file "${stagedFile}" in the import directory ${dir}.${list}`);
  }
  const realRelative = path.relative(realDir, real);
  if (realRelative.startsWith('..') || path.isAbsolute(realRelative)) throw outside(stagedFile, dir);
  return real;
}

export interface ImportRequest {
  kind: ImportKind;
  mode: ImportMode;
  stagedFile: string;
  mapping?: Record<string, unknown>;
}

/**
 * Imports a staged file into the server's analytics store, and audits who imported what (or tried to).
 * New answers then close the loop at once: detractors (and promoters, where a rule says so) open
 * follow-up cases and the alert rules are checked, instead of waiting for the periodic monitor.
 */
export async function importStaged(ctx: Context, request: ImportRequest): Promise<ImportResultType> {
  const caller = requireCaller(ctx);
  const { kind, mode, stagedFile } = request;
  try {
    const file = await resolveStagedFile(ctx.deps.importDir, stagedFile);
    const result = await importFile(ctx.deps.analytics, { kind, mode, file, mapping: request.mapping });
    audit(ctx.em, 'IMPORT', caller.id, { kind, mode, file: stagedFile, rows: result.rows, sourceRows: result.sourceRows, seconds: result.seconds });
    await ctx.em.flush();
    if (kind === 'responses') await closeTheLoop(ctx);
    return {
      kind,
      mode,
      stagedFile,
      rows: result.rows,
      sourceRows: result.sourceRows,
      seconds: result.seconds,
      rowsPerSecond: result.rowsPerSecond,
      ignoredColumns: result.ignoredColumns,
    };
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    audit(ctx.em, 'IMPORT_FAILED', caller.id, { kind, mode, file: stagedFile, reason: error.code, problems: error.totalProblems });
    await ctx.em.flush().catch(() => undefined); // a failed audit write must not hide the import's own error
    throw importGraphQLError(error);
  }
}

/**
 * The import is committed by now: a failure here must not report it as failed (re-importing would be
 * refused as duplicates). It is logged, and the periodic monitor retries, idempotently.
 */
async function closeTheLoop(ctx: Context): Promise<void> {
  try {
    const run = await afterAnswersLoaded(ctx.deps.orm.em, ctx.deps.analytics, { maxAgeDays: ctx.deps.followUpMaxAgeDays });
    if (run.cases.opened || run.alerts.some((r) => r.raised.length || r.closed.length)) console.log(`After import: ${describeRun(run)}`);
  } catch (error) {
    console.error(`After import: opening follow-up cases and checking alerts failed (the periodic check retries): ${error instanceof Error ? error.message : String(error)}`);
  }
}
