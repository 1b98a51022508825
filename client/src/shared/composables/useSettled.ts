import { onBeforeUnmount, shallowRef, watch, type ShallowRef } from 'vue';

/**
 * `source()` once it has stopped changing for `ms`: what typing in a form sends to a server query
 * (a preview, a check), so a query does not go out per key stroke.
 */
export function useSettled<T>(source: () => T, ms: number): ShallowRef<T> {
  const settled = shallowRef(source());
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(
    () => JSON.stringify(source()),
    () => {
      clearTimeout(timer);
      timer = setTimeout(() => (settled.value = source()), ms);
    },
  );
  onBeforeUnmount(() => clearTimeout(timer));
  return settled;
}
