import type { ImportError } from '../../../analytics/import/errors.js';
import { AppError } from '../../common/errors.js';

/**
 * An ImportError as BAD_USER_INPUT: `reason` is the stable import code (IMPORT_INVALID_ROWS, ...),
 * `problems` the first 100 problems ({ kind, line, column, value, message }), `problemCounts` the count
 * per kind and field, `totalProblems` all of them.
 */
export function importGraphQLError(error: ImportError): AppError {
  const [headline = error.message] = error.message.split('\n');
  const message =
    error.problems.length > 1
      ? `${headline} First: ${error.problems[0]!.message} All ${error.problems.length < error.totalProblems ? `first ${error.problems.length}` : error.problems.length} are in extensions.problems.`
      : error.message;
  return new AppError('BAD_USER_INPUT', message, {
    reason: error.code,
    problems: error.problems,
    problemCounts: error.counts,
    totalProblems: error.totalProblems,
  });
}
