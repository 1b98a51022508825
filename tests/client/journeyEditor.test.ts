import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, ref, shallowRef } from 'vue';
import { describeEditError, useJourneyEditor, type JourneyEditor } from '../../client/src/features/journeys/composables/useJourneyEditor';
import JourneyMap from '../../client/src/features/journeys/components/JourneyMap.vue';
import { buildJourneyMap, type MapEdit } from '../../client/src/features/journeys/model/journeyMap';
import type { EditableJourney } from '../../client/src/features/journeys/model/edit';
import { graphqlError, makeJourney, makePhase, makeTouchpoint, networkError } from './support/factories';

type Result = { data?: unknown; error?: ReturnType<typeof graphqlError> };

/** A stand-in urql client: mutations answer what the test says, when the test says. */
function fakeClient() {
  const calls: { name: string; variables: unknown }[] = [];
  let answer: () => Promise<Result> = async () => ({ data: {} });
  const op = (doc: { definitions: readonly { kind: string; name?: { value: string } }[] }, variables: unknown) => {
    const name = doc.definitions.find((d) => d.kind === 'OperationDefinition')?.name?.value ?? '?';
    calls.push({ name, variables });
    return { toPromise: () => (name === 'JourneyMap' ? Promise.resolve({ data: {} }) : answer()) };
  };
  return {
    calls,
    answerWith(fn: () => Promise<Result>) {
      answer = fn;
    },
    client: { query: op, mutation: op },
  };
}

function setup(server: EditableJourney) {
  const fake = fakeClient();
  const serverJourney = shallowRef(server);
  let editor!: JourneyEditor;
  const Host = defineComponent({
    setup() {
      editor = useJourneyEditor('j', () => serverJourney.value);
      return () => h('div');
    },
  });
  mount(Host, { global: { provide: { $urql: ref(fake.client) } } });
  return { fake, editor, serverJourney };
}

const order = (j: EditableJourney | undefined, phaseId: string) =>
  [...(j?.phases.find((p) => p.id === phaseId)?.touchpoints ?? [])].sort((a, b) => a.position - b.position).map((t) => t.id);

const journey = () =>
  makeJourney({
    id: 'j',
    phases: [makePhase({ id: 'buy', touchpoints: [makeTouchpoint({ id: 'a', position: 0 }), makeTouchpoint({ id: 'b', position: 1 })] }), makePhase({ id: 'use', position: 1 })],
  });

describe('useJourneyEditor', () => {
  it('shows a move at once and sends the new order of the phase', async () => {
    const { fake, editor } = setup(journey());
    let release!: (r: Result) => void;
    fake.answerWith(() => new Promise((resolve) => (release = resolve)));

    const done = editor.moveTouchpoint('b', 'buy', 0);

    expect(order(editor.journey.value, 'buy')).toEqual(['b', 'a']);
    expect(editor.saving.value).toBe(true);
    expect(fake.calls.at(-1)).toEqual({ name: 'ReorderTouchpoints', variables: { phaseId: 'buy', touchpointIds: ['b', 'a'] } });
    release({ data: {} });
    expect(await done).toBe(true);
    expect(editor.saving.value).toBe(false);
    expect(editor.error.value).toBeNull();
  });

  it('moves to another phase with moveTouchpoint and its position', async () => {
    const { fake, editor } = setup(journey());
    await editor.moveTouchpoint('a', 'use', 0);
    expect(fake.calls.find((c) => c.name === 'MoveTouchpoint')?.variables).toEqual({ id: 'a', phaseId: 'use', position: 0 });
  });

  it('rolls back and says why when the server refuses', async () => {
    const { fake, editor } = setup(journey());
    fake.answerWith(async () => ({ error: graphqlError('FORBIDDEN') }));

    expect(await editor.renameTouchpoint('a', 'New name')).toBe(false);

    expect(editor.journey.value?.phases[0]?.touchpoints.find((t) => t.id === 'a')?.name).not.toBe('New name');
    expect(editor.error.value).toBe('Could not rename the touchpoint: only strategists and administrators edit journeys. Nothing was changed.');
    expect(editor.announcement.value).toBe(editor.error.value);
  });

  it('adds a touchpoint with a temporary id until the server has saved it', async () => {
    const { fake, editor } = setup(journey());
    let release!: (r: Result) => void;
    fake.answerWith(() => new Promise((resolve) => (release = resolve)));
    const done = editor.addTouchpoint('use', { name: 'Call-back', channel: 'PHONE', online: false, direct: true });

    expect(order(editor.journey.value, 'use')).toEqual(['tmp-1']);
    expect(fake.calls.at(-1)).toEqual({ name: 'CreateTouchpoint', variables: { phaseId: 'use', input: { name: 'Call-back', channel: 'PHONE', online: false, direct: true } } });
    release({ error: networkError() });
    await done;
    expect(order(editor.journey.value, 'use')).toEqual([]);
    expect(editor.error.value).toContain('the server did not answer');
  });

  it('describes failures by code, with the server\'s message otherwise', () => {
    expect(describeEditError(graphqlError('BAD_USER_INPUT', {}, 'position must be between 0 and 3, got 9.'), 'move the touchpoint')).toBe(
      'Could not move the touchpoint: position must be between 0 and 3, got 9. Nothing was changed.',
    );
  });
});

