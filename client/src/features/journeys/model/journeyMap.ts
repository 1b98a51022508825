import type { Channel, JourneyMapQuery } from '../../../graphql/generated';
import { t } from '../../../shared/i18n';
import { CHANNEL_LABELS } from './labels';
import { emotionLevel, type EmotionLevel } from './emotion';

type ApiJourney = JourneyMapQuery['journey'];
type ApiPhase = ApiJourney['phases'][number];
type ApiTouchpoint = ApiPhase['touchpoints'][number];

/** A touchpoint as its card shows it: everything derived once here, nothing computed per card. */
export interface MapTouchpoint {
  id: string;
  name: string;
  code: string | null;
  channel: Channel;
  channelLabel: string;
  online: boolean;
  direct: boolean;
  critical: boolean;
  difficult: boolean;
  department: string | null;
  responsible: string;
  /** A to-be touchpoint copied from an as-is one: its survey code, whose numbers it shows until it has its own. */
  basedOnCode: string | null;
  /** Survey answers can exist for it (its own code, or its as-is touchpoint's). */
  measurable: boolean;
  /** 1-based number within the phase, in the order customers meet the touchpoints. */
  number: number;
  /** What a screen reader says for the card. */
  ariaLabel: string;
}

export interface MapPhase {
  id: string;
  name: string;
  description: string;
  /** 1-based, in journey order. */
  number: number;
  actions: string[];
  thoughts: string[];
  feelings: string[];
  emotion: EmotionLevel;
  touchpoints: MapTouchpoint[];
}

export interface JourneyMapModel {
  phases: MapPhase[];
  touchpointCount: number;
}

const byPosition = <T extends { position: number }>(a: T, b: T) => a.position - b.position;

/** Workshop notes often quote the customer ("Finally done."); the map adds its own quotation marks. */
export function unquote(text: string): string {
  const trimmed = text.trim();
  // Only one quotation: '"A" or "B"' keeps its marks.
  const match = /^["\u201C\u201E\u00AB]([^"\u201C\u201D\u201E\u00AB\u00BB]*)["\u201D\u00BB]$/.exec(trimmed);
  return match?.[1]?.trim() ?? trimmed;
}

function toTouchpoint(tp: ApiTouchpoint, index: number, phaseName: string, codes: boolean): MapTouchpoint {
  const channelLabel = CHANNEL_LABELS[tp.channel] ?? tp.channel;
  const department = tp.department?.name ?? null;
  const facts = [
    t(tp.online ? 'journeys.aria.online' : 'journeys.aria.offline', { channel: channelLabel }),
    tp.direct ? null : t('journeys.aria.indirect'),
    tp.critical ? t('journeys.aria.critical') : null,
    tp.difficult ? t('journeys.aria.difficult') : null,
    department ? t('journeys.aria.ownedBy', { department }) : t('journeys.aria.noDepartment'),
    tp.responsible ? t('journeys.aria.responsible', { name: tp.responsible }) : null,
    // Codes themselves are read out only to those who asked to see them ("Show codes").
    tp.code ? (codes ? t('journeys.aria.code', { code: tp.code }) : null) : tp.basedOn?.code ? (codes ? t('journeys.aria.basedOn', { code: tp.basedOn.code }) : t('journeys.aria.basedOnAsIs')) : t('journeys.aria.noCode'),
  ].filter((f): f is string => f !== null);
  return {
    id: tp.id,
    name: tp.name,
    code: tp.code,
    channel: tp.channel,
    channelLabel,
    online: tp.online,
    direct: tp.direct,
    critical: tp.critical,
    difficult: tp.difficult,
    department,
    responsible: tp.responsible,
    basedOnCode: tp.basedOn?.code ?? null,
    measurable: Boolean(tp.code ?? tp.basedOn?.code),
    number: index + 1,
    ariaLabel: t('journeys.aria.card', { phase: phaseName, number: index + 1, name: tp.name, facts: facts.join('; ') }),
  };
}

