import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSelections } from '../../server/common/queryLimits.js';
import { request, startSecurityApp, reasons, type SecurityApp } from './support/securityApp.js';

// Finding 1: `{ me { id id … } }` with 8,000 repeated fields (24 kB) held the event loop ~15 s in
// graphql-js's overlapping-fields validation, before any role check. Timings are in bench/security.ts.
const repeated = (n: number) => `{ me { ${Array.from({ length: n }, () => 'id').join(' ')} } }`;

let app: SecurityApp;
beforeAll(async () => {
  app = await startSecurityApp();
});
afterAll(async () => app?.close());

describe('finding 1: one anonymous request froze the server', () => {
  it('refuses the 8,000-field request with 400 before validation, while /healthz answers', async () => {
    const query = repeated(8000);
    expect(query.length).toBeGreaterThan(24_000);
    const [refused, health] = await Promise.all([app.gql(query), request(`${app.base}/healthz`, { method: 'GET' })]);
    expect(refused.status).toBe(400);
    // The parser stops at maxTokens (8,000 fields are 8,000+ tokens): validation never starts.
    expect(refused.json?.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(refused.json?.errors?.[0]?.message).toMatch(/1000 tokens/);
    expect(health.status).toBe(200);
  });

  it('refuses repeated identical fields below the token limit before validation (reason REPEATED_FIELD)', async () => {
    const result = await app.gql(repeated(300));
    expect(result.status).toBe(400);
    expect(reasons(result)).toEqual(['BAD_USER_INPUT/REPEATED_FIELD']);
  });

  it('refuses repeats hidden in inline fragments by the selection-set width (reason TOO_MANY_SELECTIONS)', async () => {
    const spread = Array.from({ length: 155 }, () => '... on User { id }').join(' ');
    const result = await app.gql(`{ me { ${spread} } }`);
    expect(result.status).toBe(400);
    expect(reasons(result)).toEqual(['BAD_USER_INPUT/TOO_MANY_SELECTIONS']);
  });

  it('refuses nested fragment spreads by their expanded width, without expanding them', () => {
    // F9 expands to 2^10 fields; counting each fragment once keeps the check linear.
    const defs = ['fragment F0 on User { id }', ...Array.from({ length: 9 }, (_, i) => `fragment F${i + 1} on User { ...F${i} ...F${i} }`)];
    const document = parse(`{ me { ...F9 } } ${defs.join(' ')}`);
    expect(() => checkSelections(document)).toThrow(/more than 150 fields/);
  });

  it('refuses 100 variations in a row with 400 and keeps answering /healthz', async () => {
    for (let i = 0; i < 100; i++) {
      const fields = Array.from({ length: 8000 }, (_, j) => (j % 7 === i % 7 ? 'name' : 'id')).join(' ');
      const [refused, health] = await Promise.all([app.gql(`query Q${i} { me { ${fields} } }`), request(`${app.base}/healthz`, { method: 'GET' })]);
      expect(refused.status).toBe(400);
      expect(health.status).toBe(200);
    }
  });

  it('lets the client-sized documents through unchanged', async () => {
    const result = await app.gql('{ me { id name } }');
    expect(result.status).toBe(200);
    expect(result.json?.data).toEqual({ me: null });
  });
});
