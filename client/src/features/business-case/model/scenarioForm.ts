import type { CombinedError } from '@urql/core';
import type { BusinessCaseScenarioInput, ChurnValuation, EffectKind, GroupOverrideInput, NpsGroup, ScenarioInputsFieldsFragment } from '../../../graphql/generated';
import { errorInfo } from '../../../shared/errors';
import { editableNumber } from '../../../shared/forms/numbers';
import { t } from '../../../shared/i18n';

export const GROUPS: readonly NpsGroup[] = ['DETRACTOR', 'PASSIVE', 'PROMOTER'];
/** The what-if effects the editor offers, in its order (words: businessCase.effects.*). */
export const EFFECT_KINDS: readonly EffectKind[] = ['DETRACTORS_TO_PASSIVES', 'PASSIVES_TO_PROMOTERS', 'TOUCHPOINT_NPS_UPLIFT'];
const formWord = (key: string, values: Record<string, unknown> = {}): string => t(`businessCase.scenarioErrors.${key}`, values);

/** A number typed in a field: input type="number" hands a number, an empty field ''. */
export type NumberField = number | string;

export interface MoveDraft {
  from: NpsGroup;
  to: NpsGroup;
  /** Per cent of the group (0-100). */
  sharePercent: NumberField;
  /** Only customers who used one of these touchpoints; empty = everyone in the group. */
  touchpointCodes: string[];
}

export interface OverrideDraft {
  /** Per cent (0-100). */
  churn12mPercent: NumberField;
  annualMargin: NumberField;
  acquisitionCost: NumberField;
}

/** What the scenario editor holds: fields as typed; empty means "the documented default". */
export interface ScenarioDraft {
  kind: 'moves' | 'initiative';
  moves: MoveDraft[];
  initiativeId: string;
  /** Replace the initiative's expected effect (what-if). */
  effectOverride: boolean;
  effectKind: EffectKind;
  /** Per cent for the conversions, NPS points for TOUCHPOINT_NPS_UPLIFT. */
  effectValue: NumberField;
  overrides: Record<NpsGroup, OverrideDraft>;
  horizonYears: NumberField;
  /** Per cent. */
  discountPercent: NumberField;
  churnValuation: ChurnValuation;
  /** '' = all customers. */
  personaCode: string;
  oneOffCost: NumberField;
  yearlyCost: NumberField;
  scaleToCustomerBase: boolean;
}

const emptyOverride = (): OverrideDraft => ({ churn12mPercent: '', annualMargin: '', acquisitionCost: '' });

export function newMove(): MoveDraft {
  return { from: 'DETRACTOR', to: 'PASSIVE', sharePercent: 50, touchpointCodes: [] };
}

export function emptyDraft(kind: ScenarioDraft['kind'] = 'moves', initiativeId = ''): ScenarioDraft {
  return {
    kind,
    moves: kind === 'moves' ? [newMove()] : [],
    initiativeId,
    effectOverride: false,
    effectKind: 'DETRACTORS_TO_PASSIVES',
    effectValue: '',
    overrides: { DETRACTOR: emptyOverride(), PASSIVE: emptyOverride(), PROMOTER: emptyOverride() },
    horizonYears: '',
    discountPercent: '',
    churnValuation: 'LOST_MARGIN',
    personaCode: '',
    oneOffCost: '',
    yearlyCost: '',
    scaleToCustomerBase: false,
  };
}

/** undefined for an empty field; a typed text that is not a number stays NaN, for the server to name. */
function num(v: NumberField): number | undefined {
  if (typeof v === 'number') return v;
  return v.trim() === '' ? undefined : Number(v);
}
const scaled = (v: NumberField, factor: number) => {
  const n = num(v);
  return n === undefined ? undefined : n * factor;
};
const fromShare = (v: number | null | undefined, factor = 100): NumberField => (v === null || v === undefined ? '' : editableNumber(v, factor));
const orEmpty = (v: number | null | undefined): NumberField => (v === null || v === undefined ? '' : v);
const effectFactor = (kind: EffectKind) => (kind === 'TOUCHPOINT_NPS_UPLIFT' ? 1 : 0.01);

