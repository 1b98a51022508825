import type { AnalyticsFilterInput } from '../../graphql/generated';
import { isLocalDate, lastMonthsStart } from '../../../../analytics/localDate';
import { formatDate } from '../format';
import { t } from '../i18n';

/**
 * Which answers the map's numbers come from. Lives in the address: shareable, Back undoes it.
 * 3m/6m/12m end at the latest answer in the store (the server's asOf), so imported history is never
 * empty by default; 'today' is the last 12 months up to today.
 */
export type PeriodPreset = '3m' | '6m' | '12m' | 'today' | 'all' | 'custom';

export interface MapFilters {
  /** Persona code; null = all customers. */
  persona: string | null;
  period: PeriodPreset;
  /** YYYY-MM-DD, for 'custom' only. */
  from: string | null;
  to: string | null;
}

/** The period choices, in the order the period select lists them. */
export const PERIOD_PRESETS: readonly PeriodPreset[] = ['3m', '6m', '12m', 'today', 'all', 'custom'];
/** "Last 6 months" / "Seneste 6 måneder": a period choice in the reader's language. */
export const periodLabel = (period: PeriodPreset): string => t(`ui.cut.periods.${period}`);
/** Months of each "last n months" choice (the overview asks the server for its 12 with `lastMonths`). */
export const PRESET_MONTHS = { '3m': 3, '6m': 6, '12m': 12, today: 12 } as const satisfies Partial<Record<PeriodPreset, number>>;
function presetMonths(period: PeriodPreset): number | undefined {
  switch (period) {
    case '3m':
    case '6m':
    case '12m':
    case 'today':
      return PRESET_MONTHS[period];
    default:
      return undefined;
  }
}
export const DEFAULT_PERIOD: PeriodPreset = '12m';

/** A day from the address bar, checked by the server's own validator (2024-02-31 is refused, as the API would). */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && isLocalDate(value);
}
function isPreset(value: unknown): value is PeriodPreset {
  return typeof value === 'string' && PERIOD_PRESETS.some((p) => p === value);
}

type Query = Record<string, unknown>;
const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);

/**
 * Reads ?persona=CODE|all&period=3m|6m|12m|all|custom&from=&to=. Without ?persona the journey's own
 * persona applies (a journey for young families opens on young families), else all customers.
 */
export function parseMapFilters(query: Query, defaultPersona: string | null): MapFilters {
  const rawPersona = first(query.persona);
  const persona = rawPersona === 'all' ? null : typeof rawPersona === 'string' && rawPersona ? rawPersona : defaultPersona;
  const rawPeriod = first(query.period);
  const period = isPreset(rawPeriod) ? rawPeriod : DEFAULT_PERIOD;
  const from = first(query.from);
  const to = first(query.to);
  return { persona, period, from: period === 'custom' && isIsoDate(from) ? from : null, to: period === 'custom' && isIsoDate(to) ? to : null };
}

/** The address query for filters; defaults are left out so plain links stay plain. Other keys are kept. */
export function mapFiltersQuery(filters: MapFilters, defaultPersona: string | null, keep: Query = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(keep)) if (!['persona', 'period', 'from', 'to'].includes(k) && typeof v === 'string') out[k] = v;
  if (filters.persona !== defaultPersona) out.persona = filters.persona ?? 'all';
  if (filters.period !== DEFAULT_PERIOD) out.period = filters.period;
  if (filters.period === 'custom') {
    if (filters.from) out.from = filters.from;
    if (filters.to) out.to = filters.to;
  }
  return out;
}

const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** The first day of "the last n months" ending on this day, counted as the server counts `lastMonths`. */
export function monthsBack(today: Date, months: number): string {
  return lastMonthsStart(iso(today), months);
}

/** A custom period is usable when both ends are dates and from is not after to. */
export function customPeriodError(filters: MapFilters): string | null {
  if (filters.period !== 'custom') return null;
  if (!filters.from || !filters.to) return t('ui.cut.chooseDays');
  if (filters.from > filters.to) return t('ui.cut.fromAfterTo');
  return null;
}

/** A YYYY-MM-DD day as a local date (noon-free midnight; only the calendar day matters). */
function localDay(value: string): Date {
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

/** The day a preset period ends on: the data's asOf (latest answer) for 3m/6m/12m, today for 'today' or without data. */
export function periodEnd(period: PeriodPreset, asOf: string | null, today: Date = new Date()): Date {
  return period !== 'today' && asOf && isIsoDate(asOf) ? localDay(asOf) : today;
}

/** The server filter for these choices: presets end at `asOf` (the server's anchor) or, without it, `today`. */
export function toAnalyticsFilter(filters: MapFilters, asOf: string | null = null, today: Date = new Date()): AnalyticsFilterInput {
  const out: AnalyticsFilterInput = {};
  if (filters.persona) out.personaCodes = [filters.persona];
  const months = presetMonths(filters.period);
  if (months) {
    const end = periodEnd(filters.period, asOf, today);
    out.from = monthsBack(end, months);
    out.to = iso(end);
  } else if (filters.period === 'custom' && !customPeriodError(filters)) {
    out.from = filters.from;
    out.to = filters.to;
  }
  return out;
}

/**
 * A cut as the map's numbers ask for it: "the last 3/6/12 months" (ending at the latest answer) go as
 * `lastMonths`, whose days the server works out, so the numbers are asked for at once rather than after
 * dataCoverage; every other choice as its filter (the same days as `toAnalyticsFilter`).
 */
export interface AnalyticsCut {
  filter: AnalyticsFilterInput;
  lastMonths: number | null;
}
export function toAnalyticsCut(filters: MapFilters, today: Date = new Date()): AnalyticsCut {
  const months = filters.period === 'today' ? undefined : presetMonths(filters.period);
  if (!months) return { filter: toAnalyticsFilter(filters, null, today), lastMonths: null };
  return { filter: filters.persona ? { personaCodes: [filters.persona] } : {}, lastMonths: months };
}

/** "12 Oct 2025" ("12. okt. 2025" in Danish) for 2025-10-12, through format.ts; other text as it is. */
export function formatDay(value: string): string {
  return isIsoDate(value) ? formatDate(value) : value;
}

/** "as of 12 Oct 2025" ("til og med 12. okt. 2025") for periods that end at the data's last answer; null for the others. */
export function asOfLabel(period: PeriodPreset, asOf: string | null): string | null {
  return presetMonths(period) && period !== 'today' && asOf ? t('ui.cut.asOf', { day: formatDay(asOf) }) : null;
}

/** "Young family, last 6 months as of 12 Oct 2025": what the numbers on screen are about, in the reader's language. */
export function describeCut(filters: MapFilters, personaName: string | null, asOf: string | null = null): string {
  const who = filters.persona ? (personaName ?? filters.persona) : t('ui.cut.allCustomers');
  const anchor = asOfLabel(filters.period, asOf);
  const label = periodLabel(filters.period);
  const when =
    filters.period === 'custom'
      ? filters.from && filters.to
        ? t('ui.cut.range', { from: formatDay(filters.from), to: formatDay(filters.to) })
        : t('ui.cut.customPeriod')
      : `${label.charAt(0).toLowerCase()}${label.slice(1)}${anchor ? ` ${anchor}` : ''}`;
  return t('ui.cut.describe', { who, when });
}
