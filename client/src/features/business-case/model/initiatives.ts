import type { InitiativeOverviewQuery, InitiativeRankingQuery, InitiativeStatus } from '../../../graphql/generated';
import type { CsvValue } from '../../../shared/csv';
import { formatMoney, formatShare } from '../../../shared/format';
import { t } from '../../../shared/i18n';
import { statusLabel } from './labels';

export type RankedInitiative = InitiativeRankingQuery['initiativeRanking'][number];
export type OverviewCell = InitiativeOverviewQuery['initiativeOverview'][number];

export const STATUSES: readonly InitiativeStatus[] = ['IDEA', 'PLANNED', 'IN_PROGRESS', 'DONE'];

/** `?status=PLANNED` from the address, or null for every status. */
export function parseStatus(value: unknown): InitiativeStatus | null {
  return STATUSES.find((s) => s === value) ?? null;
}

export const personaOptions = (personas: readonly { code: string; name: string }[]) => personas.map((p) => ({ value: p.code, label: p.name }));

/** "●●●○○": a 1-5 workshop rating at a glance (the number is in the accessible label). */
export const ratingDots = (rating: number) => '●'.repeat(Math.max(0, Math.min(5, rating))) + '○'.repeat(Math.max(0, 5 - rating));

/**
 * What an initiative's value means, in words, whenever the number alone would puzzle: no value, a loss,
 * or ROI −100% (the effect moves nobody, so the whole cost is lost). Null when the number speaks for itself.
 */
export function valueReading(r: Pick<RankedInitiative, 'value' | 'cost' | 'valuePerCost' | 'problem'>): string | null {
  if (r.problem) return t('businessCase.reading.problem', { problem: r.problem.replace(/\.$/, '') });
  if (r.value === null) return t('businessCase.reading.noEffect');
  if (r.valuePerCost !== null && r.valuePerCost <= -0.995) return t('businessCase.reading.roiLoss', { cost: formatMoney(r.cost) });
  if (r.value < 0) return t('businessCase.reading.loss', { amount: formatMoney(-r.value) });
  return null;
}

/** The programme: every initiative with a value added up (the range ends added too: a wide, cautious range). */
export function portfolioTotals(rows: readonly RankedInitiative[]) {
  const valued = rows.filter((r) => r.value !== null);
  const sum = (pick: (r: RankedInitiative) => number | null) => valued.reduce((total, r) => total + (pick(r) ?? 0), 0);
  return { count: rows.length, valued: valued.length, value: sum((r) => r.value), low: sum((r) => r.valueLow), high: sum((r) => r.valueHigh), cost: sum((r) => r.cost) };
}

/** Payback as the page says it. */
export const paybackText = (month: number | null) => (month === null ? t('businessCase.portfolio.notWithin') : t('businessCase.portfolio.month', { n: month }));

/** The ranking's columns as on screen, in the reader's language: whole money with the currency in the header, ROI in per cent as shown. */
export function rankingCsvHeader(currency: string): string[] {
  const keys = ['rank', 'initiative', 'status', 'department', 'touchpoints', 'value', 'valueLow', 'valueHigh', 'cost', 'roi', 'payback', 'feasibility', 'effect', 'reading'];
  return keys.map((key) => t(`businessCase.csv.${key}`, { currency }));
}

export function rankingCsvRows(rows: readonly RankedInitiative[]): CsvValue[][] {
  return rows.map((r) => [
    r.rank,
    r.initiative.title,
    statusLabel(r.initiative.status),
    r.initiative.department?.name ?? t('businessCase.portfolio.noDepartment'),
    r.initiative.touchpoints.map((t) => t.name).join('; '),
    formatMoney(r.value, { plain: true }),
    formatMoney(r.valueLow, { plain: true }),
    formatMoney(r.valueHigh, { plain: true }),
    formatMoney(r.cost, { plain: true }),
    r.valuePerCost === null ? null : Number(formatShare(r.valuePerCost, 0).replace('%', '').replace('\u2212', '-')),
    paybackText(r.paybackMonth),
    r.feasibility,
    r.effectRating,
    valueReading(r) ?? '',
  ]);
}

export interface OverviewGrid {
  /** Phases in journey order (the server's order), one column each. */
  phases: { id: string; name: string; journeyName: string }[];
  /** Departments by name, "No department" last. */
  departments: { id: string | null; name: string }[];
  cell(departmentId: string | null, phaseId: string): OverviewCell | undefined;
}

/** The overview's cells as a department × phase table. */
export function overviewGrid(cells: readonly OverviewCell[]): OverviewGrid {
  const phases = new Map<string, OverviewGrid['phases'][number]>();
  const departments = new Map<string | null, OverviewGrid['departments'][number]>();
  const byKey = new Map<string, OverviewCell>();
  for (const c of cells) {
    if (!phases.has(c.phase.id)) phases.set(c.phase.id, { id: c.phase.id, name: c.phase.name, journeyName: c.phase.journey.name });
    const depId = c.department?.id ?? null;
    if (!departments.has(depId)) departments.set(depId, { id: depId, name: c.department?.name ?? t('businessCase.portfolio.noDepartment') });
    byKey.set(`${depId ?? ''}|${c.phase.id}`, c);
  }
  return {
    phases: [...phases.values()],
    departments: [...departments.values()].sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : a.name.localeCompare(b.name))),
    cell: (departmentId, phaseId) => byKey.get(`${departmentId ?? ''}|${phaseId}`),
  };
}
