/**
 * Issue 23 (focus order): an editor shown inside a page (not a dialog) takes focus into its first field
 * when it opens and gives it back to what opened it when it closes (client/src/shared/composables/
 * useEditorFocus.ts), for the setup editors, the target editor and the initiative editor.
 */
import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, ref, type Component } from 'vue';
import InitiativeEditor from '../../client/src/features/initiatives/components/InitiativeEditor.vue';
import AlertRuleEditor from '../../client/src/features/setup/components/AlertRuleEditor.vue';
import NameDescriptionEditor from '../../client/src/features/setup/components/NameDescriptionEditor.vue';
import PersonaEditor from '../../client/src/features/setup/components/PersonaEditor.vue';
import UnitEditor from '../../client/src/features/setup/components/UnitEditor.vue';
import UserEditor from '../../client/src/features/setup/components/UserEditor.vue';
import WebhookEndpointEditor from '../../client/src/features/setup/components/WebhookEndpointEditor.vue';
import TargetEditor from '../../client/src/features/targets/components/TargetEditor.vue';
import { fakeClient } from './support/fakeClient';

/** A list page in miniature: a heading, a "New" button, a row button, and the editor when open. */
function page(editor: Component, props: Record<string, unknown>, options: { rowGoesAway?: boolean } = {}) {
  return defineComponent({
    setup() {
      const open = ref(false);
      const rowShown = ref(true);
      const close = () => {
        open.value = false;
        if (options.rowGoesAway) rowShown.value = false;
      };
      return () =>
        h('div', { class: 'page' }, [
          h('h1', 'Page'),
          h('button', { type: 'button', 'data-testid': 'new', onClick: () => (open.value = true) }, 'New'),
          rowShown.value ? h('button', { type: 'button', 'data-testid': 'row', onClick: () => (open.value = true) }, 'Row') : null,
          open.value ? h(editor, { ...props, onCancel: close, onSaved: close, onDeleted: close }) : null,
        ]);
    },
  });
}

const EDITORS: Array<[string, Component, Record<string, unknown>]> = [
  ['persona', PersonaEditor, { persona: null }],
  ['unit', UnitEditor, { unit: null }],
  ['department', NameDescriptionEditor, { department: null }],
  ['user', UserEditor, { user: null, departments: [] }],
  ['alert rule', AlertRuleEditor, { rule: null }],
  ['webhook endpoint', WebhookEndpointEditor, { endpoint: null }],
  ['target', TargetEditor, { target: null }],
  ['initiative', InitiativeEditor, { initiative: null, choices: [], departments: [] }],
];

const mounted: Array<{ unmount: () => void }> = [];
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

async function openFrom(editor: Component, props: Record<string, unknown>, opener: 'new' | 'row', options: { rowGoesAway?: boolean } = {}) {
  const wrapper = mount(page(editor, props, options), { global: { plugins: [[urql, fakeClient({})]] }, attachTo: document.body });
  mounted.push(wrapper);
  const button = wrapper.get(`[data-testid="${opener}"]`);
  (button.element as HTMLElement).focus();
  await button.trigger('click');
  await flushPromises();
  return { wrapper, button: button.element };
}

describe.each(EDITORS)('the %s editor', (_name, editor, props) => {
  it('focuses its first field when opened and gives focus back to the opener on close', async () => {
    const { wrapper, button } = await openFrom(editor, props, 'row');
    const form = wrapper.get('form').element;
    const first = form.querySelector('input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])');
    expect(first).not.toBeNull();
    expect(document.activeElement).toBe(first);
    await wrapper.get('[data-testid="close"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('form').exists()).toBe(false);
    expect(document.activeElement).toBe(button);
  });
});

describe('when the opener is gone', () => {
  it('gives focus to the page’s "New" button', async () => {
    const { wrapper } = await openFrom(PersonaEditor, { persona: null }, 'row', { rowGoesAway: true });
    expect(document.activeElement?.getAttribute('data-testid')).toBe('field-name');
    await wrapper.get('[data-testid="close"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="row"]').exists()).toBe(false);
    expect(document.activeElement).toBe(wrapper.get('[data-testid="new"]').element);
  });
});
