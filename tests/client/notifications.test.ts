import { Client, CombinedError, type Operation } from '@urql/core';
import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { never } from 'wonka';
import { SessionKey, type Session, type SessionUser } from '../../client/src/features/auth/composables/useSession';
import NotificationSettings from '../../client/src/features/notifications/components/NotificationSettings.vue';
import WeeklyDigestView from '../../client/src/features/notifications/views/WeeklyDigestView.vue';
import type { MyNotificationSettingsQuery, WeeklyDigestPreviewQuery } from '../../client/src/graphql/generated';
import { applyLanguage } from '../../client/src/shared/i18n';
import { fakeClient, type Answer } from './support/fakeClient';

const SETTINGS: MyNotificationSettingsQuery['myNotificationSettings'] = {
  email: 'frida@example.com',
  alertRaised: 'IMMEDIATE',
  caseAssigned: 'IMMEDIATE',
  caseOverdue: 'DAILY_SUMMARY',
  weeklyDigest: true,
  emailConfigured: true,
};

function recording(answers: Record<string, (op: Operation) => Answer>) {
  const sent: Operation[] = [];
  const client = fakeClient(Object.fromEntries(Object.entries(answers).map(([name, fn]) => [name, (op: Operation) => (sent.push(op), fn(op))])));
  const named = (name: string) => sent.filter((op) => op.query.definitions.some((d) => d.kind === 'OperationDefinition' && d.name?.value === name));
  return { client, named };
}

async function withRouter() {
  const stub = { template: '<div />' };
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', name: 'account', component: stub }, { path: '/weekly-digest', name: 'weekly-digest', component: stub }] });
  await router.push('/');
  return router;
}

async function mountSettings(client: Client) {
  const wrapper = mount(NotificationSettings, { global: { plugins: [await withRouter(), [urql, client]] } });
  await flushPromises();
  return wrapper;
}

describe('NotificationSettings', () => {
  it('reads in Danish for a Danish user (issue 23)', async () => {
    applyLanguage('da');
    try {
      const wrapper = await mountSettings(fakeClient({ MyNotificationSettings: () => ({ data: { myNotificationSettings: SETTINGS } }) }));
      expect(wrapper.get('h2').text()).toBe('Notifikationer');
      expect(wrapper.text()).toContain('E-mails sendes til frida@example.com.');
      expect(wrapper.findAll('legend').map((l) => l.text())).toEqual(['Alarmer om fald i NPS', 'En opfølgningssag, der er givet til mig', 'Mine opfølgningssager, der er forsinkede']);
      expect(wrapper.get('[data-testid="alertRaised-DAILY_SUMMARY"]').element.parentElement?.textContent?.trim()).toBe('Daglig oversigt');
    } finally {
      applyLanguage('en');
    }
  });

  it("shows the user's address and current choices, and changes only the one setting touched", async () => {
    const { client, named } = recording({
      MyNotificationSettings: () => ({ data: { myNotificationSettings: SETTINGS } }),
      UpdateMyNotificationSettings: (op) => ({ data: { updateMyNotificationSettings: { ...SETTINGS, ...(op.variables as { input: object }).input } } }),
    });
    const wrapper = await mountSettings(client);
    expect(wrapper.text()).toContain('E-mails go to frida@example.com.');
    expect(wrapper.find('[data-testid="email-not-configured"]').exists()).toBe(false);
    const checked = (id: string) => (wrapper.get(`[data-testid="${id}"]`).element as HTMLInputElement).checked;
    expect([checked('alertRaised-IMMEDIATE'), checked('caseOverdue-DAILY_SUMMARY'), checked('caseOverdue-IMMEDIATE'), checked('weekly-digest')]).toEqual([true, true, false, true]);

    await wrapper.get('[data-testid="caseAssigned-NEVER"]').setValue(true);
    await flushPromises();
    expect(named('UpdateMyNotificationSettings').map((op) => op.variables)).toEqual([{ input: { caseAssigned: 'NEVER' } }]);
    expect(checked('caseAssigned-NEVER')).toBe(true);
    expect(wrapper.get('[role="status"].hint').text()).toBe('Saved.');

    await wrapper.get('[data-testid="weekly-digest"]').setValue(false);
    await flushPromises();
    expect(named('UpdateMyNotificationSettings').at(-1)?.variables).toEqual({ input: { weeklyDigest: false } });
    expect(checked('weekly-digest')).toBe(false);
    expect(wrapper.get('a').attributes('href')).toBe('/weekly-digest');
  });

  it('says that e-mail is not set up yet, and that a refused change was not saved', async () => {
    const { client } = recording({
      MyNotificationSettings: () => ({ data: { myNotificationSettings: { ...SETTINGS, emailConfigured: false } } }),
      UpdateMyNotificationSettings: () => ({ error: new CombinedError({ graphQLErrors: [{ message: 'alertRaised: choose IMMEDIATE, DAILY_SUMMARY or NEVER.', extensions: { code: 'BAD_USER_INPUT' } }] }) }),
    });
    const wrapper = await mountSettings(client);
    expect(wrapper.get('[data-testid="email-not-configured"]').text()).toContain('not set up on this server');
    await wrapper.get('[data-testid="alertRaised-NEVER"]').setValue(true);
    await flushPromises();
    // The server's own words, without urql's "[GraphQL]" prefix.
    expect(wrapper.get('[data-testid="notifications-error"]').text()).toBe('Not saved: alertRaised: choose IMMEDIATE, DAILY_SUMMARY or NEVER.');
    expect(wrapper.text()).not.toContain('Saved.');
  });

  it('shows loading, then an error when the settings cannot be loaded', async () => {
    const silent = new Client({ url: 'http://test/graphql', exchanges: [() => () => never] });
    const loading = await mountSettings(silent);
    expect(loading.get('[data-testid="state-loading"]').text()).toContain('Loading your notification settings');

    const { client } = recording({ MyNotificationSettings: () => ({ error: new CombinedError({ networkError: new Error('connection refused') }) }) });
    const failed = await mountSettings(client);
    expect(failed.get('[data-testid="state-error"]').text()).toContain('Cannot reach Touchpoint');
    expect(failed.find('input').exists()).toBe(false);
  });
});

