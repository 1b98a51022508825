/**
 * The import API's rules. Files are read from the import directory (uploaded through
 * POST /api/imports/upload, or copied there for very large files and automation) and streamed by
 * DuckDB from disk; anything outside the directory is refused. Every import is recorded in the history
 * (Postgres) and the latest import of a table can be undone exactly.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { say } from '../../../analytics/i18n/index.js';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ImportError } from '../../../analytics/import/errors.js';
import { dryRunFile, importFile, type ImportMode } from '../../../analytics/import/importFile.js';
import { KINDS, type ImportKind } from '../../../analytics/import/kinds.js';
import { parseMapping } from '../../../analytics/import/mapping.js';
import { previewFile } from '../../../analytics/import/preview.js';
import { formatOf } from '../../../analytics/import/source.js';
import { previewUndo, undoLatestImport } from '../../../analytics/import/undo.js';
import { audit } from '../../auth/auth.service.js';
import { requireCaller, type Context } from '../../context.js';
import { afterAnswersLoaded, describeRun } from '../alerts/monitor.js';
import { FollowUpCase, FollowUpStatus } from '../follow-ups/follow-up.entity.js';
import { ImportRun, ImportRunStatus, SavedImportMapping } from './import.entity.js';
import { ImportErrors, importGraphQLError } from './import.errors.js';
import { ImportFileFormat, type ImportDryRunType, type ImportFileType, type ImportPreviewType, type ImportResultType, type ImportRunType, type ImportUndoPreviewType, type SavedImportMappingType } from './import.types.js';

// Messages name only what the caller gave: not the server's import directory, not other staged files.
const outside = (stagedFile: string) =>
  new ImportError(
    'IMPORT_PATH_OUTSIDE',
    `stagedFile "${stagedFile}" points outside the import directory. Name a file inside it (e.g. "responses.csv" or "2025/responses.csv").`,
  );
/** DuckDB's readers expand these (read_csv('[p]asswd.csv') reads passwd.csv), so a name must not hold any. */
const GLOB = /[*?[\]{}]/;

/** The real path of a staged file, refusing absolute paths, `..` and symbolic links that lead outside `dir`. */
export async function resolveStagedFile(dir: string, stagedFile: string): Promise<string> {
  if (stagedFile.trim() === '' || stagedFile.length > 1000 || stagedFile.includes('\0')) {
    throw new ImportError('IMPORT_FILE_NOT_FOUND', 'stagedFile must name a file in the import directory, e.g. "responses.csv".');
  }
  if (GLOB.test(stagedFile)) {
    throw new ImportError('IMPORT_PATH_OUTSIDE', `stagedFile "${stagedFile}" contains one of * ? [ ] { }; name one file exactly, without wildcard characters (rename the file if its name has them).`);
  }
  const candidate = path.resolve(dir, stagedFile);
  const relative = path.relative(dir, candidate);
  if (path.isAbsolute(stagedFile) || relative.startsWith('..') || path.isAbsolute(relative)) throw outside(stagedFile);
  const realDir = await fs.realpath(dir).catch(() => null);
  if (!realDir) throw new ImportError('IMPORT_FILE_NOT_FOUND', 'The import directory does not exist yet; upload a file first.');
  const real = await fs.realpath(candidate).catch(() => null);
  if (!real) throw new ImportError('IMPORT_FILE_NOT_FOUND', `There is no file "${stagedFile}" in the import directory; list the staged files (importFiles) or upload it.`);
  // Exactly the file that will be read is checked: its real path (symbolic links followed) must be
  // inside the directory, and must hold no wildcard DuckDB would expand into other files.
  const realRelative = path.relative(realDir, real);
  if (realRelative.startsWith('..') || path.isAbsolute(realRelative) || GLOB.test(real)) throw outside(stagedFile);
  return real;
}

const FORMAT_ENUM = { csv: ImportFileFormat.CSV, excel: ImportFileFormat.EXCEL, parquet: ImportFileFormat.PARQUET } as const;

