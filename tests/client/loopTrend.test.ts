import { describe, expect, it } from 'vitest';
import { formatHours, loopTrendOption, measureCell, personName, type LoopTrendRow } from '../../client/src/features/follow-up/model/loopTrend';
import { applyLanguage } from '../../client/src/shared/i18n';

const month = (m: string, fields: Partial<LoopTrendRow['months'][number]> = {}): LoopTrendRow['months'][number] => ({
  month: m, assigned: 0, contacted: 0, contactedOnTime: 0, resolved: 0, overdue: 0, medianHoursToContact: null, medianHoursAfterDue: null, ...fields,
});
const rows: LoopTrendRow[] = [
  { person: { id: 'a', name: 'Anna' }, months: [month('2026-11-01', { assigned: 4, contacted: 3, medianHoursToContact: 24, medianHoursAfterDue: -24 }), month('2026-12-01', { assigned: 1 })] },
  { person: null, months: [month('2026-11-01'), month('2026-12-01', { assigned: 1, overdue: 1 })] },
];

describe('loop chart per person and month', () => {
  it('draws one line per person, the unassigned dashed, gaps where no case was contacted, and the due date as zero', () => {
    const option = loopTrendOption(rows, 'medianHoursAfterDue');
    const series = Array.isArray(option.series) ? option.series : [];
    expect(series.map((s) => s.name)).toEqual(['Anna', 'Not assigned']);
    expect(series[0]?.data).toEqual([-24, null]);
    expect(series[1]).toMatchObject({ lineStyle: { type: 'dashed' } });
    expect(series[0]).toMatchObject({ markLine: { data: [{ yAxis: 0 }] } });
    expect(option.xAxis).toMatchObject({ data: ['November 2026', 'December 2026'] });
    expect(loopTrendOption(rows, 'overdue').series).toMatchObject([{ data: [0, 0] }, { data: [0, 1] }]);
  });

  it('says each figure in words for the table, in English and Danish', () => {
    expect(measureCell(rows[0]!.months[0]!, 'medianHoursAfterDue')).toBe('24 h before due');
    expect(measureCell(rows[0]!.months[0]!, 'medianHoursToContact')).toBe('24 h');
    expect(measureCell(rows[0]!.months[1]!, 'medianHoursToContact')).toBe('—');
    expect(formatHours(60, true)).toBe('2.5 days after due');
    expect(personName(rows[1]!)).toBe('Not assigned');
    applyLanguage('da');
    try {
      expect(formatHours(60, true)).toBe('2,5 dage efter fristen');
      expect(measureCell(rows[0]!.months[0]!, 'assigned')).toBe('4');
      expect(personName(rows[1]!)).toBe('Ikke tildelt');
    } finally {
      applyLanguage('en');
    }
  });
});
