import { describe, expect, it } from 'vitest';
import { groupLabel, PROGRAMMES, formatPct, loyaltyCsvRows, loyaltyOption, signed } from '../../client/src/features/status/model/status';
import { bucketName, niceStep, partialLabel, partialNote, trendOption } from '../../client/src/features/status/model/trend';
import type { LoyaltyBySatisfactionQuery } from '../../client/src/graphql/generated';

type Group = LoyaltyBySatisfactionQuery['loyaltyBySatisfaction']['byNps'][number];
const group = (name: Group['group'], churn: number, margin: number): Group => ({
  group: name,
  customers: 1000,
  suppressed: false,
  retention: 1 - churn,
  churn: { share: churn, ciLow: churn - 0.01, ciHigh: churn + 0.01, n: 1000 },
  annualMargin: { mean: margin, ciLow: margin - 100, ciHigh: margin + 100, n: 900 },
  lifetimeValue: { value: margin * 2.5, low: margin * 2.3, high: margin * 2.7 },
  acquisitionCost: { mean: 2800, n: 1000 },
});

describe('trend chart', () => {
  const points = [
    { bucket: '2026-01-01', value: -20, ciLow: -24, ciHigh: -16, n: 400, complete: true },
    { bucket: '2026-02-01', value: -12, ciLow: -15, ciHigh: -9, n: 420, complete: true },
    { bucket: '2026-03-01', value: null, ciLow: null, ciHigh: null, n: 0, complete: true },
    { bucket: '2026-04-01', value: -10, ciLow: -20, ciHigh: 0, n: 80, complete: false },
  ];

  it('stacks the 95% band on its low edge even below zero, and skips buckets without a value', () => {
    const option = trendOption({ points, unit: '' });
    const series = Array.isArray(option.series) ? option.series : [];
    expect(series[0]).toMatchObject({ stack: 'ci', stackStrategy: 'all', data: [['2026-01-01', -24], ['2026-02-01', -15], ['2026-04-01', -20]] });
    expect(series[1]).toMatchObject({ stack: 'ci', stackStrategy: 'all', data: [['2026-01-01', 8], ['2026-02-01', 6], ['2026-04-01', 20]] });
    expect(series[2]?.data).toEqual([
      { value: ['2026-01-01', -20], symbol: 'circle' },
      { value: ['2026-02-01', -12], symbol: 'circle' },
      { value: ['2026-04-01', null], symbol: 'circle' },
    ]);
  });

  it('draws a partial last month dashed and hollow from the last whole month, labelled "partial", not as a spike of the solid line', () => {
    // December 2026 with 6 of its 31 days: retention 98% against 90% in the whole months.
    const months = [
      { bucket: '2026-10-01', value: 0.9, ciLow: 0.89, ciHigh: 0.91, n: 4000, complete: true, days: 31, daysWithData: 31 },
      { bucket: '2026-11-01', value: 0.9, ciLow: 0.89, ciHigh: 0.91, n: 4000, complete: true, days: 30, daysWithData: 30 },
      { bucket: '2026-12-01', value: 0.98, ciLow: 0.9, ciHigh: 1, n: 700, complete: false, days: 31, daysWithData: 6 },
    ];
    const series = trendOption({ points: months, unit: '%', scale: 100 }).series;
    const list = (Array.isArray(series) ? series : []) as { name: string; data: { value: unknown[] }[]; lineStyle?: unknown }[];
    const solid = list.find((x) => x.name === 'value');
    const partial = list.find((x) => x.name === 'partial');
    // The solid line stops at November; the dashed one runs November -> December only.
    expect(solid?.data.map((d) => d.value[1])).toEqual([90, 90, null]);
    expect(partial?.lineStyle).toMatchObject({ type: 'dashed' });
    expect(partial?.data.map((d) => d.value[1])).toEqual([null, 90, 98]);
    expect(partial?.data[2]).toMatchObject({ symbol: 'emptyCircle', label: { show: true, formatter: 'partial' } });
    expect(partialLabel(months[2]!)).toBe('partial: 6 of 31 days');
    expect(partialNote(months)).toBe('December 2026 (6 of 31 days) is only partly in the data, drawn dashed and hollow: not comparable with whole periods.');
    expect(partialNote(months.slice(0, 2))).toBe('');
  });

  it('names partial weeks and quarters, and a first month that starts mid-way too', () => {
    expect(bucketName('2026-11-30', 7)).toBe('the week of 2026-11-30');
    expect(bucketName('2026-10-01', 92)).toBe('Q4 2026');
    const edges = [
      { bucket: '2025-10-01', value: 30, ciLow: 20, ciHigh: 40, n: 100, complete: false, days: 31, daysWithData: 17 },
      { bucket: '2025-11-01', value: 10, ciLow: 5, ciHigh: 15, n: 400, complete: true, days: 30, daysWithData: 30 },
      { bucket: '2025-12-01', value: 12, ciLow: 7, ciHigh: 17, n: 90, complete: false, days: 31, daysWithData: 6 },
    ];
    expect(partialNote(edges)).toBe('October 2025 (17 of 31 days) and December 2025 (6 of 31 days) are only partly in the data, drawn dashed and hollow: not comparable with whole periods.');
  });

  it('says partial months, programmes and target status in Danish', async () => {
    const { applyLanguage } = await import('../../client/src/shared/i18n');
    const { TARGET_STATUS } = await import('../../client/src/features/status/model/status');
    applyLanguage('da');
    try {
      const months = [
        { bucket: '2025-10-01', value: 30, ciLow: 20, ciHigh: 40, n: 100, complete: false, days: 31, daysWithData: 17 },
        { bucket: '2025-12-01', value: 12, ciLow: 7, ciHigh: 17, n: 90, complete: false, days: 31, daysWithData: 6 },
      ];
      expect(partialNote(months.slice(1))).toBe('december 2025 (6 af 31 dage) er kun delvist med i data, tegnet stiplet og hul: kan ikke sammenlignes med hele perioder.');
      expect(partialNote(months)).toBe('oktober 2025 (17 af 31 dage) og december 2025 (6 af 31 dage) er kun delvist med i data, tegnet stiplet og hule: kan ikke sammenlignes med hele perioder.');
      expect(bucketName('2026-10-01', 92)).toBe('4. kvartal 2026');
      expect(PROGRAMMES.STOP_CHURN.title).toBe('Stop kundeafgangen');
      expect(TARGET_STATUS.ON_TRACK.label).toBe('På rette spor');
      expect(groupLabel('DETRACTOR')).toBe('Kritikere (0–6)');
    } finally {
      applyLanguage('en');
    }
  });

  it('keeps the target and the projection on the axis, with readable steps', () => {
    const option = trendOption({ points, unit: '', target: { value: 25, label: 'Target 25' }, projection: { date: '2027-01-01', value: 5, ciLow: -2, ciHigh: 12 }, from: { date: '2026-04-01', value: -10 } });
    const y = Array.isArray(option.yAxis) ? option.yAxis[0] : option.yAxis;
    expect(y).toMatchObject({ min: -40, max: 40, interval: 20 });
    const series = Array.isArray(option.series) ? option.series : [];
    expect(series.map((s) => s.name)).toEqual(['low', '95% interval', 'value', 'partial', 'projection', 'projection interval']);
    expect(series[2]?.markLine?.data).toHaveLength(1);
  });

  it('scales shares to percent', () => {
    const option = trendOption({ points: [{ bucket: '2026-01-01', value: 0.105, ciLow: 0.1, ciHigh: 0.11, n: 5000, complete: true }], unit: '%', scale: 100 });
    const series = Array.isArray(option.series) ? option.series : [];
    expect(series[2]?.data).toEqual([{ value: ['2026-01-01', 10.5], symbol: 'circle' }]);
  });

  it('picks 1-2-5 steps', () => {
    expect([niceStep(0.3), niceStep(3), niceStep(7), niceStep(12), niceStep(0)]).toEqual([0.5, 5, 10, 20, 1]);
  });
});

