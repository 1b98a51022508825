import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLocalDate } from '../../analytics/localDate.js';
import { AnalyticsStoreError } from '../../analytics/queries/errors.js';
import { formatError } from '../../server/common/errors.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { startSecurityApp, type SecurityApp } from './support/securityApp.js';

// Finding 11: metrics(filter:{from:"2024-02-31"}) passed validation (V8 reads it as 2 March) and DuckDB
// failed with "date field value out of range", returned as INTERNAL_SERVER_ERROR.
let app: SecurityApp;
beforeAll(async () => {
  app = await startSecurityApp({ customers: 50, responses: 200 });
});
afterAll(async () => app?.close());

describe('finding 11: impossible dates were internal errors', () => {
  it('refuses 2024-02-31 in metrics as BAD_USER_INPUT naming the field', async () => {
    const result = await app.gql('{ metrics(filter: { from: "2024-02-31" }) { nps { n } } }', {}, await app.cookie(Role.ANALYST));
    const error = result.json?.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.message).toMatch(/from must be a day that exists/);
  });

  it('uses one date check: real days pass, impossible ones and other forms do not', () => {
    expect(['2024-02-29', '2025-12-31', '2026-01-01'].map(isLocalDate)).toEqual([true, true, true]);
    expect(['2024-02-31', '2025-02-29', '2025-13-01', '2025-00-10', '2025-1-01', '20250101', '2025-01-01T00:00'].map(isLocalDate)).toEqual(Array(7).fill(false));
  });

  it('maps a DuckDB error reaching a resolver to a typed code: a refused value is BAD_USER_INPUT, anything else a logged internal error', async () => {
    const store = app.analytics.store;
    const refused = await store.all("SELECT DATE '2024-02-31' AS d").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AnalyticsStoreError);
    const format = (e: unknown) => formatError({ message: 'x' }, new GraphQLError('x', { originalError: e instanceof Error ? e : undefined }), true).extensions;
    expect(format(refused)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_ANALYTICS_VALUE' });
    const broken = await store.all('SELECT no_such_column FROM responses').catch((e: unknown) => e);
    expect(format(broken)).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', reason: 'ANALYTICS_QUERY_FAILED' });
  });
});
