import { describe, expect, it } from 'vitest';
import { FollowUpStatus } from '../../server/modules/follow-ups/follow-up.entity.js';
import { canMove, dueDate, followUpPolicy, isOverdue, NEXT_STATUSES } from '../../server/modules/follow-ups/follow-up.rules.js';
import { churnConclusion } from '../../server/modules/follow-ups/loop-metrics.service.js';
import { proportion, twoProportionTest } from '../../analytics/stats/index.js';

const { OPEN, CONTACTED, RESOLVED, CLOSED_NO_ACTION } = FollowUpStatus;
const DAY = 86_400_000;
const t0 = new Date('2026-06-10T09:30:00Z');

describe('status transitions', () => {
  it('allow OPEN → CONTACTED → RESOLVED, CLOSED_NO_ACTION from OPEN or CONTACTED, and nothing else', () => {
    const allowed = Object.values(FollowUpStatus).flatMap((from) => Object.values(FollowUpStatus).filter((to) => canMove(from, to)).map((to) => `${from}->${to}`));
    expect(allowed).toEqual(['OPEN->CONTACTED', 'OPEN->CLOSED_NO_ACTION', 'CONTACTED->RESOLVED', 'CONTACTED->CLOSED_NO_ACTION']);
    expect(NEXT_STATUSES[RESOLVED]).toEqual([]);
    expect(canMove(OPEN, RESOLVED)).toBe(false);
    expect(canMove(CLOSED_NO_ACTION, OPEN)).toBe(false);
    expect(canMove(CONTACTED, CONTACTED)).toBe(false);
  });
});

describe('due dates', () => {
  it("run on the customer's clock: the answer's time plus the rule's SLA", () => {
    expect(dueDate(t0, 2)).toEqual(new Date('2026-06-12T09:30:00Z'));
  });

  it('make a case for a 10-day-old answer overdue under a 7-day SLA, however late it arrived', () => {
    const due = dueDate(t0, 7); // 2026-06-17 09:30
    const now = new Date(t0.getTime() + 10 * DAY); // 2026-06-20: three days past due
    expect(due).toEqual(new Date('2026-06-17T09:30:00Z'));
    expect(isOverdue({ status: OPEN, dueAt: due }, now)).toBe(true);
    expect(isOverdue({ status: RESOLVED, dueAt: due }, now)).toBe(false);
  });

  it('make a case overdue only while it is OPEN', () => {
    const c = { status: OPEN, dueAt: t0 };
    expect(isOverdue(c, new Date(t0.getTime() + 1))).toBe(true);
    expect(isOverdue(c, t0)).toBe(false);
    expect(isOverdue({ ...c, status: CONTACTED }, new Date(t0.getTime() + DAY))).toBe(false);
  });
});

describe('follow-up policy from the alert rules', () => {
  it('takes the strictest SLA of the enabled rules and thanks promoters if any enabled rule says so', () => {
    expect(
      followUpPolicy([
        { enabled: true, slaDays: 3, thankPromoters: false },
        { enabled: true, slaDays: 2, thankPromoters: true },
        { enabled: false, slaDays: 1, thankPromoters: false },
      ]),
    ).toEqual({ slaDays: 2, thankPromoters: true, ruleName: null });
    expect(followUpPolicy([{ enabled: false, slaDays: 1, thankPromoters: true }])).toEqual({ slaDays: 2, thankPromoters: false, ruleName: null });
    expect(followUpPolicy([])).toEqual({ slaDays: 2, thankPromoters: false, ruleName: null });
    expect(
      followUpPolicy([
        { enabled: true, slaDays: 7, thankPromoters: false, name: 'Weekly' },
        { enabled: true, slaDays: 3, thankPromoters: false, name: 'Strict' },
      ]),
    ).toMatchObject({ slaDays: 3, ruleName: 'Strict' });
  });
});

describe('the churn reading of the loop metrics', () => {
  const read = (a: [number, number], b: [number, number]) => {
    const recovered = proportion({ n: a[0], count: a[1] });
    const notContacted = proportion({ n: b[0], count: b[1] });
    return churnConclusion(recovered, notContacted, twoProportionTest({ n: a[0], count: a[1] }, { n: b[0], count: b[1] }));
  };

  it('says there are too few customers rather than reading a difference into small groups', () => {
    expect(read([12, 0], [40, 10])).toBe('Too few customers to tell: 12 won back and 40 not contacted (at least 30 in each group are needed).');
  });

  it('reports a significant difference with p, and a non-significant one as such', () => {
    // 10/100 vs 30/100: pooled 0.2, SE = sqrt(0.2 * 0.8 * 0.02) = 0.0566, z = -3.54, p = 0.0004.
    // 20/100 vs 25/100: pooled 0.225, SE = sqrt(0.225 * 0.775 * 0.02) = 0.0591, z = -0.847, p = 0.397.
    expect(read([100, 10], [100, 30])).toBe(
      '10.0% of customers won back churned, against 30.0% of those not contacted: recovered customers churn significantly less (p < 0.001; observational, not a controlled comparison).',
    );
    expect(read([100, 20], [100, 25])).toBe('20.0% of customers won back churned, against 25.0% of those not contacted: no significant difference (p = 0.397).');
  });
});
