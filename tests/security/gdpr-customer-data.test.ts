import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseComments } from '../../analytics/verbatims/pipeline.js';
import { quoteIdent } from '../../analytics/sql.js';
import { ContactChannel, FollowUpCase, FollowUpKind } from '../../server/modules/follow-ups/follow-up.entity.js';
import { DeliveryChannel, NotificationEvent, OutboxMessage } from '../../server/modules/notifications/notification.entity.js';
import { wholeIdsPattern } from '../../server/modules/privacy/privacy.service.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { startSecurityApp, type SecurityApp } from './support/securityApp.js';

// Issue 15 "Also": exportCustomerData and eraseCustomer, admin only, audited, complete against every table
// that holds the customer. The checks below find the tables from the catalogues themselves (DuckDB's
// information_schema, every Postgres table), so a table the code forgot fails them.
let app: SecurityApp;
let customerId: string;
let otherCustomerId: string;
let responseIds: string[];
let caseId: string;

const EXPORT = 'query ($id: String!) { exportCustomerData(customerId: $id) }';
const ERASE = 'mutation ($id: String!) { eraseCustomer(customerId: $id) { pseudonym rows places { place rows } } }';
const code = (result: Awaited<ReturnType<SecurityApp['gql']>>) => result.json?.errors?.[0]?.extensions?.code;
const pg = () => app.orm.em.fork().getConnection();

/** Rows in each DuckDB table whose customer_id is the customer or whose response_id is one of their answers. */
async function duckRowsAbout(id: string, responses: string[]): Promise<Record<string, number>> {
  const tables = await app.analytics.store.all<{ table: string; columns: string[] }>(
    `SELECT table_name AS "table", list(column_name) AS columns FROM information_schema.columns WHERE table_schema = 'main' GROUP BY 1 ORDER BY 1`,
  );
  const found: Record<string, number> = {};
  for (const { table, columns } of tables) {
    const where = [
      ...(columns.includes('customer_id') ? ['customer_id = $id'] : []),
      ...(columns.includes('response_id') ? [`response_id IN (SELECT unnest(from_json($ids, '["VARCHAR"]')))`] : []),
    ];
    if (!where.length) continue;
    const params = { ...(columns.includes('customer_id') ? { id } : {}), ...(columns.includes('response_id') ? { ids: JSON.stringify(responses) } : {}) };
    const [row] = await app.analytics.store.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${quoteIdent(table)} WHERE ${where.join(' OR ')}`, params);
    if (row?.n) found[table] = row.n;
  }
  return found;
}

/** Rows of every Postgres table whose text (all columns) names the customer or one of their answers as a whole word. */
async function postgresRowsAbout(ids: string[]): Promise<Record<string, number>> {
  const tables: { table_name: string }[] = await pg().execute(`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
  const found: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await pg().execute(`select count(*)::int as n from ${quoteIdent(table_name)} t where t::text ~ ?`, [wholeIdsPattern(ids)]);
    if (row?.n) found[table_name] = row.n;
  }
  return found;
}

beforeAll(async () => {
  app = await startSecurityApp({ customers: 40, responses: 400 });
  const store = app.analytics.store;
  const [first, second] = await store.all<{ customer_id: string }>(
    `SELECT customer_id FROM responses WHERE comment IS NOT NULL GROUP BY customer_id ORDER BY count(*) DESC, customer_id LIMIT 2`,
  );
  customerId = first!.customer_id;
  otherCustomerId = second!.customer_id;
  responseIds = (await store.all<{ response_id: string }>(`SELECT response_id FROM responses WHERE customer_id = $id ORDER BY response_id`, { id: customerId })).map((r) => r.response_id);
  // Contact details, the comment analysis (text_* tables) and the copy an undo of the latest responses import keeps.
  await store.run(`INSERT INTO customer_contacts VALUES ($id, 'Karen Jensen', 'karen@example.dk', '+45 12 34 56 78'), ($other, 'Ole Hansen', NULL, NULL)`, { id: customerId, other: otherCustomerId });
  await analyseComments(store);
  await store.run(`CREATE TABLE undo_test_responses AS SELECT * FROM responses`);
  // A follow-up case with a note and a contact attempt, a notification that names the customer, an audited read.
  const em = app.orm.em.fork();
  const [answer] = await store.all<{ response_id: string; responded_at: string; ltr: number }>(
    `SELECT response_id, responded_at::VARCHAR AS responded_at, ltr FROM responses WHERE customer_id = $id AND ltr IS NOT NULL ORDER BY response_id LIMIT 1`,
    { id: customerId },
  );
  const followUp = em.create(FollowUpCase, {
    responseId: answer!.response_id, customerId, kind: FollowUpKind.RECOVER, ltr: answer!.ltr, respondedAt: new Date(answer!.responded_at), dueAt: new Date(answer!.responded_at),
    notes: [{ at: new Date(), author: 'Admin', text: 'Karen asked to be called after 16.' }],
    contacts: [{ at: new Date(), by: 'Admin', channel: ContactChannel.PHONE, reached: true, note: 'Talked about the fee.' }],
  });
  em.create(OutboxMessage, {
    channel: DeliveryChannel.WEBHOOK, event: NotificationEvent.CASE_ASSIGNED, recipient: 'https://hooks.example.test/x', subject: 'New follow-up case',
    payload: { event: 'CASE_ASSIGNED', data: { caseId: followUp.id }, personalData: { customerId, ltr: answer!.ltr } },
  });
  await em.flush();
  caseId = followUp.id;
  const read = await app.gql('query ($id: ID!) { followUpCase(id: $id) { customerId notes { text } } }', { id: caseId }, await app.cookie(Role.ADMIN));
  expect(read.json?.errors).toBeUndefined();
});
afterAll(async () => app?.close());