const DIGEST: WeeklyDigestPreviewQuery['weeklyDigestPreview'] = {
  kind: 'PRIORITIES',
  subject: 'Touchpoint week 49: priorities and alerts',
  html: '<html><body><h1>Week 49</h1><p>Two new alerts.</p></body></html>',
  text: 'Week 49\nTwo new alerts.',
  chartOption: JSON.stringify({ xAxis: { type: 'category', data: ['Phone', 'Web'] }, series: [{ type: 'bar', data: [-12, 8] }] }),
  chartLabel: 'NPS by touchpoint: Phone −12, Web +8',
  link: 'https://touchpoint.example.com/priorities',
};

/** Stands in for the ECharts canvas: shows the option and label it was given (the view's data-testid falls through onto it). */
const ChartProbe = defineComponent({
  props: { option: { type: Object, required: true }, label: { type: String, required: true } },
  setup: (props) => () => h('figure', { 'data-option': JSON.stringify(props.option), 'aria-label': props.label }),
});

async function mountDigest(role: SessionUser['role'], answers: Record<string, (op: Operation) => Answer>) {
  const user = ref<SessionUser | null>({ id: 'u1', name: 'Stina', email: 'stina@example.com', role, department: null });
  const session: Session = { user, ensureLoaded: async () => user.value, signIn: async () => ({ ok: false, message: '' }), signOut: async () => {}, forget: () => {} };
  const rec = recording(answers);
  const wrapper = mount(WeeklyDigestView, { global: { plugins: [[urql, rec.client]], provide: { [SessionKey as symbol]: session }, stubs: { BaseChart: ChartProbe } } });
  await flushPromises();
  return { wrapper, ...rec };
}

describe('WeeklyDigestView', () => {
  it("shows the user's own digest: subject, the chart from the server's option, the e-mail in a sandbox and the text version", async () => {
    const { wrapper, named } = await mountDigest('STRATEGIST', { WeeklyDigestPreview: () => ({ data: { weeklyDigestPreview: DIGEST } }) });
    expect(named('WeeklyDigestPreview').map((op) => op.variables)).toEqual([{ kind: null }]);
    expect(wrapper.find('[data-testid="digest-kind"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('for you');
    expect(wrapper.get('[data-testid="digest-subject"]').text()).toBe(DIGEST.subject);
    const chart = wrapper.get('[data-testid="digest-chart"]');
    expect(JSON.parse(chart.attributes('data-option')!)).toEqual(JSON.parse(DIGEST.chartOption!));
    expect(chart.attributes('aria-label')).toBe(DIGEST.chartLabel);
    const frame = wrapper.get('[data-testid="digest-email"]');
    // An empty sandbox: the e-mail's HTML runs no script and cannot reach the app.
    expect(frame.attributes('sandbox')).toBe('');
    expect(frame.attributes('srcdoc')).toBe(DIGEST.html);
    expect(wrapper.get('pre').text()).toBe(DIGEST.text);
  });

  it("lets an admin preview another role's digest", async () => {
    const { wrapper, named } = await mountDigest('ADMIN', {
      WeeklyDigestPreview: (op) => {
        const kind = (op.variables as { kind: string | null }).kind;
        return { data: { weeklyDigestPreview: kind === 'CASES' ? { ...DIGEST, kind: 'CASES', subject: 'Your open cases', chartOption: null, chartLabel: null } : DIGEST } };
      },
    });
    expect(wrapper.text()).toContain('for each role');
    expect(wrapper.find('[data-testid="digest-chart"]').exists()).toBe(true);
    await wrapper.get('[data-testid="digest-kind"]').setValue('CASES');
    await flushPromises();
    expect(named('WeeklyDigestPreview').at(-1)?.variables).toEqual({ kind: 'CASES' });
    expect(wrapper.get('[data-testid="digest-subject"]').text()).toBe('Your open cases');
    // The front-line digest has no chart: none is drawn.
    expect(wrapper.find('[data-testid="digest-chart"]').exists()).toBe(false);
  });

  it('shows loading, then the reason when the digest cannot be built', async () => {
    const user = ref<SessionUser | null>({ id: 'u1', name: 'Stina', email: 'stina@example.com', role: 'EXECUTIVE', department: null });
    const session: Session = { user, ensureLoaded: async () => user.value, signIn: async () => ({ ok: false, message: '' }), signOut: async () => {}, forget: () => {} };
    const silent = new Client({ url: 'http://test/graphql', exchanges: [() => () => never] });
    const loading = mount(WeeklyDigestView, { global: { plugins: [[urql, silent]], provide: { [SessionKey as symbol]: session }, stubs: { BaseChart: ChartProbe } } });
    await flushPromises();
    expect(loading.get('[data-testid="state-loading"]').text()).toContain('Building the digest');

    const { wrapper } = await mountDigest('EXECUTIVE', {
      WeeklyDigestPreview: () => ({ error: new CombinedError({ graphQLErrors: [{ message: 'kind: your role EXECUTIVE gets the PROGRAMME digest; only admins preview the others.', extensions: { code: 'FORBIDDEN' } }] }) }),
    });
    expect(wrapper.get('[data-testid="state-error"]').text()).toContain('only admins preview the others');
    expect(wrapper.find('[data-testid="digest-email"]').exists()).toBe(false);
  });
});
