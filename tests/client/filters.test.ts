import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../client/src/shared/i18n';
import {
  asOfLabel,
  customPeriodError,
  describeCut,
  mapFiltersQuery,
  monthsBack,
  parseMapFilters,
  periodLabel,
  toAnalyticsCut,
  toAnalyticsFilter,
} from '../../client/src/shared/model/cutFilters';

afterEach(() => applyLanguage('en'));

const today = new Date(2026, 10, 22); // 22 Nov 2026, local time

describe('map filters in the address', () => {
  it('opens on the journey\'s own persona and the last 12 months', () => {
    expect(parseMapFilters({}, 'YOUNG_FAMILY')).toEqual({ persona: 'YOUNG_FAMILY', period: '12m', from: null, to: null });
    expect(parseMapFilters({}, null)).toEqual({ persona: null, period: '12m', from: null, to: null });
  });

  it('reads persona=all as all customers, and a custom period with its dates', () => {
    expect(parseMapFilters({ persona: 'all', period: 'custom', from: '2026-01-01', to: '2026-03-31' }, 'YOUNG_FAMILY')).toEqual({
      persona: null,
      period: 'custom',
      from: '2026-01-01',
      to: '2026-03-31',
    });
  });

  it('ignores values it does not know', () => {
    expect(parseMapFilters({ period: 'forever', from: 'yesterday' }, null)).toEqual({ persona: null, period: '12m', from: null, to: null });
    expect(parseMapFilters({ period: '6m', from: '2026-01-01' }, null).from).toBeNull();
  });

  it('drops a custom day that does not exist (2024-02-31), as the server would refuse it', () => {
    expect(parseMapFilters({ period: 'custom', from: '2024-02-31', to: '2024-02-29' }, null)).toEqual({ persona: null, period: 'custom', from: null, to: '2024-02-29' });
  });

  it('writes only what differs from the defaults, and keeps other keys', () => {
    expect(mapFiltersQuery({ persona: null, period: '12m', from: null, to: null }, null, { view: 'both' })).toEqual({ view: 'both' });
    expect(mapFiltersQuery({ persona: null, period: '3m', from: null, to: null }, 'YOUNG_FAMILY')).toEqual({ persona: 'all', period: '3m' });
    expect(mapFiltersQuery({ persona: 'SENIOR_SAVER', period: 'custom', from: '2026-01-01', to: '2026-02-01' }, null)).toEqual({
      persona: 'SENIOR_SAVER',
      period: 'custom',
      from: '2026-01-01',
      to: '2026-02-01',
    });
  });

  it('round-trips through the address', () => {
    const f = { persona: 'SENIOR_SAVER', period: 'custom' as const, from: '2026-01-01', to: '2026-02-01' };
    expect(parseMapFilters(mapFiltersQuery(f, null), null)).toEqual(f);
  });
});