/** Files in the import directory (two levels deep: uploads/ and dated folders), newest first. */
export async function listImportFiles(ctx: Context): Promise<ImportFileType[]> {
  requireCaller(ctx);
  const dir = ctx.deps.importDir;
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files: ImportFileType[] = [];
  for (const entry of entries) {
    // .part: an upload still arriving (renamed when complete).
    if (!entry.isFile() || entry.name.startsWith('.') || entry.name.endsWith('.part')) continue;
    const full = path.join(entry.parentPath, entry.name);
    const name = path.relative(dir, full).split(path.sep).join('/');
    if (name.split('/').length > 3) continue;
    const stat = await fs.stat(full).catch(() => null);
    if (!stat) continue;
    let format: ImportFileFormat | null = null;
    try {
      format = FORMAT_ENUM[formatOf(full)];
    } catch {
      format = null;
    }
    files.push({ name, bytes: stat.size, modifiedAt: stat.mtime, format });
  }
  return files.sort((a, b) => b.modifiedAt.getTime() - a.modifiedAt.getTime()).slice(0, 500);
}

export async function previewStaged(ctx: Context, stagedFile: string, mapping: Record<string, unknown> | undefined, rows: number, kind?: ImportKind): Promise<ImportPreviewType> {
  requireCaller(ctx);
  if (!Number.isInteger(rows) || rows < 1 || rows > 200) throw ImportErrors.badArgument('rows', `must be a whole number from 1 to 200; got ${rows}.`);
  try {
    const file = await resolveStagedFile(ctx.deps.importDir, stagedFile);
    const preview = await previewFile(ctx.deps.analytics, file, mapping, rows, kind);
    return { ...preview, file: stagedFile, format: FORMAT_ENUM[preview.format] };
  } catch (error) {
    if (error instanceof ImportError) throw importGraphQLError(error);
    throw error;
  }
}

export interface ImportRequest {
  kind: ImportKind;
  mode: ImportMode;
  stagedFile: string;
  mapping?: Record<string, unknown>;
  mappingName?: string;
}

/** The mapping of a request: the one given, else the saved mapping named (which must be for the kind). */
async function requestMapping(ctx: Context, request: ImportRequest): Promise<Record<string, unknown> | undefined> {
  if (request.mapping !== undefined || request.mappingName === undefined) return request.mapping;
  const saved = await ctx.em.findOne(SavedImportMapping, { name: request.mappingName });
  if (!saved) throw ImportErrors.mappingNotFound(request.mappingName);
  if (saved.kind !== request.kind) throw ImportErrors.mappingForOtherKind(request.mappingName, saved.kind, request.kind);
  return saved.mapping;
}

/** Checks an import without writing: problems come back as data, not as an error. */
export async function dryRunStaged(ctx: Context, request: ImportRequest): Promise<ImportDryRunType> {
  requireCaller(ctx);
  const { kind, mode, stagedFile } = request;
  const mapping = await requestMapping(ctx, request);
  const empty = { kind, mode, stagedFile, rows: 0, sourceRows: 0, skippedRows: 0, ignoredColumns: [], problems: [], groups: [], totalProblems: 0, newCustomers: 0 };
  try {
    const file = await resolveStagedFile(ctx.deps.importDir, stagedFile);
    const result = await dryRunFile(ctx.deps.analytics, { kind, mode, file, mapping });
    return { ...empty, ...result, problems: [...result.problems], groups: [...result.groups], errorCode: null, errorMessage: null };
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    // A file that cannot be checked at all (not found, unreadable, columns missing, bad mapping) is the answer too.
    return { ...empty, ok: false, problems: [...error.problems], groups: [...error.groups], totalProblems: error.totalProblems, errorCode: error.code, errorMessage: error.message };
  }
}

/**
 * Imports a staged file into the server's analytics store, records it in the history and audits who
 * imported what (or tried to). New answers then close the loop at once: detractors (and promoters, where
 * a rule says so) open follow-up cases and the alert rules are checked.
 */
