import { defineComponent, h } from 'vue';
import { createMemoryHistory, type RouteComponent, type Router } from 'vue-router';
import { createAppRouter } from '../../../client/src/app/router';
import type { Session } from '../../../client/src/features/auth/composables/useSession';

export type PageLoader = () => Promise<{ default: RouteComponent }>;

/** A page that only says its name: what a routing test checks is where navigation ends. */
export const stubPage = (name: string) => ({ default: defineComponent({ name, render: () => h('p', name) }) });

/** Replaces one route's lazy page chunk with `loader`. */
export function replaceRouteLoader(router: Router, name: string, loader: PageLoader): void {
  const record = router.getRoutes().find((r) => r.name === name);
  if (!record?.components) throw new Error(`no route ${name}`);
  record.components.default = loader;
}

/**
 * The app's own router (its routes, guards and role rules) with every lazy page chunk replaced by a stub.
 * Navigation resolves a lazy route's chunk before it ends; loading the real pages (charts and all) through
 * Vite's transform took seconds, over 15 s on a loaded machine, and made routing tests fail by the clock.
 */
export function appRouterWithStubPages(session: Session): Router {
  const router = createAppRouter(session, createMemoryHistory());
  for (const record of router.getRoutes()) {
    const page = record.components?.default;
    // Lazy routes hold a loader function; eagerly imported pages (sign-in) are component objects.
    if (typeof page === 'function' && typeof record.name === 'string') {
      const name = record.name;
      replaceRouteLoader(router, name, async () => stubPage(name));
    }
  }
  return router;
}
