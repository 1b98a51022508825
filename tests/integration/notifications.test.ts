import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type NotifyConfig } from '../../server/config.js';
import { Alert, AlertRule } from '../../server/modules/alerts/alert.entity.js';
import type { AlertEvidence } from '../../server/modules/alerts/alert.evaluate.js';
import { FollowUpCase, FollowUpKind } from '../../server/modules/follow-ups/follow-up.entity.js';
import { startDeliveryWorker, type DeliveryWorker } from '../../server/modules/notifications/delivery.js';
import { queueWeeklyDigests } from '../../server/modules/notifications/digest.js';
import { notifyAlertRaised, notifyOverdueCases } from '../../server/modules/notifications/events.js';
import { DeliveryChannel, DeliveryStatus, NotificationEvent, NotificationFrequency, NotificationSettings, OutboxMessage } from '../../server/modules/notifications/notification.entity.js';
import { signWebhook } from '../../server/modules/notifications/render.js';
import { queueDailySummaries } from '../../server/modules/notifications/summary.js';
import { Language, Role } from '../../server/modules/users/user.enums.js';
import { createUser } from '../../server/modules/users/user.service.js';
import { User } from '../../server/modules/users/user.entity.js';
import { withLanguage } from '../../analytics/i18n/index.js';
import { makeJourney } from '../support/factories.js';
import { decodeQuotedPrintable, startHookReceiver, startInbox } from '../support/mailAndHooks.js';
import { codes, makeTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;
let inbox: Awaited<ReturnType<typeof startInbox>>;
let hooks: Awaited<ReturnType<typeof startHookReceiver>>;
let worker: DeliveryWorker | undefined;
let notify: NotifyConfig;
let secret = '';
let departmentId: string;
let touchpointCode: string;
let analyst: { id: string; email: string };
let strategist: { id: string; email: string };

const DELIVERY_FIELDS = `id channel event recipient userName endpointName subject language status attempts replayOf attemptLog { ok status detail }`;

async function makeCase(overrides: Partial<Pick<FollowUpCase, 'dueAt' | 'customerId'>> = {}): Promise<string> {
  const em = app.orm.em.fork();
  const c = em.create(FollowUpCase, {
    responseId: `resp-${Math.random().toString(36).slice(2)}`,
    customerId: overrides.customerId ?? 'CUST-4711',
    touchpointCode,
    kind: FollowUpKind.RECOVER,
    ltr: 2,
    department: departmentId,
    respondedAt: new Date(Date.now() - 3600_000),
    dueAt: overrides.dueAt ?? new Date(Date.now() + 2 * 86_400_000),
  });
  await em.flush();
  return c.id;
}

const assign = (id: string, assigneeId: string | null) => app.ok(`mutation($id: ID!, $a: ID) { assignFollowUpCase(id: $id, assigneeId: $a) { id } }`, { id, a: assigneeId });

async function log(filter = ''): Promise<any[]> {
  const { notificationDeliveries } = await app.ok(`query { notificationDeliveries${filter} { totalCount items { ${DELIVERY_FIELDS} } } }`);
  return notificationDeliveries.items;
}

async function waitUntil<T>(probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  app = await makeTestApp();
  inbox = await startInbox();
  hooks = await startHookReceiver(() => secret, [500, 500]);
  notify = { ...loadConfig({}, {}).notify, smtpHost: '127.0.0.1', smtpPort: inbox.port, publicUrl: 'https://touchpoint.example.com/', retryBaseSeconds: 1, pollSeconds: 60 };
  const journey = await makeJourney(app, { phases: 1, touchpointsPerPhase: 1 });
  departmentId = journey.departmentId;
  const { journey: map } = await app.ok(`query($id: ID!) { journey(id: $id) { phases { touchpoints { code } } } }`, { id: journey.journeyId });
  touchpointCode = map.phases[0].touchpoints[0].code;
  const em = app.orm.em.fork();
  analyst = (await createUser(em, { email: 'frontline@test.local', name: 'Frida Frontline', role: Role.ANALYST, departmentId })).user;
  strategist = (await createUser(em, { email: 'stina@test.local', name: 'Stina Strategist', role: Role.STRATEGIST })).user;
});

afterAll(async () => {
  await worker?.stop();
  await hooks?.close();
  await inbox?.close();
  await app?.close();
});

