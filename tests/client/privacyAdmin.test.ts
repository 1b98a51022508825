import { Client, CombinedError, type Operation } from '@urql/core';
import { never } from 'wonka';
import { GraphQLError } from 'graphql';
import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { SessionKey, type Session, type SessionUser } from '../../client/src/features/auth/composables/useSession';
import { exportSummary } from '../../client/src/features/setup/composables/useCustomerData';
import PrivacyView from '../../client/src/features/setup/views/PrivacyView.vue';
import { applyLanguage } from '../../client/src/shared/i18n';
import { fakeClient, type Answer } from './support/fakeClient';

const admin: SessionUser = { id: 'u1', name: 'Admin', email: 'admin@example.com', role: 'ADMIN', department: null };
const session = (): Session => {
  const user = ref<SessionUser | null>(admin);
  return { user, ensureLoaded: async () => user.value, signIn: async () => ({ ok: false, message: '' }), signOut: async () => {}, forget: () => {} };
};
const graphQLError = (code: string, message: string, reason?: string) => new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions: { code, reason } })] });

const NAV = ['setup-personas', 'setup-departments', 'setup-units', 'setup-alert-rules', 'setup-users', 'setup-sign-on', 'setup-notifications', 'setup-privacy'];

async function mountPage(answers: Record<string, (op: Operation) => Answer>) {
  const stub = { template: '<div />' };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/setup/privacy', name: 'setup-privacy', component: PrivacyView },
      ...NAV.filter((name) => name !== 'setup-privacy').map((name) => ({ path: `/${name}`, name, component: stub })),
    ],
  });
  await router.push('/setup/privacy');
  const operations: Operation[] = [];
  const client = fakeClient(Object.fromEntries(Object.entries(answers).map(([name, answer]) => [name, (op: Operation) => (operations.push(op), answer(op))])));
  const wrapper = mount(PrivacyView, { global: { plugins: [router, [urql, client]], provide: { [SessionKey as symbol]: session() } }, attachTo: document.body });
  await flushPromises();
  return { wrapper, named: (name: string) => operations.filter((op) => op.query.definitions.some((d) => d.kind === 'OperationDefinition' && d.name?.value === name)) };
}

