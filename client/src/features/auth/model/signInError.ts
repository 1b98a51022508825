import type { CombinedError } from '@urql/core';
import { errorInfo } from '../../../shared/errors';
import { t } from '../../../shared/i18n';

/** The message the sign-in form shows for a failed sign-in, chosen by extensions.code (never by message text). */
export function signInErrorMessage(error: CombinedError): string {
  const info = errorInfo(error);
  switch (info.code) {
    case 'UNAUTHENTICATED':
      return t('signIn.errors.wrong');
    case 'RATE_LIMITED':
      return t('signIn.errors.tooMany', { when: retryIn(info.extensions.retryAfterSeconds) });
    case 'BAD_USER_INPUT':
      return t('signIn.errors.missing');
    case 'NETWORK':
      return t('signIn.errors.network');
    case 'SERVICE_UNAVAILABLE':
      return t('signIn.errors.unavailable');
    default:
      return t('signIn.errors.server');
  }
}

function retryIn(seconds: unknown): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return t('signIn.errors.later');
  if (seconds < 60) return t('signIn.errors.inSeconds', { n: Math.ceil(seconds) });
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? t('signIn.errors.inMinute') : t('signIn.errors.inMinutes', { n: minutes });
}

/** What the sign-in page says when the company's identity provider sent someone back refused (`?sso=`). */
export function ssoRefusalMessage(reason: unknown): string | null {
  if (reason === undefined || reason === null || reason === '') return null;
  const known = ['SSO_NOT_ALLOWED', 'SSO_NO_ROLE', 'SSO_NO_EMAIL', 'SSO_EMAIL_IN_USE', 'SSO_DEACTIVATED', 'SSO_STATE_UNKNOWN', 'SSO_DISABLED'];
  return typeof reason === 'string' && known.includes(reason) ? t(`signIn.sso.${reason}`) : t('signIn.sso.other');
}
