import { Client, CombinedError, type Operation } from '@urql/core';
import { never } from 'wonka';
import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { ref } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { SessionKey, type Session, type SessionUser } from '../../client/src/features/auth/composables/useSession';
import DeliveryLog from '../../client/src/features/setup/components/DeliveryLog.vue';
import WebhookEndpointEditor from '../../client/src/features/setup/components/WebhookEndpointEditor.vue';
import NotificationsView from '../../client/src/features/setup/views/NotificationsView.vue';
import type { NotificationDeliveriesQuery, WebhookEndpointFieldsFragment } from '../../client/src/graphql/generated';
import { fakeClient, type Answer } from './support/fakeClient';

type Delivery = NotificationDeliveriesQuery['notificationDeliveries']['items'][number];

const endpoint = (fields: Partial<WebhookEndpointFieldsFragment> = {}): WebhookEndpointFieldsFragment => ({
  id: 'w1',
  name: 'Service channel',
  url: 'https://hooks.example.com/service',
  events: ['ALERT_RAISED', 'CASE_ASSIGNED'],
  format: 'CHAT',
  includePersonalData: false,
  enabled: true,
  createdAt: '2026-12-01T08:00:00.000Z',
  ...fields,
});

const delivery = (fields: Partial<Delivery> = {}): Delivery => ({
  id: 'd1',
  channel: 'WEBHOOK',
  event: 'CASE_ASSIGNED',
  recipient: 'https://hooks.example.com/service',
  userName: null,
  endpointName: 'Service channel',
  subject: 'Case assigned: call back Anna',
  language: 'EN',
  status: 'DELIVERED',
  attempts: 1,
  attemptLog: [{ at: '2026-12-06T08:00:01.000Z', ok: true, status: 200, detail: 'HTTP 200' }],
  createdAt: '2026-12-06T08:00:00.000Z',
  nextAttemptAt: null,
  deliveredAt: '2026-12-06T08:00:01.000Z',
  replayOf: null,
  ...fields,
});

const failed = delivery({
  id: 'd2',
  status: 'FAILED',
  attempts: 3,
  attemptLog: [
    { at: '2026-12-06T07:00:01.000Z', ok: false, status: 500, detail: 'HTTP 500: boom' },
    { at: '2026-12-06T07:00:03.000Z', ok: false, status: 500, detail: 'HTTP 500: boom' },
    { at: '2026-12-06T07:00:07.000Z', ok: false, status: 503, detail: 'HTTP 503: down for maintenance' },
  ],
  deliveredAt: null,
});
const pending = delivery({
  id: 'd3',
  channel: 'EMAIL',
  event: 'ALERT_RAISED',
  recipient: 'pia@example.com',
  userName: 'Pia Holm',
  endpointName: null,
  subject: 'Alert: Phone NPS dropped',
  status: 'PENDING',
  attempts: 1,
  attemptLog: [{ at: '2026-12-06T09:00:00.000Z', ok: false, status: 421, detail: '421 try later' }],
  nextAttemptAt: '2026-12-06T09:00:30.000Z',
  deliveredAt: null,
});

const SCHEDULE = { timeZone: 'Europe/Copenhagen', weeklyDigestCron: '0 7 * * 1', dailySummaryCron: '0 16 * * *', nextWeeklyDigest: '2026-12-07T06:00:00.000Z', emailConfigured: false };

function recording(answers: Record<string, (op: Operation) => Answer>) {
  const sent: Operation[] = [];
  const client = fakeClient(Object.fromEntries(Object.entries(answers).map(([name, fn]) => [name, (op: Operation) => (sent.push(op), fn(op))])));
  const named = (name: string) => sent.filter((op) => op.query.definitions.some((d) => d.kind === 'OperationDefinition' && d.name?.value === name));
  return { client, sent, named };
}

const admin: SessionUser = { id: 'u1', name: 'Admin', email: 'admin@example.com', role: 'ADMIN', department: null };
const session = (): Session => {
  const user = ref<SessionUser | null>(admin);
  return { user, ensureLoaded: async () => user.value, signIn: async () => ({ ok: false, message: '' }), signOut: async () => {}, forget: () => {} };
};

async function mountPage(answers: Record<string, (op: Operation) => Answer>, path = '/setup/notifications') {
  const stub = { template: '<div />' };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/setup/notifications', name: 'setup-notifications', component: NotificationsView },
      ...['setup-personas', 'setup-departments', 'setup-units', 'setup-alert-rules', 'setup-users', 'setup-sign-on', 'setup-privacy'].map((name) => ({ path: `/${name}`, name, component: stub })),
    ],
  });
  await router.push(path);
  const rec = recording(answers);
  const wrapper = mount(NotificationsView, { global: { plugins: [router, [urql, rec.client]], provide: { [SessionKey as symbol]: session() } }, attachTo: document.body });
  return { wrapper, router, ...rec };
}

