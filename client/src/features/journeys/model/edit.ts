import type { Channel, JourneyMapQuery } from '../../../graphql/generated';

/**
 * The journey model's edits as pure functions on the map query's journey: the editor applies them
 * at once (optimistic) and rolls back to the server's answer when a mutation fails. Every function
 * returns a new journey with positions renumbered 0..n-1 in the new order.
 */
export type EditableJourney = JourneyMapQuery['journey'];
type Phase = EditableJourney['phases'][number];
type Touchpoint = Phase['touchpoints'][number];

const byPosition = <T extends { position: number }>(a: T, b: T) => a.position - b.position;
const renumber = <T extends { position: number }>(items: T[]): T[] => items.map((item, position) => ({ ...item, position }));
const clamp = (i: number, length: number) => Math.max(0, Math.min(i, length));

function sortedPhases(j: EditableJourney): Phase[] {
  return [...j.phases].sort(byPosition);
}
function sortedTouchpoints(p: Phase): Touchpoint[] {
  return [...p.touchpoints].sort(byPosition);
}
function mapPhases(j: EditableJourney, fn: (p: Phase) => Phase): EditableJourney {
  return { ...j, phases: j.phases.map(fn) };
}

/** Phase ids in journey order (for reorderPhases). */
export function phaseOrder(j: EditableJourney): string[] {
  return sortedPhases(j).map((p) => p.id);
}
/** Touchpoint ids of a phase in customer order (for reorderTouchpoints). */
export function touchpointOrder(j: EditableJourney, phaseId: string): string[] {
  const phase = j.phases.find((p) => p.id === phaseId);
  return phase ? sortedTouchpoints(phase).map((t) => t.id) : [];
}
/** Where a touchpoint is: its phase and index in customer order. */
export function locateTouchpoint(j: EditableJourney, id: string): { phaseId: string; index: number } | null {
  for (const p of j.phases) {
    const index = sortedTouchpoints(p).findIndex((t) => t.id === id);
    if (index >= 0) return { phaseId: p.id, index };
  }
  return null;
}

export function newPhase(id: string, name: string): Phase {
  return { id, name, position: Number.MAX_SAFE_INTEGER, description: '', actions: [], thoughts: [], feelings: [], emotion: 0, touchpoints: [] };
}

export interface NewTouchpoint {
  name: string;
  channel: Channel;
  online: boolean;
  direct: boolean;
}
export function newTouchpoint(id: string, input: NewTouchpoint): Touchpoint {
  return { id, position: Number.MAX_SAFE_INTEGER, code: null, critical: false, difficult: false, responsible: '', purpose: '', functionalElements: [], emotionalElements: [], kpis: [], department: null, basedOn: null, ...input };
}

export function addPhase(j: EditableJourney, phase: Phase): EditableJourney {
  return { ...j, phases: renumber([...sortedPhases(j), phase]) };
}
export function renamePhase(j: EditableJourney, phaseId: string, name: string): EditableJourney {
  return mapPhases(j, (p) => (p.id === phaseId ? { ...p, name } : p));
}
export function deletePhase(j: EditableJourney, phaseId: string): EditableJourney {
  return { ...j, phases: renumber(sortedPhases(j).filter((p) => p.id !== phaseId)) };
}
/** Moves a phase to index `to` (0-based, in the order after removing it). */
export function movePhase(j: EditableJourney, phaseId: string, to: number): EditableJourney {
  const phases = sortedPhases(j);
  const from = phases.findIndex((p) => p.id === phaseId);
  if (from < 0) return j;
  const [moved] = phases.splice(from, 1);
  if (!moved) return j;
  phases.splice(clamp(to, phases.length), 0, moved);
  return { ...j, phases: renumber(phases) };
}

export function addTouchpoint(j: EditableJourney, phaseId: string, tp: Touchpoint): EditableJourney {
  return mapPhases(j, (p) => (p.id === phaseId ? { ...p, touchpoints: renumber([...sortedTouchpoints(p), tp]) } : p));
}
export function renameTouchpoint(j: EditableJourney, id: string, name: string): EditableJourney {
  return mapPhases(j, (p) => (p.touchpoints.some((t) => t.id === id) ? { ...p, touchpoints: p.touchpoints.map((t) => (t.id === id ? { ...t, name } : t)) } : p));
}
export function deleteTouchpoint(j: EditableJourney, id: string): EditableJourney {
  return mapPhases(j, (p) => (p.touchpoints.some((t) => t.id === id) ? { ...p, touchpoints: renumber(sortedTouchpoints(p).filter((t) => t.id !== id)) } : p));
}
/** Moves a touchpoint to index `to` of phase `phaseId` (the same phase or another of the journey). */
export function moveTouchpoint(j: EditableJourney, id: string, phaseId: string, to: number): EditableJourney {
  const at = locateTouchpoint(j, id);
  const source = j.phases.find((p) => p.id === at?.phaseId);
  const moved = source?.touchpoints.find((t) => t.id === id);
  if (!at || !moved || !j.phases.some((p) => p.id === phaseId)) return j;
  return mapPhases(j, (p) => {
    let list = sortedTouchpoints(p);
    if (p.id === at.phaseId) list = list.filter((t) => t.id !== id);
    if (p.id === phaseId) list.splice(clamp(to, list.length), 0, moved);
    return p.id === at.phaseId || p.id === phaseId ? { ...p, touchpoints: renumber(list) } : p;
  });
}

export type PhasePatch = Partial<Pick<Phase, 'name' | 'description' | 'actions' | 'thoughts' | 'feelings' | 'emotion'>>;
export function updatePhase(j: EditableJourney, phaseId: string, patch: PhasePatch): EditableJourney {
  return mapPhases(j, (p) => (p.id === phaseId ? { ...p, ...patch } : p));
}

export type TouchpointPatch = Partial<Omit<Touchpoint, 'id' | 'position' | 'basedOn'>>;
export function updateTouchpoint(j: EditableJourney, id: string, patch: TouchpointPatch): EditableJourney {
  return mapPhases(j, (p) => (p.touchpoints.some((t) => t.id === id) ? { ...p, touchpoints: p.touchpoints.map((t) => (t.id === id ? { ...t, ...patch } : t)) } : p));
}
export function addTouchpoints(j: EditableJourney, phaseId: string, tps: Touchpoint[]): EditableJourney {
  return tps.reduce((acc, tp) => addTouchpoint(acc, phaseId, tp), j);
}