export async function importStaged(ctx: Context, request: ImportRequest): Promise<ImportResultType> {
  const caller = requireCaller(ctx);
  const { kind, mode, stagedFile } = request;
  const mapping = await requestMapping(ctx, request);
  const run = ctx.em.create(ImportRun, {
    id: randomUUID(),
    kind,
    table: KINDS[kind].table,
    mode,
    file: stagedFile,
    mapping: mapping ?? {},
    mappingName: request.mappingName,
    userId: caller.id,
    userName: caller.name,
    status: ImportRunStatus.FAILED,
  });
  try {
    const file = await resolveStagedFile(ctx.deps.importDir, stagedFile);
    const result = await importFile(ctx.deps.analytics, { kind, mode, file, mapping, undoId: run.id });
    Object.assign(run, { status: ImportRunStatus.IMPORTED, rows: result.rows, sourceRows: result.sourceRows, finishedAt: new Date() });
    audit(ctx.em, 'IMPORT', caller.id, { kind, mode, file: stagedFile, rows: result.rows, sourceRows: result.sourceRows, newCustomers: result.newCustomers, seconds: result.seconds, importId: run.id });
    await ctx.em.flush();
    if (kind === 'responses') {
      run.casesOpened = await closeTheLoop(ctx);
      await ctx.em.flush();
    }
    return {
      kind,
      mode,
      stagedFile,
      rows: result.rows,
      sourceRows: result.sourceRows,
      skippedRows: result.skippedRows,
      seconds: result.seconds,
      rowsPerSecond: result.rowsPerSecond,
      ignoredColumns: result.ignoredColumns,
      importId: run.id,
      casesOpened: run.casesOpened,
      newCustomers: result.newCustomers,
    };
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    Object.assign(run, { status: ImportRunStatus.FAILED, problems: error.totalProblems, errorCode: error.code, finishedAt: new Date() });
    audit(ctx.em, 'IMPORT_FAILED', caller.id, { kind, mode, file: stagedFile, reason: error.code, problems: error.totalProblems, importId: run.id });
    await ctx.em.flush().catch(() => undefined); // a failed history/audit write must not hide the import's own error
    throw importGraphQLError(error);
  }
}

/**
 * The import is committed by now: a failure here must not report it as failed (re-importing would be
 * refused as duplicates). It is logged, and the periodic monitor retries, idempotently.
 */
async function closeTheLoop(ctx: Context): Promise<number> {
  try {
    const run = await afterAnswersLoaded(ctx.deps.orm.em, ctx.deps.analytics, { maxAgeDays: ctx.deps.followUpMaxAgeDays });
    if (run.cases.opened || run.alerts.some((r) => r.raised.length || r.closed.length)) console.log(`After import: ${describeRun(run)}`);
    return run.cases.opened;
  } catch (error) {
    console.error(`After import: opening follow-up cases and checking alerts failed (the periodic check retries): ${error instanceof Error ? error.message : String(error)}`);
    return 0;
  }
}

const toMappingType = (m: SavedImportMapping): SavedImportMappingType => ({
  id: m.id,
  name: m.name,
  kind: m.kind as ImportKind,
  mapping: m.mapping,
  updatedAt: m.updatedAt,
});

export async function listMappings(ctx: Context, kind?: ImportKind): Promise<SavedImportMappingType[]> {
  requireCaller(ctx);
  const rows = await ctx.em.find(SavedImportMapping, kind ? { kind } : {}, { orderBy: { name: 'asc' } });
  return rows.map(toMappingType);
}

