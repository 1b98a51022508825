import { createRouter, createWebHistory, type RouterHistory } from 'vue-router';
import type { Session } from '../features/auth/composables/useSession';
import type { Role } from '../graphql/generated';
import SignInView from '../features/auth/views/SignInView.vue';
import NotFoundView from './NotFoundView.vue';
import { i18n, t } from '../shared/i18n';
import type { RouteLocationNormalized, RouteRecordNormalized } from 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
    /** Browser tab title; views with a dynamic title set document.title themselves. */
    title?: string;
    /** The top-navigation section the page belongs to (highlighted there). */
    section?: 'overview' | 'journeys' | 'priorities' | 'business-case' | 'status' | 'follow-up' | 'initiatives' | 'setup' | 'account' | 'import' | 'comments';
    /** Roles that may open the page (the server enforces the same); absent = every signed-in role. */
    roles?: Role[];
    /** Why roles outside `roles` may not open the page, in words shown to them. */
    restrictedBecause?: string;
  }
}

/** Only same-app paths: `?redirect=` must not send a freshly signed-in user to another site. */
export function safeRedirect(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/overview';
}

/** A page's title in the user's language (its route name's key under `pages`), else its English meta.title. */
export function pageTitle(route: Pick<RouteLocationNormalized | RouteRecordNormalized, 'name' | 'meta'>): string | undefined {
  const key = `pages.${String(route.name ?? '')}`;
  return i18n.global.te(key) ? t(key) : route.meta.title;
}

/** Why a role may not open the page, in the user's language. */
export function restrictedBecause(route: Pick<RouteRecordNormalized, 'name' | 'meta'>): string | undefined {
  const key = `restricted.${String(route.name ?? '')}`;
  return i18n.global.te(key) ? t(key) : route.meta.restrictedBecause;
}

