/**
 * Keeps the comment analysis current with the data: after any import, generation or undo (a new
 * data_version in store_meta), the next reader first analyses the new comments (incrementally).
 * One analysis at a time per store; concurrent readers wait for the same one.
 */
import type { Store } from '../store.js';
import { ensureDictionaries, getMeta } from './dictionary.js';
import { analyseComments, type AnalysisResult } from './pipeline.js';

const running = new WeakMap<Store, Promise<AnalysisResult | null>>();

export function ensureAnalysed(store: Store): Promise<AnalysisResult | null> {
  const current = running.get(store);
  if (current) return current;
  const next = (async () => {
    await ensureDictionaries(store);
    const [meta, analysed] = await Promise.all([store.getMeta(), getMeta(store, 'analysed_data_version')]);
    if (analysed !== null && analysed === (meta.data_version ?? '0')) return null;
    return analyseComments(store);
  })().finally(() => running.delete(store));
  running.set(store, next);
  return next;
}
