import { Client, cacheExchange, fetchExchange, makeOperation, mapExchange, type Operation } from '@urql/core';
import { watch } from 'vue';
import { errorInfo } from '../shared/errors';
import { currentLanguage, type UiLanguage } from '../shared/i18n';

/**
 * The GraphQL client. POST for queries too: Apollo's CSRF prevention rejects urql's default GET.
 * `onUnauthenticated` runs when a signed-in request is refused (the session expired).
 *
 * Every request says the language the page is shown in (Accept-Language): the server writes its
 * sentences (business-case formulas and sources, priorities wording, target notes, …) in it. A page
 * never mixes languages: a cached answer fetched in the other language is fetched again, and a switch
 * of language fetches every query on screen again.
 */
export function createGraphqlClient(options: { url?: string; onUnauthenticated: () => void }): Client {
  /** The language each cached query (by its key) was last fetched in. */
  const fetchedIn = new Map<number, UiLanguage>();
  /** Queries on screen now (by key), to fetch again when the language changes. */
  const active = new Map<number, Operation>();
  const inLanguage = (operation: Operation, language: UiLanguage, requestPolicy = operation.context.requestPolicy): Operation => {
    const given = typeof operation.context.fetchOptions === 'function' ? operation.context.fetchOptions() : (operation.context.fetchOptions ?? {});
    const headers = new Headers(given.headers);
    headers.set('accept-language', language);
    return makeOperation(operation.kind, operation, { ...operation.context, requestPolicy, fetchOptions: { ...given, headers } });
  };
  const client = new Client({
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
      mapExchange({
        onOperation(operation) {
          if (operation.kind === 'teardown') {
            active.delete(operation.key);
            return operation;
          }
          const language = currentLanguage.value;
          if (operation.kind !== 'query') return inLanguage(operation, language);
          active.set(operation.key, operation);
          if (fetchedIn.get(operation.key) === language || operation.context.requestPolicy === 'cache-only') return inLanguage(operation, language);
          fetchedIn.set(operation.key, language);
          return inLanguage(operation, language, 'network-only');
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
  });
  watch(currentLanguage, (language) => {
    for (const operation of active.values()) client.reexecuteOperation(inLanguage(operation, language, 'network-only'));
  });
  return client;
}
