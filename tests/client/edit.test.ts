import { describe, expect, it } from 'vitest';
import * as edit from '../../client/src/features/journeys/model/edit';
import { dropIndex, moveTarget } from '../../client/src/features/journeys/model/journeyMap';
import { makeJourney, makePhase, makeTouchpoint } from './support/factories';

function journey() {
  return makeJourney({
    phases: [
      makePhase({
        id: 'buy',
        position: 0,
        touchpoints: [makeTouchpoint({ id: 'a', position: 0 }), makeTouchpoint({ id: 'b', position: 1 }), makeTouchpoint({ id: 'c', position: 2 })],
      }),
      makePhase({ id: 'use', position: 1, touchpoints: [makeTouchpoint({ id: 'd', position: 0 })] }),
      makePhase({ id: 'leave', position: 2 }),
    ],
  });
}
const layout = (j: edit.EditableJourney) =>
  [...j.phases].sort((x, y) => x.position - y.position).map((p) => `${p.id}:${[...p.touchpoints].sort((x, y) => x.position - y.position).map((t) => t.id).join('')}`);

describe('journey edits (optimistic copies)', () => {
  it('moves a touchpoint within its phase and renumbers positions', () => {
    const j = edit.moveTouchpoint(journey(), 'c', 'buy', 0);
    expect(layout(j)).toEqual(['buy:cab', 'use:d', 'leave:']);
    expect(j.phases[0]!.touchpoints.map((t) => t.position).sort()).toEqual([0, 1, 2]);
    expect(edit.touchpointOrder(j, 'buy')).toEqual(['c', 'a', 'b']);
  });

  it('moves a touchpoint to another phase, clamping the index to its end', () => {
    expect(layout(edit.moveTouchpoint(journey(), 'b', 'use', 0))).toEqual(['buy:ac', 'use:bd', 'leave:']);
    expect(layout(edit.moveTouchpoint(journey(), 'b', 'leave', 9))).toEqual(['buy:ac', 'use:d', 'leave:b']);
  });

  it('leaves the journey alone for unknown ids', () => {
    const j = journey();
    expect(edit.moveTouchpoint(j, 'zz', 'use', 0)).toBe(j);
    expect(edit.moveTouchpoint(j, 'a', 'nowhere', 0)).toBe(j);
    expect(edit.movePhase(j, 'nowhere', 0)).toBe(j);
  });

  it('moves phases and lists their new order', () => {
    const j = edit.movePhase(journey(), 'leave', 0);
    expect(edit.phaseOrder(j)).toEqual(['leave', 'buy', 'use']);
    expect(layout(edit.movePhase(journey(), 'buy', 2))).toEqual(['use:d', 'leave:', 'buy:abc']);
  });

  it('adds, renames and deletes phases and touchpoints', () => {
    let j = edit.addPhase(journey(), edit.newPhase('tmp-1', 'Renewal'));
    expect(layout(j)).toEqual(['buy:abc', 'use:d', 'leave:', 'tmp-1:']);
    j = edit.renamePhase(j, 'tmp-1', 'Renewal and price');
    expect(j.phases.find((p) => p.id === 'tmp-1')?.name).toBe('Renewal and price');
    j = edit.addTouchpoint(j, 'use', edit.newTouchpoint('tmp-2', { name: 'Call-back', channel: 'PHONE', online: false, direct: true }));
    expect(layout(j)).toContain('use:dtmp-2');
    j = edit.renameTouchpoint(j, 'a', 'Campaign');
    expect(j.phases[0]!.touchpoints.find((t) => t.id === 'a')?.name).toBe('Campaign');
    j = edit.deleteTouchpoint(j, 'b');
    j = edit.deletePhase(j, 'leave');
    expect(layout(j)).toEqual(['buy:ac', 'use:dtmp-2', 'tmp-1:']);
  });

  it('finds where a touchpoint is', () => {
    expect(edit.locateTouchpoint(journey(), 'c')).toEqual({ phaseId: 'buy', index: 2 });
    expect(edit.locateTouchpoint(journey(), 'zz')).toBeNull();
  });
});

describe('keyboard moves and drop slots', () => {
  const counts = [3, 1, 0];

  it('moves up and down within a phase, stopping at its ends', () => {
    expect(moveTarget(counts, { phase: 0, index: 1 }, 'ArrowUp')).toEqual({ phase: 0, index: 0 });
    expect(moveTarget(counts, { phase: 0, index: 0 }, 'ArrowUp')).toBeNull();
    expect(moveTarget(counts, { phase: 0, index: 1 }, 'ArrowDown')).toEqual({ phase: 0, index: 2 });
    expect(moveTarget(counts, { phase: 0, index: 2 }, 'ArrowDown')).toBeNull();
  });

  it('moves across to the same index of the next phase, or its end, also into an empty phase', () => {
    expect(moveTarget(counts, { phase: 0, index: 2 }, 'ArrowRight')).toEqual({ phase: 1, index: 1 });
    expect(moveTarget(counts, { phase: 1, index: 0 }, 'ArrowRight')).toEqual({ phase: 2, index: 0 });
    expect(moveTarget(counts, { phase: 1, index: 0 }, 'ArrowLeft')).toEqual({ phase: 0, index: 0 });
    expect(moveTarget(counts, { phase: 0, index: 0 }, 'ArrowLeft')).toBeNull();
    expect(moveTarget(counts, { phase: 0, index: 0 }, 'Enter')).toBeNull();
  });

  it('turns a drop slot into the index after the move', () => {
    // Card 0 dropped before card 2 of the same list lands at index 1.
    expect(dropIndex(2, true, 0)).toBe(1);
    expect(dropIndex(0, true, 2)).toBe(0);
    expect(dropIndex(2, false, 0)).toBe(2);
  });
});