/** A touchpoint alert's evidence: recent NPS −12.5 of `recentN` answers against a baseline of 10.1 (n 800). */
const alertEvidence = (recentN: number): AlertEvidence => ({
  scope: 'TOUCHPOINT' as AlertEvidence['scope'],
  scopeCode: touchpointCode,
  scopeName: 'Touchpoint 0.0',
  recent: { from: '2026-11-01', to: '2026-11-28', n: recentN, nps: -12.5, promoters: 30, passives: 45, detractors: 45, promoterShare: 0.25, passiveShare: 0.375, detractorShare: 0.375, se: 7.5, margin: 14.7, ciLow: -27.2, ciHigh: 2.2, confidenceLevel: 0.95 } as AlertEvidence['recent'],
  baseline: { from: '2026-05-05', to: '2026-10-31', n: 800, nps: 10.1, ciLow: 4.3, ciHigh: 15.9 } as AlertEvidence['recent'],
  difference: -22.6, se: 8.1, z: -2.79, pValue: 0.005, zThreshold: 1.96, criticalZ: 2.5, correction: 'BONFERRONI' as AlertEvidence['correction'], tests: 4, minN: 30, checkedAt: new Date().toISOString(),
});

/** Raises a touchpoint alert under a new rule and returns every alert notice queued so far. */
async function raiseAlert(ruleName: string, recentN: number): Promise<OutboxMessage[]> {
  const em = app.orm.em.fork();
  const rule = em.create(AlertRule, { name: ruleName });
  const evidence = alertEvidence(recentN);
  const alert = em.create(Alert, { rule, scope: evidence.scope, scopeCode: touchpointCode, evidence: { ...evidence }, raisedAt: new Date() });
  await notifyAlertRaised(em, alert, evidence);
  await em.flush();
  return app.orm.em.fork().find(OutboxMessage, { event: NotificationEvent.ALERT_RAISED });
}

describe('notifications out of the request path', () => {
  it('queues the e-mail with the assignment and sends nothing inside the mutation', async () => {
    const id = await makeCase();
    await assign(id, analyst.id);
    const queued = await app.orm.em.fork().find(OutboxMessage, { recipient: analyst.email });
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ status: DeliveryStatus.PENDING, attempts: 0, event: NotificationEvent.CASE_ASSIGNED });
    expect(inbox.mails).toHaveLength(0);
  });

  it('a worker delivers the queued e-mail through a real SMTP server, with a text and an HTML part and a link back', async () => {
    worker = startDeliveryWorker(app.orm, notify);
    const [mail] = await inbox.waitFor(1);
    expect(mail!.to).toEqual([analyst.email]);
    const raw = decodeQuotedPrintable(mail!.raw);
    expect(raw).toMatch(/Subject: New follow-up case for you/);
    expect(raw).toContain('Content-Type: text/plain');
    expect(raw).toContain('Content-Type: text/html');
    expect(raw).toContain('Touchpoint 0.0');
    expect(raw).toMatch(/https:\/\/touchpoint\.example\.com\/follow-up\?case=[0-9a-f-]{36}/);
    const [delivered] = await waitUntil(async () => {
      const rows = (await log()).filter((d) => d.recipient === analyst.email && d.status === 'DELIVERED');
      return rows.length ? rows : undefined;
    });
    expect(delivered).toMatchObject({ channel: 'EMAIL', userName: 'Frida Frontline', attempts: 1, attemptLog: [{ ok: true, status: 250 }] });
  });

  it('does not tell people about a case they took themselves', async () => {
    const id = await makeCase();
    const caller = await app.callerFor(Role.ANALYST);
    caller.departmentId = departmentId;
    await app.orm.em.fork().nativeUpdate(User, { id: caller.id }, { department: departmentId });
    const before = await app.orm.em.fork().count(OutboxMessage, {});
    await app.ok(`mutation($id: ID!, $a: ID) { assignFollowUpCase(id: $id, assigneeId: $a) { id } }`, { id, a: caller.id }, Role.ANALYST);
    expect(await app.orm.em.fork().count(OutboxMessage, {})).toBe(before);
  });
});

