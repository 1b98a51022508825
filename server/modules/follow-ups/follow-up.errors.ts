import { AppError } from '../../common/errors.js';
import type { Role } from '../users/user.enums.js';
import type { FollowUpStatus } from './follow-up.entity.js';

/** Errors of the follow-up queue, with stable reasons (extensions.reason). */
export const FollowUpErrors = {
  /** Also for cases of another department: a user must not learn that the case exists. */
  caseNotFound: (id: string) =>
    new AppError('NOT_FOUND', `Follow-up case ${id} does not exist or is not in your department's queue. List followUpCases to find it.`, {
      reason: 'FOLLOW_UP_CASE_NOT_FOUND',
      id,
    }),
  invalidTransition: (id: string, from: FollowUpStatus, to: FollowUpStatus, allowed: readonly FollowUpStatus[]) =>
    new AppError(
      'CONFLICT',
      from === to
        ? `Follow-up case ${id} is already ${from}.${allowed.length ? ` It can move on to ${allowed.join(' or ')}.` : ''}`
        : allowed.length
          ? `Follow-up case ${id} is ${from}; it can move to ${allowed.join(' or ')}, not ${to}.`
          : `Follow-up case ${id} is ${from} and closed; it cannot move to ${to}. A new answer from the customer opens a new case.`,
      { reason: 'INVALID_STATUS_TRANSITION', id, from, to, allowed: [...allowed] },
    ),
  /** The case changed between reading and writing (someone else moved it). */
  changedMeanwhile: (id: string, status: FollowUpStatus) =>
    new AppError('CONFLICT', `Follow-up case ${id} was changed by someone else meanwhile and is now ${status}; reload it and try again.`, {
      reason: 'CHANGED_MEANWHILE',
      id,
      status,
    }),
  assigneeNotFound: (id: string) =>
    new AppError('NOT_FOUND', `User ${id} does not exist or is not active. List users to find the assignee.`, { reason: 'USER_NOT_FOUND', id }),
  assigneeCannotFollowUp: (id: string, role: Role) =>
    new AppError('BAD_USER_INPUT', `User ${id} has role ${role}, which may not work follow-up cases; assign a user with role ADMIN, STRATEGIST or ANALYST.`, {
      reason: 'ASSIGNEE_ROLE',
      field: 'assigneeId',
    }),
  assigneeOutsideDepartment: (id: string, department: string | null) =>
    new AppError(
      'BAD_USER_INPUT',
      department
        ? `User ${id} is not in the case's department (${department}); assign someone from that department, or hand the case to the user's department first (departmentId).`
        : `The case has no department; set departmentId to hand it to a department, then assign someone from it.`,
      { reason: 'ASSIGNEE_DEPARTMENT', field: 'assigneeId' },
    ),
  badCursor: (after: string) =>
    new AppError('BAD_USER_INPUT', `after: "${after}" is not a cursor from this queue; pass pageInfo.endCursor of the previous page.`, {
      reason: 'INVALID_CURSOR',
      field: 'after',
    }),
};
