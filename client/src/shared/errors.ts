import type { CombinedError } from '@urql/core';
import { t } from './i18n';
import { localServerMessage } from './serverMessages';

export interface ErrorInfo {
  /**
   * extensions.code of the first GraphQL error (server/common/errors.ts lists them: NOT_FOUND,
   * UNAUTHENTICATED, RATE_LIMITED, ...); NETWORK when no answer came; UNKNOWN without a code.
   */
  code: string;
  /** extensions.reason, the finer code some errors carry (e.g. BAD_CREDENTIALS). */
  reason: string | undefined;
  /**
   * The server's message in the reader's language (by its code, see ./serverMessages), or undefined.
   * `rawMessage` is the server's own (English) sentence.
   */
  serverMessage: string | undefined;
  rawMessage: string | undefined;
  extensions: Record<string, unknown>;
}

export function errorInfo(error: CombinedError): ErrorInfo {
  const first = error.graphQLErrors[0];
  if (!first) {
    return { code: error.networkError ? 'NETWORK' : 'UNKNOWN', reason: undefined, serverMessage: undefined, rawMessage: undefined, extensions: {} };
  }
  const extensions: Record<string, unknown> = first.extensions ?? {};
  const reason = typeof extensions.reason === 'string' ? extensions.reason : undefined;
  const code = typeof extensions.code === 'string' ? extensions.code : 'UNKNOWN';
  const rawMessage = first.message || undefined;
  return { code, reason, serverMessage: localServerMessage({ code, reason, extensions, serverMessage: rawMessage }), rawMessage, extensions };
}

export interface ErrorDescription {
  title: string;
  message: string;
  /** Trying again may help (network trouble, a busy server); it will not for NOT_FOUND or FORBIDDEN. */
  retryable: boolean;
}

/**
 * What a page shows when loading its data failed, in the reader's language. `what` names the thing in that
 * language, as the caller's messages give it (e.g. "journey" / "kunderejsen").
 */
export function describeLoadError(error: CombinedError, what: string): ErrorDescription {
  const info = errorInfo(error);
  switch (info.code) {
    case 'NETWORK':
      return { title: t('loadError.networkTitle'), message: t('loadError.networkMessage'), retryable: true };
    case 'NOT_FOUND':
      return { title: t('loadError.notFoundTitle', { what }), message: t('loadError.notFoundMessage', { what }), retryable: false };
    case 'BAD_USER_INPUT':
      return { title: t('loadError.notFoundTitle', { what }), message: t('loadError.badAddressMessage', { what }), retryable: false };
    case 'FORBIDDEN':
      return { title: t('loadError.forbiddenTitle'), message: info.serverMessage ?? t('loadError.forbiddenMessage'), retryable: false };
    case 'UNAUTHENTICATED':
      return { title: t('loadError.sessionTitle'), message: t('loadError.sessionMessage'), retryable: false };
    case 'RATE_LIMITED':
    case 'SERVICE_UNAVAILABLE':
      return { title: t('loadError.busyTitle'), message: info.serverMessage ?? t('loadError.busyMessage'), retryable: true };
    default:
      return { title: t('loadError.failedTitle', { what }), message: info.serverMessage ?? t('loadError.failedMessage'), retryable: true };
  }
}