const confirmWas = window.confirm;
afterEach(() => {
  window.confirm = confirmWas;
  document.body.innerHTML = '';
});

describe('Notifications set-up page', () => {
  it('shows the schedule, the endpoints and the delivery log with each outcome, and sends a failed message again', async () => {
    let items = [pending, failed, delivery()];
    const { wrapper, named } = await mountPage({
      WebhookEndpoints: () => ({ data: { webhookEndpoints: [endpoint()], notificationSchedule: SCHEDULE } }),
      NotificationDeliveries: () => ({ data: { notificationDeliveries: { totalCount: items.length, items } } }),
      ReplayNotificationDelivery: () => {
        items = [delivery({ id: 'd4', replayOf: 'd2', status: 'PENDING', attempts: 0, attemptLog: [], nextAttemptAt: '2026-12-06T10:00:00.000Z' }), ...items];
        return { data: { replayNotificationDelivery: { id: 'd4', status: 'PENDING' } } };
      },
    });
    await flushPromises();

    expect(wrapper.get('[data-testid="email-not-configured"]').text()).toContain('SMTP_HOST');
    expect(wrapper.get('[data-testid="notification-schedule"]').text()).toContain('0 7 * * 1 in Europe/Copenhagen');
    expect(wrapper.get('[data-testid="next-digest"]').text()).toBe('next 7 Dec 2026, 06:00 UTC');
    const endpointRow = wrapper.get('[data-testid="webhook-list"] [data-testid="table-row"]');
    expect(endpointRow.text()).toContain('Service channel');
    expect(endpointRow.text()).toContain('alert raised and case assigned');
    expect(endpointRow.text()).toContain('Left out');

    const rows = wrapper.findAll('[data-testid="delivery-row"]');
    expect(rows.map((r) => r.get('[data-testid="delivery-status"]').text())).toEqual(['Waiting to be tried', 'Failed', 'Delivered']);
    expect(rows[0]!.text()).toContain('Pia Holm <pia@example.com>');
    expect(rows[0]!.text()).toContain('6 Dec 2026, 09:00 UTC'); // the next attempt
    expect(rows.map((r) => r.get('[data-testid="delivery-error"]').text())).toEqual(['421 try later', 'HTTP 503: down for maintenance', '—']);
    expect(wrapper.find('[data-testid="attempts"]').exists()).toBe(false);
    await rows[1]!.get('[data-testid="attempts-toggle"]').trigger('click');
    expect(rows[1]!.get('[data-testid="attempts-toggle"]').attributes('aria-expanded')).toBe('true');
    expect(wrapper.get('[data-testid="attempts"]').findAll('li').map((li) => li.text())).toEqual([
      '6 Dec 2026, 07:00 UTC: failed (HTTP 500: boom)',
      '6 Dec 2026, 07:00 UTC: failed (HTTP 500: boom)',
      '6 Dec 2026, 07:00 UTC: failed (HTTP 503: down for maintenance)',
    ]);
    // Only finished messages can be sent again; a waiting one is still being tried.
    expect(rows.map((r) => r.find('[data-testid="replay"]').exists())).toEqual([false, true, true]);
    expect(wrapper.get('[data-testid="page-range"]').text()).toBe('1–3 of 3');

    await rows[1]!.get('[data-testid="replay"]').trigger('click');
    await flushPromises();
    expect(named('ReplayNotificationDelivery').map((op) => op.variables)).toEqual([{ id: 'd2' }]);
    expect(wrapper.get('[data-testid="replay-notice"]').text()).toContain('is being sent again');
    expect(wrapper.findAll('[data-testid="delivery-row"]')).toHaveLength(4);
    expect(wrapper.findAll('[data-testid="delivery-row"]')[0]!.text()).toContain('(sent again)');
  });

  it('shows that it is loading while the server has not answered', async () => {
    const silent = new Client({ url: 'http://test/graphql', exchanges: [() => () => never] });
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: NotificationsView }, ...['setup-personas', 'setup-departments', 'setup-units', 'setup-alert-rules', 'setup-users', 'setup-sign-on', 'setup-notifications', 'setup-privacy'].map((name) => ({ path: `/${name}`, name, component: { template: '<div />' } }))] });
    await router.push('/');
    const wrapper = mount(NotificationsView, { global: { plugins: [router, [urql, silent]], provide: { [SessionKey as symbol]: session() } } });
    await flushPromises();
    expect(wrapper.get('[data-testid="state-loading"]').text()).toContain('Loading webhook endpoints');
  });

  it('says when nothing was sent yet and when no endpoint exists', async () => {
    const { wrapper } = await mountPage({
      WebhookEndpoints: () => ({ data: { webhookEndpoints: [], notificationSchedule: { ...SCHEDULE, emailConfigured: true, nextWeeklyDigest: null } } }),
      NotificationDeliveries: () => ({ data: { notificationDeliveries: { totalCount: 0, items: [] } } }),
    });
    await flushPromises();
    const empties = wrapper.findAll('[data-testid="state-empty"]').map((e) => e.text());
    expect(empties).toEqual([expect.stringContaining('No webhook endpoints yet'), expect.stringContaining('Nothing has been sent yet')]);
    expect(wrapper.find('[data-testid="email-not-configured"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="next-digest"]').text()).toBe('next not scheduled on this server');
  });

  it('shows why the page could not load, and loads again on request', async () => {
    let fail = true;
    const { wrapper, named } = await mountPage({
      WebhookEndpoints: () => (fail ? { error: new CombinedError({ graphQLErrors: [{ message: 'Only administrators manage notifications.', extensions: { code: 'FORBIDDEN' } }] }) } : { data: { webhookEndpoints: [], notificationSchedule: SCHEDULE } }),
      NotificationDeliveries: () => ({ data: { notificationDeliveries: { totalCount: 0, items: [] } } }),
    });
    await flushPromises();
    expect(wrapper.get('[data-testid="state-error"]').text()).toContain('Only administrators manage notifications.');
    fail = false;
    await wrapper.get('[data-testid="state-error"] button').trigger('click');
    await flushPromises();
    expect(named('WebhookEndpoints').length).toBeGreaterThan(1);
    expect(wrapper.find('[data-testid="state-error"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="notification-schedule"]').exists()).toBe(true);
  });

  it('opens an endpoint for editing from its Edit button (keyboard) into the address', async () => {
    const { wrapper, router } = await mountPage({
      WebhookEndpoints: () => ({ data: { webhookEndpoints: [endpoint()], notificationSchedule: SCHEDULE } }),
      NotificationDeliveries: () => ({ data: { notificationDeliveries: { totalCount: 0, items: [] } } }),
    });
    await flushPromises();
    await wrapper.get('[data-testid="edit-endpoint"]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query.edit).toBe('w1');
    expect(wrapper.get('[data-testid="webhook-form"] h2').text()).toBe('Edit Service channel');
    expect((wrapper.get('[data-testid="field-url"]').element as HTMLInputElement).value).toBe('https://hooks.example.com/service');
  });
});

