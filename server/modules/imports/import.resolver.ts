import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { ImportMode } from '../../../analytics/import/importFile.js';
import type { ImportKind } from '../../../analytics/import/kinds.js';
import { Rule } from '../../auth/rules.js';
import type { Context } from '../../context.js';
import { deleteMapping, dryRunStaged, importHistory, importStaged, listImportFiles, listMappings, previewStaged, saveMapping, undoImport, undoImportPreview } from './import.service.js';
import {
  ImportDryRunType,
  ImportFileType,
  ImportKindEnum,
  ImportModeEnum,
  ImportPreviewType,
  ImportResultType,
  ImportRunType,
  ImportUndoPreviewType,
  SavedImportMappingType,
} from './import.types.js';

const STAGED_FILE = 'A path relative to the import directory, e.g. "responses.csv", or the file name an upload returned (uploads/...).';
const MAPPING = 'How the file\'s columns map to the fields: the mapping document described in analytics/import/README.md (JSON object).';

/**
 * The import API the Import page (upload, preview, mapping wizard, dry run, history, undo) and scripts
 * use. Files reach the import directory by upload (POST /api/imports/upload) or by copying them there.
 */
@Resolver()
export class ImportResolver {
  @Authorized(Rule.importData)
  @Query(() => [ImportFileType], { description: 'Files in the import directory (uploaded or copied there), newest first.' })
  importFiles(@Ctx() ctx: Context): Promise<ImportFileType[]> {
    return listImportFiles(ctx);
  }

  @Authorized(Rule.importData)
  @Query(() => ImportPreviewType, {
    description:
      'The first rows of a staged file with what was detected (delimiter, encoding, header rows, Qualtrics, Excel sheets, column types) and a mapping to start from. Reads nothing into the store.',
  })
  previewImportFile(
    @Ctx() ctx: Context,
    @Arg('stagedFile', () => String, { description: STAGED_FILE }) stagedFile: string,
    @Arg('mapping', () => GraphQLJSONObject, { nullable: true, description: `${MAPPING} Its csv, headerRows and sheet settings are used for the preview.` })
    mapping?: Record<string, unknown> | null,
    @Arg('rows', () => Int, { defaultValue: 20, description: 'How many data rows to return (1-200).' }) rows?: number,
    @Arg('kind', () => ImportKindEnum, { nullable: true, description: 'The table the file is meant for: the suggested mapping then maps columns named like its fields.' })
    kind?: ImportKind,
  ): Promise<ImportPreviewType> {
    return previewStaged(ctx, stagedFile, mapping ?? undefined, rows ?? 20, kind);
  }

  @Authorized(Rule.importData)
  @Query(() => ImportDryRunType, {
    description:
      'Checks an import completely (every value, code, duplicate and reference, against the store as it is) without writing anything: what would be written, or every problem grouped by source column with counts.',
  })
  dryRunImport(
    @Ctx() ctx: Context,
    @Arg('kind', () => ImportKindEnum, { description: 'The table the file fills.' }) kind: ImportKind,
    @Arg('stagedFile', () => String, { description: STAGED_FILE }) stagedFile: string,
    @Arg('mode', () => ImportModeEnum, { defaultValue: ImportModeEnum.APPEND, description: 'Append to or replace the table.' }) mode: ImportMode,
    @Arg('mapping', () => GraphQLJSONObject, { nullable: true, description: MAPPING }) mapping?: Record<string, unknown> | null,
  ): Promise<ImportDryRunType> {
    return dryRunStaged(ctx, { kind, mode, stagedFile, mapping: mapping ?? undefined });
  }

