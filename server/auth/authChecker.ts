import type { AuthChecker } from 'type-graphql';
import { AppError } from '../common/errors.js';
import type { Context } from '../context.js';
import type { Role } from '../modules/users/user.enums.js';

/**
 * type-graphql's @Authorized(roles): no caller → UNAUTHENTICATED; a caller whose role is not listed →
 * FORBIDDEN. The denial is audited by the plugin in server/auth/auditPlugin.ts.
 */
export const authChecker: AuthChecker<Context, Role> = ({ context, info }, roles) => {
  const caller = context.caller;
  if (!caller) throw new AppError('UNAUTHENTICATED', 'Sign in first: this needs a session or an API token.');
  if (roles.length > 0 && !roles.includes(caller.role)) {
    throw new AppError('FORBIDDEN', `Your role ${caller.role} may not read or change ${info.parentType.name}.${info.fieldName}.`, {
      field: `${info.parentType.name}.${info.fieldName}`,
    });
  }
  return true;
};
