import { useQuery } from '@urql/vue';
import { computed } from 'vue';
import { PersonasDocument } from '../graphql/documents';

export function usePersonas() {
  const query = useQuery({ query: PersonasDocument });
  return {
    data: computed(() => (query.data.value ? [...query.data.value.personas].sort((a, b) => a.name.localeCompare(b.name)) : undefined)),
    fetching: query.fetching,
    error: query.error,
    refetch: () => query.executeQuery({ requestPolicy: 'network-only' }),
  };
}
