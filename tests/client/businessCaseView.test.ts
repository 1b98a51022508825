import { CombinedError, type Operation } from '@urql/core';
import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { GraphQLError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { SessionKey, type Session, type SessionUser } from '../../client/src/features/auth/composables/useSession';
import BusinessCaseView from '../../client/src/features/business-case/views/BusinessCaseView.vue';
import type { Role } from '../../client/src/graphql/generated';
import { makeBusinessCase, makeOverviewCell, makeRanked } from './support/businessCase';
import { fakeClient, type Answer } from './support/fakeClient';

const MOVES_INPUTS = {
  asOf: null,
  churnValuation: null,
  discountRate: null,
  horizonYears: null,
  initiativeId: null,
  oneOffCost: 500,
  yearlyCost: null,
  scaleToCustomerBase: null,
  effect: null,
  filter: null,
  moves: [{ from: 'DETRACTOR', to: 'PASSIVE', share: 0.5, touchpointCodes: null }],
  overrides: [{ group: 'PASSIVE', churn12m: 0.05, annualMargin: null, acquisitionCost: null }],
};
const SCENARIO = {
  id: 's1',
  name: 'Half the detractors won over',
  description: 'What the board asked for',
  authorName: 'Demo Strategist',
  createdAt: '2026-11-30T10:00:00Z',
  updatedAt: '2026-11-30T10:00:00Z',
  inputs: MOVES_INPUTS,
  result: makeBusinessCase(),
};
const badInput = (extensions: Record<string, unknown>, message: string) => new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions } })] });
/** The share of the first move in a BusinessCase or SaveScenario operation. */
function firstShare(op: Operation): number | undefined {
  const v = op.variables as { scenario?: { moves?: { share: number }[] }; input?: { scenario: { moves?: { share: number }[] } } };
  return (v.scenario ?? v.input?.scenario)?.moves?.[0]?.share;
}

async function mountView(role: Role, path: string, answers: Record<string, (op: Operation) => Answer> = {}) {
  const router = createRouter({ history: createMemoryHistory(), routes: [
      { path: '/business-case', name: 'business-case', component: BusinessCaseView },
      // The overview links each cell's initiatives to the initiatives page.
      { path: '/initiatives/:id?', name: 'initiatives', component: { render: () => null } },
    ],
  });
  await router.push(path);
  const user = ref<SessionUser>({ id: 'u', name: 'U', email: 'u@x', role, language: null, department: null });
  const session: Session = { user, ensureLoaded: async () => user.value, signIn: async () => ({ ok: false, message: '' }), signOut: async () => {}, forget: () => {} };
  const client = fakeClient({
    Personas: () => ({ data: { personas: [{ id: 'p1', code: 'SENIOR', name: 'Senior saver' }] } }),
    Scenarios: () => ({ data: { scenarios: [{ id: 's1', name: SCENARIO.name, description: '', authorName: 'Demo Strategist', updatedAt: SCENARIO.updatedAt }] } }),
    CaseChoices: () => ({ data: { initiatives: [], departments: [{ id: 'd1', name: 'Customer Service' }], touchpointJourneys: [] } }),
    Scenario: () => ({ data: { scenario: SCENARIO } }),
    BusinessCase: () => ({ data: { businessCase: makeBusinessCase({ title: 'Live' }) } }),
    ...answers,
  });
  const wrapper = mount(BusinessCaseView, {
    global: { plugins: [router, [urql, client]], provide: { [SessionKey]: session }, stubs: { AsyncComponentWrapper: true } },
    attachTo: document.body,
  });
  await flushPromises();
  return { wrapper, router };
}
const debounce = () => new Promise((resolve) => setTimeout(resolve, 400));

