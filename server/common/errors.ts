import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import {
  UniqueConstraintViolationException,
  ForeignKeyConstraintViolationException,
  ConnectionException,
  DriverException,
} from '@mikro-orm/core';
import { getMetadataStorage, type ValidationError } from 'class-validator';
import { AnalyticsInputError, AnalyticsStoreError } from '../../analytics/queries/errors.js';

/**
 * Stable error codes clients can branch on (extensions.code). `reason` (extensions.reason) is finer,
 * e.g. JOURNEY_NOT_FOUND, and defined by each module's errors file.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'QUERY_TIMEOUT'
  /** The client closed the connection while the request waited its turn; nobody receives it. */
  | 'CLIENT_CLOSED_REQUEST'
  | 'INTERNAL_SERVER_ERROR';

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: { reason?: string; [key: string]: unknown } = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export const notFound = (entity: string, id: string) =>
  new AppError('NOT_FOUND', `${entity} ${id} does not exist. Check the id, or list ${entity.toLowerCase()}s to find it.`, {
    reason: `${entity.toUpperCase()}_NOT_FOUND`,
    entity,
    id,
  });

export const badInput = (field: string, message: string, reason = 'INVALID_FIELD') =>
  new AppError('BAD_USER_INPUT', `${field}: ${message}`, { reason, field });

/**
 * One refused field: its problems in English and, as `rules`, the validator rules that failed (the client
 * words them in the reader's language). `limits`: the arguments of every rule the field carries that has
 * any (maxLength: [120], min: [0], isLength: [1, 200], isIn: the choices), so the client can say "Højst
 * 120 tegn" or "Skal være mellem 0 og 100" instead of naming the rule.
 */
export interface FieldProblems {
  field: string;
  problems: string[];
  rules: string[];
  limits?: Record<string, Array<string | number>>;
}

/** A rule's argument as JSON: numbers and text as they are, a pattern as its source, a day as YYYY-MM-DD, a list flattened. */
function limitValues(value: unknown): Array<string | number> {
  if (typeof value === 'number' || typeof value === 'string') return [value];
  if (value instanceof RegExp) return [value.source];
  if (value instanceof Date) return [value.toISOString().slice(0, 10)];
  if (Array.isArray(value)) return value.flatMap(limitValues);
  return [];
}

/** The arguments of the rules class-validator's metadata declares on `property` of the class of `target`. */
function ruleLimits(target: object | undefined, property: string): Record<string, Array<string | number>> | undefined {
  if (!target) return undefined;
  const limits: Record<string, Array<string | number>> = {};
  for (const meta of getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false)) {
    if (meta.propertyName !== property || !meta.name) continue;
    const values = (meta.constraints ?? []).flatMap(limitValues);
    if (values.length) limits[meta.name] = values;
  }
  return Object.keys(limits).length ? limits : undefined;
}

/**
 * Input refused by a zod schema (the analytics filter, analytics/model/filter.ts): answered exactly as
 * class-validator's refusals are, BAD_USER_INPUT / VALIDATION_FAILED with each field's problems and rules.
 */
export class InputRefused extends Error {
  constructor(readonly fields: readonly FieldProblems[]) {
    super(`Invalid input: ${fields.map((f) => `${f.field} ${f.problems.join(', ')}`).join('; ')}`);
    this.name = 'InputRefused';
  }
}

function describeValidation(errors: ValidationError[], prefix = ''): FieldProblems[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const limits = e.constraints ? ruleLimits(e.target, e.property) : undefined;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints), rules: Object.keys(e.constraints), ...(limits ? { limits } : {}) }] : [];
    return [...own, ...describeValidation(e.children ?? [], field)];
  });
}

/** Errors by which pg, knex and MikroORM say Postgres cannot be reached (not: a query was wrong). */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', '57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_MESSAGES = /Connection terminated|connection error and is not queryable|Timeout acquiring a connection|not yet accepting connections|database system is (starting up|shutting down|in recovery mode)/i;

/**
 * True when `error` (or what it wraps) says the database is down, restarting or out of connections:
 * SQLSTATE class 08 and 57P0x, socket errors, a dropped connection, a pool that cannot connect.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  if (error instanceof ConnectionException || error.name === 'KnexTimeoutError') return true;
  const code = 'code' in error ? error.code : undefined;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || /^08/.test(code))) return true;
  if (UNAVAILABLE_MESSAGES.test(error.message)) return true;
  if (error instanceof AggregateError && error.errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable(error.cause, depth + 1);
}

/**
 * Postgres refused a value the client sent: SQLSTATE class 22 (an id that is not a UUID, a NUL byte in
 * text, an integer out of range, a string too long) or a NOT NULL / CHECK constraint.
 */
function isDataException(error: DriverException): boolean {
  const code = 'code' in error ? error.code : undefined;
  return typeof code === 'string' && (/^22/.test(code) || code === '23502' || code === '23514');
}

