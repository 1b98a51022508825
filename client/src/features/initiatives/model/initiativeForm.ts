import type { EffectKind, InitiativeInput, InitiativeStatus, InitiativeTrack, InitiativesQuery, TouchpointChoicesQuery } from '../../../graphql/generated';
import { editableNumber } from '../../../shared/forms/numbers';
import { t } from '../../../shared/i18n';

export type InitiativeRow = InitiativesQuery['initiatives'][number];

// Getters: every label is read in the user's language when it is shown.
export const TRACK_LABELS: Record<InitiativeTrack, string> = {
  get IMPROVE_EXISTING() { return t('initiatives.model.track.IMPROVE_EXISTING'); },
  get NEW_ELEMENT() { return t('initiatives.model.track.NEW_ELEMENT'); },
};
export const EFFECT_LABELS: Record<EffectKind, string> = {
  get DETRACTORS_TO_PASSIVES() { return t('initiatives.model.effect.DETRACTORS_TO_PASSIVES'); },
  get PASSIVES_TO_PROMOTERS() { return t('initiatives.model.effect.PASSIVES_TO_PROMOTERS'); },
  get TOUCHPOINT_NPS_UPLIFT() { return t('initiatives.model.effect.TOUCHPOINT_NPS_UPLIFT'); },
};
/** Conversions are entered in per cent and sent as shares; an NPS uplift is in points. */
export const isShareEffect = (kind: EffectKind) => kind !== 'TOUCHPOINT_NPS_UPLIFT';

/** What the form edits: text for numbers (an empty box is "not given"), ids for references. */
export interface InitiativeFormValues {
  title: string;
  description: string;
  status: InitiativeStatus;
  track: InitiativeTrack;
  departmentId: string;
  touchpointIds: string[];
  oneOffCost: string;
  yearlyCost: string;
  effectKind: EffectKind | '';
  effectValue: string;
  feasibility: number;
  effectRating: number;
  startDate: string;
  endDate: string;
}

export const EMPTY_INITIATIVE: InitiativeFormValues = {
  title: '',
  description: '',
  status: 'IDEA',
  track: 'IMPROVE_EXISTING',
  departmentId: '',
  touchpointIds: [],
  oneOffCost: '0',
  yearlyCost: '0',
  effectKind: 'DETRACTORS_TO_PASSIVES',
  effectValue: '',
  feasibility: 3,
  effectRating: 3,
  startDate: '',
  endDate: '',
};

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');
const trimNumber = (v: number) => String(editableNumber(v));

export function toFormValues(i: InitiativeRow): InitiativeFormValues {
  const effect = i.expectedEffect;
  return {
    title: i.title,
    description: i.description,
    status: i.status,
    track: i.track,
    departmentId: i.department?.id ?? '',
    touchpointIds: i.touchpoints.map((t) => t.id),
    oneOffCost: trimNumber(i.oneOffCost),
    yearlyCost: trimNumber(i.yearlyCost),
    effectKind: effect?.kind ?? '',
    effectValue: effect ? trimNumber(isShareEffect(effect.kind) ? effect.value * 100 : effect.value) : '',
    feasibility: i.feasibility,
    effectRating: i.effectRating,
    startDate: day(i.startDate),
    endDate: day(i.endDate),
  };
}

/** A number typed by a person: "12 500", "12.500,5" (Danish) and "12,500.5" all read. */
export function parseAmount(text: string): number | null {
  const t = text.replace(/[\s\u00a0]/g, '').replace(/^(DKK|kr\.?)/i, '');
  if (!t) return null;
  let normal = t;
  if (/,\d{1,2}$/.test(t) || (t.includes('.') && t.includes(',') && t.lastIndexOf(',') > t.lastIndexOf('.'))) normal = t.replace(/\./g, '').replace(',', '.');
  else normal = t.replace(/,/g, '');
  const n = Number(normal);
  return Number.isFinite(n) ? n : null;
}

export interface ClientCheck {
  input: InitiativeInput | null;
  errors: Record<string, string>;
}

/** The form as the mutation's input; numbers that do not read are marked on their fields before sending. */
export function toInput(v: InitiativeFormValues): ClientCheck {
  const errors: Record<string, string> = {};
  if (!v.title.trim()) errors.title = t('initiatives.model.noTitle');
  const oneOff = parseAmount(v.oneOffCost) ?? (v.oneOffCost.trim() ? NaN : 0);
  const yearly = parseAmount(v.yearlyCost) ?? (v.yearlyCost.trim() ? NaN : 0);
  if (Number.isNaN(oneOff)) errors.oneOffCost = t('initiatives.model.oneOffCost');
  if (Number.isNaN(yearly)) errors.yearlyCost = t('initiatives.model.yearlyCost');
  let expectedEffect: InitiativeInput['expectedEffect'] = null;
  if (v.effectKind && v.effectValue.trim()) {
    const value = parseAmount(v.effectValue);
    if (value === null) errors['expectedEffect.value'] = t('initiatives.model.effectValue');
    else expectedEffect = { kind: v.effectKind, value: isShareEffect(v.effectKind) ? value / 100 : value };
  }
  if (v.startDate && v.endDate && v.endDate < v.startDate) errors.endDate = t('initiatives.model.endBeforeStart');
  if (Object.keys(errors).length) return { input: null, errors };
  return {
    input: {
      title: v.title.trim(),
      description: v.description,
      status: v.status,
      track: v.track,
      departmentId: v.departmentId || null,
      touchpointIds: v.touchpointIds,
      oneOffCost: oneOff,
      yearlyCost: yearly,
      expectedEffect,
      feasibility: v.feasibility,
      effectRating: v.effectRating,
      startDate: v.startDate ? `${v.startDate}T00:00:00.000Z` : null,
      endDate: v.endDate ? `${v.endDate}T00:00:00.000Z` : null,
    },
    errors,
  };
}

/** The server's paths for the effect's value are spelled as the input's: the form's box is that field. */
export const EFFECT_VALUE_PATH = 'expectedEffect.value';

export interface TouchpointChoice {
  id: string;
  name: string;
  code: string | null;
  /** "Journey › Phase", shown under the name and searched with it. */
  where: string;
  state: string;
}

export function touchpointChoices(data: TouchpointChoicesQuery | undefined): TouchpointChoice[] {
  return (data?.journeys ?? []).flatMap((j) =>
    j.phases.flatMap((p) => p.touchpoints.map((t) => ({ id: t.id, name: t.name, code: t.code, where: `${j.name} › ${p.name}`, state: j.state }))),
  );
}
