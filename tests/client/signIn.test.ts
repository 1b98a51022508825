import { flushPromises, mount } from '@vue/test-utils';
import { ref } from 'vue';
import { describe, expect, it, vi } from 'vitest';
import { safeRedirect } from '../../client/src/app/router';
import { SessionKey, type Session, type SessionUser, type SignInOutcome } from '../../client/src/features/auth/composables/useSession';
import urql from '@urql/vue';
import { signInErrorMessage, ssoRefusalMessage } from '../../client/src/features/auth/model/signInError';
import SignInView from '../../client/src/features/auth/views/SignInView.vue';
import { graphqlError, networkError } from './support/factories';
import { fakeClient } from './support/fakeClient';
import { appRouterWithStubPages, replaceRouteLoader, stubPage } from './support/router';

describe('signInErrorMessage', () => {
  it('says the credentials are wrong for UNAUTHENTICATED, without telling which one', () => {
    expect(signInErrorMessage(graphqlError('UNAUTHENTICATED', { reason: 'BAD_CREDENTIALS' }))).toBe(
      'The e-mail or password is wrong. Check both and try again.',
    );
  });

  it('says when to try again for RATE_LIMITED', () => {
    expect(signInErrorMessage(graphqlError('RATE_LIMITED', { retryAfterSeconds: 840 }))).toBe('Too many failed sign-ins. Try again in 14 minutes.');
    expect(signInErrorMessage(graphqlError('RATE_LIMITED', { retryAfterSeconds: 45 }))).toBe('Too many failed sign-ins. Try again in 45 seconds.');
    expect(signInErrorMessage(graphqlError('RATE_LIMITED'))).toBe('Too many failed sign-ins. Try again later.');
  });

  it('branches on the code, not on the message text', () => {
    expect(signInErrorMessage(graphqlError('RATE_LIMITED', { retryAfterSeconds: 60 }, 'E-mail or password is wrong.'))).toBe(
      'Too many failed sign-ins. Try again in 1 minute.',
    );
  });

  it('explains network trouble, an unavailable server and anything else', () => {
    expect(signInErrorMessage(networkError())).toBe('Cannot reach Touchpoint. Check your connection and try again.');
    expect(signInErrorMessage(graphqlError('SERVICE_UNAVAILABLE'))).toContain('not available right now');
    expect(signInErrorMessage(graphqlError('INTERNAL_SERVER_ERROR'))).toContain('problem on the server');
    expect(signInErrorMessage(graphqlError('SOMETHING_NEW'))).toContain('problem on the server');
  });
});

const analyst: SessionUser = { id: 'u1', name: 'Demo Analyst', email: 'analyst@touchpoint.local', role: 'ANALYST', language: null, department: null };

function fakeSession(signIn: (email: string, password: string) => Promise<SignInOutcome>, signedIn: SessionUser | null = null): Session {
  const user = ref<SessionUser | null>(signedIn);
  return {
    user,
    ensureLoaded: async () => user.value,
    signIn: vi.fn(async (email: string, password: string) => {
      const outcome = await signIn(email, password);
      if (outcome.ok) user.value = outcome.user;
      return outcome;
    }),
    signOut: async () => {
      user.value = null;
    },
    forget: () => {
      user.value = null;
    },
  };
}

const NO_SSO = { singleSignOn: false, singleSignOnLabel: null, singleSignOnUrl: null };

async function mountSignIn(session: Session, path = '/sign-in', signInOptions: Record<string, unknown> = NO_SSO) {
  const router = appRouterWithStubPages(session);
  await router.push(path);
  const client = fakeClient({ SignInOptions: () => ({ data: { signInOptions } }) });
  const wrapper = mount(SignInView, { global: { plugins: [router, [urql, client]], provide: { [SessionKey as symbol]: session } } });
  return { wrapper, router };
}

