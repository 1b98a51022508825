import { useQuery } from '@urql/vue';
import { computed } from 'vue';
import { DataCoverageDocument } from '../graphql/documents';

/**
 * The server's anchor for period choices ("last 12 months" end at the latest answer, not today) and the
 * store's size (empty states). `ready` turns true once it is known (or failed: then periods end today),
 * so analyses wait for it instead of asking twice.
 */
export function useDataCoverage() {
  const query = useQuery({ query: DataCoverageDocument, requestPolicy: 'cache-and-network' });
  return {
    data: computed(() => query.data.value?.dataCoverage),
    asOf: computed(() => query.data.value?.dataCoverage.asOf ?? null),
    ready: computed(() => Boolean(query.data.value || query.error.value)),
    fetching: query.fetching,
    error: query.error,
  };
}
