import { graphql, GraphQLError } from 'graphql';
import type { z } from 'zod';
import type { AppDeps, Caller } from '../../context.js';
import { getSchema } from '../../schema.js';
import type { User } from '../users/user.entity.js';

/**
 * Runs a GraphQL document in-process as `caller`, through the same schema, rules and resolvers as the
 * screen, and validates the answer. Reports (board pack, digests) are built this way so that every
 * number is the API's number, computed in one place, and a role sees in a report what it sees on screen.
 */
export async function runAs<T>(deps: AppDeps, caller: Caller, source: string, variables: Record<string, unknown>, shape: z.ZodType<T>): Promise<T> {
  const result = await graphql({ schema: await getSchema(), source, variableValues: variables, contextValue: { em: deps.orm.em.fork(), deps, caller } });
  const [first] = result.errors ?? [];
  if (first) throw first instanceof GraphQLError && first.originalError instanceof GraphQLError ? first.originalError : first;
  return shape.parse(result.data);
}

/** A user as a caller, for work the server does on their behalf (scheduled digests). */
export const callerOf = (user: User): Caller => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  departmentId: user.department?.id ?? null,
  via: 'SESSION',
  credentialId: `scheduled:${user.id}`,
});
