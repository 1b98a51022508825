import type { ApolloServerPlugin } from '@apollo/server';
import { AppError } from '../common/errors.js';
import type { Context } from '../context.js';
import { AuditEvent } from '../modules/users/user.entity.js';
import { AnonymousDenials } from './denialAudit.js';

const DENIALS = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);

/**
 * Writes an audit event for every request that was denied (who, which operation, which fields). Anonymous
 * denials are aggregated per address and reason per window (denialAudit.ts), so a flood of refused
 * anonymous requests does not write one Postgres row each.
 */
export function auditDenials(options: { windowMs?: number } = {}): ApolloServerPlugin<Context> {
  let anonymous: AnonymousDenials | undefined;
  return {
    async serverWillStart() {
      return {
        async serverWillStop() {
          await anonymous?.stop();
        },
      };
    },
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, errors, operationName }) {
          const denied = (errors ?? []).filter((e) => DENIALS.has(String(e.extensions?.code)));
          if (denied.length === 0) return;
          const denial = {
            operationName: operationName ?? null,
            codes: [...new Set(denied.map((e) => String(e.extensions?.code)))],
            fields: denied.map((e) => e.path?.join('.') ?? null),
            ip: contextValue.http?.ip ?? null,
          };
          if (!contextValue.caller) {
            anonymous ??= new AnonymousDenials(contextValue.deps.orm, options.windowMs);
            anonymous.record(denial);
            return;
          }
          const em = contextValue.deps.orm.em.fork();
          em.create(AuditEvent, { action: 'DENIED', userId: contextValue.caller.id, detail: denial });
          await em.flush().catch(() => undefined); // an audit write failing must not turn a denial into a 500
        },
      };
    },
  };
}

/** Introspection (and the sandbox that needs it) only for signed-in users: the schema is no secret, but no map for strangers. */
export const introspectionNeedsSignIn: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, document }) {
        if (contextValue.caller) return;
        const text = document.loc?.source.body ?? '';
        if (/\b__schema\b|\b__type\b/.test(text)) {
          throw new AppError('UNAUTHENTICATED', 'Sign in to introspect the schema.', { reason: 'INTROSPECTION_NEEDS_SIGN_IN', http: { status: 401 } });
        }
      },
    };
  },
};
