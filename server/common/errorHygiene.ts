import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Context } from '../context.js';
import { Role } from '../modules/users/user.enums.js';
import { logger } from './logger.js';

/** graphql-js's "Did you mean …?" hints name fields and types; strangers get no map of the schema. */
const SUGGESTION = /\s*Did you mean .+\?$/;

/**
 * What every error response says and logs:
 *  - extensions.requestId on every error, the same id as the X-Request-Id header and the log lines;
 *  - internal errors (INTERNAL_SERVER_ERROR or no code) logged with their cause and stack;
 *  - stack traces only in development (`npm run dev`) and only to a signed-in admin;
 *  - no field suggestions for callers who are not signed in.
 */
export function errorHygiene(options: { development: boolean }): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (code !== undefined && code !== 'INTERNAL_SERVER_ERROR') continue;
            logger.error({ requestId: contextValue.requestId, operationName, path: error.path, err: error.originalError ?? error }, error.message);
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const caller = contextValue.caller;
          const traces = options.development && caller?.role === Role.ADMIN;
          response.body.singleResult.errors = response.body.singleResult.errors.map((error): GraphQLFormattedError => {
            const { stacktrace, ...extensions } = error.extensions ?? {};
            return {
              ...error,
              message: caller ? error.message : error.message.replace(SUGGESTION, ''),
              extensions: { ...extensions, ...(traces && stacktrace ? { stacktrace } : {}), requestId: contextValue.requestId },
            };
          });
        },
      };
    },
  };
}