const SETTINGS = { PrivacySettings: () => ({ data: { companySettings: { commentRetentionMonths: null } } }) };
afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('Privacy set-up page', () => {
  it('asks for the customer id again before erasing, and erases only then', async () => {
    const { wrapper, named } = await mountPage({
      ...SETTINGS,
      EraseCustomer: () => ({ data: { eraseCustomer: { pseudonym: 'erased-1a2b', rows: 7, places: [{ place: 'analytics.responses', rows: 5 }, { place: 'follow_up_case', rows: 2 }] } } }),
    });
    await wrapper.get('[data-testid="privacy-customer-id"]').setValue('C000123');
    await wrapper.get('[data-testid="privacy-erase"]').trigger('click');
    const confirm = wrapper.get('[data-testid="privacy-confirm-erase"]');
    expect(confirm.attributes('disabled')).toBeDefined();
    await wrapper.get('[data-testid="privacy-confirm-id"]').setValue('C00012');
    expect(wrapper.get('[data-testid="privacy-confirm-erase"]').attributes('disabled')).toBeDefined();
    expect(named('EraseCustomer')).toHaveLength(0);
    await wrapper.get('[data-testid="privacy-confirm-id"]').setValue('C000123');
    await wrapper.get('[data-testid="privacy-confirm-erase"]').trigger('submit');
    await flushPromises();
    expect(named('EraseCustomer').map((op) => op.variables)).toEqual([{ customerId: 'C000123' }]);
    const done = wrapper.get('[data-testid="privacy-erased"]').text();
    expect(done).toContain('Erased C000123: 7 rows');
    expect(done).toContain('follow_up_case: 2 rows');
  });

  it('says when nothing is held about a customer (empty), and shows a server error', async () => {
    let answer: Answer = { error: graphQLError('NOT_FOUND', 'No data about customer "X1" is held: it was erased already, or no import ever named this customerId.', 'CUSTOMER_NOT_FOUND') };
    const { wrapper } = await mountPage({ ...SETTINGS, ExportCustomerData: () => answer });
    await wrapper.get('[data-testid="privacy-customer-id"]').setValue('X1');
    await wrapper.get('[data-testid="privacy-export"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="state-empty"]').text()).toContain('erased already');
    answer = { error: graphQLError('INTERNAL_SERVER_ERROR', 'Something went wrong on the server.') };
    await wrapper.get('[data-testid="privacy-export"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="state-error"]').text()).toContain('Something went wrong');
  });

  it('exports as a JSON file and lists what it held', async () => {
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x');
    vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined);
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockReturnValue(undefined);
    const doc = { format: 'touchpoint-customer-export/1', customerId: 'C1', analytics: { responses: [{}, {}], customers: [{}] }, followUpCases: [{}], notifications: [], auditEvents: [{}, {}, {}] };
    const { wrapper } = await mountPage({ ...SETTINGS, ExportCustomerData: () => ({ data: { exportCustomerData: doc } }) });
    await wrapper.get('[data-testid="privacy-customer-id"]').setValue(' C1 ');
    await wrapper.get('[data-testid="privacy-export"]').trigger('submit');
    await flushPromises();
    expect(created).toHaveBeenCalledTimes(1);
    expect(clicked).toHaveBeenCalledTimes(1);
    expect(wrapper.get('[data-testid="privacy-exported"]').text()).toContain('analytics.responses: 2 rows');
    expect(exportSummary(doc)).toEqual([
      { place: 'analytics.responses', rows: 2 },
      { place: 'analytics.customers', rows: 1 },
      { place: 'followUpCases', rows: 1 },
      { place: 'auditEvents', rows: 3 },
    ]);
  });

  it('shows loading, then the retention setting; saves it and applies it on demand', async () => {
    let months: number | null = null;
    const { wrapper, named } = await mountPage({
      PrivacySettings: () => ({ data: { companySettings: { commentRetentionMonths: months } } }),
      SaveCommentRetention: (op) => ((months = Number(op.variables?.months) || null), { data: { updateCompanySettings: { commentRetentionMonths: months } } }),
      ApplyCommentRetention: () => ({ data: { applyCommentRetention: { months: 24, cutoff: '2024-12-06', commentsRemoved: 1234 } } }),
    });
    expect(wrapper.get('[data-testid="privacy-retention-now"]').text()).toContain('kept for ever');
    expect(wrapper.get('[data-testid="privacy-apply-retention"]').attributes('disabled')).toBeDefined();
    await wrapper.get('[data-testid="privacy-months"]').setValue('24');
    await wrapper.get('[data-testid="privacy-save-retention"]').trigger('submit');
    await flushPromises();
    expect(named('SaveCommentRetention').map((op) => op.variables)).toEqual([{ months: 24 }]);
    expect(wrapper.get('[data-testid="privacy-retention-message"]').text()).toContain('removed 24 months after the answer');
    await wrapper.get('[data-testid="privacy-apply-retention"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="privacy-retention-message"]').text()).toBe('1,234 comments from before 6 Dec 2024 removed; their scores stay.');
  });

  it('reads in Danish, with Danish numbers, dates and plurals (issue 23)', async () => {
    applyLanguage('da');
    try {
      const { wrapper } = await mountPage({
        PrivacySettings: () => ({ data: { companySettings: { commentRetentionMonths: 1 } } }),
        ApplyCommentRetention: () => ({ data: { applyCommentRetention: { months: 1, cutoff: '2024-12-06', commentsRemoved: 1234 } } }),
      });
      expect(wrapper.get('#privacy-customer').text()).toBe('En enkelt kundes data');
      expect(wrapper.get('[data-testid="privacy-retention-now"]').text()).toBe('Kommentarteksten fjernes 1 måned efter svaret, hver nat kl. 03.30; scorerne bliver.');
      await wrapper.get('[data-testid="privacy-apply-retention"]').trigger('click');
      await flushPromises();
      expect(wrapper.get('[data-testid="privacy-retention-message"]').text()).toBe('1.234 kommentarer fra før 6. dec. 2024 er fjernet; scorerne bliver.');
      expect(wrapper.findAll('.setup-nav__tab').map((tab) => tab.text())).toContain('Databeskyttelse');
    } finally {
      applyLanguage('en');
    }
  });

  it('shows a loading state while the server has not answered, and an error when the setting cannot be loaded', async () => {
    const silent = new Client({ url: 'http://test/graphql', exchanges: [() => () => never] });
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: PrivacyView }, ...NAV.map((name) => ({ path: `/${name}`, name, component: { template: '<div />' } }))] });
    await router.push('/');
    const waiting = mount(PrivacyView, { global: { plugins: [router, [urql, silent]], provide: { [SessionKey as symbol]: session() } } });
    await flushPromises();
    expect(waiting.get('[data-testid="state-loading"]').text()).toContain('Loading the retention setting');
    const failing = await mountPage({});
    expect(failing.wrapper.get('[data-testid="state-error"]').text()).toContain('Cannot reach Touchpoint');
  });
});