/**
 * The map's view model: phases in journey order, each with its touchpoints in the order customers
 * meet them. Sorts by `position` rather than trusting the response order. `codes`: the user asked to
 * see internal codes ("Show codes"), so screen readers hear them too.
 */
export function buildJourneyMap(journey: Pick<ApiJourney, 'phases'>, codes = false): JourneyMapModel {
  const phases = [...journey.phases].sort(byPosition).map((phase, index): MapPhase => ({
    id: phase.id,
    name: phase.name,
    description: phase.description,
    number: index + 1,
    actions: phase.actions,
    thoughts: phase.thoughts.map(unquote),
    feelings: phase.feelings.map(unquote),
    emotion: emotionLevel(phase.emotion),
    touchpoints: [...phase.touchpoints].sort(byPosition).map((tp, i) => toTouchpoint(tp, i, phase.name, codes)),
  }));
  return { phases, touchpointCount: phases.reduce((sum, p) => sum + p.touchpoints.length, 0) };
}

/** Where arrow keys move focus between cards: phases are columns, touchpoints rows within them. */
export function neighbourCard(
  counts: readonly number[],
  from: { phase: number; index: number },
  key: string,
): { phase: number; index: number } | null {
  const inPhase = (phase: number, index: number) => {
    const count = counts[phase] ?? 0;
    return count > 0 ? { phase, index: Math.min(index, count - 1) } : null;
  };
  const across = (step: 1 | -1) => {
    for (let p = from.phase + step; p >= 0 && p < counts.length; p += step) {
      const target = inPhase(p, from.index);
      if (target) return target;
    }
    return null;
  };
  const count = counts[from.phase] ?? 0;
  switch (key) {
    case 'ArrowDown':
      return from.index + 1 < count ? { phase: from.phase, index: from.index + 1 } : null;
    case 'ArrowUp':
      return from.index > 0 ? { phase: from.phase, index: from.index - 1 } : null;
    case 'ArrowRight':
      return across(1);
    case 'ArrowLeft':
      return across(-1);
    case 'Home':
      return count > 0 ? { phase: from.phase, index: 0 } : null;
    case 'End':
      return count > 0 ? { phase: from.phase, index: count - 1 } : null;
    default:
      return null;
  }
}

/**
 * Where Alt+Arrow moves a touchpoint (editing): up/down within its phase, left/right to the same
 * index of the neighbouring phase, clamped to its end. `index` is the position after the move; null
 * at an edge.
 */
export function moveTarget(counts: readonly number[], from: { phase: number; index: number }, key: string): { phase: number; index: number } | null {
  const count = counts[from.phase] ?? 0;
  switch (key) {
    case 'ArrowUp':
      return from.index > 0 ? { phase: from.phase, index: from.index - 1 } : null;
    case 'ArrowDown':
      return from.index < count - 1 ? { phase: from.phase, index: from.index + 1 } : null;
    case 'ArrowLeft':
    case 'ArrowRight': {
      const phase = from.phase + (key === 'ArrowLeft' ? -1 : 1);
      const target = counts[phase];
      return target === undefined ? null : { phase, index: Math.min(from.index, target) };
    }
    default:
      return null;
  }
}

/**
 * A drop slot (0..n, before which card the dragged one lands, in the list that still holds it) as the
 * index after the move: within the same phase, slots below the card shift up by one.
 */
export function dropIndex(slot: number, sameList: boolean, fromIndex: number): number {
  return sameList && slot > fromIndex ? slot - 1 : slot;
}

/** Edits the map asks for; the panel carries them out (dialogs, mutations). */
export type MapEdit =
  | { kind: 'add-phase' }
  | { kind: 'rename-phase'; phaseId: string }
  | { kind: 'edit-narrative'; phaseId: string }
  | { kind: 'delete-phase'; phaseId: string }
  | { kind: 'move-phase'; phaseId: string; to: number }
  | { kind: 'add-touchpoint'; phaseId: string }
  | { kind: 'rename-touchpoint'; id: string }
  | { kind: 'delete-touchpoint'; id: string }
  | { kind: 'move-touchpoint'; id: string; phaseId: string; index: number };
