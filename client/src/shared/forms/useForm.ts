import type { CombinedError } from '@urql/core';
import { computed, onBeforeUnmount, reactive, ref } from 'vue';
import { onBeforeRouteLeave, onBeforeRouteUpdate } from 'vue-router';
import { errorInfo } from '../errors';
import { t } from '../i18n';
import { formErrors } from './fieldErrors';

const snapshot = (value: unknown) => JSON.stringify(value);

/** The question before leaving a form with unsaved changes, in the reader's language. */
export const leaveWarning = (): string => t('forms.leaveWarning');

/**
 * One form: its values, whether they differ from what was loaded (dirty), the server's errors on
 * their fields, and a warning before leaving with unsaved changes (route change or closing the tab).
 * `submit(send)` runs the mutation; on a refusal the errors land on the fields and the values stay.
 */
export function useForm<T extends object>(initial: T, options: { warnOnLeave?: boolean } = {}) {
  const values = reactive(structuredClone(initial));
  const saved = ref(snapshot(initial));
  const errors = ref<Record<string, string>>({});
  const general = ref<string | null>(null);
  const saving = ref(false);
  const dirty = computed(() => snapshot(values) !== saved.value);

  function reset(next: T) {
    Object.assign(values, structuredClone(next));
    saved.value = snapshot(next);
    errors.value = {};
    general.value = null;
  }
  /** The current values count as saved (after a successful save). */
  function markSaved() {
    saved.value = snapshot(values);
  }
  function setErrors(fields: Record<string, string>, message: string | null = null) {
    errors.value = fields;
    general.value = message;
  }

  async function submit<P extends { data?: unknown; error?: CombinedError }>(send: () => Promise<P>): Promise<NonNullable<P['data']> | null> {
    saving.value = true;
    errors.value = {};
    general.value = null;
    try {
      const result = await send();
      if (result.error) {
        const refused = formErrors(result.error);
        setErrors(refused.fields, refused.general);
        if (!refused.general && Object.keys(refused.fields).length) general.value = t('forms.checkMarked');
        return null;
      }
      markSaved();
      return result.data ?? null;
    } finally {
      saving.value = false;
    }
  }

  /** Marks fields the form itself found wrong; true when there were any (then nothing is sent). */
  function refuse(fields: Record<string, string>): boolean {
    if (!Object.keys(fields).length) return false;
    setErrors(fields, t('forms.checkMarked'));
    return true;
  }

  /** Deletes after the user confirms `question`; a refusal is shown as the form's message. True when deleted. */
  async function remove(question: string, send: () => Promise<{ error?: CombinedError }>): Promise<boolean> {
    if (!window.confirm(question)) return false;
    const result = await send();
    if (result.error) {
      const why = errorInfo(result.error).serverMessage ?? formErrors(result.error).general ?? t('forms.refused');
      setErrors({}, t('forms.couldNotDelete', { why }));
      return false;
    }
    markSaved();
    return true;
  }

  if (options.warnOnLeave ?? true) {
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirty.value) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', beforeUnload);
    onBeforeUnmount(() => window.removeEventListener('beforeunload', beforeUnload));
    try {
      const mayLeave = () => !dirty.value || window.confirm(leaveWarning());
      onBeforeRouteLeave(mayLeave);
      onBeforeRouteUpdate(mayLeave);
    } catch {
      // Outside a routed component (tests mounting the form alone): the tab warning still applies.
    }
  }

  return { values, errors, general, saving, dirty, submit, reset, markSaved, setErrors, refuse, remove };
}

export type Form<T extends object> = ReturnType<typeof useForm<T>>;
