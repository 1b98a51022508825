import { readerLanguage, withLanguage } from '../../../analytics/i18n/index.js';
import { dataFingerprint, resultCache } from '../../../analytics/queries/dataFingerprint.js';
import { warmAfterImport } from '../../../analytics/queries/warmUp.js';
import type { Queryable } from '../../../analytics/store.js';

export type ResultCache<T> = ReturnType<typeof resultCache<T>>;

/**
 * An analytics result remembered across requests, as the map's metrics are (metrics.service.ts): under
 * the store's data fingerprint (an import, an undo or a change to the copied journey model makes it
 * unreachable), keyed by `kind` and `key` plus the reader's language (results carry sentences).
 *
 * `key` must hold everything else the result depends on: the request's arguments, the caller's
 * small-cell threshold (an executive's answer is suppressed, an analyst's is not), and whatever was
 * read from PostgreSQL for it (targets, an initiative): read per request and put into the key, a write
 * there is seen by the next request without any invalidation. Identical concurrent misses compute once
 * (the cache holds promises), and the cut is computed again right after an import, in the same language,
 * so the first request after it is answered from memory.
 *
 * `compute` runs outside the request that missed (later requests join it, the warm-up repeats it): it
 * must read only the store and the plain values it closes over, never the request's context or entity
 * manager. The result is shared: callers copy before they change it.
 */
export function remembered<T>(
  cache: ResultCache<T>,
  store: Queryable,
  kind: string,
  key: unknown,
  compute: () => Promise<T>,
  /** The data fingerprint already read for this request (one statement per request instead of per result). */
  fingerprint?: Promise<string>,
): Promise<T> {
  const language = readerLanguage();
  const full = JSON.stringify([kind, key, language]);
  const run = () => withLanguage(language, compute);
  warmAfterImport(store, full, async () => cache.get(store, await dataFingerprint(store), full, run));
  return (fingerprint ?? dataFingerprint(store)).then((data) => cache.get(store, data, full, run));
}