describe('JourneyMap editing', () => {
  const phases = () => buildJourneyMap(journey()).phases;

  it('has no editing controls for people who do not edit', () => {
    const w = mount(JourneyMap, { props: { phases: phases() } });
    expect(w.find('[data-testid="add-phase"]').exists()).toBe(false);
    expect(w.find('[data-testid="rename-touchpoint"]').exists()).toBe(false);
    expect(w.find('[draggable="true"]').exists()).toBe(false);
  });

  it('asks for edits from its buttons', async () => {
    const w = mount(JourneyMap, { props: { phases: phases(), editable: true } });
    await w.get('[data-testid="add-phase"]').trigger('click');
    await w.get('[data-testid="rename-phase"]').trigger('click');
    await w.findAll('[data-testid="add-touchpoint"]')[1]!.trigger('click');
    await w.findAll('[data-testid="delete-touchpoint"]')[1]!.trigger('click');
    expect(w.emitted('edit')?.map(([e]) => e)).toEqual<MapEdit[]>([
      { kind: 'add-phase' },
      { kind: 'rename-phase', phaseId: 'buy' },
      { kind: 'add-touchpoint', phaseId: 'use' },
      { kind: 'delete-touchpoint', id: 'b' },
    ]);
  });

  it('moves the focused card with Alt+Arrow keys and the focused phase with Alt+Left/Right', async () => {
    const w = mount(JourneyMap, { props: { phases: phases(), editable: true }, attachTo: document.body });
    const cardB = w.get('[data-touchpoint-id="b"]');
    await cardB.trigger('keydown', { key: 'ArrowUp', altKey: true });
    await cardB.trigger('keydown', { key: 'ArrowRight', altKey: true });
    await cardB.trigger('keydown', { key: 'F2' });
    await w.findAll('[data-testid="phase-handle"]')[1]!.trigger('keydown', { key: 'ArrowLeft', altKey: true });
    expect(w.emitted('edit')?.map(([e]) => e)).toEqual<MapEdit[]>([
      { kind: 'move-touchpoint', id: 'b', phaseId: 'buy', index: 0 },
      { kind: 'move-touchpoint', id: 'b', phaseId: 'use', index: 0 },
      { kind: 'rename-touchpoint', id: 'b' },
      { kind: 'move-phase', phaseId: 'use', to: 0 },
    ]);
    w.unmount();
  });

  it('offers the first phase on an empty journey', async () => {
    const w = mount(JourneyMap, { props: { phases: [], editable: true } });
    await w.get('[data-testid="add-first-phase"]').trigger('click');
    expect(w.emitted('edit')).toEqual([[{ kind: 'add-phase' }]]);
  });
});