describe('exportCustomerData and eraseCustomer are for administrators only', () => {
  it('refuses every other role (FORBIDDEN) and anonymous callers (UNAUTHENTICATED), changing nothing', async () => {
    const before = await duckRowsAbout(customerId, responseIds);
    for (const role of [Role.ANALYST, Role.STRATEGIST, Role.EXECUTIVE]) {
      const cookie = await app.cookie(role);
      expect(code(await app.gql(EXPORT, { id: customerId }, cookie)), role).toBe('FORBIDDEN');
      expect(code(await app.gql(ERASE, { id: customerId }, cookie)), role).toBe('FORBIDDEN');
      expect(code(await app.gql('mutation { applyCommentRetention { commentsRemoved } }', {}, cookie)), role).toBe('FORBIDDEN');
    }
    expect(code(await app.gql(EXPORT, { id: customerId }))).toBe('UNAUTHENTICATED');
    expect(code(await app.gql(ERASE, { id: customerId }))).toBe('UNAUTHENTICATED');
    expect(await duckRowsAbout(customerId, responseIds)).toEqual(before);
  });
});

describe('exportCustomerData: everything held about one customer', () => {
  it('holds every row the analytics tables and Postgres hold about the customer, and is audited', async () => {
    const held = await duckRowsAbout(customerId, responseIds);
    // The fixture really spreads the customer over the places an export must cover.
    expect(Object.keys(held)).toEqual(expect.arrayContaining(['customers', 'responses', 'customer_contacts', 'text_comments', 'text_tokens', 'undo_test_responses']));
    const result = await app.gql(EXPORT, { id: customerId }, await app.cookie(Role.ADMIN));
    expect(result.json?.errors).toBeUndefined();
    const data = result.json?.data?.exportCustomerData as {
      format: string; customerId: string; analytics: Record<string, { response_id?: string; comment?: string | null }[]>;
      followUpCases: { id: string; notes: { text: string }[]; contacts: { note: string }[] }[];
      notifications: { payload: { personalData: { customerId: string } } }[];
      auditEvents: { action: string }[];
    };
    expect(data).toMatchObject({ format: 'touchpoint-customer-export/1', customerId });
    expect(Object.fromEntries(Object.entries(data.analytics).map(([table, rows]) => [table, rows.length]))).toEqual(held);
    const comments = await app.analytics.store.all<{ comment: string }>(`SELECT comment FROM responses WHERE customer_id = $id AND comment IS NOT NULL ORDER BY response_id`, { id: customerId });
    expect(data.analytics.responses!.filter((r) => r.comment).map((r) => r.comment).sort()).toEqual(comments.map((c) => c.comment).sort());
    expect(data.analytics.customer_contacts).toEqual([{ customer_id: customerId, name: 'Karen Jensen', email: 'karen@example.dk', phone: '+45 12 34 56 78' }]);
    expect(data.followUpCases).toHaveLength(1);
    expect(data.followUpCases[0]).toMatchObject({ id: caseId, notes: [{ text: 'Karen asked to be called after 16.' }], contacts: [{ note: 'Talked about the fee.' }] });
    expect(data.notifications.map((n) => n.payload.personalData.customerId)).toEqual([customerId]);
    expect(data.auditEvents.map((a) => a.action)).toContain('READ_CUSTOMER');
    const [audit] = await pg().execute(`select user_id, detail from audit_event where action = 'CUSTOMER_EXPORTED' and customer_id = ?`, [customerId]);
    expect(audit?.detail.rows.responses).toBe(held.responses);
  });

  it('answers NOT_FOUND for an id nothing is held about', async () => {
    const result = await app.gql(EXPORT, { id: 'NO-SUCH-CUSTOMER' }, await app.cookie(Role.ADMIN));
    expect(result.json?.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'CUSTOMER_NOT_FOUND', field: 'customerId' });
  });
});

