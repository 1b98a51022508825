import { describe, expect, it } from 'vitest';
import { dueCell, dueText, parseQueueFilters, queueCsvHeader, queueCsvRows, queueFiltersQuery, toCountsFilter, toFollowUpFilter, type QueueItem } from '../../client/src/features/follow-up/model/followUp';

describe('follow-up queue filters', () => {
  it("defaults to the team's open and contacted RECOVER cases: RECOVER and THANK are separate lists", () => {
    const f = parseQueueFilters({});
    expect(f).toEqual({ view: 'team', status: 'active', kind: 'RECOVER', overdue: false, unassigned: false });
    expect(toFollowUpFilter(f)).toEqual({ kind: 'RECOVER', status: ['OPEN', 'CONTACTED'] });
  });

  it('reads and writes the address, keeping the open case', () => {
    const f = parseQueueFilters({ status: 'RESOLVED', kind: 'THANK', overdue: '1', unassigned: '1', case: 'c1' });
    expect(toFollowUpFilter(f)).toEqual({ status: ['RESOLVED'], kind: 'THANK', overdue: true, unassigned: true });
    expect(queueFiltersQuery(f, { case: 'c1' })).toEqual({ case: 'c1', status: 'RESOLVED', kind: 'THANK', overdue: '1', unassigned: '1' });
    expect(toFollowUpFilter(parseQueueFilters({ status: 'all', kind: 'nonsense' }))).toEqual({ kind: 'RECOVER' });
  });

  it('"my cases" asks for the cases assigned to me, and the counters follow the view and kind', () => {
    const mine = parseQueueFilters({ view: 'mine', kind: 'THANK', unassigned: '1' });
    expect(toFollowUpFilter(mine)).toEqual({ kind: 'THANK', status: ['OPEN', 'CONTACTED'], assignedToMe: true });
    expect(toCountsFilter(mine)).toEqual({ kind: 'THANK', assignedToMe: true });
  });

  it('says how urgent a case is', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    expect(dueText('2026-11-22T20:00:00Z', false, now)).toBe('due in 8 h');
    expect(dueText('2026-11-25T12:00:00Z', false, now)).toBe('due in 3 days');
    expect(dueText('2026-11-22T09:00:00Z', true, now)).toBe('3 h overdue');
    expect(dueText('2026-11-22T12:20:00Z', false, now)).toBe('due in under an hour');
  });

  it('shows no due date for a closed case, only how it ended', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    expect(dueCell({ dueAt: '2026-11-22T14:00:00Z', overdue: false, isClosed: true, status: 'RESOLVED', outcome: 'RESOLVED' }, now)).toBe('Closed: resolved');
    expect(dueCell({ dueAt: '2026-11-20T12:00:00Z', overdue: true, isClosed: false, status: 'OPEN' }, now)).toBe('2 days overdue');
  });

  it('exports the loaded cases as the screen shows them: labels, whole money with the currency in the header, dates in words', () => {
    const item: QueueItem = {
      id: 'c1',
      kind: 'RECOVER',
      status: 'OPEN',
      isClosed: false,
      outcome: null,
      ltr: 3,
      dueAt: '2026-11-24T00:00:00Z',
      slaDays: 2,
      overdue: false,
      respondedAt: '2026-11-22T00:00:00Z',
      customerValue: 4380.4,
      personaCode: 'YOUNG_FAMILY',
      persona: { name: 'Young family' },
      touchpointCode: null,
      touchpoint: null,
      department: null,
      assignee: null,
    };
    const now = new Date('2026-11-22T12:00:00Z');
    expect(queueCsvHeader('DKK')).toContain('Customer value per year (DKK)');
    expect(queueCsvRows([item], now)).toEqual([['due in 36 h', '24 Nov 2026', 'Recover', 3, 'Relationship survey', 'Young family', 4380, 'Open', 'No department', 'Unassigned', '22 Nov 2026']]);
    expect(JSON.stringify(queueCsvRows([item], now))).not.toMatch(/YOUNG_FAMILY|RECOVER|OPEN/);
  });
});