export function createAppRouter(session: Session, history: RouterHistory = createWebHistory()) {
  const router = createRouter({
    history,
    routes: [
      { path: '/sign-in', name: 'sign-in', component: SignInView, meta: { public: true, title: 'Sign in' } },
      { path: '/', redirect: { name: 'overview' } },
      {
        path: '/overview',
        name: 'overview',
        component: () => import('../features/overview/views/OverviewView.vue'),
        meta: { title: 'Overview', section: 'overview' },
      },
      {
        path: '/journeys',
        name: 'journeys',
        component: () => import('../features/journeys/views/JourneysView.vue'),
        meta: { title: 'Journeys', section: 'journeys' },
      },
      {
        path: '/journeys/:id',
        name: 'journey-map',
        component: () => import('../features/journeys/views/JourneyMapView.vue'),
        props: true,
        meta: { title: 'Journey map', section: 'journeys' },
      },
      {
        path: '/priorities',
        name: 'priorities',
        component: () => import('../features/priorities/views/PrioritiesView.vue'),
        meta: { title: 'Priorities', section: 'priorities' },
      },
      {
        path: '/business-case',
        name: 'business-case',
        component: () => import('../features/business-case/views/BusinessCaseView.vue'),
        meta: { title: 'Business case', section: 'business-case' },
      },
      {
        path: '/status',
        name: 'status',
        component: () => import('../features/status/views/StatusView.vue'),
        meta: { title: 'Status & targets', section: 'status' },
      },
      {
        path: '/follow-up',
        name: 'follow-up',
        component: () => import('../features/follow-up/views/FollowUpView.vue'),
        meta: {
          title: 'Follow-up',
          section: 'follow-up',
          roles: ['ADMIN', 'STRATEGIST', 'ANALYST'],
          restrictedBecause: "it shows individual customers' answers and how to reach them, which only the people who call customers back work with",
        },
      },
      {
        path: '/initiatives/:id?',
        name: 'initiatives',
        component: () => import('../features/initiatives/views/InitiativesView.vue'),
        props: true,
        meta: { title: 'Initiatives', section: 'initiatives' },
      },
      {
        path: '/targets',
        name: 'targets',
        component: () => import('../features/targets/views/TargetsView.vue'),
        meta: { title: 'Targets', section: 'status' },
      },
      { path: '/setup', redirect: { name: 'setup-personas' } },
      {
        path: '/setup/personas',
        name: 'setup-personas',
        component: () => import('../features/setup/views/PersonasView.vue'),
        meta: { title: 'Personas', section: 'setup' },
      },
      {
        path: '/setup/departments',
        name: 'setup-departments',
        component: () => import('../features/setup/views/DepartmentsView.vue'),
        meta: { title: 'Departments', section: 'setup' },
      },
      {
        path: '/setup/units',
        name: 'setup-units',
        component: () => import('../features/setup/views/UnitsView.vue'),
        meta: { title: 'Units', section: 'setup' },
      },
      {
        path: '/setup/alert-rules',
        name: 'setup-alert-rules',
        component: () => import('../features/setup/views/AlertRulesView.vue'),
        meta: { title: 'Alert rules', section: 'setup', roles: ['ADMIN'] },
      },
      {
        path: '/setup/users',
        name: 'setup-users',
        component: () => import('../features/setup/views/UsersView.vue'),
        meta: { title: 'Users', section: 'setup', roles: ['ADMIN'] },
      },
      {
        path: '/setup/sign-on',
        name: 'setup-sign-on',
        component: () => import('../features/setup/views/SignOnView.vue'),
        meta: { title: 'Single sign-on', section: 'setup', roles: ['ADMIN'] },
      },
      {
        path: '/setup/notifications',
        name: 'setup-notifications',
        component: () => import('../features/setup/views/NotificationsView.vue'),
        meta: { title: 'Notifications', section: 'setup', roles: ['ADMIN'] },
      },
      {
        path: '/setup/privacy',
        name: 'setup-privacy',
        component: () => import('../features/setup/views/PrivacyView.vue'),
        meta: { title: 'Privacy', section: 'setup', roles: ['ADMIN'] },
      },
      {
        path: '/weekly-digest',
        name: 'weekly-digest',
        component: () => import('../features/notifications/views/WeeklyDigestView.vue'),
        meta: { title: 'Weekly digest', section: 'account' },
      },
      {
        path: '/account',
        name: 'account',
        component: () => import('../features/account/views/AccountView.vue'),
        meta: { title: 'Your account', section: 'account' },
      },
      {
        path: '/import',
        name: 'import',
        component: () => import('../features/import/views/ImportView.vue'),
        meta: { title: 'Import data', section: 'import', roles: ['ADMIN', 'ANALYST'] },
      },
      {
        path: '/get-started',
        name: 'get-started',
        component: () => import('../features/get-started/views/GetStartedView.vue'),
        meta: { title: 'Get started', section: 'setup', roles: ['ADMIN'] },
      },
      {
        path: '/comments',
        name: 'comments',
        component: () => import('../features/verbatims/views/CommentsView.vue'),
        meta: { title: 'Comments', section: 'comments', roles: ['ADMIN', 'ANALYST'] },
      },
      { path: '/not-allowed', name: 'not-allowed', component: () => import('./NotAllowedView.vue'), meta: { title: 'Not available to your role' } },
      { path: '/:pathMatch(.*)*', name: 'not-found', component: NotFoundView, meta: { title: 'Not found' } },
    ],
  });

  router.beforeEach(async (to) => {
    const user = await session.ensureLoaded();
    if (to.name === 'sign-in') return user ? safeRedirect(to.query.redirect) : true;
    if (to.meta.public) return true;
    if (!user) return { name: 'sign-in', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
    // Say why instead of silently landing somewhere else.
    if (to.meta.roles && !to.meta.roles.includes(user.role)) return { name: 'not-allowed', query: { page: String(to.name ?? '') } };
    return true;
  });
  router.afterEach((to) => {
    const title = pageTitle(to);
    if (title) document.title = `${title} · Touchpoint`;
  });
  return router;
}