/** For errors thrown before execution (context creation), where Apollo takes the status from extensions.http. */
export const databaseUnavailable = () =>
  new AppError('SERVICE_UNAVAILABLE', 'The database is not reachable right now; try again in a few seconds.', {
    reason: 'DATABASE_UNAVAILABLE',
    http: { status: 503, headers: new Map([['retry-after', '5']]) },
  });

/**
 * Answers 503 with Retry-After when a result carries SERVICE_UNAVAILABLE (the database went away
 * mid-request): proxies, load balancers and clients treat that as "retry", not as a bug.
 */
export const serviceUnavailableStatus: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
        if (!errors?.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) return;
        response.http.status = 503;
        response.http.headers.set('retry-after', '5');
      },
    };
  },
};

interface HasValidationErrors {
  extensions: { validationErrors?: ValidationError[] };
}
function hasValidationErrors(error: unknown): error is HasValidationErrors {
  return error instanceof GraphQLError && Array.isArray(error.extensions.validationErrors);
}

/**
 * Turns every error into a typed, readable one: validation errors list each field's problems,
 * database constraint errors become CONFLICT / BAD_USER_INPUT, anything unexpected becomes
 * INTERNAL_SERVER_ERROR without internals (and without stack traces in production).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, production: boolean): GraphQLFormattedError {
  const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
  const base = { locations: formatted.locations, path: formatted.path };

  const refused = hasValidationErrors(original) ? new InputRefused(describeValidation(original.extensions.validationErrors ?? [])) : original;
  if (refused instanceof InputRefused) {
    return { ...base, message: refused.message, extensions: { code: 'BAD_USER_INPUT', reason: 'VALIDATION_FAILED', fields: refused.fields } };
  }
  if (original instanceof AnalyticsInputError) {
    return { ...base, message: original.message, extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_ANALYTICS_INPUT', field: original.field } };
  }
  if (original instanceof AnalyticsStoreError && original.kind === 'VALUE') {
    // DuckDB refused a value the request carried (e.g. a day out of range): the caller's input.
    const detail = original.message.replace(/^[A-Za-z ]+ Error: /, '').split('\n')[0];
    return { ...base, message: `The analytics store refused a value in the request (${detail}); check dates, numbers and codes.`, extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_ANALYTICS_VALUE' } };
  }
  if (original instanceof AnalyticsStoreError && original.kind === 'TIMEOUT') {
    return { ...base, message: original.message, extensions: { code: 'QUERY_TIMEOUT', reason: 'ANALYTICS_TIME_LIMIT' } };
  }
  if (original instanceof AnalyticsStoreError) {
    // A statement failed for a reason that is not the caller's: logged with its cause (errorHygiene).
    return { ...base, message: 'An analytics query failed. It has been logged; try again or contact an administrator.', extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'ANALYTICS_QUERY_FAILED' } };
  }
  if (original instanceof UniqueConstraintViolationException) {
    const detail = /Key \((.+?)\)=\((.+?)\) already exists/.exec(original.message);
    const message = detail
      ? `${detail[1]} "${detail[2]}" is already in use; choose another.`
      : 'A value that must be unique is already in use.';
    return { ...base, message, extensions: { code: 'CONFLICT', reason: 'DUPLICATE', field: detail?.[1] } };
  }
  if (original instanceof ForeignKeyConstraintViolationException) {
    return { ...base, message: 'A referenced item does not exist or is still in use.', extensions: { code: 'CONFLICT', reason: 'REFERENCE' } };
  }
  if (error instanceof GraphQLError && /^Too many errors processing variables/.test(error.message)) {
    // graphql-js stops coercing variables after 50 errors with a GraphQLError that carries no code.
    return { ...base, message: `${error.message} Fix the variables listed first.`, extensions: { code: 'BAD_USER_INPUT', reason: 'TOO_MANY_ERRORS' } };
  }
  const nonNull = original instanceof Error ? /^You must pass a non-null value to the property (\w+) of entity/.exec(original.message) : null;
  if (nonNull) {
    // null means "clear" in inputs; a field that cannot be empty refuses it (MikroORM's assign says so).
    const field = nonNull[1]!;
    return { ...base, message: `${field} cannot be cleared (null); leave it out to keep its value, or give one.`, extensions: { code: 'BAD_USER_INPUT', reason: 'NOT_NULLABLE', field } };
  }
  if (original instanceof DriverException && isDataException(original)) {
    return {
      ...base,
      message: `A value does not fit what the database stores: ${original.message.split('\n').pop()?.replace(/^.* - /, '')}. Check ids (they are UUIDs), text (no NUL characters) and number ranges.`,
      extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_VALUE' },
    };
  }
  if (isDatabaseUnavailable(original)) {
    return {
      ...base,
      message: 'The database is not reachable right now; try again in a few seconds.',
      extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_UNAVAILABLE' },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
    if (!production) return formatted;
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    ...base,
    message: production ? 'Internal server error. It has been logged; try again or contact an administrator.' : formatted.message,
    extensions: production ? { code: 'INTERNAL_SERVER_ERROR' } : { ...formatted.extensions, code: 'INTERNAL_SERVER_ERROR' },
  };
}
