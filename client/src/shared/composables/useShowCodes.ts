import { useMutation } from '@urql/vue';
import { computed, inject, ref, type ComputedRef } from 'vue';
import { SessionKey } from '../../features/auth/composables/useSession';
import { SetMyShowCodesDocument } from '../../features/auth/graphql/documents';
import { t } from '../i18n';

/** The choice made in this tab since the session loaded (null: the saved one from `me`). */
const chosen = ref<boolean | null>(null);

/** Roles that may ask for codes: the analysts who work with the data and the API, and administrators. */
const MAY_SHOW_CODES = new Set(['ANALYST', 'ADMIN']);

/**
 * Whether internal codes (touchpoint, persona, unit) appear beside the names. Off by default and for
 * every role but analysts and administrators, who switch it on their account page; the server keeps
 * the choice. Without a session (a component test) it is off.
 */
export function useShowCodes(): { allowed: ComputedRef<boolean>; on: ComputedRef<boolean> } {
  const session = inject(SessionKey, null);
  const allowed = computed(() => MAY_SHOW_CODES.has(session?.user.value?.role ?? ''));
  const on = computed(() => allowed.value && (chosen.value ?? session?.user.value?.showCodes ?? false));
  return { allowed, on };
}

/** Saves the choice; it applies at once and goes back if the server refuses. Returns an error message or null. */
export function useSetShowCodes() {
  const save = useMutation(SetMyShowCodesDocument);
  return async (show: boolean): Promise<string | null> => {
    const before = chosen.value;
    chosen.value = show;
    const result = await save.executeMutation({ show });
    if (!result.error) return null;
    chosen.value = before;
    return result.error.graphQLErrors[0]?.message ?? t('forms.showCodesNotSaved');
  };
}

/** For tests: forget the choice made in this tab. */
export function resetShowCodes(): void {
  chosen.value = null;
}
