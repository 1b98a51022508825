import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

/**
 * False until the component is on screen and the browser has had an idle moment (at most `timeout` ms
 * later), then true: for work that may wait until what the page is for can be used, such as loading
 * ECharts under a 240-card journey map. Browsers without requestIdleCallback wait one task instead.
 */
export function useAfterIdle(timeout = 2000): Ref<boolean> {
  const ready = ref(false);
  let cancel: (() => void) | null = null;
  onMounted(() => {
    const done = () => {
      cancel = null;
      ready.value = true;
    };
    if (typeof window.requestIdleCallback === 'function') {
      const handle = window.requestIdleCallback(done, { timeout });
      cancel = () => window.cancelIdleCallback(handle);
    } else {
      const handle = window.setTimeout(done, 0);
      cancel = () => window.clearTimeout(handle);
    }
  });
  onBeforeUnmount(() => cancel?.());
  return ready;
}
