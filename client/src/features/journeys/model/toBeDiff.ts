import { t } from '../../../shared/i18n';
import type { EditableJourney } from './edit';
import { CHANNEL_LABELS } from './labels';

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

// Labels and values in the user's language, read when the diff is made.
const field = (key: string) => t(`journeys.tobe.fields.${key}`);
const value = (key: string) => t(`journeys.tobe.values.${key}`);
const TOUCHPOINT_FIELDS: { key: keyof Touchpoint; label: string; show: (t: Touchpoint) => string }[] = [
  { key: 'name', label: 'name', show: (tp) => tp.name },
  { key: 'channel', label: 'channel', show: (tp) => CHANNEL_LABELS[tp.channel] },
  { key: 'online', label: 'online', show: (tp) => value(tp.online ? 'online' : 'offline') },
  { key: 'direct', label: 'contact', show: (tp) => value(tp.direct ? 'direct' : 'indirect') },
  { key: 'critical', label: 'critical', show: (tp) => value(tp.critical ? 'critical' : 'notCritical') },
  { key: 'difficult', label: 'difficult', show: (tp) => value(tp.difficult ? 'difficult' : 'notDifficult') },
  { key: 'responsible', label: 'responsible', show: (tp) => tp.responsible || value('nobody') },
  { key: 'department', label: 'department', show: (tp) => tp.department?.name ?? value('none') },
  { key: 'purpose', label: 'purpose', show: (tp) => tp.purpose },
  { key: 'functionalElements', label: 'functionalElements', show: (tp) => tp.functionalElements.join(', ') },
  { key: 'emotionalElements', label: 'emotionalElements', show: (tp) => tp.emotionalElements.join(', ') },
];
const NARRATIVE_FIELDS = ['description', 'actions', 'thoughts', 'feelings', 'emotion'] as const;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Compares a to-be journey with the as-is journey it improves. Touchpoints are matched through
 * `basedOn` (the copy keeps it); phases by name, else by position (a copy keeps both; a renamed
 * phase still lines up with the one at its place).
 */
export function toBeDiff(asIs: Pick<EditableJourney, 'phases'>, toBe: Pick<EditableJourney, 'phases'>): ToBeDiff {
  const asIsPhases = [...asIs.phases].sort((a, b) => a.position - b.position);
  const toBePhases = [...toBe.phases].sort((a, b) => a.position - b.position);
  const asIsById = new Map(asIsPhases.flatMap((p) => p.touchpoints.map((tp) => [tp.id, { tp, phase: p }] as const)));
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
    for (const tp of p.touchpoints) {
      const base = tp.basedOn ? asIsById.get(tp.basedOn.id) : undefined;
      if (!base) {
        touchpoints.set(tp.id, 'ADDED');
        continue;
      }
      kept.add(base.tp.id);
      const changes = TOUCHPOINT_FIELDS.filter((f) => !same(f.key === 'department' ? tp.department?.id : tp[f.key], f.key === 'department' ? base.tp.department?.id : base.tp[f.key])).map(
        (f) => `${field(f.label)}: ${f.show(base.tp) || '—'} → ${f.show(tp) || '—'}`,
      );
      if (!same(tp.kpis, base.tp.kpis)) changes.push(field('kpis'));
      if (phaseMatch.get(p.id)?.id !== base.phase.id) changes.push(t('journeys.tobe.movedFrom', { phase: base.phase.name }));
      touchpoints.set(tp.id, changes.length ? 'CHANGED' : 'UNCHANGED');
      if (changes.length) touchpointChanges.set(tp.id, changes);
    }
  }

  const removed = new Map<string, { id: string; name: string }[]>();
  const removedElsewhere: ToBeDiff['removedElsewhere'] = [];
  for (const a of asIsPhases) {
    for (const tp of a.touchpoints) {
      if (kept.has(tp.id)) continue;
      const toBePhase = asIsToToBePhase.get(a.id);
      if (toBePhase) removed.set(toBePhase, [...(removed.get(toBePhase) ?? []), { id: tp.id, name: tp.name }]);
      else removedElsewhere.push({ id: tp.id, name: tp.name, phaseName: a.name });
    }
  }

  const narrative = new Map<string, string[]>();
  for (const p of toBePhases) {
    const a = phaseMatch.get(p.id);
    const changed = a ? NARRATIVE_FIELDS.filter((f) => !same(p[f], a[f])).map((f) => field(f)) : [field('newPhase')];
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