export async function saveMapping(ctx: Context, name: string, kind: ImportKind, mapping: Record<string, unknown>): Promise<SavedImportMappingType> {
  const caller = requireCaller(ctx);
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 200) throw ImportErrors.badArgument('name', 'give the mapping a name of 1 to 200 characters.');
  try {
    parseMapping(mapping, kind);
  } catch (error) {
    if (error instanceof ImportError) throw importGraphQLError(error);
    throw error;
  }
  let saved = await ctx.em.findOne(SavedImportMapping, { name: trimmed });
  if (saved) Object.assign(saved, { kind, mapping, savedById: caller.id, updatedAt: new Date() });
  else saved = ctx.em.create(SavedImportMapping, { name: trimmed, kind, mapping, savedById: caller.id });
  try {
    await ctx.em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw ImportErrors.mappingNameTaken(trimmed);
    throw error;
  }
  return toMappingType(saved);
}

export async function deleteMapping(ctx: Context, name: string): Promise<boolean> {
  requireCaller(ctx);
  const deleted = await ctx.em.nativeDelete(SavedImportMapping, { name: name.trim() });
  return deleted > 0;
}

/** The latest import of `table` still in place: the only one that can be undone. */
async function latestInPlace(ctx: Context, table: string): Promise<ImportRun | null> {
  return ctx.em.findOne(ImportRun, { table, status: ImportRunStatus.IMPORTED }, { orderBy: { startedAt: 'desc', createdAt: 'desc' } });
}

export async function importHistory(ctx: Context, kind: ImportKind | undefined, limit: number): Promise<ImportRunType[]> {
  requireCaller(ctx);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw ImportErrors.badArgument('limit', `must be a whole number from 1 to 500; got ${limit}.`);
  const runs = await ctx.em.find(ImportRun, kind ? { kind } : {}, { orderBy: { startedAt: 'desc', createdAt: 'desc' }, limit });
  const latest = new Map<string, string | null>();
  for (const table of new Set(runs.map((r) => r.table))) latest.set(table, (await latestInPlace(ctx, table))?.id ?? null);
  return runs.map((run) => toRunType(run, latest.get(run.table) === run.id));
}

function toRunType(run: ImportRun, undoable: boolean): ImportRunType {
  return {
    id: run.id,
    kind: run.kind as ImportKind,
    mode: run.mode as ImportMode,
    file: run.file,
    mapping: run.mapping,
    mappingName: run.mappingName ?? null,
    userName: run.userName ?? null,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt ?? null,
    status: run.status,
    rows: run.rows,
    sourceRows: run.sourceRows,
    problems: run.problems,
    errorCode: run.errorCode ?? null,
    casesOpened: run.casesOpened,
    undoable,
    undoneAt: run.undoneAt ?? null,
  };
}

/**
 * A case someone has worked: assigned, noted, a contact logged, or moved on from OPEN. Undo keeps these
 * (their answer goes): deleting them would erase the record of contacts with a customer and of the
 * team's work, which an undo of a wrong file is not meant to touch.
 */
const worked = (c: FollowUpCase) => Boolean(c.assignee) || c.notes.length > 0 || c.contacts.length > 0 || c.status !== FollowUpStatus.OPEN;

/** The follow-up cases opened for `responseIds` at or after the import started, split into untouched and worked. */
async function casesOf(em: EntityManager, run: ImportRun, responseIds: string[]): Promise<{ untouched: FollowUpCase[]; worked: FollowUpCase[] }> {
  const found: FollowUpCase[] = [];
  for (let i = 0; i < responseIds.length; i += 5000) {
    found.push(...(await em.find(FollowUpCase, { responseId: { $in: responseIds.slice(i, i + 5000) }, createdAt: { $gte: run.startedAt } })));
  }
  return { untouched: found.filter((c) => !worked(c)), worked: found.filter(worked) };
}

/** An answers import whose mapping also created customers (mapping.customers): its undo removes them too. */
const createdCustomers = (run: ImportRun) => run.kind === 'responses' && typeof run.mapping.customers === 'object' && run.mapping.customers !== null;