describe('status words and loyalty', () => {
  it('names every programme with advice from source 004', () => {
    expect(PROGRAMMES.STOP_CHURN.title).toBe('Stop churn');
    expect(PROGRAMMES.REVITALISE_CUSTOMER_FOCUS.tone).toBe('warn');
    expect(signed(-17.97)).toBe('\u221218');
    expect(signed(1.406, 1)).toBe('+1.4');
    expect(formatPct(0.10949)).toBe('10.9%');
  });

  it('shows churn and margin per group, and exports them', () => {
    const groups = [group('PROMOTER', 0.056, 5797), group('PASSIVE', 0.111, 3385), group('DETRACTOR', 0.177, 2439)];
    const option = loyaltyOption(groups);
    const series = Array.isArray(option.series) ? option.series : [];
    expect(series[0]?.data).toEqual([5.6, 11.1, 17.7]);
    expect(series[1]?.data).toEqual([5797, 3385, 2439]);
    const row = loyaltyCsvRows(groups)[2] ?? [];
    expect(row.slice(0, 3)).toEqual([groupLabel('DETRACTOR'), 1000, 0.177]);
    expect(row[3]).toBeCloseTo(0.167);
    expect(row.slice(5)).toEqual([2439, 6097.5, expect.closeTo(5609.7), expect.closeTo(6585.3), 2800]);
  });
});

