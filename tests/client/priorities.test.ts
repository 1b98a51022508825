import { describe, expect, it } from 'vitest';
import type { PrioritiesQuery } from '../../client/src/graphql/generated';
import { gapCsvRows, gapNumber, gapSize, personaCell, personaFigure, type PersonaGapRow } from '../../client/src/features/priorities/model/gaps';
import {
  csvHeader, alertSummary, csvRows, formatNps, performanceCell, priorityScatterOption, topTouchpoint, valueTerms, type PriorityRow,
} from '../../client/src/features/priorities/model/priorities';
import { toCsv } from '../../client/src/shared/csv';

type Priorities = PrioritiesQuery['priorities'];

function row(fields: Partial<PriorityRow> & { touchpointCode: string }): PriorityRow {
  return {
    touchpointName: fields.touchpointCode,
    phaseName: 'Everyday use',
    importance: 0.1,
    importanceN: 500,
    important: true,
    strong: false,
    quadrant: 'FIX_FIRST',
    notEstimatedReason: null,
    suppressed: false,
    activeAlert: null,
    critical: false,
    difficultInModel: false,
    difficultMeasured: false,
    difficultReasons: [],
    nps: { nps: -20, n: 400, ciLow: -25, ciHigh: -15, lowSample: false, detractorShare: 0.4 },
    csat: { mean: 3.2, n: 400, ciLow: 3.1, ciHigh: 3.3, lowSample: false },
    measure: 'NPS',
    performance: fields.nps?.nps ?? -20,
    target: 30,
    gap: 50,
    targetNps: 30,
    targetSource: 'BEST_TOUCHPOINT',
    gapNps: 50,
    customersReached: 1000,
    annualMarginPerCustomer: 4000,
    valueAtStake: 0.1 * 0.5 * 1000 * 4000,
    valueRank: 1,
    formulas: [],
    ...fields,
  };
}
function priorities(touchpoints: PriorityRow[]): Priorities {
  return {
    outcome: 'LTR',
    outcomeDefinition: '',
    binaryOutcome: false,
    outcomeScale: '0-10 scale (11 values seen)',
    performanceMeasure: 'NPS',
    performanceSplitValue: -10,
    defaultTarget: 30,
    splitDescription: '',
    valueAtStakeFormula: '',
    importanceSplit: 0.05,
    performanceSplit: 'MEDIAN',
    performanceSplitNps: -10,
    defaultTargetNps: 30,
    defaultTargetSource: 'BEST_TOUCHPOINT',
    rSquared: 0.8,
    driverCustomers: 1000,
    minN: 30,
    notEstimated: [],
    touchpoints,
  };
}

describe('priorities', () => {
  const p = priorities([
    row({ touchpointCode: 'B', valueRank: 2, valueAtStake: 100, quadrant: 'KEEP_UP', nps: { nps: 20, n: 50, ciLow: 5, ciHigh: 35, lowSample: false, detractorShare: 0.1 } }),
    row({ touchpointCode: 'A', touchpointName: 'Customer service phone', valueRank: 1 }),
    row({ touchpointCode: 'C', valueRank: null, valueAtStake: null, importance: null, quadrant: null }),
  ]);

  it('puts the touchpoint ranked first by value at stake on top', () => {
    expect(topTouchpoint(p)?.touchpointName).toBe('Customer service phone');
    expect(topTouchpoint(priorities([row({ touchpointCode: 'X', valueRank: null })]))).toBeUndefined();
  });

  it('shows every term of value at stake: importance × gap × customers × margin', () => {
    expect(valueTerms(row({ touchpointCode: 'A' }))).toEqual({ importance: '10.0%', gap: '50 pts', customers: '1,000', margin: 'DKK 4,000', value: 'DKK 200k' });
    expect(valueTerms(row({ touchpointCode: 'A', gapNps: null, gap: null, valueAtStake: null, importance: null }))).toMatchObject({ importance: '—', gap: '—', value: '—' });
    expect(formatNps(-7.6)).toBe('\u22128');
  });

  it('says in one line how far an active alert has dropped, against what, and how surely', () => {
    const alert = {
      id: 'a1',
      status: 'OPEN' as const,
      raisedAt: '2026-06-30T06:00:00Z',
      evidence: {
        difference: -63.2,
        z: -33.71,
        recent: { from: '2026-06-03', to: '2026-06-30', nps: { nps: -30.2, n: 1200 } },
        baseline: { nps: { nps: 33, n: 9000 } },
      },
    };
    expect(alertSummary(alert)).toBe('NPS drop alert: \u221230 (n 1,200) in 3 Jun 2026 to 30 Jun 2026 against +33 before (z \u221233.7)');
    expect(alertSummary({ ...alert, status: 'ACKNOWLEDGED' })).toContain('NPS drop alert (acknowledged):');
  });

  it('exports one CSV row per touchpoint with the raw numbers', () => {
    const rows = csvRows(p);
    expect(rows).toHaveLength(3);
    expect(rows[1]?.slice(0, 6)).toEqual([1, 'Customer service phone', 'A', 'Everyday use', 'Fix first', 0.1]);
    expect(rows[0]).toHaveLength(csvHeader().length);
  });

  it('reads touchpoints without LTR answers by CSAT: axis, cells and gap say so', () => {
    const tp = row({ touchpointCode: 'S', measure: 'CSAT', performance: 3.456, target: 4.1, gap: 0.644, targetNps: null, gapNps: null, nps: { nps: null, n: 0, ciLow: null, ciHigh: null, lowSample: true, detractorShare: null } });
    const csat: Priorities = { ...priorities([tp]), performanceMeasure: 'CSAT', performanceSplitValue: 3.5, performanceSplitNps: null, defaultTargetNps: null, defaultTarget: 4.1 };
    expect(performanceCell(csat, tp)).toEqual({ value: '3.46', interval: '3.10…3.30', n: 400 });
    expect(valueTerms(tp).gap).toBe('0.64 CSAT pts');
    const option = priorityScatterOption(csat, null);
    const yAxis = Array.isArray(option.yAxis) ? option.yAxis[0] : option.yAxis;
    expect(yAxis).toMatchObject({ name: 'Touchpoint CSAT (mean satisfaction, 1-5)', min: 1, max: 5 });
    expect(csvRows(csat)[0]!.slice(6, 10)).toEqual(['CSAT', 3.456, 4.1, 0.644]);
  });

  it('draws quadrants split at the importance and performance splits, only estimated touchpoints as points', () => {
    const option = priorityScatterOption(p, 'B');
    const series = Array.isArray(option.series) ? option.series : [];
    expect(series.map((s) => s.name)).toEqual(['Fix first', 'Keep up', 'Possible overkill', 'Low priority']);
    const counts = series.map((s) => (Array.isArray(s.data) ? s.data.length : 0));
    expect(counts).toEqual([1, 1, 0, 0]);
    expect(series[0]?.markLine?.data).toEqual([{ xAxis: 5 }, { yAxis: -10 }]);
    // The selected touchpoint is drawn larger and always labelled.
    const b = series[1]?.data;
    expect(Array.isArray(b) && typeof b[0] === 'object' && b[0] !== null && 'symbolSize' in b[0] ? b[0].symbolSize : 0).toBe(18);
  });
});

