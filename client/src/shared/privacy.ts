import { computed, inject, type ComputedRef } from 'vue';
import { SessionKey } from '../features/auth/composables/useSession';
import { formatCount } from './format';
import { t } from './i18n';

/**
 * The words for a group the server hid by small-cell suppression (its `suppressed` flag): how many
 * customers a group needs (the signed-in user's `minCellCustomers`), and why its figures are missing,
 * in the user's language.
 */
export function hiddenForPrivacy(minCellCustomers: number | null | undefined): string {
  return minCellCustomers ? t('privacy.hidden', { n: formatCount(minCellCustomers) }) : t('privacy.hiddenNoCount');
}

/** The sentence for the signed-in user (their threshold), following the language. */
export function useHiddenWords(): ComputedRef<string> {
  const session = inject(SessionKey, null);
  return computed(() => hiddenForPrivacy(session?.user.value?.minCellCustomers));
}
