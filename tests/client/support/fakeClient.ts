import { Client, CombinedError, makeErrorResult, makeResult, type Exchange, type Operation } from '@urql/core';
import { map, pipe } from 'wonka';

export type Answer = { data?: Record<string, unknown>; error?: CombinedError };

/** A urql client whose answers the test gives per operation name (queries and mutations alike). */
export function fakeClient(answers: Record<string, (op: Operation) => Answer>): Client {
  const exchange: Exchange = () => (ops$) =>
    pipe(
      ops$,
      map((op) => {
        const name = op.query.definitions.find((d) => d.kind === 'OperationDefinition')?.name?.value ?? '';
        const answer = answers[name]?.(op) ?? { error: new CombinedError({ networkError: new Error(`no answer for ${name}`) }) };
        if (!answer.error) return makeResult(op, { data: answer.data });
        // GraphQL errors arrive in the result (with extensions), as from a server; others as a network failure.
        const { graphQLErrors, networkError } = answer.error;
        return graphQLErrors.length ? makeResult(op, { data: answer.data ?? null, errors: graphQLErrors }) : makeErrorResult(op, networkError ?? answer.error);
      }),
    );
  return new Client({ url: 'http://test/graphql', exchanges: [exchange] });
}
