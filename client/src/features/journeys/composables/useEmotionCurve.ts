import { useQuery } from '@urql/vue';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { EmotionCurveDocument } from '../graphql/documents';
import { type AnalyticsFilterInput } from '../../../graphql/generated';

/** The server's measured emotion curve of a journey for a cut (paused while hidden or without a cut). */
export function useEmotionCurve(journeyId: MaybeRefOrGetter<string>, filter: MaybeRefOrGetter<AnalyticsFilterInput | null>, enabled: MaybeRefOrGetter<boolean>) {
  const query = useQuery({
    query: EmotionCurveDocument,
    variables: () => ({ journeyId: toValue(journeyId), filter: toValue(filter) ?? {} }),
    pause: () => !toValue(enabled) || toValue(filter) === null,
    requestPolicy: 'cache-and-network',
  });
  return {
    data: computed(() => {
      const curve = query.data.value?.emotionCurve;
      return curve && curve.journeyId === toValue(journeyId) ? curve : undefined;
    }),
    fetching: query.fetching,
    error: query.error,
    refetch: () => query.executeQuery({ requestPolicy: 'network-only' }),
  };
}
