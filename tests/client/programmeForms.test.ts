import { CombinedError, type Operation } from '@urql/core';
import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import InitiativeEditor from '../../client/src/features/initiatives/components/InitiativeEditor.vue';
import UnitEditor from '../../client/src/features/setup/components/UnitEditor.vue';
import JourneyForm from '../../client/src/features/journeys/components/JourneyForm.vue';
import { fakeClient, type Answer } from './support/fakeClient';

const choices = [
  { id: 'tp1', name: 'Customer service phone', code: 'TP_PHONE', where: 'Journey › Use', state: 'AS_IS' },
  { id: 'tp2', name: 'Claims handler', code: 'TP_CLAIMS', where: 'Journey › Claim', state: 'AS_IS' },
];

function mountEditor(answers: Record<string, (op: Operation) => Answer>) {
  const sent: Operation[] = [];
  const client = fakeClient(
    Object.fromEntries(
      Object.entries(answers).map(([name, fn]) => [
        name,
        (op: Operation) => {
          sent.push(op);
          return fn(op);
        },
      ]),
    ),
  );
  const wrapper = mount(InitiativeEditor, { props: { initiative: null, choices, departments: [{ id: 'd1', name: 'Customer Service' }] }, global: { plugins: [[urql, client]] }, attachTo: document.body });
  return { wrapper, sent };
}

describe('InitiativeEditor', () => {
  it('picks touchpoints by typing and Enter, marks unsaved changes, and creates the initiative with the effect as a share', async () => {
    const { wrapper, sent } = mountEditor({ CreateInitiative: () => ({ data: { createInitiative: { id: 'new-1', title: 'Call-back' } } }) });
    expect(wrapper.find('[data-testid="unsaved"]').exists()).toBe(false);
    await wrapper.get('[data-testid="field-title"]').setValue('Call-back');
    expect(wrapper.find('[data-testid="unsaved"]').exists()).toBe(true);
    const search = wrapper.get('[data-testid="touchpoint-search"]');
    await search.setValue('claims');
    await search.trigger('keydown', { key: 'Enter' });
    await search.setValue('phone');
    await search.trigger('keydown', { key: 'ArrowDown' });
    await search.trigger('keydown', { key: 'Enter' });
    expect(wrapper.findAll('[data-testid="picked-touchpoint"]').map((c) => c.text())).toEqual([expect.stringContaining('Claims handler'), expect.stringContaining('Customer service phone')]);
    await wrapper.get('[data-testid="field-effectValue"]').setValue('25');
    await wrapper.get('[data-testid="initiative-form"]').trigger('submit');
    await flushPromises();
    const input = sent.find((op) => op.kind === 'mutation')?.variables;
    expect(input).toMatchObject({ input: { title: 'Call-back', touchpointIds: ['tp2', 'tp1'], expectedEffect: { kind: 'DETRACTORS_TO_PASSIVES', value: 0.25 } } });
    expect(wrapper.emitted('saved')).toEqual([['new-1']]);
    expect(wrapper.find('[data-testid="unsaved"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it("places the server's refusal on the field it names and keeps what was typed", async () => {
    const refusal = new CombinedError({
      graphQLErrors: [{ message: 'expectedEffect.value: is a share from 0 to 1 for DETRACTORS_TO_PASSIVES; got 2.', extensions: { code: 'BAD_USER_INPUT', field: 'expectedEffect.value' } }],
    });
    const { wrapper } = mountEditor({ CreateInitiative: () => ({ error: refusal }) });
    await wrapper.get('[data-testid="field-title"]').setValue('Too much');
    await wrapper.get('[data-testid="field-effectValue"]').setValue('200');
    await wrapper.get('[data-testid="initiative-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="error-expectedEffect.value"]').text()).toBe('Is a share from 0 to 1 for DETRACTORS_TO_PASSIVES; got 2.');
    expect(wrapper.get('[data-testid="field-effectValue"]').attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('[data-testid="form-error"]').text()).toContain('nothing was saved');
    expect((wrapper.get('[data-testid="field-title"]').element as HTMLInputElement).value).toBe('Too much');
    expect(wrapper.emitted('saved')).toBeUndefined();
    wrapper.unmount();
  });

  it('refuses a cost that does not read as a number before sending anything', async () => {
    const { wrapper, sent } = mountEditor({});
    await wrapper.get('[data-testid="field-title"]').setValue('X');
    await wrapper.get('[data-testid="field-oneOffCost"]').setValue('a lot');
    await wrapper.get('[data-testid="initiative-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="error-oneOffCost"]').text()).toContain('number');
    expect(sent).toHaveLength(0);
    wrapper.unmount();
  });
});

describe('UnitEditor', () => {
  it("shows a CONFLICT on delete as the form's message and stays open", async () => {
    const client = fakeClient({ DeleteUnit: () => ({ error: new CombinedError({ graphQLErrors: [{ message: 'Unit AAR has 12 customers in the data; it can be renamed, not deleted.', extensions: { code: 'CONFLICT', field: 'code' } }] }) }) });
    const confirm = window.confirm;
    window.confirm = () => true;
    const wrapper = mount(UnitEditor, { props: { unit: { code: 'AAR', name: 'Aarhus', customers: 12 } }, global: { plugins: [[urql, client]] } });
    await wrapper.get('[data-testid="delete"]').trigger('click');
    await flushPromises();
    window.confirm = confirm;
    expect(wrapper.get('[data-testid="form-error"]').text()).toContain('Could not delete: Unit AAR has 12 customers in the data');
    expect(wrapper.emitted('deleted')).toBeUndefined();
  });
});

describe('JourneyForm', () => {
  const journey = { id: 'j1', name: 'From quote to claim', purpose: 'UNDERSTAND' as const, state: 'AS_IS' as const, owner: '', sponsor: '', description: '', persona: null };
  const choices = () => ({ data: { personas: [] } });

  it('deletes the journey after confirmation and says so to its page', async () => {
    const sent: Operation[] = [];
    const client = fakeClient({ MapChoices: choices, DeleteJourney: (op) => (sent.push(op), { data: { deleteJourney: 'j1' } }) });
    const confirm = window.confirm;
    window.confirm = () => true;
    const wrapper = mount(JourneyForm, { props: { journey }, global: { plugins: [[urql, client]] } });
    await wrapper.get('[data-testid="journey-delete"]').trigger('click');
    await flushPromises();
    window.confirm = confirm;
    expect(sent.map((op) => op.variables)).toEqual([{ id: 'j1' }]);
    expect(wrapper.emitted('deleted')).toEqual([['j1']]);
  });

  it('sends nothing when the deletion is not confirmed, and offers no deletion while creating', async () => {
    const sent: Operation[] = [];
    const client = fakeClient({ MapChoices: choices, DeleteJourney: (op) => (sent.push(op), { data: { deleteJourney: 'j1' } }) });
    const confirm = window.confirm;
    window.confirm = () => false;
    const wrapper = mount(JourneyForm, { props: { journey }, global: { plugins: [[urql, client]] } });
    await wrapper.get('[data-testid="journey-delete"]').trigger('click');
    await flushPromises();
    window.confirm = confirm;
    expect(sent).toHaveLength(0);
    expect(wrapper.emitted('deleted')).toBeUndefined();
    const creating = mount(JourneyForm, { global: { plugins: [[urql, client]] } });
    expect(creating.find('[data-testid="journey-delete"]').exists()).toBe(false);
  });
});
