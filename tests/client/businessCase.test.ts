import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { caseCsvHeader, caseCsvRows, cumulativeOption, formatPayback, waterfallOption, waterfallSteps } from '../../client/src/features/business-case/model/businessCase';
import { overviewGrid, rankingCsvHeader, rankingCsvRows } from '../../client/src/features/business-case/model/initiatives';
import { draftFromInputs, emptyDraft, fieldErrors, scenarioInput } from '../../client/src/features/business-case/model/scenarioForm';
import { toCsv } from '../../client/src/shared/csv';
import { cumulativeByMonth } from '../../analytics/businessCase/payback';
import { makeBusinessCase, makeOverviewCell, makeRanked } from './support/businessCase';

const badInput = (extensions: Record<string, unknown>, message: string) => new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions } })] });

describe('business case model', () => {
  it('draws the cumulative curve the engine counts payback on (analytics/businessCase/payback.ts)', () => {
    const bc = makeBusinessCase();
    const option = cumulativeOption(bc) as { series: { data: number[] }[] };
    expect(option.series[0]?.data).toEqual(cumulativeByMonth(bc.oneOffCost, bc.netPerYear));
    expect(option.series[0]?.data[0]).toBe(-bc.oneOffCost);
  });

  it('builds the waterfall from the counted lines only and ends on the net present value', () => {
    const bc = makeBusinessCase();
    const steps = waterfallSteps(bc);
    expect(steps.map((s) => s.label)).toEqual(['Margin uplift', 'Margin kept by lower churn', 'One-off cost', 'Net present value']);
    expect(steps[2]).toMatchObject({ from: 1500, to: 1000, total: false });
    expect(steps.at(-1)).toMatchObject({ from: 0, to: 1000, total: true });
  });

  it('names the currency once in the charts\' tooltips (they said "DKK DKK 500" through an alias of formatMoney)', () => {
    const bc = makeBusinessCase();
    const step = waterfallOption(bc).tooltip as { formatter: (p: unknown) => string };
    expect(step.formatter({ dataIndex: 2 })).toBe('One-off cost: DKK −500');
    const line = cumulativeOption(bc).tooltip as { valueFormatter: (v: unknown) => string };
    expect(line.valueFormatter(1_234_567)).toBe('DKK 1.2m');
  });

  it('says when a case does not pay back within its horizon', () => {
    expect(formatPayback(14, 3)).toBe('month 14 (year 2)');
    expect(formatPayback(null, 3)).toBe('not within 3 years');
  });

  it('exports a case with its headline, every line item (uncounted marked), the assumptions and the moves', () => {
    const csv = toCsv(caseCsvHeader(), caseCsvRows(makeBusinessCase()));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Section,Item,Value,Low,High,n,Per year (undiscounted),Counted or overridden,Formula or source,Inputs');
    expect(lines).toContain('Summary,Net present value,1000,800,1200,,,,inputs at their interval ends,');
    expect(lines).toContain('Line item,Replacement cost avoided,300,,,,150; 150,not counted,customers kept × acquisition cost,acquisitionCost 2000');
    expect(lines).toContain('Assumption,Passives: 12-month churn,0.05,0.05,0.05,,,overridden,scenario override,');
    expect(lines).toContain('Move,Detractors → Passives,10.5,,,,,,50% of 21 detractors,');
  });
});

