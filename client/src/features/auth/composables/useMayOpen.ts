import { computed, inject, toValue, type ComputedRef, type MaybeRefOrGetter } from 'vue';
import { useRouter, type RouteLocationRaw } from 'vue-router';
import { SessionKey } from './useSession';

/**
 * Whether the signed-in user's role may open a page, read from the page's own `meta.roles` (the rule the
 * router's guard applies), so a link is hidden exactly where following it would end on "not allowed".
 * False while nobody is signed in (or no session is provided) and for a page the router does not have.
 */
export function useMayOpen(to: MaybeRefOrGetter<RouteLocationRaw>): ComputedRef<boolean> {
  const router = useRouter();
  const session = inject(SessionKey, null);
  return computed(() => {
    const user = session?.user.value;
    if (!user) return false;
    let roles;
    try {
      roles = router.resolve(toValue(to)).meta.roles;
    } catch {
      return false; // a page this router does not know cannot be opened
    }
    return !roles || roles.includes(user.role);
  });
}
