import { DriverException } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { formatError, isDatabaseUnavailable } from '../../server/common/errors.js';

/** An error as a resolver throws it, formatted as production does. */
const format = (original: Error) => formatError({ message: original.message }, new GraphQLError(original.message, { originalError: original }), true);
const pgError = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('formatError: database errors clients caused or cannot help', () => {
  it('says SERVICE_UNAVAILABLE when Postgres is down, restarting or dropped the connection', () => {
    for (const error of [
      pgError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      new DriverException(pgError('the database system is starting up', '57P03')),
      new DriverException(pgError('terminating connection due to unexpected postmaster exit', '57P01')),
      new Error('Connection terminated unexpectedly'),
      new Error('wrapped', { cause: pgError('read ECONNRESET', 'ECONNRESET') }),
    ]) {
      expect(isDatabaseUnavailable(error), error.message).toBe(true);
      expect(format(error).extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_UNAVAILABLE' });
    }
    expect(isDatabaseUnavailable(new DriverException(pgError('syntax error at or near "x"', '42601')))).toBe(false);
  });

  it('says BAD_USER_INPUT for a value Postgres refuses (an id that is not a UUID) and for null in a field that cannot be empty', () => {
    const uuid = format(new DriverException(pgError('select "p0".* from "persona" as "p0" where "p0"."id" = \'x\' - invalid input syntax for type uuid: "x"', '22P02')));
    expect(uuid.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_VALUE' });
    expect(uuid.message).toContain('invalid input syntax for type uuid: "x"');
    expect(uuid.message).not.toContain('select');
    const nonNull = format(new Error('You must pass a non-null value to the property critical of entity Touchpoint.'));
    expect(nonNull.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'NOT_NULLABLE', field: 'critical' });
  });

  it('says BAD_USER_INPUT when graphql-js gives up on too many bad variables', () => {
    const error = new GraphQLError('Too many errors processing variables, error limit reached. Execution aborted.');
    expect(formatError({ message: error.message }, error, true).extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_ERRORS' });
  });

  it('keeps anything else an INTERNAL_SERVER_ERROR without internals', () => {
    const internal = format(new DriverException(pgError('syntax error at or near "x"', '42601')));
    expect(internal.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(internal.message).not.toContain('syntax');
  });
});
