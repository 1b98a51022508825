import { CombinedError, type Operation } from '@urql/core';
import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import PrioritiesView from '../../client/src/features/priorities/views/PrioritiesView.vue';
import type { PrioritiesQuery } from '../../client/src/graphql/generated';
import { fakeClient, type Answer } from './support/fakeClient';

const row = (code: string, name: string, rank: number | null): PrioritiesQuery['priorities']['touchpoints'][number] => ({
  touchpointCode: code,
  touchpointName: name,
  phaseName: 'Everyday use',
  importance: 0.2,
  importanceN: 300,
  important: true,
  strong: false,
  quadrant: 'FIX_FIRST',
  notEstimatedReason: null,
  suppressed: false,
  activeAlert: null,
  critical: false,
  difficultInModel: false,
  difficultMeasured: false,
  difficultReasons: [],
  nps: { nps: -30, n: 400, ciLow: -35, ciHigh: -25, lowSample: false, detractorShare: 0.5 },
  csat: { mean: 3, n: 400, ciLow: 2.9, ciHigh: 3.1, lowSample: false },
  measure: 'NPS',
  performance: -30,
  target: 30,
  gap: 60,
  targetNps: 30,
  targetSource: 'BEST_TOUCHPOINT',
  gapNps: 60,
  customersReached: 1000,
  annualMarginPerCustomer: 4000,
  valueAtStake: rank ? 48000 / rank : null,
  valueRank: rank,
  formulas: [],
});

function priorities(touchpoints: PrioritiesQuery['priorities']['touchpoints']): PrioritiesQuery {
  return {
    priorities: {
      outcome: 'LTR',
      outcomeDefinition: 'latest LTR',
      binaryOutcome: false,
      outcomeScale: '0-10 scale (11 values seen)',
      performanceMeasure: 'NPS',
      performanceSplitValue: -10,
      defaultTarget: 30,
      splitDescription: 'medians',
      valueAtStakeFormula: 'importance × gap × customers × margin',
      importanceSplit: 0.05,
      performanceSplit: 'MEDIAN',
      performanceSplitNps: -10,
      defaultTargetNps: 30,
      defaultTargetSource: 'BEST_TOUCHPOINT',
      rSquared: 0.8,
      driverCustomers: 1000,
      minN: 30,
      notEstimated: [],
      touchpoints,
    },
  };
}

const DATA_COVERAGE = { asOf: '2025-10-12', firstAnswerOn: '2023-11-01', latestAnswerOn: '2025-10-12', answers: 5000, customers: 1000 };

async function mountPriorities(answers: Record<string, (op: Operation) => Answer>, path = '/priorities') {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/priorities', name: 'priorities', component: PrioritiesView }] });
  await router.push(path);
  const wrapper = mount(PrioritiesView, {
    global: {
      plugins: [router, [urql, fakeClient({ Personas: () => ({ data: { personas: [] } }), DataCoverage: () => ({ data: { dataCoverage: DATA_COVERAGE } }), PersonaGaps: () => ({ data: { personaGaps: { definition: '', minN: 30, touchpoints: [], phases: [] } } }), ...answers })]],
      // The chart (ECharts on a canvas) is not what these tests look at.
      stubs: { AsyncComponentWrapper: true },
    },
  });
  await flushPromises();
  return { wrapper, router };
}

