import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { SessionKey } from '../../client/src/features/auth/composables/useSession';
import { applyLanguage } from '../../client/src/shared/i18n';
import { fakeClient } from './support/fakeClient';

// Issue 15: the sentence for what the server hid (too few customers for this role) on the status page's units
// and on the follow-up page's alert evidence, in English and Danish; shown figures carry no sentence.

function session(role: 'EXECUTIVE' | 'ADMIN') {
  const user = ref({ id: 'u', name: 'U', email: 'u@x', role, language: null, department: { name: 'Claims' }, minCellCustomers: 5 });
  return { user, ensureLoaded: async () => user.value, signIn: async () => ({ ok: false as const, message: '' }), signOut: async () => {}, forget: () => {} };
}

/** The charts (ECharts, async) stand in as a div holding the option they were given. */
const ChartStub = defineComponent({ name: 'AsyncComponentWrapper', props: { option: { type: Object, default: null } }, setup: (props) => () => h('div', { 'data-testid': 'chart-stub', 'data-option': JSON.stringify(props.option) }) });

afterEach(() => applyLanguage('en'));

const unit = (unitCode: string, name: string, suppressed: boolean) => ({
  unitCode,
  name,
  customers: suppressed ? 0 : 240,
  suppressed,
  employeeSatisfaction: { mean: suppressed ? null : 4.2, n: suppressed ? 0 : 30 },
  managementQuality: { mean: suppressed ? null : 3.9, n: suppressed ? 0 : 30 },
  marginPerCustomer: { mean: suppressed ? null : 4100, n: suppressed ? 0 : 240 },
  nps: { nps: suppressed ? null : 17, ciLow: suppressed ? null : 8, ciHigh: suppressed ? null : 26, n: suppressed ? 0 : 240 },
});

async function mountStatus(units: ReturnType<typeof unit>[]) {
  const { default: StatusView } = await import('../../client/src/features/status/views/StatusView.vue');
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/status', name: 'status', component: StatusView }, { path: '/targets', name: 'targets', component: StatusView }] });
  await router.push('/status');
  const client = fakeClient({
    Personas: () => ({ data: { personas: [] } }),
    Targets: () => ({ data: { targets: [] } }),
    Units: () => ({ data: { units: { period: { start: '2025-10-01', end: '2026-09-30' }, units, correlations: [] } } }),
  });
  const wrapper = mount(StatusView, {
    global: { plugins: [router, [urql, client]], provide: { [SessionKey]: session('EXECUTIVE') }, stubs: { AsyncComponentWrapper: ChartStub, TrendExplorer: true, CutControls: true } },
  });
  await flushPromises();
  return wrapper;
}

describe('status page: units the server hid', () => {
  it('names the hidden unit with the privacy sentence, in English and Danish, and draws the shown one', async () => {
    const wrapper = await mountStatus([unit('AAR', 'Aarhus', false), unit('ODE', 'Odense', true)]);
    expect(wrapper.get('[data-testid="units-suppressed"]').text()).toBe('Units hidden to protect privacy: Odense (fewer than 5 customers: hidden to protect privacy).');
    const chart = JSON.parse(wrapper.get('[data-testid="units-chart"]').attributes('data-option') ?? '{}') as { series: { data: { name: string; value: number[] }[] }[] };
    expect(chart.series[0]!.data).toEqual([{ name: 'Aarhus', value: [4.2, 17] }]);
    applyLanguage('da');
    await flushPromises();
    expect(wrapper.get('[data-testid="units-suppressed"]').text()).toBe('Enheder skjult af hensyn til privatlivet: Odense (færre end 5 kunder: skjult af hensyn til privatlivet).');
  });

  it('says nothing when no unit is hidden, and draws every unit', async () => {
    const wrapper = await mountStatus([unit('AAR', 'Aarhus', false), unit('ODE', 'Odense', false)]);
    expect(wrapper.find('[data-testid="units-suppressed"]').exists()).toBe(false);
    expect(wrapper.text()).not.toContain('hidden to protect privacy');
    const chart = JSON.parse(wrapper.get('[data-testid="units-chart"]').attributes('data-option') ?? '{}') as { series: { data: { name: string }[] }[] };
    expect(chart.series[0]!.data.map((d) => d.name)).toEqual(['Aarhus', 'Odense']);
  });
});

