import type { Queryable, Store } from '../store.js';

/**
 * Recent cuts are computed again right after the facts change, not on the first read after it.
 *
 * The map's metrics and the driver sums behind drivers, priorities and the business case are cached per
 * data fingerprint: an import makes every cached result unreachable, and the first request for a cut
 * after it paid the full statement (seconds on 10M answers). A cache miss here registers how to compute
 * its cut again; when a transaction that changed the facts commits (an import, an undo), the store calls
 * back and the most recent cuts are recomputed on the read connections into their caches before the
 * import's caller gets its answer. A request arriving meanwhile joins the computation (the caches keep
 * promises). Only fact changes warm: a model edit (dimension sync) comes in bursts of many small edits,
 * and warming after each would compete with the user making them.
 */
const MAX_WARMED = 32;

interface Registry {
  /** Most recently used last; at most MAX_WARMED. */
  recompute: Map<string, () => Promise<unknown>>;
  unsubscribe: () => void;
}
const registries = new WeakMap<object, Registry>();

const canListen = (db: Queryable): db is Queryable & Pick<Store, 'onDataChanged'> => 'onDataChanged' in db && typeof db.onDataChanged === 'function';

/**
 * Remembers how to compute one cut of `db` again after the facts change. `key` names the cut (the
 * cache's own key); `recompute` must go through the same cache, so its result is what the next request
 * reads, and must not hold on to a request (its context, its entity manager).
 */
export function warmAfterImport(db: Queryable, key: string, recompute: () => Promise<unknown>): void {
  if (!canListen(db)) return;
  let registry = registries.get(db);
  if (!registry) {
    const created: Registry = { recompute: new Map(), unsubscribe: () => undefined };
    created.unsubscribe = db.onDataChanged(() => warm(created));
    registries.set(db, (registry = created));
  }
  registry.recompute.delete(key);
  registry.recompute.set(key, recompute);
  while (registry.recompute.size > MAX_WARMED) registry.recompute.delete(registry.recompute.keys().next().value ?? key);
}

/** One cut after the other, most recent first: the read connections stay free for users meanwhile. */
async function warm(registry: Registry): Promise<void> {
  for (const recompute of [...registry.recompute.values()].reverse()) {
    await recompute().catch(() => undefined); // a cut that fails now fails again for its own request, which reports it
  }
}

/** The cuts that would be warmed for `db`, oldest first (tests). */
export function warmedKeys(db: Queryable): string[] {
  return [...(registries.get(db)?.recompute.keys() ?? [])];
}
