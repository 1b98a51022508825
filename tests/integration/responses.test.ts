import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../server/modules/users/user.entity.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { codes, makeTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;
beforeAll(async () => {
  app = await makeTestApp();
  await app.ok(`mutation { createPersona(input: { name: "One", code: "P1" }) { id } }`);
  const store = app.analytics.store;
  await store.run(`INSERT INTO customers VALUES ('c1', 'P1', NULL, DATE '2024-01-01', NULL, 100), ('c2', 'P1', NULL, DATE '2024-01-01', NULL, 100)`);
  await store.run(`INSERT INTO responses (response_id, customer_id, touchpoint_code, responded_at, ltr, comment) VALUES
    ('r1', 'c1', NULL, TIMESTAMP '2025-01-01 10:00:00', 3, 'Slow claim handling'),
    ('r2', 'c1', NULL, TIMESTAMP '2025-02-01 10:00:00', 9, NULL),
    ('r3', 'c2', NULL, TIMESTAMP '2025-03-01 10:00:00', 10, 'Great advisor')`);
});
afterAll(async () => app?.close());

const QUERY = `query($max: Int, $comments: Boolean) {
  responses(maxLtr: $max, withCommentOnly: $comments) { total items { responseId customerId ltr comment respondedAt } }
}`;

describe('individual answers', () => {
  it('lets an analyst read answers with comments, newest first, filtered by score', async () => {
    const { responses } = await app.ok(QUERY, {}, Role.ANALYST);
    expect(responses.total).toBe(3);
    expect(responses.items.map((r: any) => r.responseId)).toEqual(['r3', 'r2', 'r1']);
    const detractors = await app.ok(QUERY, { max: 6 }, Role.ANALYST);
    expect(detractors.responses.items).toEqual([{ responseId: 'r1', customerId: 'c1', ltr: 3, comment: 'Slow claim handling', respondedAt: '2025-01-01T10:00:00' }]);
    const commented = await app.ok(QUERY, { comments: true }, Role.ANALYST);
    expect(commented.responses.total).toBe(2);
  });

  it('writes who read which customer to the audit log', async () => {
    const analyst = await app.callerFor(Role.ANALYST);
    const em = app.orm.em.fork();
    const before = await em.count(AuditEvent, { action: 'READ_CUSTOMER', userId: analyst.id, customerId: 'c2' });
    await app.ok(QUERY, { comments: true }, Role.ANALYST);
    expect(await em.count(AuditEvent, { action: 'READ_CUSTOMER', userId: analyst.id, customerId: 'c2' })).toBe(before + 1);
  });

  it('never shows an executive or a strategist an individual answer', async () => {
    for (const role of [Role.EXECUTIVE, Role.STRATEGIST]) {
      const result = await app.gql(QUERY, {}, role);
      expect(codes(result)).toEqual(['FORBIDDEN']);
      expect(result.data).toBeNull();
    }
  });

  it('refuses a page size out of range with the field named', async () => {
    const result = await app.gql(`{ responses(first: 5000) { total } }`, {}, Role.ANALYST);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.message).toMatch(/first must not be greater than 500/);
  });
});