describe('signed webhooks', () => {
  let endpointId: string;

  it('creates an endpoint and shows its secret once', async () => {
    const { createWebhookEndpoint } = await app.ok(
      `mutation($input: WebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id name url events format includePersonalData enabled } } }`,
      { input: { name: 'Service desk', url: hooks.url, events: ['CASE_ASSIGNED'] } },
    );
    secret = createWebhookEndpoint.secret;
    endpointId = createWebhookEndpoint.endpoint.id;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(createWebhookEndpoint.endpoint).toMatchObject({ format: 'JSON', includePersonalData: false, enabled: true });
    const { webhookEndpoints } = await app.ok(`query { webhookEndpoints { id name } }`);
    expect(webhookEndpoints).toEqual([{ id: endpointId, name: 'Service desk' }]);
  });

  it('refuses an address that is not http(s) and an event webhooks do not get, changing nothing', async () => {
    const bad = await app.gql(`mutation { createWebhookEndpoint(input: { name: "x", url: "ftp://example.com/hook", events: [CASE_ASSIGNED] }) { secret } }`);
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ field: 'url' });
    const digest = await app.gql(`mutation($u: String!) { createWebhookEndpoint(input: { name: "x", url: $u, events: [WEEKLY_DIGEST] }) { secret } }`, { u: hooks.url });
    expect(digest.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'events' });
    expect((await app.ok(`query { webhookEndpoints { id } }`)).webhookEndpoints).toHaveLength(1);
  });

  it('posts the event signed with HMAC-SHA256, retries with growing waits after two 500s, and logs every attempt', async () => {
    const id = await makeCase({ customerId: 'CUST-SECRET-42' });
    await assign(id, analyst.id);
    const calls = await hooks.waitFor(3);
    expect(calls.map((c) => c.answered)).toEqual([500, 500, 200]);
    expect(calls.every((c) => c.signatureValid)).toBe(true);
    // Backoff: the second wait is about twice the first (1 s, then 2 s).
    const [first, second] = [calls[1]!.at - calls[0]!.at, calls[2]!.at - calls[1]!.at];
    expect(first).toBeGreaterThanOrEqual(900);
    expect(second).toBeGreaterThan(first);
    // The same message id on every attempt, so a receiver can drop duplicates.
    expect(new Set(calls.map((c) => c.headers['x-touchpoint-delivery'])).size).toBe(1);
    const body = JSON.parse(calls[2]!.body);
    expect(body).toMatchObject({ event: 'CASE_ASSIGNED', data: { caseId: id, touchpointCode, kind: 'RECOVER' } });
    expect(body.link).toBe(`https://touchpoint.example.com/follow-up?case=${id}`);
    // Nothing personal unless the admin allowed it for this endpoint.
    expect(calls[2]!.body).not.toContain('CUST-SECRET-42');
    expect(calls[2]!.body).not.toContain('Frida');
    const delivery = await waitUntil(async () => (await log('(channel: WEBHOOK)')).find((d) => d.status === 'DELIVERED'));
    expect(delivery).toMatchObject({ endpointName: 'Service desk', attempts: 3, language: 'EN' });
    expect(delivery.attemptLog.map((a: { status: number }) => a.status)).toEqual([500, 500, 200]);
  });

  it('an admin replays a delivery as a new log entry; the receiver gets the same body again', async () => {
    const [delivered] = await log('(channel: WEBHOOK, status: [DELIVERED])');
    const { replayNotificationDelivery } = await app.ok(`mutation($id: ID!) { replayNotificationDelivery(id: $id) { ${DELIVERY_FIELDS} } }`, { id: delivered.id });
    expect(replayNotificationDelivery).toMatchObject({ replayOf: delivered.id, status: 'PENDING', attempts: 0 });
    const calls = await hooks.waitFor(4);
    expect(calls[3]!.signatureValid).toBe(true);
    expect(JSON.parse(calls[3]!.body).data).toEqual(JSON.parse(calls[2]!.body).data);
  });

  it('sends names and customer ids only to an endpoint the admin allowed, in the chat format Slack and Teams read', async () => {
    await app.ok(`mutation($id: ID!, $input: WebhookEndpointInput!) { updateWebhookEndpoint(id: $id, input: $input) { id } }`, {
      id: endpointId,
      input: { name: 'Service desk', url: hooks.url, events: ['CASE_ASSIGNED'], includePersonalData: true, format: 'CHAT' },
    });
    const id = await makeCase({ customerId: 'CUST-ALLOWED-7' });
    await assign(id, analyst.id);
    const calls = await hooks.waitFor(5);
    const chat = JSON.parse(calls[4]!.body);
    expect(Object.keys(chat)).toEqual(['text']);
    expect(chat.text).toContain('CUST-ALLOWED-7');
    expect(chat.text).toContain('Frida Frontline');
    expect(calls[4]!.signatureValid).toBe(true);
  });

  it('filters the log by event: case assignments only, alerts none yet', async () => {
    const assigned = await log('(event: CASE_ASSIGNED)');
    expect(assigned.length).toBeGreaterThan(0);
    expect(new Set(assigned.map((d) => d.event))).toEqual(new Set(['CASE_ASSIGNED']));
    expect(await log('(event: ALERT_RAISED, channel: WEBHOOK)')).toEqual([]);
  });

  it('renews the signing secret: shown once, and the next POST is signed with it and no longer with the old one', async () => {
    const old = secret;
    const { rotateWebhookEndpointSecret } = await app.ok(`mutation($id: ID!) { rotateWebhookEndpointSecret(id: $id) { secret endpoint { id name } } }`, { id: endpointId });
    expect(rotateWebhookEndpointSecret.endpoint).toEqual({ id: endpointId, name: 'Service desk' });
    expect(rotateWebhookEndpointSecret.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(rotateWebhookEndpointSecret.secret).not.toBe(old);
    secret = rotateWebhookEndpointSecret.secret;
    await assign(await makeCase(), analyst.id);
    const calls = await hooks.waitFor(6);
    expect(calls[5]!.signatureValid).toBe(true);
    const timestamp = String(calls[5]!.headers['x-touchpoint-timestamp']);
    expect(calls[5]!.headers['x-touchpoint-signature']).not.toBe(signWebhook(old, timestamp, calls[5]!.body));
    const missing = await app.gql(`mutation { rotateWebhookEndpointSecret(id: "00000000-0000-4000-8000-000000000000") { secret } }`);
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'WEBHOOK_ENDPOINT_NOT_FOUND' });
  });

  it('only admins read the log and manage endpoints', async () => {
    for (const role of [Role.STRATEGIST, Role.ANALYST, Role.EXECUTIVE]) {
      expect(codes(await app.gql(`query { notificationDeliveries { totalCount } }`, {}, role))).toEqual(['FORBIDDEN']);
      expect(codes(await app.gql(`query { webhookEndpoints { id } }`, {}, role))).toEqual(['FORBIDDEN']);
    }
  });
});