/** The groups with an override, in GROUPS order: overrides[i] of the input is the i-th of these. */
function overriddenGroups(draft: ScenarioDraft): NpsGroup[] {
  return GROUPS.filter((g) => Object.values(draft.overrides[g]).some((v) => num(v) !== undefined));
}

/** The GraphQL input of a draft: empty fields left out, so the server's defaults apply. */
export function scenarioInput(draft: ScenarioDraft): BusinessCaseScenarioInput {
  const overrides: GroupOverrideInput[] = overriddenGroups(draft).map((group) => {
    const o = draft.overrides[group];
    const churn12m = scaled(o.churn12mPercent, 0.01);
    const annualMargin = num(o.annualMargin);
    const acquisitionCost = num(o.acquisitionCost);
    return { group, ...(churn12m === undefined ? {} : { churn12m }), ...(annualMargin === undefined ? {} : { annualMargin }), ...(acquisitionCost === undefined ? {} : { acquisitionCost }) };
  });
  const optional = {
    horizonYears: num(draft.horizonYears),
    discountRate: scaled(draft.discountPercent, 0.01),
    oneOffCost: num(draft.oneOffCost),
    yearlyCost: num(draft.yearlyCost),
  };
  const effectValue = scaled(draft.effectValue, effectFactor(draft.effectKind));
  return {
    ...(draft.kind === 'moves'
      ? {
          moves: draft.moves.map((m) => ({
            from: m.from,
            to: m.to,
            share: scaled(m.sharePercent, 0.01) ?? Number.NaN,
            ...(m.touchpointCodes.length ? { touchpointCodes: m.touchpointCodes } : {}),
          })),
        }
      : { initiativeId: draft.initiativeId, ...(draft.effectOverride ? { effect: { kind: draft.effectKind, value: effectValue ?? Number.NaN } } : {}) }),
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    ...(overrides.length ? { overrides } : {}),
    ...(draft.personaCode ? { filter: { personaCodes: [draft.personaCode] } } : {}),
    churnValuation: draft.churnValuation,
    ...(draft.scaleToCustomerBase ? { scaleToCustomerBase: true } : {}),
  };
}

/** A saved scenario's inputs back into the editor. */
export function draftFromInputs(inputs: ScenarioInputsFieldsFragment): ScenarioDraft {
  const draft = emptyDraft(inputs.initiativeId ? 'initiative' : 'moves', inputs.initiativeId ?? '');
  draft.moves = (inputs.moves ?? []).map((m) => ({ from: m.from, to: m.to, sharePercent: fromShare(m.share), touchpointCodes: m.touchpointCodes ?? [] }));
  if (inputs.effect) {
    draft.effectOverride = true;
    draft.effectKind = inputs.effect.kind;
    draft.effectValue = fromShare(inputs.effect.value, 1 / effectFactor(inputs.effect.kind));
  }
  for (const o of inputs.overrides ?? []) {
    draft.overrides[o.group] = { churn12mPercent: fromShare(o.churn12m), annualMargin: orEmpty(o.annualMargin), acquisitionCost: orEmpty(o.acquisitionCost) };
  }
  draft.horizonYears = orEmpty(inputs.horizonYears);
  draft.discountPercent = fromShare(inputs.discountRate);
  draft.churnValuation = inputs.churnValuation ?? 'LOST_MARGIN';
  draft.personaCode = inputs.filter?.personaCodes?.[0] ?? '';
  draft.oneOffCost = orEmpty(inputs.oneOffCost);
  draft.yearlyCost = orEmpty(inputs.yearlyCost);
  draft.scaleToCustomerBase = inputs.scaleToCustomerBase ?? false;
  return draft;
}

