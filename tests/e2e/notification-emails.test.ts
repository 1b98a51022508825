import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoCompany } from '../../seeds/demo/company.js';
import { loadDemoCompany } from '../../seeds/demo/load.js';
import { generate } from '../../seeds/generate/index.js';
import { createApp } from '../../server/app.js';
import { loadConfig, type NotifyConfig } from '../../server/config.js';
import type { AppDeps } from '../../server/context.js';
import { Alert, AlertRule } from '../../server/modules/alerts/alert.entity.js';
import type { AlertEvidence } from '../../server/modules/alerts/alert.evaluate.js';
import { FollowUpCase, FollowUpKind } from '../../server/modules/follow-ups/follow-up.entity.js';
import { startDeliveryWorker, payloadOf, type DeliveryWorker } from '../../server/modules/notifications/delivery.js';
import { queueWeeklyDigests } from '../../server/modules/notifications/digest.js';
import { notifyAlertRaised } from '../../server/modules/notifications/events.js';
import { NotificationEvent, OutboxMessage } from '../../server/modules/notifications/notification.entity.js';
import type { Notice } from '../../server/modules/notifications/outbox.js';
import { noticeEmail, summaryEmail } from '../../server/modules/notifications/render.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { User } from '../../server/modules/users/user.entity.js';
import { createUser } from '../../server/modules/users/user.service.js';
import { decodeQuotedPrintable, startInbox } from '../support/mailAndHooks.js';
import { codes, makeTestApp, type TestApp } from '../support/testApp.js';
import { launchChromium, pageShot } from './support/browser.js';

/**
 * Weekly digests per role and every notification e-mail, as received by a real SMTP server and as
 * rendered by Chromium (screenshots in tests/e2e/__screenshots__/email-*.png), on the demo company with
 * generated answers (10,000 customers, 100,000 answers, 24 months to 2026-06-30).
 */
const END = '2026-06-30';
const PUBLIC_URL = 'https://touchpoint.example.com/';

let app: TestApp;
let deps: AppDeps;
let inbox: Awaited<ReturnType<typeof startInbox>>;
let worker: DeliveryWorker | undefined;
let browser: Browser | undefined;
let notify: NotifyConfig;
let frontline: User;

async function shoot(html: string, file: string): Promise<void> {
  const page = await browser!.newPage({ viewport: { width: 720, height: 600 } });
  await page.setContent(html, { waitUntil: 'load' });
  await pageShot(page, file);
  await page.close();
}

beforeAll(async () => {
  app = await makeTestApp();
  await loadDemoCompany(app.orm.em.fork(), makeDemoCompany(END));
  await app.analytics.syncModel();
  await generate(app.analytics.store, { customers: 10_000, responses: 100_000, months: 24, seed: 42, endDate: END, dimensions: 'never' });
  ({ deps } = await createApp({ orm: app.orm, analytics: app.analytics.store, production: false, onModelChanged: async () => undefined }));
  inbox = await startInbox();
  notify = { ...loadConfig({}, {}).notify, smtpHost: '127.0.0.1', smtpPort: inbox.port, publicUrl: PUBLIC_URL, retryBaseSeconds: 1 };
  const em = app.orm.em.fork();
  const { departments } = await app.ok(`{ departments { id name } }`);
  const { journeys } = await app.ok(`{ journeys { phases { touchpoints { code name department { id } } } } }`);
  const touchpoint = journeys.flatMap((j: any) => j.phases.flatMap((p: any) => p.touchpoints)).find((t: any) => t.department);
  frontline = (await createUser(em, { email: 'frida@demo.test', name: 'Frida Frontline', role: Role.ANALYST, departmentId: touchpoint.department.id })).user;
  await createUser(em, { email: 'erik@demo.test', name: 'Erik Executive', role: Role.EXECUTIVE });
  await createUser(em, { email: 'stina@demo.test', name: 'Stina Strategist', role: Role.STRATEGIST });
  expect(departments.length).toBeGreaterThan(0);
  for (const [i, dueInHours] of [-30, 20, 50].entries()) {
    em.create(FollowUpCase, {
      responseId: `digest-${i}`,
      customerId: `C-${i}`,
      touchpointCode: touchpoint.code,
      kind: i === 2 ? FollowUpKind.THANK : FollowUpKind.RECOVER,
      ltr: i === 2 ? 10 : 3,
      department: touchpoint.department.id,
      assignee: frontline,
      respondedAt: new Date(Date.now() - 3 * 86_400_000),
      dueAt: new Date(Date.now() + dueInHours * 3600_000),
    });
  }
  await em.flush();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await browser?.close();
  await inbox?.close();
  await app?.close();
});