describe('SignInView', () => {
  it('shows the mapped message when sign-in fails and clears the password', async () => {
    const session = fakeSession(async () => ({ ok: false, message: signInErrorMessage(graphqlError('UNAUTHENTICATED')) }));
    const { wrapper } = await mountSignIn(session);

    await wrapper.get('[data-testid="sign-in-email"]').setValue('analyst@touchpoint.local');
    await wrapper.get('[data-testid="sign-in-password"]').setValue('wrong');
    await wrapper.get('[data-testid="sign-in-form"]').trigger('submit');
    await flushPromises();

    expect(wrapper.get('[data-testid="sign-in-error"]').text()).toBe('The e-mail or password is wrong. Check both and try again.');
    expect(wrapper.get<HTMLInputElement>('[data-testid="sign-in-password"]').element.value).toBe('');
  });

  it('asks for both fields before calling the server', async () => {
    const session = fakeSession(async () => ({ ok: true, user: analyst }));
    const { wrapper } = await mountSignIn(session);

    await wrapper.get('[data-testid="sign-in-form"]').trigger('submit');

    expect(wrapper.get('[data-testid="sign-in-error"]').text()).toBe('Enter your e-mail address and password.');
    expect(session.signIn).not.toHaveBeenCalled();
  });

  it('goes to the page asked for after signing in', async () => {
    const session = fakeSession(async () => ({ ok: true, user: analyst }));
    const { wrapper, router } = await mountSignIn(session, '/sign-in?redirect=/journeys/42');

    await wrapper.get('[data-testid="sign-in-email"]').setValue(' analyst@touchpoint.local ');
    await wrapper.get('[data-testid="sign-in-password"]').setValue('secret');
    await wrapper.get('[data-testid="sign-in-form"]').trigger('submit');
    await flushPromises();

    expect(session.signIn).toHaveBeenCalledWith('analyst@touchpoint.local', 'secret');
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/journeys/42'));
  });

  it('loads the page it leads to while the person types, before the password is checked, and only once', async () => {
    let answer: (outcome: SignInOutcome) => void = () => {};
    const session = fakeSession(() => new Promise<SignInOutcome>((resolve) => (answer = resolve)));
    const { wrapper, router } = await mountSignIn(session, '/sign-in?redirect=/journeys/42');
    const loader = vi.fn(async () => stubPage('journey-map'));
    replaceRouteLoader(router, 'journey-map', loader);

    await wrapper.get('[data-testid="sign-in-email"]').trigger('focusin');
    expect(loader).toHaveBeenCalledTimes(1);
    await wrapper.get('[data-testid="sign-in-email"]').setValue('analyst@touchpoint.local');
    await wrapper.get('[data-testid="sign-in-password"]').trigger('focusin');
    await wrapper.get('[data-testid="sign-in-password"]').setValue('secret');
    await wrapper.get('[data-testid="sign-in-form"]').trigger('submit');
    await flushPromises();
    // The password check has not answered; the page is loaded already, and not a second time.
    expect(loader).toHaveBeenCalledTimes(1);

    answer({ ok: true, user: analyst });
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/journeys/42'));
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('tells a user whose session expired why they are here', async () => {
    const { wrapper } = await mountSignIn(fakeSession(async () => ({ ok: true, user: analyst })), '/sign-in?expired=1');

    expect(wrapper.get('[data-testid="sign-in-expired"]').text()).toContain('Your session has ended');
  });
});

describe('route guard', () => {
  it('sends a signed-out visitor to sign-in and remembers where they were going', async () => {
    const router = appRouterWithStubPages(fakeSession(async () => ({ ok: true, user: analyst })));

    await router.push('/journeys/7');

    expect(router.currentRoute.value.name).toBe('sign-in');
    expect(router.currentRoute.value.query.redirect).toBe('/journeys/7');
  });

  it('lets a signed-in user through and away from the sign-in page', async () => {
    const router = appRouterWithStubPages(fakeSession(async () => ({ ok: true, user: analyst }), analyst));

    await router.push('/sign-in');
    expect(router.currentRoute.value.name).toBe('overview');
    await router.push('/journeys/7');
    expect(router.currentRoute.value.name).toBe('journey-map');
  });

  it('keeps roles out of pages they may not use, and says which page instead of landing elsewhere silently', async () => {
    const executive: SessionUser = { ...analyst, role: 'EXECUTIVE' };
    const router = appRouterWithStubPages(fakeSession(async () => ({ ok: true, user: executive }), executive));

    await router.push('/follow-up');
    expect(router.currentRoute.value.name).toBe('not-allowed');
    expect(router.currentRoute.value.query.page).toBe('follow-up');
    await router.push('/priorities');
    expect(router.currentRoute.value.name).toBe('priorities');
  });

  it('redirects only within the app', () => {
    expect(safeRedirect('/journeys/1')).toBe('/journeys/1');
    expect(safeRedirect('//evil.example')).toBe('/overview');
    expect(safeRedirect('https://evil.example')).toBe('/overview');
    expect(safeRedirect(undefined)).toBe('/overview');
  });
});

describe('signing in with a company account', () => {
  const refusing = () => fakeSession(async () => ({ ok: false, message: 'unused' }));

  it('offers the company account when an admin set one up, returning to the page asked for', async () => {
    const { wrapper } = await mountSignIn(refusing(), '/sign-in?redirect=/priorities', { singleSignOn: true, singleSignOnLabel: 'Nordlys account', singleSignOnUrl: '/auth/sso/start' });
    await flushPromises();
    const button = wrapper.get('[data-testid="sign-in-sso"]');
    expect(button.text()).toBe('Sign in with Nordlys account');
    expect(button.attributes('href')).toBe('/auth/sso/start?returnTo=%2Fpriorities');
  });

  it('shows no company-account button without single sign-on', async () => {
    const { wrapper } = await mountSignIn(refusing());
    await flushPromises();
    expect(wrapper.find('[data-testid="sign-in-sso"]').exists()).toBe(false);
  });

  it("says in words why the provider's sign-in was refused", async () => {
    const { wrapper } = await mountSignIn(refusing(), '/sign-in?sso=SSO_NOT_ALLOWED');
    await flushPromises();
    expect(wrapper.get('[data-testid="sign-in-sso-error"]').text()).toContain('not in a group allowed to use Touchpoint');
    expect(ssoRefusalMessage('SSO_NO_ROLE')).toContain('no Touchpoint role');
    expect(ssoRefusalMessage('SOMETHING_NEW')).toContain('did not work');
    expect(ssoRefusalMessage(undefined)).toBeNull();
  });
});