describe('what and how often each user chooses', () => {
  const settings = (role: Role | null, input: Record<string, unknown>) =>
    app.gql(`mutation($input: NotificationSettingsInput!) { updateMyNotificationSettings(input: $input) { email alertRaised caseAssigned caseOverdue weeklyDigest } }`, { input }, role);

  it('defaults to every event at once and the weekly digest on; a user changes only their own', async () => {
    const { myNotificationSettings } = await app.ok(`query { myNotificationSettings { email alertRaised caseAssigned caseOverdue weeklyDigest emailConfigured } }`, {}, Role.EXECUTIVE);
    expect(myNotificationSettings).toMatchObject({ email: 'executive@test.local', alertRaised: 'IMMEDIATE', caseAssigned: 'IMMEDIATE', caseOverdue: 'IMMEDIATE', weeklyDigest: true });
    const changed = await settings(Role.EXECUTIVE, { weeklyDigest: false, alertRaised: 'NEVER' });
    expect(changed.data?.updateMyNotificationSettings).toMatchObject({ weeklyDigest: false, alertRaised: 'NEVER', caseAssigned: 'IMMEDIATE' });
    expect(codes(await settings(null, { weeklyDigest: false }))).toEqual(['UNAUTHENTICATED']);
  });

  it('NEVER sends no e-mail; DAILY_SUMMARY holds the events for one summary e-mail', async () => {
    const em = app.orm.em.fork();
    const own = em.create(NotificationSettings, { user: analyst.id, caseAssigned: NotificationFrequency.NEVER });
    await em.flush();
    const assigned = () => app.orm.em.fork().count(OutboxMessage, { recipient: analyst.email, event: NotificationEvent.CASE_ASSIGNED });
    const countBefore = await assigned();
    await assign(await makeCase(), analyst.id);
    expect(await assigned()).toBe(countBefore);

    own.caseAssigned = NotificationFrequency.DAILY_SUMMARY;
    await em.flush();
    const mailsBefore = inbox.mails.length;
    for (let i = 0; i < 2; i++) await assign(await makeCase(), analyst.id);
    expect(await app.orm.em.fork().count(OutboxMessage, { recipient: analyst.email, status: DeliveryStatus.HELD })).toBe(2);
    expect(await queueDailySummaries(app.orm.em, notify.publicUrl, notify.timeZone)).toBe(1);
    expect(await queueDailySummaries(app.orm.em, notify.publicUrl, notify.timeZone)).toBe(0);
    const mails = await inbox.waitFor(mailsBefore + 1);
    const summary = decodeQuotedPrintable(mails.at(-1)!.raw);
    expect(summary).toMatch(/Subject: Touchpoint daily summary for .*: 2 events/);
    expect(await app.orm.em.fork().count(OutboxMessage, { recipient: analyst.email, status: DeliveryStatus.SUMMARISED })).toBe(2);
    own.caseAssigned = NotificationFrequency.IMMEDIATE;
    await em.flush();
  });
});