describe('weekly digests per role', () => {
  it('queues one digest per reader and week, and a worker sends them as HTML with a chart image, a text part and a link back', async () => {
    const now = new Date();
    const queued = await queueWeeklyDigests(deps, PUBLIC_URL, now);
    expect(queued).toBe(await app.orm.em.fork().count(User, { active: true }));
    expect(await queueWeeklyDigests(deps, PUBLIC_URL, now)).toBe(0);
    worker = startDeliveryWorker(app.orm, notify);
    const mails = await inbox.waitFor(queued, 60_000);
    const to = (address: string) => decodeQuotedPrintable(mails.find((m) => m.to.includes(address))!.raw);

    const executive = to('erik@demo.test');
    expect(executive).toMatch(/Touchpoint weekly: NPS [+\u2212]?\d/);
    expect(executive).toContain('Content-Type: text/plain');
    expect(executive).toContain('Content-Type: text/html');
    expect(executive).toContain('Content-Type: image/svg+xml');
    expect(executive).toContain('cid:digest-chart');
    expect(executive).toMatch(/Relationship NPS, 12 months: .*\(n = [\d,]+, 95% interval/);
    expect(executive).toContain('Top initiatives by net present value');
    expect(executive).toContain(`${PUBLIC_URL}status`);

    const strategist = to('stina@demo.test');
    expect(strategist).toMatch(/Touchpoint weekly: \d+ new alerts?/);
    expect(strategist).toMatch(/Priorities \(value at stake/);
    expect(strategist).not.toContain('image/svg+xml');

    const cases = to('frida@demo.test');
    expect(cases).toMatch(/Touchpoint weekly: 3 open cases, 1 overdue/);
    expect(cases).toContain('overdue since');
    expect(cases).toContain(`${PUBLIC_URL}follow-up`);
  });

  it('previews each digest in the browser with the chart option the e-mail was drawn from; only admins preview other roles', async () => {
    const { weeklyDigestPreview: exec } = await app.ok(`{ weeklyDigestPreview { kind subject html text chartOption chartLabel link } }`, {}, Role.EXECUTIVE);
    expect(exec.kind).toBe('PROGRAMME');
    const option = JSON.parse(exec.chartOption);
    expect(option.series.at(-1)).toMatchObject({ type: 'line', name: 'NPS' });
    expect(exec.html).toContain('data:image/svg+xml;base64,');
    expect(exec.text).toMatch(/Open in Touchpoint: https?:\/\/\S+\/status/);
    expect(exec.link).toMatch(/\/status$/);
    await shoot(exec.html, 'email-digest-executive.png');

    const { weeklyDigestPreview: strategist } = await app.ok(`{ weeklyDigestPreview { kind html chartOption } }`, {}, Role.STRATEGIST);
    expect(strategist).toMatchObject({ kind: 'PRIORITIES', chartOption: null });
    await shoot(strategist.html, 'email-digest-strategist.png');
    expect(codes(await app.gql(`{ weeklyDigestPreview(kind: PROGRAMME) { kind } }`, {}, Role.STRATEGIST))).toEqual(['FORBIDDEN']);

    const caller = await app.callerFor(Role.ANALYST);
    await app.orm.em.fork().nativeUpdate(FollowUpCase, { assignee: frontline.id }, { assignee: caller.id, department: frontline.department!.id });
    caller.departmentId = frontline.department!.id;
    const { weeklyDigestPreview: cases } = await app.ok(`{ weeklyDigestPreview { kind subject html } }`, {}, Role.ANALYST);
    expect(cases).toMatchObject({ kind: 'CASES', subject: 'Touchpoint weekly: 3 open cases, 1 overdue' });
    await shoot(cases.html, 'email-digest-frontline.png');
  });
});

describe('notification e-mails as rendered', () => {
  it('renders the case, overdue, alert, daily-summary and bulk-assignment e-mails (screenshots for people to look at)', async () => {
    const em = app.orm.em.fork();
    const rule = em.create(AlertRule, { name: 'Touchpoint dips' });
    const c = await em.findOneOrFail(FollowUpCase, { responseId: 'digest-1' });
    const tp = c.touchpointCode!;
    const evidence = {
      scope: 'TOUCHPOINT', scopeCode: tp, scopeName: 'Claim handling',
      recent: { from: '2026-06-03', to: '2026-06-30', n: 214, nps: -18.2, ciLow: -29.4, ciHigh: -6.5 },
      baseline: { from: '2025-12-05', to: '2026-06-02', n: 1490, nps: 4.9, ciLow: 0.8, ciHigh: 9.0 },
      difference: -23.1, se: 6.4, z: -3.6, pValue: 0.0003, zThreshold: 1.96, criticalZ: 3.02, correction: 'BONFERRONI', tests: 43, minN: 30, checkedAt: new Date().toISOString(),
    } as unknown as AlertEvidence;
    await notifyAlertRaised(em, em.create(Alert, { rule, scope: evidence.scope, scopeCode: tp, evidence: { ...evidence }, raisedAt: new Date() }), evidence);
    await em.flush();
    await app.ok(`mutation($id: ID!) { assignFollowUpCase(id: $id, assigneeId: null) { id } }`, { id: c.id });
    await app.ok(`mutation($id: ID!, $a: ID) { assignFollowUpCase(id: $id, assigneeId: $a) { id } }`, { id: c.id, a: frontline.id });
    const notice = async (event: NotificationEvent): Promise<Notice> => {
      const row = await app.orm.em.fork().findOneOrFail(OutboxMessage, { event }, { orderBy: { createdAt: 'desc' } });
      const payload = payloadOf(row);
      if (!('notice' in payload)) throw new Error('not a notice');
      return payload.notice;
    };
    const assigned = await notice(NotificationEvent.CASE_ASSIGNED);
    const alert = await notice(NotificationEvent.ALERT_RAISED);
    const overdue: Notice = { ...assigned, event: NotificationEvent.CASE_OVERDUE, title: assigned.title.replace('New follow-up case for you', 'Follow-up case overdue') };
    await shoot(noticeEmail(assigned, PUBLIC_URL).html, 'email-case-assigned.png');
    await shoot(noticeEmail(overdue, PUBLIC_URL).html, 'email-case-overdue.png');
    await shoot(noticeEmail(alert, PUBLIC_URL).html, 'email-alert-raised.png');
    await shoot(summaryEmail([assigned, alert], PUBLIC_URL, 'Monday 7 December 2026').html, 'email-daily-summary.png');
    expect(noticeEmail(alert, PUBLIC_URL).text).toMatch(/Recent NPS: \u221218\.2 \(n = 214, 95% interval \u221229\.4 to \u22126\.5\)/);

    // A bulk assignment: one e-mail for the three cases, soonest due first.
    const ids = (await app.orm.em.fork().find(FollowUpCase, { responseId: { $like: 'digest-%' } })).map((x) => x.id);
    await app.ok(`mutation($ids: [ID!]!) { assignFollowUpCases(ids: $ids, assigneeId: null) { id } }`, { ids });
    await app.ok(`mutation($ids: [ID!]!, $a: ID) { assignFollowUpCases(ids: $ids, assigneeId: $a) { id } }`, { ids, a: frontline.id });
    const gathered = await app.orm.em.fork().findOneOrFail(OutboxMessage, { event: NotificationEvent.CASE_ASSIGNED, recipient: frontline.email, subject: '3 new follow-up cases for you' });
    const gatheredPayload = payloadOf(gathered);
    if (!('notice' in gatheredPayload)) throw new Error('not a notice');
    const bulk = noticeEmail(gatheredPayload.notice, PUBLIC_URL);
    expect(bulk.text).toContain('Cases: 3, 1 of them already overdue');
    expect(bulk.text).toMatch(/1\. Win back an unhappy customer: .*\n2\. Win back an unhappy customer: .*\n3\. Thank a happy customer: /);
    await shoot(bulk.html, 'email-cases-assigned.png');
  });
});
