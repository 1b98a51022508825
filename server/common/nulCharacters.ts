import type { ApolloServerPlugin } from '@apollo/server';
import { visit, type DocumentNode } from 'graphql';
import { AppError } from './errors.js';

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 50 || value === null || typeof value !== 'object') return false;
  return Object.values(value).some((v) => hasNul(v, depth + 1));
}

function literalHasNul(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (node.value.includes('\u0000')) found = true;
    },
  });
  return found;
}

/**
 * Refuses text with NUL characters (\u0000) in variables or literals before anything runs: PostgreSQL
 * cannot store them, and a NUL in a query parameter breaks the database connection it is sent on
 * (the request then looked like "database unavailable", found by tests/reliability/fuzz.graphql.test.ts).
 */
export const rejectNulCharacters: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document }) {
        if (hasNul(request.variables) || literalHasNul(document)) {
          throw new AppError('BAD_USER_INPUT', 'Text must not contain NUL characters (\\u0000); remove them and send again.', {
            reason: 'NUL_CHARACTER',
            http: { status: 400 },
          });
        }
      },
    };
  },
};
