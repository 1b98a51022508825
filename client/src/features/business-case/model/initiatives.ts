import type { InitiativeOverviewQuery, InitiativeRankingQuery, InitiativeStatus } from '../../../graphql/generated';
import type { CsvValue } from '../../../shared/csv';

export type RankedInitiative = InitiativeRankingQuery['initiativeRanking'][number];
export type OverviewCell = InitiativeOverviewQuery['initiativeOverview'][number];

export const STATUS_LABELS: Record<InitiativeStatus, string> = { IDEA: 'Idea', PLANNED: 'Planned', IN_PROGRESS: 'In progress', DONE: 'Done' };
export const STATUSES: readonly InitiativeStatus[] = ['IDEA', 'PLANNED', 'IN_PROGRESS', 'DONE'];

/** `?status=PLANNED` from the address, or null for every status. */
export function parseStatus(value: unknown): InitiativeStatus | null {
  return STATUSES.find((s) => s === value) ?? null;
}

export const personaOptions = (personas: readonly { code: string; name: string }[]) => personas.map((p) => ({ value: p.code, label: p.name }));

/** "●●●○○": a 1-5 workshop rating at a glance (the number is in the accessible label). */
export const ratingDots = (rating: number) => '●'.repeat(Math.max(0, Math.min(5, rating))) + '○'.repeat(Math.max(0, 5 - rating));

export const RANKING_CSV_HEADER = [
  'Rank',
  'Initiative',
  'Status',
  'Department',
  'Touchpoints',
  'Value (NPV)',
  'Value low',
  'Value high',
  'Cost (present value)',
  'Value per cost',
  'Payback month',
  'Feasibility (1-5)',
  'Effect (1-5)',
  'Why no value',
] as const;

export function rankingCsvRows(rows: readonly RankedInitiative[]): CsvValue[][] {
  return rows.map((r) => [
    r.rank,
    r.initiative.title,
    STATUS_LABELS[r.initiative.status],
    r.initiative.department?.name ?? null,
    r.initiative.touchpoints.map((t) => t.name).join('; '),
    r.value,
    r.valueLow,
    r.valueHigh,
    r.cost,
    r.valuePerCost,
    r.paybackMonth,
    r.feasibility,
    r.effectRating,
    r.problem,
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
    if (!departments.has(depId)) departments.set(depId, { id: depId, name: c.department?.name ?? 'No department' });
    byKey.set(`${depId ?? ''}|${c.phase.id}`, c);
  }
  return {
    phases: [...phases.values()],
    departments: [...departments.values()].sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : a.name.localeCompare(b.name))),
    cell: (departmentId, phaseId) => byKey.get(`${departmentId ?? ''}|${phaseId}`),
  };
}
