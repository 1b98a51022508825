import type { CombinedError } from '@urql/core';
import { errorInfo } from '../../../shared/errors';

/** The message the sign-in form shows for a failed sign-in, chosen by extensions.code (never by message text). */
export function signInErrorMessage(error: CombinedError): string {
  const info = errorInfo(error);
  switch (info.code) {
    case 'UNAUTHENTICATED':
      return 'The e-mail or password is wrong. Check both and try again.';
    case 'RATE_LIMITED':
      return `Too many failed sign-ins. Try again ${retryIn(info.extensions.retryAfterSeconds)}.`;
    case 'BAD_USER_INPUT':
      return 'Enter your e-mail address and password.';
    case 'NETWORK':
      return 'Cannot reach Touchpoint. Check your connection and try again.';
    case 'SERVICE_UNAVAILABLE':
      return 'Touchpoint is not available right now. Try again in a few seconds.';
    default:
      return 'Signing in failed because of a problem on the server. Try again; if it keeps failing, tell an administrator.';
  }
}

function retryIn(seconds: unknown): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return 'later';
  if (seconds < 60) return `in ${Math.ceil(seconds)} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? 'in 1 minute' : `in ${minutes} minutes`;
}