describe('PrioritiesView', () => {
  it('puts the touchpoint with the most value at stake on top and ranks the table by it', async () => {
    const { wrapper } = await mountPriorities({
      Priorities: () => ({ data: priorities([row('B', 'Annual statement', 2), row('N', 'Newsletter', null), row('A', 'Customer service phone', 1)]) }),
      EmotionalDrivers: () => ({ data: { emotionalDrivers: { definition: '', pooled: { touchpointCode: 'A', touchpointName: 'Customer service phone', n: 0, lowSample: true, rSquared: null, satisfaction: { mean: null, n: 0 }, factors: [] } } } }),
    });

    expect(wrapper.get('[data-testid="top-touchpoint-name"]').text()).toBe('Customer service phone');
    expect(wrapper.findAll('[data-testid="priority-row"]').map((r) => r.attributes('data-code'))).toEqual(['A', 'B', 'N']);
    expect(wrapper.get('[data-testid="priority-table"]').text()).toContain('DKK 48k');
    expect(wrapper.get('[data-testid="factors-panel"]').text()).toContain('No factor ratings here');
  });

  it('says why a touchpoint is not estimated and shows an active alert beside its position', async () => {
    const alert = {
      id: 'a1', status: 'OPEN' as const, raisedAt: '2026-06-30T06:00:00Z',
      evidence: { difference: -63, z: -33.7, recent: { from: '2026-06-03', to: '2026-06-30', nps: { nps: -30, n: 1200 } }, baseline: { nps: { nps: 33, n: 9000 } } },
    };
    const { wrapper } = await mountPriorities({
      Priorities: () => ({
        data: priorities([
          { ...row('A', 'Mobile app', 1), quadrant: 'KEEP_UP', activeAlert: alert },
          { ...row('N', 'Newsletter', null), quadrant: null, notEstimatedReason: 'n = 12 customers with both answers, below 30' },
        ]),
      }),
    });
    const rows = wrapper.findAll('[data-testid="priority-row"]');
    expect(rows[0]!.text()).toContain('Keep up');
    expect(rows[0]!.get('[data-testid="priority-alert"]').text()).toContain('NPS drop alert: \u221230 (n 1,200)');
    expect(rows[1]!.get('[data-testid="not-estimated"]').text()).toBe('not estimated: n = 12 customers with both answers, below 30');
  });

  it('says "hidden to protect privacy" for a touchpoint hidden from the role and for a driver weight dropped for a small pair (issue 15)', async () => {
    const data = priorities([
      { ...row('A', 'Mobile app', 1) },
      { ...row('S', 'Branch meeting', null), quadrant: null, importance: null, suppressed: true, notEstimatedReason: 'reached by too few customers' },
      { ...row('W', 'Web quote', null), quadrant: null, importance: null, notEstimatedReason: 'too few customers answered it together with other touchpoints' },
    ]);
    data.priorities.notEstimated = [
      { touchpointCode: 'W', touchpointName: 'Web quote', reason: 'LOW_PAIR_N', detail: 'fewer than 30 observations together with Branch meeting (too few customers to show)', n: 80, suppressed: true },
    ];
    const { wrapper } = await mountPriorities({ Priorities: () => ({ data }) });
    const rows = wrapper.findAll('[data-testid="priority-row"]');
    const byCode = (code: string) => rows.find((r) => r.attributes('data-code') === code)!;
    expect(byCode('S').get('[data-testid="priority-suppressed"]').text()).toBe('too few customers: hidden to protect privacy');
    expect(byCode('S').find('[data-testid="not-estimated"]').exists()).toBe(false);
    expect(byCode('W').get('[data-testid="driver-suppressed"]').text()).toBe('Driver weight: too few customers: hidden to protect privacy');
    expect(byCode('A').find('[data-testid="driver-suppressed"]').exists()).toBe(false);
  });

  it('says so when nothing in the cut can be prioritised', async () => {
    const { wrapper } = await mountPriorities({ Priorities: () => ({ data: priorities([]) }) }, '/priorities?persona=SENIOR_SAVER&period=3m');
    expect(wrapper.get('[data-testid="state-empty"]').text()).toContain('Nothing to prioritise in this cut');
    expect(wrapper.get('[data-testid="state-empty"]').text()).toContain('SENIOR_SAVER, last 3 months');
  });

  it('shows a retryable error when the server cannot be reached', async () => {
    const { wrapper } = await mountPriorities({ Priorities: () => ({ error: new CombinedError({ networkError: new TypeError('Failed to fetch') }) }) });
    expect(wrapper.get('[data-testid="state-error"]').text()).toContain('Cannot reach Touchpoint');
    expect(wrapper.get('[data-testid="state-error"] button').text()).toBe('Try again');
  });
});