/** The run `id`, and why it cannot be undone when it is not the latest import of its table still in place. */
async function undoableRun(ctx: Context, id: string): Promise<{ run: ImportRun; refusal: string | null }> {
  const run = await ctx.em.findOne(ImportRun, { id });
  if (!run) throw ImportErrors.runNotFound(id);
  if (run.status !== ImportRunStatus.IMPORTED) return { run, refusal: say(run.status === ImportRunStatus.UNDONE ? 'import.undo.undoneAlready' : 'import.undo.wasRefused') };
  const latest = await latestInPlace(ctx, run.table);
  if (latest?.id !== run.id) return { run, refusal: say('import.undo.laterImport', { table: run.table, file: latest?.file ?? '?' }) };
  return { run, refusal: null };
}

/** What undoing an import would remove and keep (rows, answers, follow-up cases), changing nothing. */
export async function undoImportPreview(ctx: Context, id: string): Promise<ImportUndoPreviewType> {
  requireCaller(ctx);
  const { run, refusal } = await undoableRun(ctx, id);
  const base = { importId: run.id, kind: run.kind as ImportKind, mode: run.mode as ImportMode, rowsNow: 0, rowsAfter: 0, answersRemoved: 0, casesRemoved: 0, casesKept: 0, customersRemoved: 0 };
  if (refusal) return { ...base, undoable: false, refusal: say('import.undo.refused', { id: run.id, why: refusal }) };
  try {
    const preview = await previewUndo(ctx.deps.analytics, run.id, createdCustomers(run));
    const cases = await casesOf(ctx.em, run, preview.responseIds);
    return {
      ...base,
      undoable: true,
      refusal: null,
      rowsNow: preview.rowsNow,
      rowsAfter: preview.rowsAfter,
      answersRemoved: preview.responseIds.length,
      casesRemoved: cases.untouched.length,
      casesKept: cases.worked.length,
      customersRemoved: preview.customersRemoved,
    };
  } catch (error) {
    if (error instanceof ImportError) return { ...base, undoable: false, refusal: error.message };
    throw error;
  }
}

/**
 * Undoes the latest import of a table: the analytics store goes back to its state before it (the
 * replaced table is put back, or the appended rows are removed). Follow-up cases opened for the
 * import's answers are deleted when nobody has worked them; worked ones stay, with a note that their
 * answer was removed (importing the answer again links it back: cases are keyed by the answer's id).
 * Both in the store's transaction: a failure leaves the store and the cases as they were.
 */
export async function undoImport(ctx: Context, id: string): Promise<ImportRunType> {
  const caller = requireCaller(ctx);
  const { run, refusal } = await undoableRun(ctx, id);
  if (refusal) throw ImportErrors.notUndoable(run.id, refusal);
  const counts = { casesRemoved: 0, casesKept: 0 };
  try {
    await undoLatestImport(ctx.deps.analytics, run.id, {
      withCustomers: createdCustomers(run),
      beforeCommit: async (responseIds) => {
        if (!responseIds.length) return;
        await ctx.em.transactional(async (em) => {
          const cases = await casesOf(em, run, responseIds);
          for (let i = 0; i < cases.untouched.length; i += 5000) {
            await em.nativeDelete(FollowUpCase, { id: { $in: cases.untouched.slice(i, i + 5000).map((c) => c.id) } });
          }
          const text = `The answer this case was opened for was removed on ${new Date().toISOString().slice(0, 10)}, when ${caller.name} undid the import of ${run.file}. The case is kept because it had been worked; importing the answer again links it back.`;
          for (const c of cases.worked) c.notes = [...c.notes, { at: new Date(), author: caller.name, text }];
          counts.casesRemoved = cases.untouched.length;
          counts.casesKept = cases.worked.length;
        });
      },
    });
  } catch (error) {
    if (error instanceof ImportError) throw importGraphQLError(error);
    throw error;
  }
  Object.assign(run, { status: ImportRunStatus.UNDONE, undoneAt: new Date(), undoneById: caller.id });
  audit(ctx.em, 'IMPORT_UNDONE', caller.id, { kind: run.kind, file: run.file, importId: run.id, rows: run.rows, ...counts });
  await ctx.em.flush();
  return toRunType(run, false);
}