const window = (nps: number | null, n: number) => ({ from: '2026-11-01', to: '2026-11-30', nps: { nps, n, ciLow: null, ciHigh: null }, csat: null });
const alert = (id: string, scopeName: string, suppressed: boolean) => ({
  id,
  status: 'OPEN',
  scope: 'TOUCHPOINT',
  scopeCode: id,
  raisedAt: '2026-11-30T08:00:00Z',
  acknowledgedAt: null,
  acknowledgedByName: null,
  rule: { name: 'NPS drop', windowDays: 30, baselineDays: 90 },
  touchpoint: { name: scopeName, responsible: null, department: { name: 'Claims' } },
  evidence: {
    scopeName,
    measure: 'NPS',
    difference: suppressed ? null : -22,
    suppressed,
    z: suppressed ? null : -3.1,
    criticalZ: suppressed ? null : 2.81,
    pValue: suppressed ? null : 0.002,
    tests: 12,
    recent: suppressed ? window(null, 0) : window(-31, 64),
    baseline: suppressed ? window(null, 0) : window(-9, 410),
  },
});

async function mountFollowUp(alerts: ReturnType<typeof alert>[]) {
  const { default: FollowUpView } = await import('../../client/src/features/follow-up/views/FollowUpView.vue');
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/follow-up', name: 'follow-up', component: FollowUpView }] });
  await router.push('/follow-up');
  const client = fakeClient({
    FollowUpQueue: () => ({ data: { followUpCases: { totalCount: 0, pageInfo: { endCursor: null, hasNextPage: false }, items: [] } } }),
    FollowUpCounts: () => ({ data: { followUpCounts: { total: 0, open: 0, overdue: 0, byStatus: [] } } }),
    Alerts: () => ({ data: { alerts } }),
  });
  const wrapper = mount(FollowUpView, { global: { plugins: [router, [urql, client]], provide: { [SessionKey]: session('ADMIN') }, stubs: { AsyncComponentWrapper: ChartStub } } });
  await flushPromises();
  return wrapper;
}

describe('follow-up page: alert evidence the server hid', () => {
  it('says the privacy sentence instead of the figures, in English and Danish', async () => {
    const wrapper = await mountFollowUp([alert('TP_SMALL', 'Glass repair', true)]);
    const card = wrapper.get('[data-testid="alert"]');
    expect(card.get('[data-testid="alert-suppressed"]').text()).toContain('fewer than 5 customers: hidden to protect privacy');
    expect(card.text()).not.toMatch(/z = |NPS [-\u2212]?\d/);
    applyLanguage('da');
    await flushPromises();
    expect(wrapper.get('[data-testid="alert-suppressed"]').text()).toContain('færre end 5 kunder: skjult af hensyn til privatlivet');
  });

  it('shows a shown alert with its figures and no sentence', async () => {
    const wrapper = await mountFollowUp([alert('TP_CLAIM', 'Claims handler', false), alert('TP_SMALL', 'Glass repair', true)]);
    const [shown, hidden] = wrapper.findAll('[data-testid="alert"]');
    expect(shown!.find('[data-testid="alert-suppressed"]').exists()).toBe(false);
    expect(shown!.text()).not.toContain('hidden to protect privacy');
    expect(shown!.text()).toContain('Claims handler: NPS down 22 points');
    expect(shown!.text()).toContain('NPS \u221231 (n 64)');
    expect(shown!.text()).toContain('NPS \u22129 (n 410)');
    expect(shown!.text()).toContain('z = \u22123.1, threshold 2.81 (12 scopes tested)');
    expect(hidden!.find('[data-testid="alert-suppressed"]').exists()).toBe(true);
  });
});