describe('DeliveryLog', () => {
  function mountLog(totalCount: number, pageSize = 2) {
    const all = Array.from({ length: totalCount }, (_, i) => delivery({ id: `m${i}` }));
    const rec = recording({
      NotificationDeliveries: (op) => {
        const { first, offset } = op.variables as { first: number; offset: number };
        return { data: { notificationDeliveries: { totalCount, items: all.slice(offset, offset + first) } } };
      },
    });
    const wrapper = mount(DeliveryLog, { props: { endpoints: [endpoint()], pageSize }, global: { plugins: [[urql, rec.client]] } });
    return { wrapper, ...rec };
  }

  it('pages through the log, older and newer, and starts again at the newest when a filter changes', async () => {
    const { wrapper, named } = mountLog(5);
    await flushPromises();
    expect(wrapper.get('[data-testid="page-range"]').text()).toBe('1–2 of 5');
    expect(wrapper.get('[data-testid="page-previous"]').attributes('disabled')).toBeDefined();
    await wrapper.get('[data-testid="page-next"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-testid="page-next"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="page-range"]').text()).toBe('5–5 of 5');
    expect(wrapper.findAll('[data-testid="delivery-row"]').map((r) => r.attributes('data-id'))).toEqual(['m4']);
    expect(wrapper.get('[data-testid="page-next"]').attributes('disabled')).toBeDefined();
    await wrapper.get('[data-testid="filter-status"]').setValue('FAILED');
    await wrapper.get('[data-testid="filter-endpoint"]').setValue('w1');
    await wrapper.get('[data-testid="filter-event"]').setValue('CASE_OVERDUE');
    await flushPromises();
    const asked = named('NotificationDeliveries').map((op) => op.variables);
    expect(asked[0]).toEqual({ status: null, endpointId: null, event: null, first: 2, offset: 0 });
    expect(asked).toContainEqual({ status: null, endpointId: null, event: null, first: 2, offset: 2 });
    expect(asked).toContainEqual({ status: null, endpointId: null, event: null, first: 2, offset: 4 });
    expect(asked.at(-1)).toEqual({ status: ['FAILED'], endpointId: 'w1', event: 'CASE_OVERDUE', first: 2, offset: 0 });
  });

  it("says why a replay was refused and leaves the log as it was", async () => {
    const rec = recording({
      NotificationDeliveries: () => ({ data: { notificationDeliveries: { totalCount: 1, items: [failed] } } }),
      ReplayNotificationDelivery: () => ({ error: new CombinedError({ graphQLErrors: [{ message: 'Delivery d2 is PENDING; only DELIVERED, FAILED and SKIPPED messages can be replayed.', extensions: { code: 'CONFLICT' } }] }) }),
    });
    const wrapper = mount(DeliveryLog, { props: { endpoints: [] }, global: { plugins: [[urql, rec.client]] } });
    await flushPromises();
    await wrapper.get('[data-testid="replay"]').trigger('click');
    await flushPromises();
    const notice = wrapper.get('[data-testid="replay-notice"]');
    expect(notice.attributes('role')).toBe('alert');
    expect(notice.text()).toContain('Could not send "Case assigned: call back Anna" again: Delivery d2 is PENDING');
    expect(rec.named('NotificationDeliveries')).toHaveLength(1);
  });

  it("marks each subject with the language it was sent in, so a Danish subject is read as Danish on an English page", async () => {
    const danish = delivery({ id: 'd4', channel: 'EMAIL', subject: 'Opfølgningssag over fristen: vind en utilfreds kunde tilbage (Telefon)', language: 'DA' });
    const unknown = delivery({ id: 'd5', channel: 'EMAIL', event: 'WEEKLY_DIGEST', subject: 'Weekly digest', language: null });
    const rec = recording({ NotificationDeliveries: () => ({ data: { notificationDeliveries: { totalCount: 3, items: [danish, failed, unknown] } } }) });
    const wrapper = mount(DeliveryLog, { props: { endpoints: [] }, global: { plugins: [[urql, rec.client]] } });
    await flushPromises();
    const subjects = wrapper.findAll('.delivery-log__subject > span:first-child').map((s) => [s.text(), s.attributes('lang')]);
    expect(subjects).toEqual([
      ['Opfølgningssag over fristen: vind en utilfreds kunde tilbage (Telefon)', 'da'],
      ['Case assigned: call back Anna', 'en'],
      ['Weekly digest', undefined],
    ]);
  });

  it('tells a filter that matches nothing apart from an empty log', async () => {
    const rec = recording({ NotificationDeliveries: () => ({ data: { notificationDeliveries: { totalCount: 0, items: [] } } }) });
    const wrapper = mount(DeliveryLog, { props: { endpoints: [] }, global: { plugins: [[urql, rec.client]] } });
    await flushPromises();
    expect(wrapper.get('[data-testid="state-empty"]').text()).toContain('Nothing has been sent yet');
    await wrapper.get('[data-testid="filter-status"]').setValue('FAILED');
    await flushPromises();
    expect(wrapper.get('[data-testid="state-empty"]').text()).toContain('No messages match these filters');
  });
});

