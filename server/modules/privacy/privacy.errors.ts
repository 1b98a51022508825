import { AppError } from '../../common/errors.js';

/** Errors of the data-protection requests (export, erase, comment retention), with stable reasons. */
export const PrivacyErrors = {
  /** Nothing is held about the id: erased already, or never imported (the two cannot be told apart: the id is not kept). */
  customerNotFound: (customerId: string) =>
    new AppError(
      'NOT_FOUND',
      `No data about customer "${customerId}" is held: it was erased already, or no import ever named this customerId. Check the id against the customers file.`,
      { reason: 'CUSTOMER_NOT_FOUND', field: 'customerId' },
    ),
  blankCustomerId: () => new AppError('BAD_USER_INPUT', 'customerId is empty; give the id exactly as in the customers file.', { reason: 'INVALID_FIELD', field: 'customerId' }),
};
