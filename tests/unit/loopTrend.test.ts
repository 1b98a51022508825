import { describe, expect, it } from 'vitest';
import { FollowUpStatus } from '../../server/modules/follow-ups/follow-up.entity.js';
import { lastMonths, loopTrend, type LoopTrendCase } from '../../server/modules/follow-ups/loop-trend.js';

const { OPEN, CONTACTED, RESOLVED, CLOSED_NO_ACTION } = FollowUpStatus;
const at = (iso: string) => new Date(`${iso}Z`);
/** A case answered at `answered`, due 2 days (48 h) later, contacted at `contacted` (or not). */
function kase(assigneeId: string | null, answered: string, contacted: string | null, status: FollowUpStatus): LoopTrendCase {
  const respondedAt = at(answered);
  return { assigneeId, respondedAt, dueAt: new Date(respondedAt.getTime() + 48 * 3_600_000), contactedAt: contacted ? at(contacted) : null, status };
}

describe('loop trend per person and month', () => {
  it('lists the months ending with the current one, oldest first', () => {
    expect(lastMonths(at('2026-12-06T10:00:00'), 3)).toEqual(['2026-10-01', '2026-11-01', '2026-12-01']);
    expect(lastMonths(at('2026-01-31T23:00:00'), 2)).toEqual(['2025-12-01', '2026-01-01']);
  });

  it('counts, times and medians a hand-worked example', () => {
    const now = at('2026-12-06T12:00:00');
    const cases = [
      // Anna, November: four cases.
      kase('anna', '2026-11-02T09:00:00', '2026-11-02T21:00:00', RESOLVED), // contacted after 12 h: 36 h before due
      kase('anna', '2026-11-10T09:00:00', '2026-11-11T09:00:00', CONTACTED), // 24 h: 24 h before due
      kase('anna', '2026-11-20T09:00:00', '2026-11-23T09:00:00', CLOSED_NO_ACTION), // 72 h: 24 h after due (late)
      kase('anna', '2026-11-28T09:00:00', null, OPEN), // due 30 Nov, still open on 6 Dec: overdue
      // Anna, December: one open case not yet due (due 7 Dec 09:00).
      kase('anna', '2026-12-05T09:00:00', null, OPEN),
      // Bo, November: one resolved case contacted after 6 h.
      kase('bo', '2026-11-15T09:00:00', '2026-11-15T15:00:00', RESOLVED),
      // Nobody's: December, open and already overdue (due 3 Dec).
      kase(null, '2026-12-01T08:00:00', null, OPEN),
      // Outside the months asked for: left out.
      kase('anna', '2026-09-30T09:00:00', '2026-09-30T10:00:00', RESOLVED),
    ];
    const trend = loopTrend(cases, { now, months: ['2026-11-01', '2026-12-01'], people: ['bo', 'anna'] });
    expect(trend.map((p) => p.assigneeId)).toEqual(['bo', 'anna', null]);

    const anna = trend[1]!;
    // November: 4 assigned; 3 contacted (12 h, 24 h, 72 h after the answer), 2 of them by the due date;
    // 1 resolved; 1 overdue. Median hours to contact of 12, 24, 72 = 24; after due: -36, -24, +24 -> -24.
    expect(anna.months[0]).toEqual({
      month: '2026-11-01', assigned: 4, contacted: 3, contactedOnTime: 2, resolved: 1, overdue: 1, medianHoursToContact: 24, medianHoursAfterDue: -24,
    });
    // December: one case, not yet due, so not overdue; nothing contacted, so no medians.
    expect(anna.months[1]).toEqual({
      month: '2026-12-01', assigned: 1, contacted: 0, contactedOnTime: 0, resolved: 0, overdue: 0, medianHoursToContact: null, medianHoursAfterDue: null,
    });
    // Bo has no December case: a zero month keeps his line continuous.
    expect(trend[0]!.months.map((m) => [m.assigned, m.resolved, m.medianHoursToContact, m.medianHoursAfterDue])).toEqual([[1, 1, 6, -42], [0, 0, null, null]]);
    expect(trend[2]!.months[1]).toMatchObject({ assigned: 1, overdue: 1 });
  });

  it('takes the mean of the middle two contacts for an even count', () => {
    const now = at('2026-12-06T12:00:00');
    const cases = [kase('a', '2026-12-01T00:00:00', '2026-12-01T10:00:00', CONTACTED), kase('a', '2026-12-02T00:00:00', '2026-12-02T20:00:00', CONTACTED)];
    // 10 h and 20 h: median 15 h; after due: -38 and -28: median -33.
    expect(loopTrend(cases, { now, months: ['2026-12-01'], people: ['a'] })[0]!.months[0]).toMatchObject({ medianHoursToContact: 15, medianHoursAfterDue: -33 });
  });
});