describe('overdue cases and alerts', () => {
  it('tells the assignee once when a case becomes overdue', async () => {
    const id = await makeCase({ dueAt: new Date(Date.now() - 3600_000) });
    await assign(id, analyst.id);
    const em = app.orm.em.fork();
    const first = await notifyOverdueCases(em);
    expect(first).toBeGreaterThanOrEqual(1);
    expect(await notifyOverdueCases(app.orm.em.fork())).toBe(0);
    const rows = await app.orm.em.fork().find(OutboxMessage, { event: NotificationEvent.CASE_OVERDUE, recipient: analyst.email });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.subject).toMatch(/^Follow-up case overdue/);
  });

  it('tells strategists, admins and the touchpoint department about a raised alert, with NPS, n and interval', async () => {
    const rows = await raiseAlert('Touchpoint dips', 120);
    const recipients = rows.map((r) => r.recipient).sort();
    expect(recipients).toContain(strategist.email);
    expect(recipients).toContain(analyst.email);
    expect(recipients).toContain('admin@test.local');
    expect(recipients).not.toContain('executive@test.local');
    expect(rows[0]!.subject).toBe('Alert: NPS at Touchpoint 0.0 dropped 22.6 points');
    // The worker may deliver before this line: wait for the strategist's e-mail itself.
    await waitUntil(async () => inbox.mails.find((m) => m.to.includes(strategist.email)));
    const toStrategist = inbox.mails.find((m) => m.to.includes(strategist.email));
    expect(decodeQuotedPrintable(toStrategist!.raw)).toMatch(/n = 120, 95% interval \u221227\.2 to \+2\.2/);
  });
});

describe('bulk assignment', () => {
  const assignMany = (ids: string[], assigneeId: string) => app.ok(`mutation($ids: [ID!]!, $a: ID) { assignFollowUpCases(ids: $ids, assigneeId: $a) { id } }`, { ids, a: assigneeId });

  it('sends each assignee one e-mail listing the cases newly given in one action; webhooks still get one message per case', async () => {
    const day = 86_400_000;
    const ids = [
      await makeCase({ customerId: 'CUST-B1', dueAt: new Date(Date.now() + 3 * day) }),
      await makeCase({ customerId: 'CUST-B2', dueAt: new Date(Date.now() + 1 * day) }),
      await makeCase({ customerId: 'CUST-B3', dueAt: new Date(Date.now() + 2 * day) }),
      await makeCase({ customerId: 'CUST-B4', dueAt: new Date(Date.now() + 4 * day) }),
    ];
    await assign(ids[3]!, analyst.id); // already Frida's: not news in the bulk action
    await waitUntil(async () => hooks.received.find((c) => c.body.includes('CUST-B4')));
    const since = new Date();
    const mailsBefore = (await inbox.waitFor(0)).length;
    const hooksBefore = (await hooks.waitFor(0)).length;

    await assignMany(ids, analyst.id);

    const emails = await app.orm.em.fork().find(OutboxMessage, { channel: 'EMAIL' as OutboxMessage['channel'], recipient: analyst.email, event: NotificationEvent.CASE_ASSIGNED, createdAt: { $gte: since } });
    expect(emails.map((m) => m.subject)).toEqual(['3 new follow-up cases for you']);
    const mail = await waitUntil(async () => inbox.mails.slice(mailsBefore).find((m) => /Subject: 3 new follow-up cases for you/.test(m.raw)));
    expect(mail.to).toEqual([analyst.email]);
    const raw = decodeQuotedPrintable(mail.raw);
    // Soonest due first, every new case named, the one she already had left out.
    expect(raw.indexOf('CUST-B2')).toBeLessThan(raw.indexOf('CUST-B3'));
    expect(raw.indexOf('CUST-B3')).toBeLessThan(raw.indexOf('CUST-B1'));
    expect(raw).not.toContain('CUST-B4');
    expect(raw).toContain('1. Win back an unhappy customer: Touchpoint 0.0, due');
    expect(raw).toContain('https://touchpoint.example.com/follow-up?view=mine');
    expect(raw).toContain('Content-Type: text/html');

    const calls = (await hooks.waitFor(hooksBefore + 3)).slice(hooksBefore);
    expect(calls.every((c) => c.signatureValid)).toBe(true);
    const texts = calls.map((c) => JSON.parse(c.body).text as string);
    for (const customer of ['CUST-B1', 'CUST-B2', 'CUST-B3']) expect(texts.filter((t) => t.includes(customer))).toHaveLength(1);
    expect(texts.some((t) => t.includes('CUST-B4'))).toBe(false);
    // Give a straggler time to show up: still exactly one e-mail and three POSTs for the action.
    await new Promise((r) => setTimeout(r, 500));
    // (Other tests' e-mails may still be arriving: count the ones about these cases.)
    for (const customer of ['CUST-B1', 'CUST-B2', 'CUST-B3']) expect(inbox.mails.filter((m) => decodeQuotedPrintable(m.raw).includes(customer))).toHaveLength(1);
    expect(hooks.received.length - hooksBefore).toBe(3);
  });

  it('a bulk action that gives one person a single case sends the ordinary one-case e-mail', async () => {
    const since = new Date();
    await assignMany([await makeCase({ customerId: 'CUST-ONE' })], analyst.id);
    const emails = await app.orm.em.fork().find(OutboxMessage, { recipient: analyst.email, event: NotificationEvent.CASE_ASSIGNED, createdAt: { $gte: since } });
    expect(emails.map((m) => m.subject)).toEqual(['New follow-up case for you: win back an unhappy customer (Touchpoint 0.0)']);
  });
});

