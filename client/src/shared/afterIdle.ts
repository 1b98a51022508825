import { onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue';

/**
 * False until the component is on screen, `ready()` holds (or `latestMs` have passed since it mounted),
 * and the browser has then had an idle moment (at most `idleMs` later); then true for good. For work that
 * may wait until what the page is for can be used, such as loading ECharts under a 240-card journey map
 * once the cards and their numbers are in: an idle gap while the numbers are still on their way is not
 * enough, since the chart's start-up would hold their answer up. Browsers without requestIdleCallback
 * wait one task instead.
 */
export function useAfterIdle(ready: () => boolean = () => true, options: { latestMs?: number; idleMs?: number } = {}): Ref<boolean> {
  const { latestMs = 4000, idleMs = 2000 } = options;
  const done = ref(false);
  const late = ref(false);
  const cancels: (() => void)[] = [];
  let asked = false;
  function whenIdle() {
    if (asked) return;
    asked = true;
    const finish = () => (done.value = true);
    if (typeof window.requestIdleCallback === 'function') {
      const handle = window.requestIdleCallback(finish, { timeout: idleMs });
      cancels.push(() => window.cancelIdleCallback(handle));
    } else {
      const handle = window.setTimeout(finish, 0);
      cancels.push(() => window.clearTimeout(handle));
    }
  }
  onMounted(() => {
    const timer = window.setTimeout(() => (late.value = true), latestMs);
    cancels.push(() => window.clearTimeout(timer));
    cancels.push(
      watch(
        () => ready() || late.value,
        (go) => {
          if (go) whenIdle();
        },
        { immediate: true },
      ),
    );
  });
  onBeforeUnmount(() => cancels.forEach((cancel) => cancel()));
  return done;
}
