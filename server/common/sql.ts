import type { EntityManager, QueryResult } from '@mikro-orm/postgresql';

/**
 * Raw SQL and query builders skip MikroORM's exception conversion: only the ORM's own calls (find, flush,
 * em.execute) pass PostgreSQL's error through the driver. Unconverted, an id that is not a UUID reaches
 * formatError as a plain pg error, an INTERNAL_SERVER_ERROR instead of BAD_USER_INPUT (INVALID_VALUE);
 * a lost connection is recognised either way (by its code or message). Every raw statement goes through here.
 */
export function converted<T>(em: EntityManager, pending: Promise<T>): Promise<T> {
  return pending.catch((error: unknown) => {
    throw error instanceof Error ? em.getDriver().convertException(error) : error;
  });
}

/**
 * A raw statement on the entity manager's connection, inside its transaction when it has one (as
 * em.execute does), with the driver's error converted. `?` placeholders; an array binds as a list.
 * 'all' answers the rows, 'run' the affected-rows count.
 */
export function sql<T extends object[] = Record<string, unknown>[]>(em: EntityManager, query: string, params?: unknown[]): Promise<T>;
export function sql(em: EntityManager, query: string, params: unknown[], method: 'run'): Promise<QueryResult>;
export function sql(em: EntityManager, query: string, params: unknown[] = [], method: 'all' | 'run' = 'all'): Promise<object[] | QueryResult> {
  return converted(em, em.getConnection().execute<object[] | QueryResult>(query, params, method, em.getTransactionContext()));
}