describe('eraseCustomer: gone from every table, all or nothing', () => {
  it('changes nothing anywhere when one part fails (a DuckDB table that refuses the delete)', async () => {
    const store = app.analytics.store;
    await store.run(`CREATE TABLE fk_parent (customer_id VARCHAR PRIMARY KEY); CREATE TABLE fk_zchild (customer_id VARCHAR REFERENCES fk_parent (customer_id))`);
    await store.run(`INSERT INTO fk_parent VALUES ($id)`, { id: customerId });
    await store.run(`INSERT INTO fk_zchild VALUES ($id)`, { id: customerId });
    const duckBefore = await duckRowsAbout(customerId, responseIds);
    const pgBefore = await postgresRowsAbout([customerId]);
    expect(Object.keys(pgBefore).sort()).toEqual(['audit_event', 'follow_up_case', 'outbox_message']);
    const result = await app.gql(ERASE, { id: customerId }, await app.cookie(Role.ADMIN));
    expect(result.json?.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await duckRowsAbout(customerId, responseIds)).toEqual(duckBefore);
    expect(await postgresRowsAbout([customerId])).toEqual(pgBefore);
    await store.run(`DROP TABLE fk_zchild; DROP TABLE fk_parent`);
  });

  it('leaves no row naming the customer or their answers in any DuckDB or Postgres table; audit rows keep a pseudonym', async () => {
    const otherBefore = await duckRowsAbout(otherCustomerId, []);
    const versionBefore = (await app.analytics.store.getMeta()).data_version;
    const result = await app.gql(ERASE, { id: customerId }, await app.cookie(Role.ADMIN));
    expect(result.json?.errors).toBeUndefined();
    const erasure = result.json?.data?.eraseCustomer as { pseudonym: string; rows: number; places: { place: string; rows: number }[] };
    expect(erasure.places.map((p) => p.place)).toEqual(
      expect.arrayContaining(['follow_up_case', 'outbox_message', 'audit_event', 'analytics.customers', 'analytics.responses', 'analytics.customer_contacts', 'analytics.text_tokens', 'analytics.undo_test_responses']),
    );
    expect(result.body).not.toContain(customerId);

    expect(await duckRowsAbout(customerId, responseIds)).toEqual({});
    expect(await postgresRowsAbout([customerId, ...responseIds])).toEqual({});
    // Other customers keep their data; remembered analytics results are dropped (new data version).
    expect(await duckRowsAbout(otherCustomerId, [])).toEqual(otherBefore);
    expect(Number((await app.analytics.store.getMeta()).data_version)).toBeGreaterThan(Number(versionBefore));
    // The audit log still tells that one person's data was read, exported and erased, under a pseudonym.
    const audits: { action: string }[] = await pg().execute(`select action from audit_event where customer_id = ? order by id`, [erasure.pseudonym]);
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['READ_CUSTOMER', 'CUSTOMER_EXPORTED', 'CUSTOMER_ERASED']));
    // The notification stays in the delivery log, without the person.
    const [message] = await pg().execute(`select payload from outbox_message where subject = 'New follow-up case'`);
    expect(message?.payload.personalData.customerId).toBe('[erased]');
  });

  it('a second erase (and an export) says nothing is held any more', async () => {
    const again = await app.gql(ERASE, { id: customerId }, await app.cookie(Role.ADMIN));
    expect(again.json?.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'CUSTOMER_NOT_FOUND' });
    expect(again.json?.errors?.[0]?.message).toContain('erased already');
    expect(code(await app.gql(EXPORT, { id: customerId }, await app.cookie(Role.ADMIN)))).toBe('NOT_FOUND');
  });
});
