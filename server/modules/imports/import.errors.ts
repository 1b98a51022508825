import type { ImportError } from '../../../analytics/import/errors.js';
import { say } from '../../../analytics/i18n/index.js';
import { AppError } from '../../common/errors.js';

/**
 * An ImportError as BAD_USER_INPUT: `reason` is the stable import code (IMPORT_INVALID_ROWS, ...),
 * `problems` the first 100 problems ({ kind, line, column, value, message }), `problemGroups` every
 * problem grouped by cause with a count, `problemCounts` the count per kind and field, `totalProblems` all of them.
 */
export function importGraphQLError(error: ImportError): AppError {
  const [headline = error.message] = error.message.split('\n');
  const message =
    error.problems.length > 1
      ? `${headline} First: ${error.problems[0]!.message} All ${error.problems.length < error.totalProblems ? `first ${error.problems.length}` : error.problems.length} are in extensions.problems.`
      : error.message;
  const code = error.code === 'IMPORT_UNDO_REFUSED' ? 'CONFLICT' : 'BAD_USER_INPUT';
  return new AppError(code, message, {
    reason: error.code,
    problems: error.problems,
    problemGroups: error.groups,
    problemCounts: error.counts,
    totalProblems: error.totalProblems,
  });
}

/** Errors of the import API itself (not of a file), with stable reasons. */
export const ImportErrors = {
  badArgument: (field: string, message: string) => new AppError('BAD_USER_INPUT', `${field}: ${message}`, { reason: 'INVALID_FIELD', field }),
  mappingNotFound: (name: string) =>
    new AppError('NOT_FOUND', `There is no saved mapping "${name}". List savedImportMappings to find its name, or pass the mapping itself.`, {
      reason: 'IMPORT_MAPPING_NOT_FOUND',
      field: 'mappingName',
    }),
  mappingForOtherKind: (name: string, saved: string, wanted: string) =>
    new AppError('BAD_USER_INPUT', `The saved mapping "${name}" is for ${saved}, not ${wanted}; choose a ${wanted} mapping or import as ${saved}.`, {
      reason: 'IMPORT_MAPPING_KIND',
      field: 'mappingName',
    }),
  mappingNameTaken: (name: string) =>
    new AppError('CONFLICT', `A mapping named "${name}" was saved by someone else at the same moment; save again to replace it, or choose another name.`, {
      reason: 'IMPORT_MAPPING_NAME_TAKEN',
      field: 'name',
    }),
  runNotFound: (id: string) =>
    new AppError('NOT_FOUND', `Import ${id} is not in the import history. List importHistory to find it.`, { reason: 'IMPORT_RUN_NOT_FOUND', field: 'id' }),
  notUndoable: (id: string, why: string) =>
    new AppError('CONFLICT', say('import.undo.refused', { id, why }), { reason: 'IMPORT_NOT_UNDOABLE', field: 'id' }),
};
