import { AppError, notFound } from '../../common/errors.js';

export const JourneyErrors = {
  journeyNotFound: (id: string) => notFound('Journey', id),
  required: (entity: string, fields: string[]) =>
    new AppError('BAD_USER_INPUT', `A new ${entity} needs ${fields.join(', ')}.`, { reason: 'MISSING_FIELDS', fields }),
  notAPermutation: (what: string, expected: number, got: number) =>
    new AppError(
      'BAD_USER_INPUT',
      `Reordering ${what} needs every one of its ${expected} ids exactly once; got ${got} ids, with missing, unknown or repeated ones.`,
      { reason: 'NOT_A_PERMUTATION' },
    ),
  positionOutOfRange: (position: number, max: number) =>
    new AppError('BAD_USER_INPUT', `position must be between 0 and ${max}, got ${position}.`, { reason: 'POSITION_OUT_OF_RANGE', field: 'position' }),
  improvesMustBeAsIs: () =>
    new AppError('BAD_USER_INPUT', 'improvesId must name an AS_IS journey, and only a TO_BE journey can improve one.', {
      reason: 'INVALID_IMPROVES',
      field: 'improvesId',
    }),
  copyNeedsAsIs: (id: string) =>
    new AppError('BAD_USER_INPUT', `Journey ${id} is a TO_BE journey; copy an AS_IS journey to start a TO_BE one.`, { reason: 'NOT_AS_IS' }),
  listSize: (got: number) =>
    new AppError('BAD_USER_INPUT', `inputs has ${got} touchpoints: give 1 to 240 at a time.`, { reason: 'LIST_SIZE', field: 'inputs' }),
  requiredAt: (index: number, fields: string[]) =>
    new AppError('BAD_USER_INPUT', `Touchpoint ${index + 1} of the list needs ${fields.join(', ')}.`, {
      reason: 'MISSING_FIELDS',
      field: `inputs.${index}.${fields[0]}`,
      fields,
    }),
  codeRepeated: (index: number, code: string, earlier: number) =>
    new AppError('BAD_USER_INPUT', `Code "${code}" is given to touchpoints ${earlier + 1} and ${index + 1} of the list; give each its own code.`, {
      reason: 'DUPLICATE',
      field: `inputs.${index}.code`,
    }),
  codeTaken: (index: number, code: string) =>
    new AppError('CONFLICT', `Code "${code}" (touchpoint ${index + 1} of the list) is already used by another touchpoint; choose another.`, {
      reason: 'DUPLICATE',
      field: `inputs.${index}.code`,
    }),
};