describe('scenario form', () => {
  it('turns a draft into the GraphQL input: shares from per cent, empty fields left to the defaults', () => {
    const draft = emptyDraft('moves');
    draft.moves[0]!.sharePercent = 25;
    draft.moves[0]!.touchpointCodes = ['TP_PHONE'];
    draft.overrides.PASSIVE.churn12mPercent = 5;
    draft.overrides.PROMOTER.annualMargin = '6000';
    draft.discountPercent = 10;
    draft.personaCode = 'SENIOR';
    expect(scenarioInput(draft)).toEqual({
      moves: [{ from: 'DETRACTOR', to: 'PASSIVE', share: 0.25, touchpointCodes: ['TP_PHONE'] }],
      discountRate: 0.1,
      overrides: [
        { group: 'PASSIVE', churn12m: 0.05 },
        { group: 'PROMOTER', annualMargin: 6000 },
      ],
      filter: { personaCodes: ['SENIOR'] },
      churnValuation: 'LOST_MARGIN',
    });
  });

  it('gives an initiative with its what-if effect: conversions in per cent, an NPS uplift in points', () => {
    const draft = emptyDraft('initiative', 'i-1');
    expect(scenarioInput(draft)).toEqual({ initiativeId: 'i-1', churnValuation: 'LOST_MARGIN' });
    draft.effectOverride = true;
    draft.effectValue = 20;
    expect(scenarioInput(draft).effect).toEqual({ kind: 'DETRACTORS_TO_PASSIVES', value: 0.2 });
    draft.effectKind = 'TOUCHPOINT_NPS_UPLIFT';
    expect(scenarioInput(draft).effect).toEqual({ kind: 'TOUCHPOINT_NPS_UPLIFT', value: 20 });
  });

  it('reads saved inputs back into the same draft', () => {
    const saved = {
      asOf: null,
      churnValuation: 'REPLACEMENT_COST' as const,
      discountRate: 0.06,
      horizonYears: 5,
      initiativeId: 'i-1',
      oneOffCost: 1000,
      yearlyCost: null,
      scaleToCustomerBase: true,
      effect: { kind: 'PASSIVES_TO_PROMOTERS' as const, value: 0.15 },
      filter: { personaCodes: ['YOUNG'], unitCodes: null, from: null, to: null },
      moves: null,
      overrides: [{ group: 'DETRACTOR' as const, churn12m: 0.2, annualMargin: null, acquisitionCost: 2500 }],
    };
    const draft = draftFromInputs(saved);
    expect(draft).toMatchObject({ kind: 'initiative', effectOverride: true, effectValue: 15, discountPercent: 6, horizonYears: 5, personaCode: 'YOUNG', scaleToCustomerBase: true });
    expect(scenarioInput(draft)).toEqual({
      initiativeId: 'i-1',
      effect: { kind: 'PASSIVES_TO_PROMOTERS', value: 0.15 },
      horizonYears: 5,
      discountRate: 0.06,
      oneOffCost: 1000,
      overrides: [{ group: 'DETRACTOR', churn12m: 0.2, acquisitionCost: 2500 }],
      filter: { personaCodes: ['YOUNG'] },
      churnValuation: 'REPLACEMENT_COST',
      scaleToCustomerBase: true,
    });
  });

  it("puts the engine's error next to the field it names", () => {
    const draft = emptyDraft('moves');
    const errors = fieldErrors(badInput({ reason: 'INVALID_ANALYTICS_INPUT', field: 'moves[0].share' }, 'moves[0].share: must be a share from 0 to 1, got 1.5'), draft);
    expect(errors).toEqual({ byField: { 'moves.0.share': 'must be a share from 0 to 1, got 1.5 (the field is in per cent: 1 = 100%)' }, general: [] });

    const missing = fieldErrors(badInput({ field: 'overrides.PROMOTER.annualMargin' }, 'overrides.PROMOTER.annualMargin: no promoter customers'), draft);
    expect(missing.byField['overrides.PROMOTER.annualMargin']).toBe('no promoter customers');
  });

  it("maps input validation's overrides.<index> to the group that was sent at that index", () => {
    const draft = emptyDraft('moves');
    draft.overrides.PASSIVE.churn12mPercent = 140;
    const error = badInput({ reason: 'VALIDATION_FAILED', fields: [{ field: 'scenario.overrides.0.churn12m', problems: ['churn12m must not be greater than 1'] }, { field: 'name', problems: ['name must be longer than or equal to 1 characters'] }] }, 'Invalid input');
    expect(fieldErrors(error, draft).byField).toEqual({ 'overrides.PASSIVE.churn12m': 'churn12m must not be greater than 1 (the field is in per cent: 1 = 100%)', name: 'name must be longer than or equal to 1 characters' });
  });

  it('shows what has no field in the editor above it, with the field named', () => {
    const draft = emptyDraft('moves');
    const errors = fieldErrors(badInput({ field: 'asOf' }, 'asOf: must be a date'), draft);
    expect(errors).toEqual({ byField: {}, general: ['asOf: must be a date'] });
    const both = fieldErrors(badInput({ field: 'scenario' }, 'scenario: give either moves or an initiative'), draft);
    expect(both.general).toEqual(['give either moves or an initiative']);
  });
});

describe('initiatives model', () => {
  it('exports the ranking with the reason an initiative has no value', () => {
    const csv = toCsv(rankingCsvHeader('DKK'), rankingCsvRows([makeRanked({ rank: 1, value: 5000 }), makeRanked({ rank: 2, value: null, valueLow: null, valueHigh: null, valuePerCost: null, paybackMonth: null, problem: 'initiative "B" has no expected effect' })]));
    const lines = csv.split('\r\n');
    expect(lines[0]).toContain('Rank,Initiative,Status,Department');
    expect(lines[1]).toMatch(/^1,Initiative 1,Planned,Customer Service,Phone,5000,/);
    expect(lines[2]).toBe('2,Initiative 2,Planned,Customer Service,Phone,,,,500,,not within the horizon,4,3,"No value: initiative ""B"" has no expected effect."');
  });

  it('lays the overview out as departments × phases in journey order, no department last', () => {
    const grid = overviewGrid([
      makeOverviewCell({ phaseId: 'p2', phaseName: 'Claim', department: { id: 'd2', name: 'Claims' } }),
      makeOverviewCell({ phaseId: 'p3', phaseName: 'Renewal', department: null }),
      makeOverviewCell({ phaseId: 'p2', phaseName: 'Claim', department: { id: 'd1', name: 'Analytics' } }),
    ]);
    expect(grid.phases.map((p) => p.name)).toEqual(['Claim', 'Renewal']);
    expect(grid.departments.map((d) => d.name)).toEqual(['Analytics', 'Claims', 'No department']);
    expect(grid.cell('d2', 'p2')?.initiatives).toHaveLength(1);
    expect(grid.cell('d2', 'p3')).toBeUndefined();
    expect(grid.cell(null, 'p3')).toBeDefined();
  });
});
