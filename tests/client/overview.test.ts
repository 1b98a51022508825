import { Client, makeResult, type Exchange, type Operation } from '@urql/core';
import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { ref } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { SessionKey, type Session, type SessionUser } from '../../client/src/features/auth/composables/useSession';
import OverviewView from '../../client/src/features/overview/views/OverviewView.vue';
import type { OverviewPrioritiesQuery, OverviewStatusQuery } from '../../client/src/graphql/generated';
import { applyLanguage } from '../../client/src/shared/i18n';
import { filter, map, pipe, tap } from 'wonka';
import { fakeClient } from './support/fakeClient';

const operationName = (op: Operation) => op.query.definitions.find((d) => d.kind === 'OperationDefinition')?.name?.value ?? '';

/**
 * Issue 15 on the overview: a figure the server hid by small-cell suppression (`suppressed`, no number)
 * says why in the user's language, instead of a blank or a dash. Issue 23: the page in Danish.
 */
const DATA_COVERAGE = { asOf: '2025-10-12', firstAnswerOn: '2023-11-01', latestAnswerOn: '2025-10-12', answers: 5000, customers: 1000 };

function session(minCellCustomers: number | null): Session {
  const user = ref<SessionUser>({ id: 'u', name: 'E', email: 'e@x', role: 'EXECUTIVE', language: null, department: null, minCellCustomers });
  return { user, ensureLoaded: async () => user.value, signIn: async () => ({ ok: false, message: '' }), signOut: async () => {}, forget: () => {} };
}

const months = (hidden: number) => Array.from({ length: 12 }, (_, i) => ({ bucket: `2025-${String(i + 1).padStart(2, '0')}-01`, suppressed: i < hidden }));

function status(
  over: Partial<OverviewStatusQuery['statusDiagnosis']>,
  alerts: OverviewStatusQuery['alerts'] = [],
  targets: OverviewStatusQuery['targets'] = [],
): OverviewStatusQuery {
  return {
    statusDiagnosis: {
      programme: 'DIFFERENTIATE',
      reasons: [],
      suppressed: false,
      npsLevel: { nps: -12, n: 900, ciLow: -17.4, ciHigh: -6.6, lowSample: false },
      churnLevel: { share: 0.11, n: 900 },
      npsPoints: months(0),
      npsTrend: { slopePerMonth: -0.8, significant: true },
      ...over,
    },
    targets,
    alerts,
  };
}

const touchpoint = (code: string, rank: number | null, suppressed = false): OverviewPrioritiesQuery['priorities']['touchpoints'][number] => ({
  performance: suppressed ? null : -30,
  touchpointCode: code,
  formulas: [],
  touchpointName: `Touchpoint ${code}`,
  phaseName: 'Everyday use',
  quadrant: suppressed ? null : 'FIX_FIRST',
  valueRank: rank,
  valueAtStake: rank ? 48000 / rank : null,
  importance: suppressed ? null : 0.2,
  suppressed,
  nps: suppressed ? { nps: null, n: 0, ciLow: null, ciHigh: null } : { nps: -30, n: 400, ciLow: -38.5, ciHigh: -21.2 },
  csat: { n: suppressed ? 0 : 410, ciLow: null, ciHigh: null },
});

async function mountOverview(statusData: OverviewStatusQuery, touchpoints: OverviewPrioritiesQuery['priorities']['touchpoints'], minCell: number | null = 5) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: ['overview', 'status', 'priorities', 'journeys', 'journey-map', 'targets'].map((name) => ({ path: `/${name}${name === 'journey-map' ? '/:id' : ''}`, name, component: OverviewView })),
  });
  await router.push('/overview');
  const client = fakeClient({
    OverviewStatus: () => ({ data: statusData }),
    OverviewPriorities: () => ({ data: { priorities: { performanceMeasure: 'NPS', touchpoints } } }),
    OverviewJourneys: () => ({ data: { journeys: [{ id: 'j', name: 'Home insurance', state: 'AS_IS', persona: null, improves: null, counts: { phases: 1, touchpoints: 9 } }] } }),
    DataCoverage: () => ({ data: { dataCoverage: DATA_COVERAGE } }),
  });
  const wrapper = mount(OverviewView, { global: { plugins: [router, [urql, client]], provide: { [SessionKey]: session(minCell) } } });
  await flushPromises();
  return wrapper;
}