describe('CSV of targets and unit correlations', () => {
  it('shows share targets (0..1) in percent, percent-stored ones as they are, NPS as it is', async () => {
    const { targetDisplay } = await import('../../client/src/features/status/model/status');
    expect(targetDisplay({ unit: 'annualised retention (0..1)', scale: 1 })).toEqual({ factor: 100, percent: true });
    expect(targetDisplay({ unit: 'annualised retention (percent, 0-100)', scale: 100 })).toEqual({ factor: 1, percent: true });
    expect(targetDisplay({ unit: 'NPS points (-100..100)', scale: 1 })).toEqual({ factor: 1, percent: false });
  });

  it('exports a target\'s progress and a correlation with its interval', async () => {
    const { targetsCsvRows, correlationCsvRows, targetsCsvHeader } = await import('../../client/src/features/status/model/status');
    const rows = targetsCsvRows([
      {
        id: 't',
        name: 'Claims NPS above 0',
        metric: 'NPS',
        scope: 'TOUCHPOINT',
        kpiName: null,
        baseline: -35,
        targetValue: 0,
        persona: null,
        journey: null,
        touchpoint: { id: 'tp1', name: 'Claims handler', code: 'TP_CLAIM_HANDLING' },
        baselineDate: '2025-01-01T00:00:00.000Z',
        dueDate: '2027-01-01T00:00:00.000Z',
        progress: {
          status: 'ON_TRACK',
          direction: 'INCREASE',
          achieved: 0.77,
          unit: 'NPS points',
          scale: 1,
          measured: 'NPS at TP_CLAIM_HANDLING',
          note: null,
          baseline: -35,
          baselineDate: '2024-12-01',
          targetValue: 0,
          dueDate: '2027-11-22',
          now: { bucket: '2026-10-01', value: -8.1, ciLow: -19, ciHigh: 3, n: 295 },
          points: [],
          projection: { date: '2027-11-22', value: 8.8, ciLow: 2.8, ciHigh: 14.8 },
          slope: { slopePerMonth: 1.2, ciLow: 0.9, ciHigh: 1.5 },
        },
      },
    ]);
    expect(rows[0]).toEqual(['Claims NPS above 0', 'NPS', 'TOUCHPOINT', 'NPS at TP_CLAIM_HANDLING', 'On track', -35, '2024-12-01', -8.1, '2026-10-01', 0, '2027-11-22', 8.8, 2.8, 14.8, 0.77]);
    expect(rows[0]).toHaveLength(targetsCsvHeader().length);
    expect(correlationCsvRows([{ a: 'NPS', b: 'MARGIN', r: 0.9, ciLow: 0.6, ciHigh: 0.98, n: 10, pValue: 0.001, significant: true }])).toEqual([['NPS', 'Margin per customer', 0.9, 0.6, 0.98, 10, 0.001, true]]);
  });
});
