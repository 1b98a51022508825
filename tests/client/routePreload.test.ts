import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h, ref } from 'vue';
import { createMemoryHistory, RouterLink } from 'vue-router';
import AppShell from '../../client/src/app/AppShell.vue';
import { preloadRoute } from '../../client/src/app/preload';
import { createAppRouter } from '../../client/src/app/router';
import { SessionKey, type Session, type SessionUser } from '../../client/src/features/auth/composables/useSession';
import { fakeClient } from './support/fakeClient';
import { replaceRouteLoader, stubPage, type PageLoader } from './support/router';

// The page chunks are replaced by counted loaders: what is checked is when they are called, not the pages.

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

async function mountShell(loaders: Record<string, PageLoader>) {
  const user = ref<SessionUser>({ id: 'u', name: 'Ada Admin', email: 'a@x', role: 'ADMIN', language: null, department: null });
  const session: Session = { user, ensureLoaded: async () => user.value, signIn: async () => ({ ok: false, message: '' }), signOut: async () => {}, forget: () => {} };
  const router = createAppRouter(session, createMemoryHistory());
  replaceRouteLoader(router, 'overview', async () => stubPage('Overview'));
  for (const [name, loader] of Object.entries(loaders)) replaceRouteLoader(router, name, loader);
  await router.push('/overview');
  const client = fakeClient({ CompanySettings: () => ({ data: { companySettings: { currency: 'DKK' } } }) });
  const wrapper = mount(AppShell, {
    // A page's own link (not the bar's): the shell covers those too.
    slots: { default: () => h(RouterLink, { to: { name: 'priorities' }, 'data-testid': 'page-link' }, () => 'Priorities') },
    global: { plugins: [router, [urql, client]], provide: { [SessionKey]: session } },
    attachTo: document.body,
  });
  unmount = () => wrapper.unmount();
  await flushPromises();
  return { wrapper, router };
}

const hover = (el: Element) => el.dispatchEvent(new PointerEvent('pointerenter'));

describe('route chunks preloaded from links', () => {
  it("pointing at or focusing a link loads its page's chunk once, and the navigation loads nothing more", async () => {
    const journeys = vi.fn(async () => stubPage('Journeys'));
    const priorities = vi.fn(async () => stubPage('Priorities'));
    const { wrapper, router } = await mountShell({ journeys, priorities });
    const link = wrapper.get('[data-testid="nav-journeys"]');
    expect(journeys).not.toHaveBeenCalled();

    hover(link.element);
    hover(link.element);
    (link.element as HTMLElement).focus();
    await flushPromises();
    expect(journeys).toHaveBeenCalledTimes(1);

    await link.trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.name).toBe('journeys');
    expect(journeys).toHaveBeenCalledTimes(1);

    // A link in the page under the bar, reached by keyboard.
    expect(priorities).not.toHaveBeenCalled();
    (wrapper.get('[data-testid="page-link"]').element as HTMLElement).focus();
    await flushPromises();
    expect(priorities).toHaveBeenCalledTimes(1);
  });

  it('a failed preload is forgotten: the next hover tries again, and the navigation loads the page and arrives', async () => {
    const journeys = vi
      .fn<PageLoader>()
      .mockRejectedValueOnce(new Error('chunk failed'))
      .mockRejectedValueOnce(new Error('chunk failed again'))
      .mockResolvedValue(stubPage('Journeys'));
    const { wrapper, router } = await mountShell({ journeys });
    const link = wrapper.get('[data-testid="nav-journeys"]');

    hover(link.element);
    await flushPromises();
    expect(journeys).toHaveBeenCalledTimes(1);
    // Not remembered as loaded: the next hover tries again.
    hover(link.element);
    await flushPromises();
    expect(journeys).toHaveBeenCalledTimes(2);

    await link.trigger('click');
    await flushPromises();
    expect(journeys).toHaveBeenCalledTimes(3);
    expect(router.currentRoute.value.name).toBe('journeys');
  });

  it('answers false, and loads nothing, for a redirect or an unknown place; true once loaded', async () => {
    const setup = vi.fn(async () => stubPage('Personas'));
    const { router } = await mountShell({ 'setup-personas': setup });
    expect(await preloadRoute(router, '/setup')).toBe(false);
    expect(await preloadRoute(router, { name: 'no-such-page' })).toBe(false);
    expect(setup).not.toHaveBeenCalled();
    expect(await preloadRoute(router, '/setup/personas')).toBe(true);
    expect(await preloadRoute(router, { name: 'setup-personas' })).toBe(true);
    expect(setup).toHaveBeenCalledTimes(1);
  });

  it("loads the page's chunk while the session is still being checked, not after, and once", async () => {
    let signedIn: ((user: SessionUser) => void) | undefined;
    const user = ref<SessionUser>({ id: 'u', name: 'Ada Admin', email: 'a@x', role: 'ADMIN', language: null, department: null });
    // The first navigation asks the server who is signed in (Me): held open here until the test answers.
    const session: Session = {
      user,
      ensureLoaded: () => new Promise<SessionUser>((resolve) => (signedIn = resolve)),
      signIn: async () => ({ ok: false, message: '' }),
      signOut: async () => {},
      forget: () => {},
    };
    const router = createAppRouter(session, createMemoryHistory());
    const journeys = vi.fn(async () => stubPage('Journeys'));
    replaceRouteLoader(router, 'journeys', journeys);

    const arrived = router.push('/journeys');
    await flushPromises();
    expect(signedIn).toBeDefined();
    expect(router.currentRoute.value.name).not.toBe('journeys');
    expect(journeys).toHaveBeenCalledTimes(1);

    signedIn?.(user.value);
    await arrived;
    expect(router.currentRoute.value.name).toBe('journeys');
    expect(journeys).toHaveBeenCalledTimes(1);
  });
});
