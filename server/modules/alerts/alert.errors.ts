import { AppError } from '../../common/errors.js';

export const AlertErrors = {
  alertNotFound: (id: string) =>
    new AppError('NOT_FOUND', `Alert ${id} does not exist. List alerts to find it.`, { reason: 'ALERT_NOT_FOUND', id }),
  ruleNotFound: (id: string) =>
    new AppError('NOT_FOUND', `Alert rule ${id} does not exist. List alertRules to find it.`, { reason: 'ALERT_RULE_NOT_FOUND', id }),
  alreadyClosed: (id: string) =>
    new AppError('CONFLICT', `Alert ${id} is CLOSED (the dip resolved); there is nothing to acknowledge. A new drop raises a new alert.`, {
      reason: 'ALERT_CLOSED',
      id,
    }),
  missingFields: (fields: string[]) =>
    new AppError('BAD_USER_INPUT', `A new alert rule needs ${fields.join(', ')}.`, { reason: 'MISSING_FIELDS', fields }),
};