describe("e-mails in each recipient's saved language", () => {
  /** The text part of the last e-mail `to` received, decoded. */
  async function mailTo(to: string, subjectLine: RegExp): Promise<string> {
    return waitUntil(async () => inbox.mails.map((m) => decodeQuotedPrintable(m.raw)).find((raw, i) => inbox.mails[i]!.to.includes(to) && subjectLine.test(raw)));
  }

  it("words a raised alert in each recipient's language: Danish for a Danish strategist, English for the others", async () => {
    const em = app.orm.em.fork();
    const dansk = (await createUser(em, { email: 'dagmar@test.local', name: 'Dagmar Dansk', role: Role.STRATEGIST })).user;
    await em.nativeUpdate(User, { id: dansk.id }, { language: Language.DA });
    const rows = await raiseAlert('Danish dips', 1200);
    const subjectOf = (email: string) => rows.find((r) => r.recipient === email)?.subject;
    expect(subjectOf(dansk.email)).toBe('Alarm: NPS for Touchpoint 0.0 er faldet 22,6 point');
    expect(subjectOf('admin@test.local')).toBe('Alert: NPS at Touchpoint 0.0 dropped 22.6 points');
  });

  it('sends an overdue case and the weekly digest to a Danish user in Danish and to an English user in English, in one run', async () => {
    worker ??= startDeliveryWorker(app.orm, notify);
    const em = app.orm.em.fork();
    const dansk = (await createUser(em, { email: 'dorte@test.local', name: 'Dorte Dansk', role: Role.ANALYST, departmentId })).user;
    const english = (await createUser(em, { email: 'emma@test.local', name: 'Emma English', role: Role.ANALYST, departmentId })).user;
    await em.nativeUpdate(User, { id: dansk.id }, { language: Language.DA });
    await em.nativeUpdate(User, { id: english.id }, { language: Language.EN });
    for (const assignee of [dansk.id, english.id]) {
      em.create(FollowUpCase, {
        responseId: `resp-${Math.random().toString(36).slice(2)}`,
        customerId: 'CUST-0815',
        touchpointCode,
        kind: FollowUpKind.RECOVER,
        ltr: 3,
        department: departmentId,
        assignee,
        respondedAt: new Date(Date.now() - 3 * 86_400_000),
        dueAt: new Date(Date.now() - 3600_000),
      });
    }
    await em.flush();
    await notifyOverdueCases(app.orm.em.fork());

    const daOverdue = await mailTo(dansk.email, /Opfølgningssag over fristen/);
    expect(daOverdue).toContain('Opfølgningssag over fristen: vind en utilfreds kunde tilbage (Touchpoint 0.0)');
    expect(daOverdue).toContain('Sandsynlighed for at anbefale: 3 af 10');
    expect(daOverdue).toContain('Åbn i Touchpoint');
    expect(daOverdue).toContain('<html lang="da">');
    for (const english of ['Follow-up case overdue', 'Likelihood', 'Open in Touchpoint', 'Department', 'notification settings']) expect(daOverdue).not.toContain(english);
    const enOverdue = await mailTo(english.email, /Follow-up case overdue/);
    expect(enOverdue).toContain('Follow-up case overdue: win back an unhappy customer (Touchpoint 0.0)');
    expect(enOverdue).toContain('Likelihood to recommend: 3 of 10');
    expect(enOverdue).not.toContain('Opfølgningssag');
    const subjects = await app.orm.em.fork().find(OutboxMessage, { event: NotificationEvent.CASE_OVERDUE, recipient: { $in: [dansk.email, english.email] } }, { orderBy: { recipient: 'asc' } });
    expect(subjects.map((m) => [m.recipient, m.subject])).toEqual([
      [dansk.email, 'Opfølgningssag over fristen: vind en utilfreds kunde tilbage (Touchpoint 0.0)'],
      [english.email, 'Follow-up case overdue: win back an unhappy customer (Touchpoint 0.0)'],
    ]);

    await queueWeeklyDigests(app.deps, notify.publicUrl, new Date());
    const daDigest = await mailTo(dansk.email, /Touchpoint ugentligt/);
    expect(daDigest).toContain('Touchpoint ugentligt: 1 åben sag, 1 over fristen');
    expect(daDigest).toContain('Dine sager: 1 åbne, 1 over fristen');
    expect(daDigest).toContain('Genvind: Touchpoint 0.0: over fristen siden');
    expect(daDigest).toContain('Dit ugentlige overblik fra Touchpoint');
    for (const english of ['Touchpoint weekly', 'Your cases', 'Win back', 'overdue since', 'Open in Touchpoint', 'Turn it off']) expect(daDigest).not.toContain(english);
    const enDigest = await mailTo(english.email, /Touchpoint weekly/);
    expect(enDigest).toContain('Touchpoint weekly: 1 open case, 1 overdue');
    expect(enDigest).toContain('Your cases: 1 open, 1 overdue');
    expect(enDigest).toContain('Win back: Touchpoint 0.0: overdue since');
    expect(enDigest).not.toContain('ugentligt');

    // The delivery log says which language each message went out in, for the page to mark its subject with.
    const logged = (await log()).filter((d) => [dansk.email, english.email].includes(d.recipient));
    const languages = new Map(logged.map((d) => [`${d.recipient} ${d.event}`, d.language]));
    expect(Object.fromEntries(languages)).toEqual({
      [`${dansk.email} CASE_OVERDUE`]: 'DA',
      [`${dansk.email} WEEKLY_DIGEST`]: 'DA',
      [`${english.email} CASE_OVERDUE`]: 'EN',
      [`${english.email} WEEKLY_DIGEST`]: 'EN',
    });
  });

  it('shows the "e-mail is not set up" log line in the reader\'s language', async () => {
    const em = app.orm.em.fork();
    em.create(OutboxMessage, {
      channel: DeliveryChannel.EMAIL,
      event: NotificationEvent.CASE_ASSIGNED,
      recipient: 'nobody@test.local',
      subject: 'x',
      payload: { email: { subject: 'x', text: 'x', html: 'x' } },
      status: DeliveryStatus.SKIPPED,
      attemptLog: [{ at: new Date().toISOString(), ok: false, status: null, detail: 'E-mail is not set up on the server (set SMTP_HOST).' }],
    });
    await em.flush();
    const detailIn = async (language: 'da' | 'en') => {
      const { notificationDeliveries } = await withLanguage(language, () => app.ok(`query { notificationDeliveries(status: [SKIPPED]) { items { attemptLog { detail } } } }`));
      return notificationDeliveries.items.flatMap((d: any) => d.attemptLog.map((a: any) => a.detail));
    };
    expect(await detailIn('da')).toContain('E-mail er ikke sat op på serveren (sæt SMTP_HOST).');
    expect(await detailIn('en')).toContain('E-mail is not set up on the server (set SMTP_HOST).');
  });
});