describe('BusinessCaseView', () => {
  it('shows an executive the saved case: NPV with its range, line items, assumptions, and no editing', async () => {
    const { wrapper } = await mountView('EXECUTIVE', '/business-case?scenario=s1');
    expect(wrapper.get('[data-testid="case-npv"]').text()).toBe('DKK 1,000');
    expect(wrapper.get('[data-testid="case-range"]').text()).toContain('DKK 800 … DKK 1,200');
    expect(wrapper.get('[data-testid="case-as-of"]').text()).toContain('Computed on data up to 2026-11-30');
    const items = wrapper.findAll('[data-testid="line-item"]');
    expect(items.map((r) => r.attributes('data-kind'))).toEqual(['MARGIN_UPLIFT', 'MARGIN_KEPT_BY_LOWER_CHURN', 'REPLACEMENT_COST_AVOIDED', 'ONE_OFF_COST']);
    expect(items[2]!.find('[data-testid="line-item-uncounted"]').exists()).toBe(true);
    expect(items[0]!.find('[data-testid="line-item-uncounted"]').exists()).toBe(false);
    expect(wrapper.findAll('[data-testid="overridden-badge"]')).toHaveLength(1);
    expect(wrapper.get('[data-testid="scenario-meta"]').text()).toContain('What the board asked for');
    expect(wrapper.find('[data-testid="edit-scenario"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="new-scenario"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="read-only-note"]').exists()).toBe(true);
    wrapper.unmount();
  });

  it("lets a strategist edit the scenario and shows the server's error next to the field it names", async () => {
    const { wrapper } = await mountView('STRATEGIST', '/business-case?scenario=s1', {
      BusinessCase: (op) =>
        (firstShare(op) ?? 0) > 1
          ? { error: badInput({ reason: 'INVALID_ANALYTICS_INPUT', field: 'moves[0].share' }, `moves[0].share: must be a share from 0 to 1, got ${firstShare(op)}`) }
          : { data: { businessCase: makeBusinessCase({ title: 'Live' }) } },
    });
    await wrapper.get('[data-testid="edit-scenario"]').trigger('click');
    await flushPromises();
    const share = wrapper.get<HTMLInputElement>('[data-testid="move-share"]');
    expect(share.element.value).toBe('50');
    expect(wrapper.get<HTMLInputElement>('[data-testid="override-PASSIVE-churn12m"]').element.value).toBe('5');
    expect(wrapper.get('[data-testid="live-npv"]').text()).toBe('DKK 1,000');

    await share.setValue('150');
    await debounce();
    await flushPromises();
    expect(wrapper.get('[data-field="moves.0.share"]').text()).toBe('must be a share from 0 to 1, got 1.5 (the field is in per cent: 1 = 100%)');
    expect(share.attributes('aria-invalid')).toBe('true');
    // The last case that computed stays on screen.
    expect(wrapper.get('[data-testid="case-title"]').text()).toBe('Live');
    wrapper.unmount();
  });

  it('saves a new scenario, showing a refused name next to the name field first', async () => {
    const saved: unknown[] = [];
    const { wrapper, router } = await mountView('STRATEGIST', '/business-case?new=1', {
      SaveScenario: (op) => {
        const input = (op.variables as { input: { name: string } }).input;
        saved.push(input);
        return input.name === ''
          ? { error: badInput({ reason: 'VALIDATION_FAILED', fields: [{ field: 'name', problems: ['name must be longer than or equal to 1 characters'] }] }, 'Invalid input') }
          : { data: { saveScenario: { id: 's2', name: input.name, description: '', authorName: 'U', updatedAt: '2026-12-01T00:00:00Z' } } };
      },
    });
    expect(wrapper.find('[data-testid="scenario-editor"]').exists()).toBe(true);
    await wrapper.get('[data-testid="scenario-name"]').setValue('   ');
    await wrapper.get('[data-testid="save-scenario"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-field="name"]').text()).toBe('name must be longer than or equal to 1 characters');

    await wrapper.get('[data-testid="scenario-name"]').setValue('A third of detractors');
    await wrapper.get('[data-testid="move-share"]').setValue('33');
    await wrapper.get('form.savebar').trigger('submit');
    await flushPromises();
    expect(saved.at(-1)).toMatchObject({ name: 'A third of detractors', scenario: { moves: [{ from: 'DETRACTOR', to: 'PASSIVE', share: 0.33 }], churnValuation: 'LOST_MARGIN' } });
    expect(router.currentRoute.value.query).toEqual({ scenario: 's2' });
    expect(wrapper.get('[data-testid="saved-note"]').text()).toBe('Saved "A third of detractors".');
    wrapper.unmount();
  });

  it('downloads the case as CSV: line items and assumptions as shown', async () => {
    const blobs: Blob[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      if (blob instanceof Blob) blobs.push(blob);
      return 'blob:case';
    });
    const { wrapper } = await mountView('EXECUTIVE', '/business-case?scenario=s1');
    await wrapper.get('[data-testid="case-report"] [data-testid="csv-export"]').trigger('click');
    create.mockRestore();
    const text = await blobs[0]!.text();
    expect(text).toContain('Line item,Replacement cost avoided,300,,,,150; 150,not counted,');
    expect(text).toContain('Assumption,Passives: 12-month churn,0.05,0.05,0.05,,,overridden,scenario override,');
    wrapper.unmount();
  });

  it('deletes a saved scenario only after confirmation', async () => {
    const deleted: unknown[] = [];
    const { wrapper, router } = await mountView('STRATEGIST', '/business-case?scenario=s1', {
      DeleteScenario: (op) => {
        deleted.push(op.variables);
        return { data: { deleteScenario: 's1' } };
      },
    });
    await wrapper.get('[data-testid="delete-scenario"]').trigger('click');
    expect(wrapper.get('[data-testid="dialog"]').text()).toContain('Half the detractors won over');
    expect(deleted).toEqual([]);
    await wrapper.get('[data-testid="dialog-confirm"]').trigger('click');
    await flushPromises();
    expect(deleted).toEqual([{ id: 's1' }]);
    expect(router.currentRoute.value.query).toEqual({ tab: 'case' });
    expect(wrapper.get('[data-testid="saved-note"]').text()).toBe('Scenario deleted.');
    wrapper.unmount();
  });

  it("computes a linked initiative's case for the persona in the address", async () => {
    const asked: unknown[] = [];
    const { wrapper } = await mountView('EXECUTIVE', '/business-case?initiative=i-1&persona=SENIOR', {
      BusinessCase: (op) => {
        asked.push(op.variables);
        return { data: { businessCase: makeBusinessCase({ title: 'Call back' }) } };
      },
    });
    expect(asked).toEqual([{ scenario: { initiativeId: 'i-1', filter: { personaCodes: ['SENIOR'] } } }]);
    expect(wrapper.get('[data-testid="case-title"]').text()).toBe('Call back');
    expect(wrapper.get<HTMLSelectElement>('[data-testid="case-persona"]').element.value).toBe('SENIOR');
    wrapper.unmount();
  });

  it('says so when the linked scenario does not exist', async () => {
    const { wrapper } = await mountView('EXECUTIVE', '/business-case?scenario=gone', {
      Scenario: () => ({ error: new CombinedError({ graphQLErrors: [new GraphQLError('Scenario gone not found', { extensions: { code: 'NOT_FOUND' } })] }) }),
    });
    expect(wrapper.get('[data-testid="state-error"]').text()).toContain('This scenario does not exist');
    wrapper.unmount();
  });

  it("says a saved scenario no longer computes (not that it does not exist) when only its case fails", async () => {
    const { wrapper } = await mountView('EXECUTIVE', '/business-case?scenario=s1', {
      Scenario: () => ({ error: new CombinedError({ graphQLErrors: [new GraphQLError('Initiative i-9 not found', { path: ['scenario', 'result'], extensions: { code: 'NOT_FOUND' } })] }) }),
    });
    expect(wrapper.get('[data-testid="state-error"]').text()).toContain('This scenario no longer computes on the current data');
    expect(wrapper.get('[data-testid="state-error"]').text()).toContain('Initiative i-9 not found');
    wrapper.unmount();
  });

  it('ranks initiatives with the reason one has no value, and lays out the overview', async () => {
    const filters: unknown[] = [];
    const { wrapper, router } = await mountView('EXECUTIVE', '/business-case?tab=initiatives', {
      InitiativeRanking: (op) => {
        filters.push(op.variables);
        return { data: { initiativeRanking: [makeRanked({ rank: 1 }), makeRanked({ rank: 2, value: null, problem: 'initiative "Initiative 2" has no expected effect' })] } };
      },
      InitiativeOverview: () => ({ data: { initiativeOverview: [makeOverviewCell({ phaseId: 'p1', phaseName: 'Claim', department: { id: 'd1', name: 'Customer Service' } })] } }),
    });
    const rows = wrapper.findAll('[data-testid="ranking-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.find('[data-testid="ranking-problem"]').exists()).toBe(false);
    expect(rows[1]!.get('[data-testid="ranking-problem"]').text()).toContain('has no expected effect');
    expect(rows[0]!.get('[data-testid="ranking-open"]').attributes('href')).toBe('/business-case?initiative=i-1');
    expect(wrapper.get('[data-testid="initiative-overview"]').text()).toContain('Customer Service');

    await wrapper.get('[data-testid="ranking-status"]').setValue('PLANNED');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ tab: 'initiatives', status: 'PLANNED' });
    expect(filters.at(-1)).toEqual({ filter: { status: ['PLANNED'] } });

    // One persona's customers: the ranking and the cases it links to are computed for them.
    await wrapper.get('[data-testid="ranking-persona"]').setValue('SENIOR');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ tab: 'initiatives', status: 'PLANNED', persona: 'SENIOR' });
    expect(filters.at(-1)).toEqual({ filter: { status: ['PLANNED'], personaCodes: ['SENIOR'] } });
    expect(wrapper.get('[data-testid="ranking-open"]').attributes('href')).toBe('/business-case?initiative=i-1&persona=SENIOR');
    wrapper.unmount();
  });
});
