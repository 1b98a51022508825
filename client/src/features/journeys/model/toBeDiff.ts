import type { EditableJourney } from './edit';

type Phase = EditableJourney['phases'][number];
type Touchpoint = Phase['touchpoints'][number];

export type TouchpointChange = 'ADDED' | 'CHANGED' | 'UNCHANGED';

/** What changes for the customer between an as-is journey and a to-be journey that improves it. */
export interface ToBeDiff {
  /** To-be touchpoint id → added (no as-is touchpoint behind it), changed, or unchanged. */
  touchpoints: ReadonlyMap<string, TouchpointChange>;
  /** To-be touchpoint id → what changed, in words ("channel Phone → App"). */
  touchpointChanges: ReadonlyMap<string, string[]>;
  /** To-be phase id → the as-is touchpoints no longer met there (removed from the to-be journey). */
  removed: ReadonlyMap<string, { id: string; name: string }[]>;
  /** As-is touchpoints removed whose phase has no counterpart in the to-be journey. */
  removedElsewhere: { id: string; name: string; phaseName: string }[];
  /** To-be phase id → the narrative parts that differ from its as-is phase ("actions", "feelings"...); "new phase" when it has none. */
  narrative: ReadonlyMap<string, string[]>;
  counts: { added: number; changed: number; removed: number; phasesWithNarrativeChanges: number };
}

const TOUCHPOINT_FIELDS: { key: keyof Touchpoint; label: string; show: (t: Touchpoint) => string }[] = [
  { key: 'name', label: 'name', show: (t) => t.name },
  { key: 'channel', label: 'channel', show: (t) => t.channel },
  { key: 'online', label: 'online', show: (t) => (t.online ? 'online' : 'offline') },
  { key: 'direct', label: 'contact', show: (t) => (t.direct ? 'direct' : 'indirect') },
  { key: 'critical', label: 'critical', show: (t) => (t.critical ? 'critical' : 'not critical') },
  { key: 'difficult', label: 'difficult', show: (t) => (t.difficult ? 'difficult' : 'not difficult') },
  { key: 'responsible', label: 'responsible', show: (t) => t.responsible || 'nobody' },
  { key: 'department', label: 'department', show: (t) => t.department?.name ?? 'none' },
  { key: 'purpose', label: 'purpose', show: (t) => t.purpose },
  { key: 'functionalElements', label: 'functional elements', show: (t) => t.functionalElements.join(', ') },
  { key: 'emotionalElements', label: 'emotional elements', show: (t) => t.emotionalElements.join(', ') },
];
const NARRATIVE_FIELDS = ['description', 'actions', 'thoughts', 'feelings', 'emotion'] as const;
const NARRATIVE_LABELS: Record<(typeof NARRATIVE_FIELDS)[number], string> = { description: 'about', actions: 'actions', thoughts: 'thoughts', feelings: 'feelings', emotion: 'documented emotion' };
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Compares a to-be journey with the as-is journey it improves. Touchpoints are matched through
 * `basedOn` (the copy keeps it); phases by name, else by position (a copy keeps both; a renamed
 * phase still lines up with the one at its place).
 */
export function toBeDiff(asIs: Pick<EditableJourney, 'phases'>, toBe: Pick<EditableJourney, 'phases'>): ToBeDiff {
  const asIsPhases = [...asIs.phases].sort((a, b) => a.position - b.position);
  const toBePhases = [...toBe.phases].sort((a, b) => a.position - b.position);
  const asIsById = new Map(asIsPhases.flatMap((p) => p.touchpoints.map((t) => [t.id, { tp: t, phase: p }] as const)));
  const phaseMatch = new Map<string, Phase>();
  for (const [i, p] of toBePhases.entries()) {
    const match = asIsPhases.find((a) => a.name === p.name) ?? asIsPhases[i];
    if (match) phaseMatch.set(p.id, match);
  }
  const asIsToToBePhase = new Map([...phaseMatch].map(([toBeId, a]) => [a.id, toBeId]));

  const touchpoints = new Map<string, TouchpointChange>();
  const touchpointChanges = new Map<string, string[]>();
  const kept = new Set<string>();
  for (const p of toBePhases) {
    for (const t of p.touchpoints) {
      const base = t.basedOn ? asIsById.get(t.basedOn.id) : undefined;
      if (!base) {
        touchpoints.set(t.id, 'ADDED');
        continue;
      }
      kept.add(base.tp.id);
      const changes = TOUCHPOINT_FIELDS.filter((f) => !same(f.key === 'department' ? t.department?.id : t[f.key], f.key === 'department' ? base.tp.department?.id : base.tp[f.key])).map(
        (f) => `${f.label}: ${f.show(base.tp) || '—'} → ${f.show(t) || '—'}`,
      );
      if (!same(t.kpis, base.tp.kpis)) changes.push('KPIs');
      if (phaseMatch.get(p.id)?.id !== base.phase.id) changes.push(`moved from ${base.phase.name}`);
      touchpoints.set(t.id, changes.length ? 'CHANGED' : 'UNCHANGED');
      if (changes.length) touchpointChanges.set(t.id, changes);
    }
  }

  const removed = new Map<string, { id: string; name: string }[]>();
  const removedElsewhere: ToBeDiff['removedElsewhere'] = [];
  for (const a of asIsPhases) {
    for (const t of a.touchpoints) {
      if (kept.has(t.id)) continue;
      const toBePhase = asIsToToBePhase.get(a.id);
      if (toBePhase) removed.set(toBePhase, [...(removed.get(toBePhase) ?? []), { id: t.id, name: t.name }]);
      else removedElsewhere.push({ id: t.id, name: t.name, phaseName: a.name });
    }
  }

  const narrative = new Map<string, string[]>();
  for (const p of toBePhases) {
    const a = phaseMatch.get(p.id);
    const changed = a ? NARRATIVE_FIELDS.filter((f) => !same(p[f], a[f])).map((f) => NARRATIVE_LABELS[f]) : ['new phase'];
    if (changed.length) narrative.set(p.id, changed);
  }

  const values = [...touchpoints.values()];
  return {
    touchpoints,
    touchpointChanges,
    removed,
    removedElsewhere,
    narrative,
    counts: {
      added: values.filter((v) => v === 'ADDED').length,
      changed: values.filter((v) => v === 'CHANGED').length,
      removed: [...removed.values()].reduce((n, list) => n + list.length, 0) + removedElsewhere.length,
      phasesWithNarrativeChanges: narrative.size,
    },
  };
}
