import type { PersonaGapsQuery } from '../../../graphql/generated';
import type { CsvValue } from '../../../shared/csv';
import { formatCount, formatNps, formatOneDecimal, formatSigned } from '../../../shared/format';
import { t } from '../../../shared/i18n';

export type PersonaGapRow = PersonaGapsQuery['personaGaps']['touchpoints'][number];

/**
 * A persona named by code or name in the answer, shown by name with the figure the gap compares and its n:
 * NPS, or mean CSAT (1-5) where the touchpoint has satisfaction ratings but no likelihood to recommend.
 */
export function personaCell(gap: PersonaGapRow, which: 'high' | 'low'): { name: string; nps: number | null; csat: number | null; n: number } {
  const key = which === 'high' ? gap.highPersona : gap.lowPersona;
  const p = gap.personas.find((x) => x.personaCode === key || x.personaName === key);
  const csat = gap.measure === 'CSAT';
  return { name: p?.personaName ?? key, nps: csat ? null : (p?.nps.nps ?? null), csat: csat ? (p?.csat.mean ?? null) : null, n: (csat ? p?.csat.n : p?.nps.n) ?? 0 };
}

const GAP_CSV_COLUMNS = [
  'rank', 'touchpoint', 'code', 'phase', 'measure', 'higherPersona', 'higherFigure', 'lowerPersona', 'lowerFigure', 'difference', 'differenceLow', 'differenceHigh', 'qValue', 'significant',
] as const;

/** The persona gaps' CSV header in the reader's language (keys priorities.csv.*), one per gapCsvRows column. */
export const gapCsvHeader = (): string[] => GAP_CSV_COLUMNS.map((column) => t(`priorities.csv.${column}`));

export function gapCsvRows(gaps: readonly PersonaGapRow[]): CsvValue[][] {
  return gaps.map((g) => {
    const high = personaCell(g, 'high');
    const low = personaCell(g, 'low');
    return [g.rank, g.touchpointName, g.touchpointCode, g.phaseName, g.measure, high.name, high.nps ?? high.csat, low.name, low.nps ?? low.csat, g.difference, g.differenceLow, g.differenceHigh, g.qValue, g.significant];
  });
}

/** A difference in the gap's measure: NPS in whole signed points, CSAT (1-5) to one decimal. */
export const gapNumber = (gap: Pick<PersonaGapRow, 'measure'>, value: number | null): string => (gap.measure === 'CSAT' ? formatSigned(value, 1) : formatNps(value));

/** "NPS +10, n 300" or, where the gap compares mean satisfaction, "CSAT 4.2, n 80". */
export function personaFigure(gap: PersonaGapRow, which: 'high' | 'low'): string {
  const p = personaCell(gap, which);
  return gap.measure === 'CSAT'
    ? t('priorities.gaps.personaFiguresCsat', { csat: formatOneDecimal(p.csat), n: formatCount(p.n) })
    : t('priorities.gaps.personaFigures', { nps: formatNps(p.nps), n: formatCount(p.n) });
}

/** The gap's size in words of its measure: "30 pts" (NPS) or "+1.2 on the 1-5 scale" (CSAT). */
export const gapSize = (gap: Pick<PersonaGapRow, 'measure' | 'difference'>): string =>
  gap.measure === 'CSAT' ? t('priorities.gaps.pointsCsat', { difference: gapNumber(gap, gap.difference) }) : t('priorities.gaps.points', { difference: formatNps(gap.difference) });