describe('WebhookEndpointEditor', () => {
  it('adds an endpoint with the events ticked and shows its secret once', async () => {
    const { client, named } = recording({
      CreateWebhookEndpoint: (op) => ({ data: { createWebhookEndpoint: { secret: 'abc123secret', endpoint: endpoint({ id: 'w9', name: String((op.variables as { input: { name: string } }).input.name) }) } } }),
    });
    const wrapper = mount(WebhookEndpointEditor, { props: { endpoint: null }, global: { plugins: [[urql, client]] } });
    await wrapper.get('[data-testid="field-name"]').setValue('Teams: customer service');
    await wrapper.get('[data-testid="field-url"]').setValue('https://teams.example.com/hook');
    await wrapper.get('[data-testid="field-event-ALERT_RAISED"]').setValue(false);
    await wrapper.get('[data-testid="field-format"]').setValue('CHAT');
    await wrapper.get('[data-testid="webhook-form"]').trigger('submit');
    await flushPromises();
    expect(named('CreateWebhookEndpoint').map((op) => op.variables)).toEqual([
      { input: { name: 'Teams: customer service', url: 'https://teams.example.com/hook', events: ['CASE_ASSIGNED', 'CASE_OVERDUE'], format: 'CHAT', includePersonalData: false, enabled: true } },
    ]);
    expect(wrapper.get('[data-testid="webhook-secret"]').text()).toBe('abc123secret');
    expect(wrapper.text()).toContain('It is shown only now.');
    expect(wrapper.emitted('saved')).toBeUndefined();
    await wrapper.get('[data-testid="secret-done"]').trigger('click');
    expect(wrapper.emitted('saved')).toHaveLength(1);
  });

  it('refuses an endpoint without a name, an address or events before sending anything', async () => {
    const { client, sent } = recording({});
    const wrapper = mount(WebhookEndpointEditor, { props: { endpoint: null }, global: { plugins: [[urql, client]] } });
    for (const x of ['ALERT_RAISED', 'CASE_ASSIGNED', 'CASE_OVERDUE']) await wrapper.get(`[data-testid="field-event-${x}"]`).setValue(false);
    await wrapper.get('[data-testid="webhook-form"]').trigger('keydown', { key: 'Enter', ctrlKey: true });
    await flushPromises();
    expect(wrapper.get('[data-testid="error-name"]').text()).toContain('Give the endpoint a name');
    expect(wrapper.get('[data-testid="error-url"]').text()).toContain('https://');
    expect(wrapper.get('[data-testid="error-events"]').text()).toContain('at least one event');
    expect(sent).toHaveLength(0);
  });

  it("places the server's refusal on the address field and keeps what was typed", async () => {
    const { client } = recording({
      UpdateWebhookEndpoint: () => ({
        error: new CombinedError({ graphQLErrors: [{ message: 'url: "ftp://x" is not an http:// or https:// address; give the full address of the receiving endpoint.', extensions: { code: 'BAD_USER_INPUT', field: 'url' } }] }),
      }),
    });
    const wrapper = mount(WebhookEndpointEditor, { props: { endpoint: endpoint() }, global: { plugins: [[urql, client]] } });
    // The form's own check lets http(s) through; the server's answer is what lands on the field here.
    await wrapper.get('[data-testid="field-url"]').setValue('https://hooks.example.com/new');
    await wrapper.get('[data-testid="webhook-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="error-url"]').text()).toBe('"ftp://x" is not an http:// or https:// address; give the full address of the receiving endpoint.');
    expect(wrapper.get('[data-testid="field-url"]').attributes('aria-invalid')).toBe('true');
    expect((wrapper.get('[data-testid="field-url"]').element as HTMLInputElement).value).toBe('https://hooks.example.com/new');
    expect(wrapper.emitted('saved')).toBeUndefined();
  });

  it('deletes only after confirmation', async () => {
    const { client, named } = recording({ DeleteWebhookEndpoint: () => ({ data: { deleteWebhookEndpoint: 'w1' } }) });
    const wrapper = mount(WebhookEndpointEditor, { props: { endpoint: endpoint() }, global: { plugins: [[urql, client]] } });
    const questions: string[] = [];
    window.confirm = (q?: string) => (questions.push(q ?? ''), false);
    await wrapper.get('[data-testid="delete"]').trigger('click');
    await flushPromises();
    expect(named('DeleteWebhookEndpoint')).toHaveLength(0);
    expect(questions[0]).toContain('Delete the webhook endpoint "Service channel"?');
    window.confirm = () => true;
    await wrapper.get('[data-testid="delete"]').trigger('click');
    await flushPromises();
    expect(named('DeleteWebhookEndpoint').map((op) => op.variables)).toEqual([{ id: 'w1' }]);
    expect(wrapper.emitted('deleted')).toHaveLength(1);
  });

  it('renews the signing secret after confirmation and shows the new one once', async () => {
    const { client, named } = recording({ RotateWebhookEndpointSecret: () => ({ data: { rotateWebhookEndpointSecret: { secret: 'new-secret-42', endpoint: { id: 'w1' } } } }) });
    const wrapper = mount(WebhookEndpointEditor, { props: { endpoint: endpoint() }, global: { plugins: [[urql, client]] } });
    window.confirm = () => true;
    await wrapper.get('[data-testid="rotate-secret"]').trigger('click');
    await flushPromises();
    expect(named('RotateWebhookEndpointSecret').map((op) => op.variables)).toEqual([{ id: 'w1' }]);
    expect(wrapper.get('[data-testid="webhook-secret"]').text()).toBe('new-secret-42');
  });
});