describe('persona gaps', () => {
  const gap: PersonaGapRow = {
    rank: 1,
    phaseName: 'Claim',
    touchpointCode: 'TP',
    touchpointName: 'Claims handler',
    measure: 'NPS',
    highPersona: 'SENIOR',
    lowPersona: 'Young family',
    difference: 30,
    differenceLow: 18.5,
    differenceHigh: 41.2,
    qValue: 0.001,
    significant: true,
    personas: [
      { personaCode: 'SENIOR', personaName: 'Senior saver', nps: { nps: 10, n: 300, ciLow: 0, ciHigh: 20, lowSample: false }, csat: { mean: 4.4, n: 310 } },
      { personaCode: 'YOUNG', personaName: 'Young family', nps: { nps: -20, n: 200, ciLow: -30, ciHigh: -10, lowSample: false }, csat: { mean: 3.9, n: 205 } },
    ],
  };

  it('names the personas whether the answer gives a code or a name', () => {
    expect(personaCell(gap, 'high')).toEqual({ name: 'Senior saver', nps: 10, csat: null, n: 300 });
    expect(personaCell(gap, 'low')).toEqual({ name: 'Young family', nps: -20, csat: null, n: 200 });
    expect(gapCsvRows([gap])[0]).toEqual([1, 'Claims handler', 'TP', 'Claim', 'NPS', 'Senior saver', 10, 'Young family', -20, 30, 18.5, 41.2, 0.001, true]);
    expect([personaFigure(gap, 'high'), gapSize(gap), gapNumber(gap, gap.differenceLow)]).toEqual(['NPS +10, n 300', '+30 pts', '+19']);
  });

  it('shows a gap measured by CSAT (no likelihood to recommend at the touchpoint) in mean satisfaction, not NPS (issue 16)', () => {
    const csat: PersonaGapRow = { ...gap, measure: 'CSAT', difference: 0.5, differenceLow: 0.21, differenceHigh: 0.79 };
    expect(personaCell(csat, 'high')).toEqual({ name: 'Senior saver', nps: null, csat: 4.4, n: 310 });
    expect([personaFigure(csat, 'high'), personaFigure(csat, 'low'), gapSize(csat), gapNumber(csat, csat.differenceLow)]).toEqual([
      'CSAT 4.4, n 310',
      'CSAT 3.9, n 205',
      '+0.5 on the 1-5 scale',
      '+0.2',
    ]);
    expect(gapCsvRows([csat])[0]!.slice(4, 9)).toEqual(['CSAT', 'Senior saver', 4.4, 'Young family', 3.9]);
  });
});

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(toCsv(['a', 'b'], [['x, y', 'say "hi"'], ['line\nbreak', '=SUM(A1)'], [-5, null]])).toBe('a,b\r\n"x, y","say ""hi"""\r\n"line\nbreak",\'=SUM(A1)\r\n-5,\r\n');
  });
});

describe('priorities in Danish', () => {
  it('names quadrants, gaps and alerts in Danish with Danish numbers and dates', async () => {
    const { applyLanguage } = await import('../../client/src/shared/i18n');
    const { QUADRANTS } = await import('../../client/src/features/priorities/model/priorities');
    applyLanguage('da');
    try {
      expect(QUADRANTS.FIX_FIRST.label).toBe('Ret først');
      const terms = valueTerms(row({ touchpointCode: 'A', measure: 'CSAT', gap: 0.644, gapNps: null }));
      expect(terms.gap).toBe('0,64 CSAT-point');
      expect(terms.customers).toBe('1.000');
      const summary = alertSummary({
        id: 'a1',
        status: 'OPEN',
        raisedAt: '2026-06-30T06:00:00Z',
        evidence: { difference: -63.2, z: -33.71, recent: { from: '2026-06-03', to: '2026-06-30', nps: { nps: -30.2, n: 1200 } }, baseline: { nps: { nps: 33, n: 9000 } } },
      });
      expect(summary).toBe('Alarm om NPS-fald: \u221230 (n 1.200) fra 3. jun. 2026 til 30. jun. 2026 mod +33 før (z \u221233,7)');
    } finally {
      applyLanguage('en');
    }
  });
});
