import type { TargetInput, TargetMetric, TargetScope, TargetsQuery } from '../../../graphql/generated';
import { editableNumber } from '../../../shared/forms/numbers';
import { t } from '../../../shared/i18n';
import { parseAmount } from '../../initiatives/model/initiativeForm';

export type TargetRow = TargetsQuery['targets'][number];

/** The metrics and scopes a target can take, in the order the editor offers them (names: targets.metrics.*, targets.scopes.*). */
export const METRICS: readonly TargetMetric[] = ['NPS', 'CSAT', 'PROMOTER_SHARE', 'RETENTION', 'TOUCHPOINT_KPI'];
export const SCOPES: readonly TargetScope[] = ['COMPANY', 'JOURNEY', 'PERSONA', 'TOUCHPOINT'];
/** Shares are stored 0..1 and entered in per cent. */
export const isShare = (m: TargetMetric) => m === 'PROMOTER_SHARE' || m === 'RETENTION';

export interface TargetFormValues {
  name: string;
  metric: TargetMetric;
  scope: TargetScope;
  journeyId: string;
  personaId: string;
  touchpointId: string;
  kpiName: string;
  baseline: string;
  baselineDate: string;
  targetValue: string;
  dueDate: string;
}

const today = () => new Date().toISOString().slice(0, 10);
const inYears = (n: number) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + n);
  return d.toISOString().slice(0, 10);
};
// Six decimals like every form (three before): a target of 12.34567 % saved unchanged stays 12.34567 %.
const shown = (metric: TargetMetric, v: number) => String(editableNumber(v, isShare(metric) ? 100 : 1));

export function emptyTarget(): TargetFormValues {
  return { name: '', metric: 'NPS', scope: 'COMPANY', journeyId: '', personaId: '', touchpointId: '', kpiName: '', baseline: '', baselineDate: today(), targetValue: '', dueDate: inYears(2) };
}

export function toTargetForm(t: TargetRow): TargetFormValues {
  return {
    name: t.name,
    metric: t.metric,
    scope: t.scope,
    journeyId: t.journey?.id ?? '',
    personaId: t.persona?.id ?? '',
    touchpointId: t.touchpoint?.id ?? '',
    kpiName: t.kpiName ?? '',
    baseline: shown(t.metric, t.baseline),
    baselineDate: t.baselineDate.slice(0, 10),
    targetValue: shown(t.metric, t.targetValue),
    dueDate: t.dueDate.slice(0, 10),
  };
}

/** The scope part of the input: only the reference the scope takes (the others cleared). */
export function scopeInput(v: Pick<TargetFormValues, 'metric' | 'scope' | 'journeyId' | 'personaId' | 'touchpointId' | 'kpiName'>): TargetInput {
  return {
    metric: v.metric,
    scope: v.scope,
    journeyId: v.scope === 'JOURNEY' ? v.journeyId || null : null,
    personaId: v.scope === 'PERSONA' ? v.personaId || null : null,
    touchpointId: v.scope === 'TOUCHPOINT' ? v.touchpointId || null : null,
    kpiName: v.metric === 'TOUCHPOINT_KPI' ? v.kpiName.trim() || null : null,
  };
}

export function toTargetInput(v: TargetFormValues): { input: TargetInput | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!v.name.trim()) errors.name = t('targets.errors.name');
  const ref = { JOURNEY: 'journeyId', PERSONA: 'personaId', TOUCHPOINT: 'touchpointId', COMPANY: null } as const;
  const needed = ref[v.scope];
  if (needed && !v[needed]) errors[needed] = t(`targets.errors.${needed}`);
  if (v.metric === 'TOUCHPOINT_KPI' && !v.kpiName.trim()) errors.kpiName = t('targets.errors.kpiName');
  const num = (text: string, field: 'baseline' | 'targetValue') => {
    const n = parseAmount(text);
    if (n === null) errors[field] = t(`targets.errors.${field}`);
    return n === null ? 0 : isShare(v.metric) ? n / 100 : n;
  };
  const baseline = num(v.baseline, 'baseline');
  const targetValue = num(v.targetValue, 'targetValue');
  if (!v.baselineDate) errors.baselineDate = t('targets.errors.baselineDate');
  if (!v.dueDate) errors.dueDate = t('targets.errors.dueDate');
  else if (v.baselineDate && v.dueDate <= v.baselineDate) errors.dueDate = t('targets.errors.dueAfterBaseline');
  if (Object.keys(errors).length) return { input: null, errors };
  return {
    input: { ...scopeInput(v), name: v.name.trim(), baseline, targetValue, baselineDate: `${v.baselineDate}T00:00:00.000Z`, dueDate: `${v.dueDate}T00:00:00.000Z` },
    errors,
  };
}