  @Authorized(Rule.importData)
  @Mutation(() => ImportResultType, {
    description:
      "Imports a staged CSV, Excel (.xlsx) or Parquet file into the analytics store, all or nothing, and records it in the import history. " +
      'Bad rows give BAD_USER_INPUT with extensions.problems (line, column, value, message; the first 100), extensions.problemGroups (per cause, with counts) and nothing changes. ' +
      'Run dryRunImport first to see every problem without an error.',
  })
  importData(
    @Ctx() ctx: Context,
    @Arg('kind', () => ImportKindEnum, { description: 'The table the file fills.' }) kind: ImportKind,
    @Arg('stagedFile', () => String, { description: STAGED_FILE }) stagedFile: string,
    @Arg('mode', () => ImportModeEnum, { defaultValue: ImportModeEnum.APPEND, description: 'Append to or replace the table.' }) mode: ImportMode,
    @Arg('mapping', () => GraphQLJSONObject, { nullable: true, description: MAPPING })
    mapping?: Record<string, unknown> | null,
    @Arg('mappingName', () => String, { nullable: true, description: 'The saved mapping used (recorded in the import history); with no mapping argument, that saved mapping is used.' })
    mappingName?: string,
  ): Promise<ImportResultType> {
    return importStaged(ctx, { kind, mode, stagedFile, mapping: mapping ?? undefined, mappingName });
  }

  @Authorized(Rule.importData)
  @Query(() => [SavedImportMappingType], { description: 'Mappings saved by name, by name.' })
  savedImportMappings(
    @Ctx() ctx: Context,
    @Arg('kind', () => ImportKindEnum, { nullable: true, description: 'Only mappings for this table.' }) kind?: ImportKind,
  ): Promise<SavedImportMappingType[]> {
    return listMappings(ctx, kind);
  }

  @Authorized(Rule.importData)
  @Mutation(() => SavedImportMappingType, { description: 'Saves a mapping under a name (replacing one of the same name), after checking it is a valid mapping for the table.' })
  saveImportMapping(
    @Ctx() ctx: Context,
    @Arg('name', () => String, { description: 'A name to find it by next month, e.g. "Monthly passenger survey".' }) name: string,
    @Arg('kind', () => ImportKindEnum, { description: 'The table the mapping is for.' }) kind: ImportKind,
    @Arg('mapping', () => GraphQLJSONObject, { description: MAPPING }) mapping: Record<string, unknown>,
  ): Promise<SavedImportMappingType> {
    return saveMapping(ctx, name, kind, mapping);
  }

  @Authorized(Rule.importData)
  @Mutation(() => Boolean, { description: 'Deletes a saved mapping; imports made with it keep their copy in the history. True when one was deleted.' })
  deleteImportMapping(@Ctx() ctx: Context, @Arg('name', () => String, { description: 'The saved mapping\'s name.' }) name: string): Promise<boolean> {
    return deleteMapping(ctx, name);
  }

  @Authorized(Rule.importData)
  @Query(() => [ImportRunType], { description: 'Imports and refused attempts, newest first: who, when, file, mapping, rows, problems, and which can be undone.' })
  importHistory(
    @Ctx() ctx: Context,
    @Arg('kind', () => ImportKindEnum, { nullable: true, description: 'Only imports into this table.' }) kind?: ImportKind,
    @Arg('limit', () => Int, { defaultValue: 50, description: 'At most this many (1-500).' }) limit?: number,
  ): Promise<ImportRunType[]> {
    return importHistory(ctx, kind, limit ?? 50);
  }

  @Authorized(Rule.importData)
  @Query(() => ImportUndoPreviewType, {
    description:
      'What undoing an import would do, changing nothing: rows in the table before and after, answers removed, follow-up cases deleted (nobody has worked them) and kept (worked ones stay, without their answer), or why it cannot be undone.',
  })
  undoImportPreview(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'The import\'s id (ImportRun.id, ImportResult.importId).' }) id: string): Promise<ImportUndoPreviewType> {
    return undoImportPreview(ctx, id);
  }

  @Authorized(Rule.importData)
  @Mutation(() => ImportRunType, {
    description:
      'Undoes the latest import of a table: the table returns exactly to its state before that import. Follow-up cases the import opened are deleted when nobody has worked them; worked ones (assigned, noted, contacted, or moved on from open) are kept with a note that their answer was removed. Refused (CONFLICT) for an older import, or when later data depends on it (responses of imported customers). undoImportPreview says beforehand what would be removed and kept.',
  })
  undoImport(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'The import\'s id (ImportRun.id, ImportResult.importId).' }) id: string): Promise<ImportRunType> {
    return undoImport(ctx, id);
  }
}
