import type { CombinedError } from '@urql/core';
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

/** What a page shows when loading its data failed. `what` names the thing, e.g. "journey". */
export function describeLoadError(error: CombinedError, what: string): ErrorDescription {
  const info = errorInfo(error);
  switch (info.code) {
    case 'NETWORK':
      return { title: 'Cannot reach Touchpoint', message: 'The server did not answer. Check your connection and try again.', retryable: true };
    case 'NOT_FOUND':
      return { title: `This ${what} does not exist`, message: `It may have been deleted. Pick a ${what} from the list.`, retryable: false };
    case 'BAD_USER_INPUT':
      return { title: `This ${what} does not exist`, message: `The address does not name a ${what}. Pick one from the list.`, retryable: false };
    case 'FORBIDDEN':
      return { title: 'Not available for your role', message: info.serverMessage ?? 'Ask an administrator for access.', retryable: false };
    case 'UNAUTHENTICATED':
      return { title: 'Your session has ended', message: 'Sign in again to continue.', retryable: false };
    case 'RATE_LIMITED':
    case 'SERVICE_UNAVAILABLE':
      return { title: 'Touchpoint is busy', message: info.serverMessage ?? 'Try again in a few seconds.', retryable: true };
    default:
      return {
        title: `Could not load the ${what}`,
        message: info.serverMessage ?? 'Something went wrong on the server. Try again; if it keeps failing, tell an administrator.',
        retryable: true,
      };
  }
}
