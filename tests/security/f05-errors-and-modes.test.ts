import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { startSecurityApp, type SecurityApp } from './support/securityApp.js';

// Finding 5: `npm start` ran in development mode: anonymous `{alerts{id}}` returned extensions.stacktrace
// with file paths, `{ userz { id } }` answered `Did you mean "users"?` although introspection was
// refused, refused introspection was a 500, and "It has been logged" was not true.
let prod: SecurityApp;
let dev: SecurityApp;
beforeAll(async () => {
  prod = await startSecurityApp({ customers: 50, responses: 200 });
  dev = await startSecurityApp({ customers: 50, responses: 200, app: { production: false } });
});
afterAll(async () => {
  await prod?.close();
  await dev?.close();
});

const hasTrace = (body: string) => /stacktrace|\/work\/|node_modules|\.ts:\d+/.test(body);

describe('finding 5: stack traces and internal paths by default', () => {
  it('npm start is production-like unless NODE_ENV=development (npm run dev)', () => {
    expect(loadConfig({}, {}).production).toBe(true);
    expect(loadConfig({}, { NODE_ENV: 'production' }).production).toBe(true);
    expect(loadConfig({}, { NODE_ENV: 'development' }).production).toBe(false);
  });

  it('anonymous {alerts{id}}: no stack trace, a request id matching the X-Request-Id header', async () => {
    for (const app of [prod, dev]) {
      const result = await app.gql('{alerts{id}}');
      expect(hasTrace(result.body)).toBe(false);
      const error = result.json?.errors?.[0];
      expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(error?.extensions?.requestId).toBe(result.headers['x-request-id']);
    }
  });

  it('no "Did you mean" for anonymous callers; signed-in callers keep the hint', async () => {
    const anonymous = await prod.gql('{ userz { id } }');
    expect(anonymous.status).toBe(400);
    expect(anonymous.json?.errors?.[0]?.message).toBe('Cannot query field "userz" on type "Query".');
    const signedIn = await prod.gql('{ userz { id } }', {}, await prod.cookie(Role.ANALYST));
    expect(signedIn.json?.errors?.[0]?.message).toMatch(/Did you mean "users"\?/);
  });

  it('refused introspection is 401, not 500', async () => {
    const result = await prod.gql('{ __schema { types { name } } }');
    expect(result.status).toBe(401);
    expect(result.json?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('npm run dev shows stack traces to a signed-in admin only', async () => {
    const query = '{ metrics(filter: { from: "2026-01-01", to: "2026-01-31" }) { nps { n } } }';
    const analyst = await dev.gql('{ userz { id } }', {}, await dev.cookie(Role.ANALYST));
    expect(hasTrace(analyst.body)).toBe(false);
    const admin = await dev.gql('{ userz { id } }', {}, await dev.cookie(Role.ADMIN));
    expect(admin.json?.errors?.[0]?.extensions?.stacktrace).toBeDefined();
    const prodAdmin = await prod.gql('{ userz { id } }', {}, await prod.cookie(Role.ADMIN));
    expect(hasTrace(prodAdmin.body)).toBe(false);
    expect((await prod.gql(query, {}, await prod.cookie(Role.ADMIN))).json?.errors).toBeUndefined();
  });
});