describe('toAnalyticsFilter', () => {
  it('turns "last n months" into from/to ending today when the store has no data', () => {
    expect(monthsBack(today, 3)).toBe('2026-08-23');
    expect(toAnalyticsFilter({ persona: 'SENIOR_SAVER', period: '3m', from: null, to: null }, null, today)).toEqual({
      personaCodes: ['SENIOR_SAVER'],
      from: '2026-08-23',
      to: '2026-11-22',
    });
    expect(toAnalyticsFilter({ persona: null, period: '12m', from: null, to: null }, null, today)).toEqual({ from: '2025-11-23', to: '2026-11-22' });
  });

  it('ends "last n months" at the latest answer in the data, and "to today" at today', () => {
    // Imported history that ended a year ago is not empty by default: 12 months up to 12 Oct 2025.
    expect(toAnalyticsFilter({ persona: null, period: '12m', from: null, to: null }, '2025-10-12', today)).toEqual({ from: '2024-10-13', to: '2025-10-12' });
    expect(toAnalyticsFilter({ persona: null, period: '3m', from: null, to: null }, '2025-10-12', today)).toEqual({ from: '2025-07-13', to: '2025-10-12' });
    expect(toAnalyticsFilter({ persona: null, period: 'today', from: null, to: null }, '2025-10-12', today)).toEqual({ from: '2025-11-23', to: '2026-11-22' });
    expect(asOfLabel('12m', '2025-10-12')).toBe('as of 12 Oct 2025');
    expect(asOfLabel('today', '2025-10-12')).toBeNull();
    expect(asOfLabel('all', '2025-10-12')).toBeNull();
    expect(describeCut({ persona: null, period: '12m', from: null, to: null }, null, '2025-10-12')).toBe('All customers, last 12 months as of 12 Oct 2025');
  });

  it('sends no dates for all time, and none for an unusable custom period', () => {
    expect(toAnalyticsFilter({ persona: null, period: 'all', from: null, to: null }, null, today)).toEqual({});
    const backwards = { persona: null, period: 'custom' as const, from: '2026-05-01', to: '2026-04-01' };
    expect(customPeriodError(backwards)).toBe('The first day is after the last day.');
    expect(toAnalyticsFilter(backwards, null, today)).toEqual({});
    expect(customPeriodError({ ...backwards, to: null })).toBe('Choose a first and a last day.');
  });

  it('leaves "last n months" to the server as lastMonths for the numbers, and sends every other choice as its days', () => {
    // The server ends them at the latest answer, as toAnalyticsFilter does with asOf: no wait for it here.
    expect(toAnalyticsCut({ persona: 'SENIOR_SAVER', period: '6m', from: null, to: null }, today)).toEqual({ filter: { personaCodes: ['SENIOR_SAVER'] }, lastMonths: 6 });
    expect(toAnalyticsCut({ persona: null, period: '12m', from: null, to: null }, today)).toEqual({ filter: {}, lastMonths: 12 });
    // "To today" ends today whatever the data: its days, as before.
    expect(toAnalyticsCut({ persona: null, period: 'today', from: null, to: null }, today)).toEqual({ filter: { from: '2025-11-23', to: '2026-11-22' }, lastMonths: null });
    expect(toAnalyticsCut({ persona: null, period: 'all', from: null, to: null }, today)).toEqual({ filter: {}, lastMonths: null });
    expect(toAnalyticsCut({ persona: 'A', period: 'custom', from: '2026-01-01', to: '2026-02-01' }, today)).toEqual({
      filter: { personaCodes: ['A'], from: '2026-01-01', to: '2026-02-01' },
      lastMonths: null,
    });
  });

  it('describes the cut in words', () => {
    expect(describeCut({ persona: 'SENIOR_SAVER', period: '6m', from: null, to: null }, 'Senior saver')).toBe('Senior saver, last 6 months');
    expect(describeCut({ persona: null, period: 'custom', from: '2026-01-01', to: '2026-02-01' }, null)).toBe('All customers, 1 Jan 2026 to 1 Feb 2026');
    expect(describeCut({ persona: null, period: 'custom', from: null, to: null }, null)).toBe('All customers, custom period');
  });

  it('says the cut, the periods, the as-of day and the custom-period errors in Danish, with Danish dates', () => {
    applyLanguage('da');
    expect(periodLabel('all')).toBe('Hele perioden');
    expect(periodLabel('6m')).toBe('Seneste 6 måneder');
    expect(asOfLabel('12m', '2025-10-12')).toBe('til og med 12. okt. 2025');
    expect(describeCut({ persona: null, period: '12m', from: null, to: null }, null, '2025-10-12')).toBe('Alle kunder, seneste 12 måneder til og med 12. okt. 2025');
    expect(describeCut({ persona: 'SENIOR_SAVER', period: 'all', from: null, to: null }, 'Seniorsparer')).toBe('Seniorsparer, hele perioden');
    expect(describeCut({ persona: null, period: 'custom', from: '2026-01-01', to: '2026-02-01' }, null)).toBe('Alle kunder, 1. jan. 2026 til 1. feb. 2026');
    const backwards = { persona: null, period: 'custom' as const, from: '2026-05-01', to: '2026-04-01' };
    expect(customPeriodError(backwards)).toBe('Den første dag ligger efter den sidste dag.');
    expect(customPeriodError({ ...backwards, to: null })).toBe('Vælg en første og en sidste dag.');
  });
});
