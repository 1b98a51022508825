import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { SessionKey, type Session, type SessionUser } from '../../client/src/features/auth/composables/useSession';
import AccountView from '../../client/src/features/account/views/AccountView.vue';
import type { Role } from '../../client/src/graphql/generated';
import CodeTag from '../../client/src/shared/components/CodeTag.vue';
import { resetShowCodes } from '../../client/src/shared/composables/useShowCodes';
import { graphqlError } from './support/factories';
import { fakeClient } from './support/fakeClient';

function sessionFor(role: Role, showCodes?: boolean): Session {
  const user = ref<SessionUser>({ id: 'u', name: 'U', email: 'u@x', role, language: null, department: null, showCodes });
  return { user, ensureLoaded: async () => user.value, signIn: async () => ({ ok: false, message: '' }), signOut: async () => {}, forget: () => {} };
}
/** A touchpoint name with its code tag, as the pages write it. */
const NameWithCode = defineComponent({ setup: () => () => h('span', ['Claim handling', h(CodeTag, { code: 'TP_CLAIM_HANDLING' })]) });

afterEach(() => resetShowCodes());

describe('"Show codes"', () => {
  it('shows names only by default, for every role', () => {
    for (const role of ['ANALYST', 'ADMIN', 'STRATEGIST', 'EXECUTIVE'] as const) {
      const wrapper = mount(NameWithCode, { global: { provide: { [SessionKey]: sessionFor(role) } } });
      expect(wrapper.text()).toBe('Claim handling');
      wrapper.unmount();
    }
    // No session at all (a component on its own): names only.
    expect(mount(NameWithCode).text()).toBe('Claim handling');
  });

  it('shows the code beside the name for an analyst who switched it on, never for an executive', () => {
    const analyst = mount(NameWithCode, { global: { provide: { [SessionKey]: sessionFor('ANALYST', true) } } });
    expect(analyst.get('[data-testid="code-tag"]').text()).toBe('TP_CLAIM_HANDLING');
    const executive = mount(NameWithCode, { global: { provide: { [SessionKey]: sessionFor('EXECUTIVE', true) } } });
    expect(executive.find('[data-testid="code-tag"]').exists()).toBe(false);
  });

  it('an analyst switches it on the account page: saved on the server, applied at once; a refusal puts it back', async () => {
    const saved: unknown[] = [];
    let refuse = false;
    const client = fakeClient({
      ApiTokens: () => ({ data: { apiTokens: [] } }),
      MyNotificationSettings: () => ({ data: undefined }),
      SetMyShowCodes: (op) => {
        saved.push(op.variables);
        return refuse ? { error: graphqlError('FORBIDDEN', {}, 'Only analysts and administrators can show codes.') } : { data: { setMyShowCodes: { __typename: 'User', id: 'u', showCodes: op.variables?.show } } };
      },
    });
    const session = sessionFor('ANALYST');
    const page = mount(AccountView, { global: { plugins: [[urql, client]], provide: { [SessionKey]: session }, stubs: { NotificationSettings: true } } });
    const tag = mount(NameWithCode, { global: { provide: { [SessionKey]: session } } });
    await flushPromises();
    const box = page.get<HTMLInputElement>('[data-testid="show-codes"]');
    expect(box.element.checked).toBe(false);
    await box.setValue(true);
    await flushPromises();
    expect(saved).toEqual([{ show: true }]);
    expect(tag.text()).toBe('Claim handlingTP_CLAIM_HANDLING');

    refuse = true;
    await box.setValue(false);
    await flushPromises();
    expect(saved).toHaveLength(2);
    expect(tag.text()).toBe('Claim handlingTP_CLAIM_HANDLING');
    expect(page.get('[role="alert"]').text()).toBe('Only analysts and administrators can show codes.');
    expect(box.element.checked).toBe(true);
  });

  it('is not offered to a strategist', async () => {
    const client = fakeClient({ MyNotificationSettings: () => ({ data: undefined }) });
    const page = mount(AccountView, { global: { plugins: [[urql, client]], provide: { [SessionKey]: sessionFor('STRATEGIST') }, stubs: { NotificationSettings: true } } });
    await flushPromises();
    expect(page.find('[data-testid="show-codes"]').exists()).toBe(false);
  });
});
