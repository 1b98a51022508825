import { createRouter, createWebHistory, type RouterHistory } from 'vue-router';
import type { Session } from '../features/auth/composables/useSession';
import type { Role } from '../graphql/generated';
import SignInView from '../features/auth/views/SignInView.vue';
import NotFoundView from './NotFoundView.vue';
import { preloadRoute } from './preload';
import { watch } from 'vue';
import { currentLanguage, i18n, t } from '../shared/i18n';
import type { RouteLocationNormalized, RouteRecordNormalized } from 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
    /** The top-navigation section the page belongs to (highlighted there). */
    section?: 'overview' | 'journeys' | 'priorities' | 'business-case' | 'status' | 'follow-up' | 'initiatives' | 'setup' | 'account' | 'import' | 'comments';
    /** Roles that may open the page (the server enforces the same); absent = every signed-in role. */
    roles?: Role[];
  }
}

/** Only same-app paths: `?redirect=` must not send a freshly signed-in user to another site. */
export function safeRedirect(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/overview';
}

/** A page's title in the user's language: its route name's key under `pages` in app/messages.ts (the tab title). */
export function pageTitle(route: Pick<RouteLocationNormalized | RouteRecordNormalized, 'name'>): string | undefined {
  const key = `pages.${String(route.name ?? '')}`;
  return i18n.global.te(key) ? t(key) : undefined;
}

/** Why a role may not open the page, in the user's language (the route name's key under `restricted`). */
export function restrictedBecause(route: Pick<RouteRecordNormalized, 'name'>): string | undefined {
  const key = `restricted.${String(route.name ?? '')}`;
  return i18n.global.te(key) ? t(key) : undefined;
}

export function createAppRouter(session: Session, history: RouterHistory = createWebHistory()) {
  const router = createRouter({
    history,
    routes: [
      { path: '/sign-in', name: 'sign-in', component: SignInView, meta: { public: true } },
      { path: '/', redirect: { name: 'overview' } },
      {
        path: '/overview',
        name: 'overview',
        component: () => import('../features/overview/views/OverviewView.vue'),
        meta: { section: 'overview' },
      },
      {
        path: '/journeys',
        name: 'journeys',
        component: () => import('../features/journeys/views/JourneysView.vue'),
        meta: { section: 'journeys' },
      },
      {
        path: '/journeys/:id',
        name: 'journey-map',
        component: () => import('../features/journeys/views/JourneyMapView.vue'),
        props: true,
        meta: { section: 'journeys' },
      },
      {
        path: '/priorities',
        name: 'priorities',
        component: () => import('../features/priorities/views/PrioritiesView.vue'),
        meta: { section: 'priorities' },
      },
      {
        path: '/business-case',
        name: 'business-case',
        component: () => import('../features/business-case/views/BusinessCaseView.vue'),
        meta: { section: 'business-case' },
      },
      {
        path: '/status',
        name: 'status',
        component: () => import('../features/status/views/StatusView.vue'),
        meta: { section: 'status' },
      },
      {
        path: '/follow-up',
        name: 'follow-up',
        component: () => import('../features/follow-up/views/FollowUpView.vue'),
        meta: {
          section: 'follow-up',
          roles: ['ADMIN', 'STRATEGIST', 'ANALYST'],
        },
      },
      {
        path: '/initiatives/:id?',
        name: 'initiatives',
        component: () => import('../features/initiatives/views/InitiativesView.vue'),
        props: true,
        meta: { section: 'initiatives' },
      },
      {
        path: '/targets',
        name: 'targets',
        component: () => import('../features/targets/views/TargetsView.vue'),
        meta: { section: 'status' },
      },
      { path: '/setup', redirect: { name: 'setup-personas' } },
      {
        path: '/setup/personas',
        name: 'setup-personas',
        component: () => import('../features/setup/views/PersonasView.vue'),
        meta: { section: 'setup' },
      },
      {
        path: '/setup/departments',
        name: 'setup-departments',
        component: () => import('../features/setup/views/DepartmentsView.vue'),
        meta: { section: 'setup' },
      },
      {
        path: '/setup/units',
        name: 'setup-units',
        component: () => import('../features/setup/views/UnitsView.vue'),
        meta: { section: 'setup' },
      },
      {
        path: '/setup/alert-rules',
        name: 'setup-alert-rules',
        component: () => import('../features/setup/views/AlertRulesView.vue'),
        meta: { section: 'setup', roles: ['ADMIN'] },
      },
      {
        path: '/setup/users',
        name: 'setup-users',
        component: () => import('../features/setup/views/UsersView.vue'),
        meta: { section: 'setup', roles: ['ADMIN'] },
      },
      {
        path: '/setup/sign-on',
        name: 'setup-sign-on',
        component: () => import('../features/setup/views/SignOnView.vue'),
        meta: { section: 'setup', roles: ['ADMIN'] },
      },
      {
        path: '/setup/notifications',
        name: 'setup-notifications',
        component: () => import('../features/setup/views/NotificationsView.vue'),
        meta: { section: 'setup', roles: ['ADMIN'] },
      },
      {
        path: '/setup/privacy',
        name: 'setup-privacy',
        component: () => import('../features/setup/views/PrivacyView.vue'),
        meta: { section: 'setup', roles: ['ADMIN'] },
      },
      {
        path: '/weekly-digest',
        name: 'weekly-digest',
        component: () => import('../features/notifications/views/WeeklyDigestView.vue'),
        meta: { section: 'account' },
      },
      {
        path: '/account',
        name: 'account',
        component: () => import('../features/account/views/AccountView.vue'),
        meta: { section: 'account' },
      },
      {
        path: '/import',
        name: 'import',
        component: () => import('../features/import/views/ImportView.vue'),
        meta: { section: 'import', roles: ['ADMIN', 'ANALYST'] },
      },
      {
        path: '/get-started',
        name: 'get-started',
        component: () => import('../features/get-started/views/GetStartedView.vue'),
        meta: { section: 'setup', roles: ['ADMIN'] },
      },
      {
        path: '/comments',
        name: 'comments',
        component: () => import('../features/verbatims/views/CommentsView.vue'),
        meta: { section: 'comments', roles: ['ADMIN', 'ANALYST'] },
      },
      { path: '/not-allowed', name: 'not-allowed', component: () => import('./NotAllowedView.vue') },
      { path: '/:pathMatch(.*)*', name: 'not-found', component: NotFoundView },
    ],
  });

  router.beforeEach(async (to) => {
    // The page's chunk downloads while the session is checked (on the first navigation that asks the
    // server who is signed in), instead of after it: vue-router loads route components once guards pass.
    if (!to.meta.public) void preloadRoute(router, to.fullPath);
    const user = await session.ensureLoaded();
    if (to.name === 'sign-in') return user ? safeRedirect(to.query.redirect) : true;
    if (to.meta.public) return true;
    if (!user) return { name: 'sign-in', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
    // Say why instead of silently landing somewhere else.
    if (to.meta.roles && !to.meta.roles.includes(user.role)) return { name: 'not-allowed', query: { page: String(to.name ?? '') } };
    return true;
  });
  const showTitle = () => {
    const title = pageTitle(router.currentRoute.value);
    if (title) document.title = `${title} · Touchpoint`;
  };
  router.afterEach(showTitle);
  // A language switch retitles the tab at once ('sync': before the views whose own watchEffect sets a
  // more precise title, such as the journey's name, run again and put theirs back).
  watch(currentLanguage, showTitle, { flush: 'sync' });
  return router;
}
