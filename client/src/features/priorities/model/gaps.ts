import type { PersonaGapsQuery } from '../../../graphql/generated';
import type { CsvValue } from '../../../shared/csv';

export type PersonaGapRow = PersonaGapsQuery['personaGaps']['touchpoints'][number];

/** A persona named by code or name in the answer, shown by name with its NPS and n. */
export function personaCell(gap: PersonaGapRow, which: 'high' | 'low'): { name: string; nps: number | null; n: number } {
  const key = which === 'high' ? gap.highPersona : gap.lowPersona;
  const p = gap.personas.find((x) => x.personaCode === key || x.personaName === key);
  return { name: p?.personaName ?? key, nps: p?.nps.nps ?? null, n: p?.nps.n ?? 0 };
}

export const GAP_CSV_HEADER = [
  'Rank', 'Touchpoint', 'Code', 'Phase', 'Higher persona', 'Higher NPS', 'Lower persona', 'Lower NPS', 'Difference', 'Difference 95% low', 'Difference 95% high', 'q-value', 'Significant (5% false discoveries)',
] as const;

export function gapCsvRows(gaps: readonly PersonaGapRow[]): CsvValue[][] {
  return gaps.map((g) => {
    const high = personaCell(g, 'high');
    const low = personaCell(g, 'low');
    return [g.rank, g.touchpointName, g.touchpointCode, g.phaseName, high.name, high.nps, low.name, low.nps, g.difference, g.differenceLow, g.differenceHigh, g.qValue, g.significant];
  });
}
