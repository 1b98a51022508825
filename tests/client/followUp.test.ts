import { describe, expect, it } from 'vitest';
import { dueText, parseQueueFilters, queueCsvRows, queueFiltersQuery, toFollowUpFilter, type QueueItem } from '../../client/src/features/follow-up/model/followUp';

describe('follow-up queue filters', () => {
  it('defaults to open and contacted cases of both kinds', () => {
    const f = parseQueueFilters({});
    expect(f).toEqual({ status: 'active', kind: null, overdue: false, unassigned: false });
    expect(toFollowUpFilter(f)).toEqual({ status: ['OPEN', 'CONTACTED'] });
  });

  it('reads and writes the address, keeping the open case', () => {
    const f = parseQueueFilters({ status: 'RESOLVED', kind: 'THANK', overdue: '1', unassigned: '1', case: 'c1' });
    expect(toFollowUpFilter(f)).toEqual({ status: ['RESOLVED'], kind: 'THANK', overdue: true, unassigned: true });
    expect(queueFiltersQuery(f, { case: 'c1' })).toEqual({ case: 'c1', status: 'RESOLVED', kind: 'THANK', overdue: '1', unassigned: '1' });
    expect(toFollowUpFilter(parseQueueFilters({ status: 'all', kind: 'nonsense' }))).toEqual({});
  });

  it('says how urgent a case is', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    expect(dueText('2026-11-22T20:00:00Z', false, now)).toBe('due in 8 h');
    expect(dueText('2026-11-25T12:00:00Z', false, now)).toBe('due in 3 days');
    expect(dueText('2026-11-22T09:00:00Z', true, now)).toBe('3 h overdue');
    expect(dueText('2026-11-22T12:20:00Z', false, now)).toBe('due in under an hour');
  });

  it('exports the loaded cases', () => {
    const item: QueueItem = {
      id: 'c1',
      kind: 'RECOVER',
      status: 'OPEN',
      ltr: 3,
      dueAt: '2026-11-24T00:00:00Z',
      overdue: false,
      respondedAt: '2026-11-22T00:00:00Z',
      customerId: 'C1',
      customerValue: 4380.4,
      personaCode: 'YOUNG_FAMILY',
      persona: { name: 'Young family' },
      touchpointCode: null,
      touchpoint: null,
      department: null,
      assignee: null,
    };
    expect(queueCsvRows([item])).toEqual([['2026-11-24T00:00:00Z', false, 'Recover', 3, 'Relationship survey', 'Young family', 4380.4, 'Open', null, null, '2026-11-22T00:00:00Z']]);
  });
});
