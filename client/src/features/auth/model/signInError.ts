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

/** What the sign-in page says when the company's identity provider sent someone back refused (`?sso=`). */
export function ssoRefusalMessage(reason: unknown): string | null {
  switch (reason) {
    case undefined:
    case null:
    case '':
      return null;
    case 'SSO_NOT_ALLOWED':
      return 'Your company account is not in a group allowed to use Touchpoint. Ask your administrator for access.';
    case 'SSO_NO_ROLE':
      return 'Your company account has no Touchpoint role yet. Ask your administrator to give you one.';
    case 'SSO_NO_EMAIL':
      return 'Your company account has no e-mail address. Ask your administrator to add one.';
    case 'SSO_EMAIL_IN_USE':
      return 'A Touchpoint account with your e-mail address already exists and your company account could not be linked to it. Ask your administrator.';
    case 'SSO_DEACTIVATED':
      return 'Your Touchpoint account is deactivated. Ask your administrator.';
    case 'SSO_STATE_UNKNOWN':
      return 'That sign-in took too long or was already used. Start again with the button below.';
    case 'SSO_DISABLED':
      return 'Signing in with a company account is not set up. Sign in with your e-mail and password.';
    default:
      return 'Signing in with your company account did not work. Try again; if it keeps failing, tell an administrator.';
  }
}
