import { useQuery } from '@urql/vue';
import { computed, watchEffect } from 'vue';
import { setCurrency } from '../format';
import { useSession } from '../../features/auth/composables/useSession';
import { CompanySettingsDocument } from '../graphql/documents';

/**
 * Loads the company settings once signed in and hands the currency to the shared money format. Returns
 * the currency as a computed: the shell keys the page on it, so a page drawn before it loaded is drawn again.
 */
export function useCompanySettings() {
  const session = useSession();
  // The shell is drawn for a moment before the router has resolved the first page, also on the public
  // sign-in page; asking then is refused (UNAUTHENTICATED), which sends the browser to sign-in again, in a loop.
  const q = useQuery({ query: CompanySettingsDocument, requestPolicy: 'cache-first', pause: computed(() => !session.user.value) });
  watchEffect(() => setCurrency(q.data.value?.companySettings.currency));
  return computed(() => q.data.value?.companySettings.currency ?? 'DKK');
}
