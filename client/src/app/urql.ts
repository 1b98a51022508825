import { Client, cacheExchange, fetchExchange, mapExchange } from '@urql/core';
import { errorInfo } from '../shared/errors';

/**
 * The GraphQL client. POST for queries too: Apollo's CSRF prevention rejects urql's default GET.
 * `onUnauthenticated` runs when a signed-in request is refused (the session expired).
 */
export function createGraphqlClient(options: { url?: string; onUnauthenticated: () => void }): Client {
  return new Client({
    url: options.url ?? '/graphql',
    preferGetMethod: false,
    fetchOptions: { credentials: 'same-origin' },
    exchanges: [
      mapExchange({
        onError(error, operation) {
          const signingIn = operation.kind === 'mutation' && operation.query.definitions.some((d) => d.kind === 'OperationDefinition' && d.name?.value === 'SignIn');
          if (!signingIn && errorInfo(error).code === 'UNAUTHENTICATED') options.onUnauthenticated();
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
  });
}
