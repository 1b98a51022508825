import { loadRouteLocation, useRouter, type RouteLocationRaw, type RouteRecordNormalized, type Router } from 'vue-router';

/*
 * Pages are separate chunks (`() => import(...)` in router.ts). Loading a page's chunk when its link is
 * pointed at or focused, instead of on the click, takes the download off the time between click and page.
 */

/** The load under way or done for each route (its last matched record): a route is fetched once. */
const loading = new WeakMap<RouteRecordNormalized, Promise<boolean>>();

/**
 * Starts loading the page chunk(s) of where `to` leads; resolves true once loaded, false when there was
 * nothing to load or loading failed. Never rejects: a failed preload is forgotten, so the next hover tries
 * again, and the navigation itself calls the route's loader again (vue-router keeps a route's loader until
 * one call succeeds; `loadRouteLocation` swaps in the loaded component, so the navigation loads nothing more).
 */
export function preloadRoute(router: Router, to: RouteLocationRaw): Promise<boolean> {
  let route;
  try {
    route = router.resolve(to);
  } catch {
    return Promise.resolve(false); // e.g. a named route the router does not know
  }
  const record = route.matched.at(-1);
  // A redirect has no page of its own to load (vue-router refuses to load it); its target loads on arrival.
  if (!record || route.matched.every((r) => r.redirect)) return Promise.resolve(false);
  const known = loading.get(record);
  if (known) return known;
  const load = loadRouteLocation(route).then(
    () => true,
    () => {
      loading.delete(record);
      return false;
    },
  );
  loading.set(record, load);
  return load;
}

/** The in-app path a link leads to, or null for other sites, downloads and new windows. */
function inAppTarget(event: Event): string | null {
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!(link instanceof HTMLAnchorElement) || link.hasAttribute('download') || (link.target && link.target !== '_self')) return null;
  const url = new URL(link.href, window.location.href);
  return url.origin === window.location.origin ? url.pathname + url.search + url.hash : null;
}

/**
 * An event handler for a container: bound in the capture phase to `pointerenter` and `focus` (which do
 * not bubble), it preloads the page of any link inside that the pointer enters or the keyboard focuses, so
 * every RouterLink under the container (the shell's bar, its "More" menu, the pages) is covered in one place.
 */
export function useLinkPreload(router: Router = useRouter()): (event: Event) => void {
  return (event) => {
    const target = inAppTarget(event);
    if (target !== null) void preloadRoute(router, target);
  };
}