describe('overview: figures hidden to protect privacy (issue 15)', () => {
  afterEach(() => applyLanguage('en'));

  it('shows the figures and no privacy sentence when nothing is hidden', async () => {
    const page = await mountOverview(status({}), [touchpoint('TP_A', 1)]);
    expect(page.get('[data-testid="overview-status"]').text()).toContain('−12');
    expect(page.text()).not.toContain('hidden to protect privacy');
    expect(page.text()).toContain('1 phase · 9 touchpoints');
  });

  it('says why the NPS, churn, trend, a ranked touchpoint and an alert are missing', async () => {
    const page = await mountOverview(
      status(
        { suppressed: true, npsLevel: { nps: null, n: 0, ciLow: null, ciHigh: null, lowSample: true }, churnLevel: { share: null, n: 0 }, npsPoints: months(12), npsTrend: { slopePerMonth: null, significant: null } },
        [{ id: 'a', status: 'OPEN', evidence: { scopeName: 'Branch Aarhus', difference: null, suppressed: true } }],
      ),
      [touchpoint('TP_A', 1), touchpoint('TP_B', null, true), touchpoint('TP_C', null, true)],
    );
    const sentence = 'fewer than 5 customers: hidden to protect privacy';
    expect(page.get('[data-testid="overview-nps-hidden"]').text()).toBe(sentence);
    expect(page.get('[data-testid="overview-churn-hidden"]').text()).toBe(sentence);
    expect(page.get('[data-testid="overview-trend-hidden"]').text()).toBe(sentence);
    expect(page.get('[data-testid="overview-alert-hidden"]').text()).toBe(sentence);
    expect(page.get('[data-testid="overview-touchpoints-hidden"]').text()).toBe(`2 touchpoints are not ranked: ${sentence}`);
  });

  it('names the months a fitted trend leaves out, one month in the singular', async () => {
    const page = await mountOverview(status({ npsPoints: months(1) }), [touchpoint('TP_A', 1)]);
    expect(page.find('[data-testid="overview-trend-hidden"]').exists()).toBe(false);
    expect(page.get('[data-testid="overview-trend-months-hidden"]').text()).toBe('The trend leaves out 1 month: fewer than 5 customers: hidden to protect privacy');
  });

  it('says it in Danish for a Danish user, without a threshold when the server gave none', async () => {
    applyLanguage('da');
    const page = await mountOverview(status({ suppressed: true, npsLevel: { nps: null, n: 0, ciLow: null, ciHigh: null, lowSample: true }, npsPoints: months(3) }), [touchpoint('TP_A', 1), touchpoint('TP_B', null, true)], null);
    expect(page.get('[data-testid="overview-nps-hidden"]').text()).toBe('for få kunder: skjult af hensyn til privatlivet');
    expect(page.get('[data-testid="overview-trend-months-hidden"]').text()).toBe('Tendensen udelader 3 måneder: for få kunder: skjult af hensyn til privatlivet');
    expect(page.get('[data-testid="overview-touchpoints-hidden"]').text()).toBe('1 kontaktpunkt er ikke rangeret: for få kunder: skjult af hensyn til privatlivet');
    expect(page.find('h1').text()).toBe('Overblik');
    expect(page.text()).toContain('1 fase · 9 kontaktpunkter');
  });
});

