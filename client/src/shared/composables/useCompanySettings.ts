import { useQuery } from '@urql/vue';
import { computed, watchEffect } from 'vue';
import { setCurrency } from '../format';
import { CompanySettingsDocument } from '../graphql/documents';

/**
 * Loads the company settings once signed in and hands the currency to the shared money format. Returns
 * the currency as a computed: the shell keys the page on it, so a page drawn before it loaded is drawn again.
 */
export function useCompanySettings() {
  const q = useQuery({ query: CompanySettingsDocument, requestPolicy: 'cache-first' });
  watchEffect(() => setCurrency(q.data.value?.companySettings.currency));
  return computed(() => q.data.value?.companySettings.currency ?? 'DKK');
}
