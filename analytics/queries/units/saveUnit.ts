import type { Store } from '../../store.js';

/** Adds a unit or renames it (keyed by code); the store's dimensions version moves on so cached results refresh. */
export async function saveUnit(store: Store, unit: { code: string; name: string }): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.run('INSERT OR REPLACE INTO dim_units (unit_code, name) VALUES ($code, $name)', { code: unit.code, name: unit.name });
    await store.markChanged('dimensions', {}, tx);
  });
}

/** Removes a unit by code; customers keep their unit_code (the caller checks there are none). */
export async function deleteUnit(store: Store, code: string): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.run('DELETE FROM dim_units WHERE unit_code = $code', { code });
    await store.markChanged('dimensions', {}, tx);
  });
}