describe('overview: the ranking is asked for at once (issue 20, goal 7)', () => {
  it('sends OverviewPriorities for the last 12 months without waiting for DataCoverage', async () => {
    const router = createRouter({ history: createMemoryHistory(), routes: ['overview', 'status', 'priorities', 'journeys', 'targets'].map((name) => ({ path: `/${name}`, name, component: OverviewView })) });
    await router.push('/overview');
    const sent: Operation[] = [];
    // DataCoverage never answers here: anything that waits for it is never sent.
    const answers: Record<string, () => Record<string, unknown>> = {
      OverviewStatus: () => status({}),
      OverviewPriorities: () => ({ priorities: { performanceMeasure: 'NPS', touchpoints: [touchpoint('TP_A', 1)] } }),
      OverviewJourneys: () => ({ journeys: [] }),
    };
    const exchange: Exchange = () => (ops$) =>
      pipe(
        ops$,
        tap((op) => sent.push(op)),
        filter((op) => op.kind === 'query' && operationName(op) !== 'DataCoverage'),
        map((op) => makeResult(op, { data: answers[operationName(op)]?.() ?? null })),
      );
    const client = new Client({ url: 'http://test/graphql', exchanges: [exchange] });
    const page = mount(OverviewView, { global: { plugins: [router, [urql, client]], provide: { [SessionKey]: session(5) } } });
    await flushPromises();

    expect(sent.map(operationName)).toContain('DataCoverage');
    const priorities = sent.filter((op) => operationName(op) === 'OverviewPriorities');
    expect(priorities).toHaveLength(1);
    expect(priorities[0]!.variables).toEqual({ lastMonths: 12 });
    // The ranking shows while the store's last day is still unknown; the "as of" day comes with it.
    expect(page.findAll('[data-testid="overview-top"]')).toHaveLength(1);
    page.unmount();
  });
});

describe('overview: every NPS with its interval and n; the targets line never blank', () => {
  afterEach(() => applyLanguage('en'));

  it('shows the relationship NPS as the shared NPS badge: value, 95% interval and n', async () => {
    const page = await mountOverview(status({}), [touchpoint('TP_A', 1)]);
    const badge = page.get('[data-testid="overview-nps"] [data-testid="nps-badge"]');
    expect(badge.get('[data-testid="nps-value"]').text()).toBe('−12');
    // Rounded to whole points: −17.4 → −17, −6.6 → −7.
    expect(badge.get('[data-testid="nps-interval"]').text()).toBe('−17…−7 · n=900');
  });

  it("shows each ranked touchpoint's NPS with its interval and n", async () => {
    const page = await mountOverview(status({}), [touchpoint('TP_A', 1)]);
    // −38.5 rounds away from zero to −39 as formatNps does; −21.2 → −21.
    expect(page.get('[data-testid="overview-top-performance"]').text()).toBe('NPS −30 (95% −39…−21, n 400)');
  });

  it('says no target is set, with a link to the targets, instead of an empty "Targets:"', async () => {
    const page = await mountOverview(status({}), [touchpoint('TP_A', 1)]);
    const line = page.get('[data-testid="overview-targets"]');
    expect(line.text()).toBe('Targets: none set yet');
    expect(line.get('a').attributes('href')).toBe('/targets');
  });

  it('counts the targets by status when there are some, in Danish too', async () => {
    applyLanguage('da');
    const targets: OverviewStatusQuery['targets'] = [
      { id: 't1', name: 'NPS +20', progress: { status: 'ON_TRACK' } },
      { id: 't2', name: 'Churn 8%', progress: { status: 'ON_TRACK' } },
      { id: 't3', name: 'Claims NPS', progress: { status: 'OFF_TRACK' } },
    ];
    const page = await mountOverview(status({}, [], targets), [touchpoint('TP_A', 1)]);
    const line = page.get('[data-testid="overview-targets"]');
    expect(line.find('a').exists()).toBe(false);
    expect(line.findAll('.pill').map((p) => p.text())).toEqual(['2 på rette spor', '1 ikke på rette spor']);
  });
});
