import { getCurrentInstance, nextTick, onBeforeUnmount, onMounted, onUnmounted } from 'vue';

/** A form field a person can type into or choose in. */
const FIELD = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])';

/**
 * Focus for an editor shown inside a page (not a dialog), e.g. opened from a list's "New" button or a row:
 * on opening, focus goes to the form's first field, so a keyboard or screen-reader user lands where they
 * can type; on closing (saved, cancelled, deleted), focus goes back to the element that opened it. When
 * that element is gone (the row was deleted, the page was loaded with the editor open), it goes to the
 * page's "New" button, else to the page's heading. Focus is only moved back when it was inside the
 * editor (or lost with it): a click that opened another editor keeps its own focus.
 * Call it in the editor's setup; its root element is the form or holds it.
 */
export function useEditorFocus(): void {
  const instance = getCurrentInstance();
  const root = (): Element | null => {
    const el: unknown = instance?.proxy?.$el;
    return el instanceof Element ? el : null;
  };
  // Captured before the editor takes focus: what the person used to open it.
  const active = document.activeElement;
  const opener = active instanceof HTMLElement && active !== document.body ? active : null;
  let page: Element | null = null;
  let giveBack = false;

  onMounted(() => {
    const el = root();
    const field = (el?.querySelector('form') ?? el)?.querySelector(FIELD);
    if (field instanceof HTMLElement) field.focus();
  });
  onBeforeUnmount(() => {
    const el = root();
    const now = document.activeElement;
    giveBack = now === null || now === document.body || (el?.contains(now) ?? false);
    page = el?.closest('.page, main') ?? null;
  });
  onUnmounted(() => {
    if (!giveBack) return;
    void nextTick(() => {
      // Another editor that opened meanwhile has taken focus: leave it there.
      const now = document.activeElement;
      if (now && now !== document.body && now.isConnected) return;
      const target = opener?.isConnected ? opener : fallback(page);
      target?.focus();
    });
  });
}

/** Where focus goes when the opener is gone: the page's "New" button, else its heading (made focusable). */
function fallback(page: Element | null): HTMLElement | null {
  const scope = page?.isConnected ? page : document;
  const create = scope.querySelector('[data-testid="new"]');
  if (create instanceof HTMLElement) return create;
  const heading = scope.querySelector('h1');
  if (!(heading instanceof HTMLElement)) return null;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  return heading;
}