describe('PrioritiesView periods and measures', () => {
  it('ends "last 12 months" at the latest answer and shows it, and names the CSAT measure when touchpoints have no LTR', async () => {
    const seen: unknown[] = [];
    const csatRow = { ...row('A', 'Seat comfort', 1), measure: 'CSAT' as const, performance: 3.4, target: 4, gap: 0.6, targetNps: null, gapNps: null };
    const { wrapper } = await mountPriorities({
      Priorities: (op) => {
        seen.push(op.variables);
        const data = priorities([csatRow]);
        return { data: { priorities: { ...data.priorities, performanceMeasure: 'CSAT', binaryOutcome: true, outcomeScale: 'two levels (0 and 10)' } } };
      },
      EmotionalDrivers: () => ({ data: { emotionalDrivers: { definition: '', pooled: { touchpointCode: 'A', touchpointName: 'Seat comfort', n: 0, lowSample: true, rSquared: null, satisfaction: { mean: null, n: 0 }, factors: [] } } } }),
    });
    // One request, already anchored at the data's last answer (2025-10-12), not at today.
    expect(seen).toEqual([{ filter: { from: '2024-10-13', to: '2025-10-12' }, outcome: 'LTR' }]);
    expect(wrapper.get('[data-testid="cut-as-of"]').text()).toBe('as of 12 Oct 2025');
    expect(wrapper.get('[data-testid="priority-measure-head"]').text()).toBe('CSAT (95%)');
    expect(wrapper.get('[data-testid="priorities-measure"]').text()).toContain('mean CSAT');
    expect(wrapper.get('[data-testid="priorities-binary-outcome"]').text()).toContain('two levels');
  });
});

describe('FollowUpView', () => {
  async function mountFollowUp(role: 'ADMIN' | 'ANALYST', items: unknown[]) {
    const { default: FollowUpView } = await import('../../client/src/features/follow-up/views/FollowUpView.vue');
    const { SessionKey } = await import('../../client/src/features/auth/composables/useSession');
    const { ref } = await import('vue');
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/follow-up', name: 'follow-up', component: FollowUpView }] });
    await router.push('/follow-up');
    const user = ref({ id: 'u', name: 'U', email: 'u@x', role, language: null, department: null });
    const session = { user, ensureLoaded: async () => user.value, signIn: async () => ({ ok: false as const, message: '' }), signOut: async () => {}, forget: () => {} };
    const client = fakeClient({
      FollowUpQueue: () => ({ data: { followUpCases: { totalCount: items.length, pageInfo: { endCursor: null, hasNextPage: false }, items } } }),
      FollowUpCounts: () => ({ data: { followUpCounts: { total: items.length, open: items.length, overdue: 0, byStatus: [] } } }),
      Alerts: () => ({ data: { alerts: [] } }),
    });
    const wrapper = mount(FollowUpView, { global: { plugins: [router, [urql, client]], provide: { [SessionKey]: session } } });
    await flushPromises();
    return { wrapper, router };
  }

  it('tells someone in no department why their queue is empty', async () => {
    const { wrapper } = await mountFollowUp('ANALYST', []);
    expect(wrapper.get('[data-testid="state-empty"]').text()).toContain('you belong to none');
  });

  it('lists cases and opens one into the address', async () => {
    const item = {
      id: 'c1',
      kind: 'RECOVER',
      status: 'OPEN',
      ltr: 2,
      dueAt: new Date(Date.now() + 5 * 3_600_000).toISOString(),
      overdue: false,
      respondedAt: new Date().toISOString(),
      customerId: 'C1',
      customerValue: 5000,
      personaCode: 'SENIOR_SAVER',
      persona: { name: 'Senior saver' },
      touchpointCode: 'TP',
      touchpoint: { name: 'Claims handler' },
      department: { name: 'Claims' },
      assignee: null,
    };
    const { wrapper, router } = await mountFollowUp('ADMIN', [item]);
    const rows = wrapper.findAll('[data-testid="queue-row"]');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text()).toContain('Claims handler');
    expect(rows[0]!.text()).toContain('due in 5 h');
    await rows[0]!.get('button').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query.case).toBe('c1');
  });
});