/** The fields the editor shows an error next to (the keys of `FieldErrors.byField`). */
export function editorFields(draft: ScenarioDraft): string[] {
  const moves = draft.kind === 'moves' ? draft.moves.flatMap((_, i) => [`moves.${i}`, `moves.${i}.share`, `moves.${i}.to`, `moves.${i}.touchpointCodes`]) : [];
  const overrides = GROUPS.flatMap((g) => [`overrides.${g}.churn12m`, `overrides.${g}.annualMargin`, `overrides.${g}.acquisitionCost`]);
  const initiative = draft.kind === 'initiative' ? ['initiative', 'effect'] : ['moves'];
  return [...moves, ...initiative, ...overrides, 'horizonYears', 'discountRate', 'churnValuation', 'filter.personaCodes', 'oneOffCost', 'yearlyCost', 'name', 'description'];
}

/**
 * One spelling for the field an error names: the engine says `moves[0].share` and `overrides.PASSIVE.churn12m`,
 * input validation `moves.0.share` and `overrides.1.churn12m` (and `scenario.` in front when saving).
 */
export function normaliseField(field: string, draft: ScenarioDraft): string {
  const groups = overriddenGroups(draft);
  let key = field
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^(input\.)?scenario\./, '')
    .replace(/^initiativeId$/, 'initiative')
    .replace(/^effect\..*$/, 'effect')
    .replace(/^(filter\.(personaCodes|unitCodes))\.\d+$/, '$1')
    .replace(/^(moves\.\d+\.touchpointCodes)\.\d+$/, '$1');
  key = key.replace(/^overrides\.(\d+)\./, (_, i: string) => `overrides.${groups[Number(i)] ?? i}.`);
  return key;
}

const PERCENT_FIELD = /^(moves\.\d+\.share|overrides\.[A-Z]+\.churn12m|discountRate)$/;

export interface FieldErrors {
  /** Messages next to the field they are about. */
  byField: Record<string, string>;
  /** What has no field in the editor (or no field at all), to show above it. */
  general: string[];
}

/** A failed businessCase or save, sorted to the fields it names (extensions.field, or the validation's fields). */
export function fieldErrors(error: CombinedError | null | undefined, draft: ScenarioDraft): FieldErrors {
  const result: FieldErrors = { byField: {}, general: [] };
  if (!error) return result;
  const info = errorInfo(error);
  const known = new Set(editorFields(draft));
  const place = (field: string | undefined, text: string) => {
    let message = text;
    const key = field === undefined ? undefined : normaliseField(field, draft);
    // The server speaks in shares (0..1); these fields are typed in per cent.
    if (key !== undefined && PERCENT_FIELD.test(key)) message = formWord('inPercent', { message });
    if (key !== undefined && known.has(key)) result.byField[key] = result.byField[key] ? `${result.byField[key]}; ${message}` : message;
    else result.general.push(field === undefined || key === 'scenario' ? message : `${field}: ${message}`);
  };
  const { field, fields } = info.extensions;
  if (info.code === 'BAD_USER_INPUT' && typeof field === 'string') {
    const message = info.serverMessage ?? formWord('notValid');
    place(field, message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message);
  } else if (info.code === 'BAD_USER_INPUT' && Array.isArray(fields)) {
    for (const f of fields) {
      if (typeof f === 'object' && f !== null && 'field' in f && typeof f.field === 'string' && 'problems' in f && Array.isArray(f.problems)) {
        place(f.field, f.problems.filter((p: unknown): p is string => typeof p === 'string').join(', '));
      }
    }
  } else if (info.code === 'FORBIDDEN') {
    result.general.push(formWord('forbidden'));
  } else {
    result.general.push(info.serverMessage ?? formWord(info.code === 'NETWORK' ? 'noAnswer' : 'failed'));
  }
  return result;
}
