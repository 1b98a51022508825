/**
 * Issue 19 step 1: measures and dimensions are declared once (analytics/model/). The counting SQL of the
 * answers (NPS groups, top-2-box, distinct customers, rating sums) is written there only; every query
 * composes its SELECT from it. This test reads the source of analytics/ and fails on a copy elsewhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../../analytics/paths.js';
import { DIMENSIONS, grouping, groupKeyOf, periodStartSql } from '../../analytics/model/dimensions.js';
import { csatGroupSql, measureColumns, meanSumsOf, NPS_GROUP_SQL, npsCountsOf, npsGroupSql } from '../../analytics/model/measures.js';
import { ANALYTICS_DEFAULTS, checkFilter, filterProblems } from '../../analytics/model/filter.js';
import { getMetrics } from '../../analytics/queries/metrics/getMetrics.js';
import { classifyNps } from '../../analytics/stats/nps.js';
import { DEFAULT_CONFIDENCE_LEVEL, DEFAULT_MIN_N } from '../../analytics/stats/interval.js';
import { openStore, type Store } from '../../analytics/store.js';
import { sourceFiles, withoutComments } from '../support/sourceFiles.js';

/** Counting SQL typed out: each pattern is a rule of the model written by hand. */
const COPIES: readonly [string, RegExp][] = [
  ['an NPS group limit on ltr (NPS_GROUP_SQL, npsGroupSql)', /\bltr\s*(>=|<=|<|>|=)\s*\d|\bltr\s+BETWEEN\s+(?!0 AND 10\b)\d/i],
  ['a satisfaction limit (MEASURES.csatTopTwoBox, csatGroupSql)', /\bsatisfaction\s*(>=|<=|<|>|=)\s*\d/],
  ['distinct customers (MEASURES.customers)', /count\(\s*DISTINCT\s+[\w.]*customer_id\s*\)/i],
  ['a rating\'s sum of squares (MEASURES.csat/effort/emotions)', /sum\(\s*[\w.]*\b(satisfaction|effort|professional|sympathetic|trustworthy|atmosphere)\s*\*/i],
  ['a period bucket (periodStartSql)', /strftime\(\s*date_trunc\(/i],
];


function copiesIn(file: string, text: string): string[] {
  return withoutComments(text)
    .split('\n')
    .flatMap((line, i) => COPIES.filter(([, pattern]) => pattern.test(line)).map(([what]) => `${file}:${i + 1}: ${what}: ${line.trim()}`));
}

describe('counting SQL exists once (analytics/model/)', () => {
  it('no file of analytics/ outside analytics/model/ types out counting SQL', () => {
    const found = sourceFiles('analytics')
      .filter((file) => !file.startsWith(`analytics${path.sep}model${path.sep}`))
      .flatMap((file) => copiesIn(file, fs.readFileSync(path.join(ROOT, file), 'utf8')));
    expect(found).toEqual([]);
  });

  it('the check sees a copy where there is one, and not in comments or the ltr range check', () => {
    const planted = [
      "const sql = `count(*) FILTER (WHERE r.ltr >= 9)::INTEGER AS promoters`;",
      "const x = 'count(*) FILTER (WHERE cm.ltr BETWEEN 7 AND 8)';",
      "`count(DISTINCT cm.customer_id)::INTEGER AS customers`",
      "`coalesce(sum(r.satisfaction * r.satisfaction), 0)`",
      "`count(*) FILTER (WHERE satisfaction >= 4)`",
      "`strftime(date_trunc('month', r.responded_at), '%Y-%m-%d')`",
    ];
    expect(planted.map((line) => copiesIn('planted.ts', line).length)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(copiesIn('ok.ts', "// counts r.ltr >= 9 as a promoter\n'ltr TINYINT CHECK (ltr BETWEEN 0 AND 10)'\n/** count(DISTINCT customer_id) */")).toEqual([]);
  });
});

describe('the model\'s measures and dimensions on DuckDB', () => {
  let store: Store | undefined;
  afterEach(async () => store?.close());

  it('counts every ltr 0-10 in the group classifyNps gives it, in SQL and as text', async () => {
    store = await openStore(':memory:');
    const rows = await store.all(
      `SELECT ltr::INTEGER AS ltr, ${npsGroupSql('ltr')} AS grp, ${Object.values(NPS_GROUP_SQL).map((c, i) => `(${c('ltr')})::INTEGER AS g${i}`).join(', ')} FROM range(0, 11) t(ltr) ORDER BY ltr`,
    );
    expect(rows.map((r) => r.grp)).toEqual(rows.map((r) => classifyNps(Number(r.ltr))));
    expect(rows.map((r) => [r.g0, r.g1, r.g2].indexOf(1))).toEqual([2, 2, 2, 2, 2, 2, 2, 1, 1, 0, 0]);
  });

  it('selects the measures by name, over an alias, in a window, with a prefix, and reads them back', async () => {
    store = await openStore(':memory:');
    // 10, 9, 8, 5 and a rating-only answer; satisfaction 5, 4, 3, null, 2; two customers.
    const answers = `(VALUES (10, 5, 'a', TRUE), (9, 4, 'a', TRUE), (8, 3, 'b', TRUE), (5, NULL, 'b', TRUE), (NULL, 2, 'b', FALSE)) cm(ltr, satisfaction, customer_id, recent)`;
    const [row] = await store.all(
      `SELECT ${measureColumns(['answers', 'nps', 'customers', 'csatTopTwoBox', 'csat'], { answers: 'cm' })},
         ${measureColumns(['nps', 'customers', 'csat'], { answers: 'cm', where: 'cm.recent', prefix: 'w_' })} FROM ${answers}`,
    );
    expect(row).toMatchObject({ n: 5, customers: 2, top2: 2, w_customers: 2 });
    expect(npsCountsOf(row!)).toEqual({ promoters: 2, passives: 1, detractors: 1 });
    expect(npsCountsOf(row!, 'w_')).toEqual({ promoters: 2, passives: 1, detractors: 1 });
    expect(meanSumsOf(row!, 'csat')).toEqual({ n: 4, sum: 14, sumSquares: 54 });
    expect(meanSumsOf(row!, 'csat', 'w_')).toEqual({ n: 3, sum: 12, sumSquares: 50 });
    const [groups] = await store.all(`SELECT list(${csatGroupSql('s')} ORDER BY s) AS g FROM (VALUES (1), (3), (4), (5)) t(s)`);
    expect(groups!.g).toEqual(['DISSATISFIED', 'DISSATISFIED', 'SATISFIED', 'VERY_SATISFIED']);
  });

  it('composes GROUP BY and GROUPING SETS from the dimensions and reads the key back', () => {
    const byTouchpointAndPersona = grouping({ dimensions: ['TOUCHPOINT', 'PERSONA'] });
    expect(byTouchpointAndPersona).toMatchObject({
      select: ['r.touchpoint_code AS touchpoint_code', 'c.persona_code AS persona_code'],
      groupBy: 'GROUP BY 1, 2',
      touchpointLevel: true,
    });
    expect(grouping({ sets: [['PHASE', 'PERSONA'], ['TOUCHPOINT', 'PERSONA']] }).groupBy).toBe(
      'GROUP BY GROUPING SETS ((t.phase_id, c.persona_code), (r.touchpoint_code, c.persona_code))',
    );
    expect(grouping({ dimensions: ['PERSONA'] })).toMatchObject({ touchpointLevel: false, orderBy: 'ORDER BY 1' });
    expect(() => grouping({ dimensions: ['WEEK', 'MONTH'] })).toThrow(/at most one of WEEK, MONTH and QUARTER/);
    expect(groupKeyOf({ touchpoint_code: 'TP_A', persona_code: null, n: 3 })).toMatchObject({ touchpointCode: 'TP_A', personaCode: undefined });
    expect(DIMENSIONS.MONTH.sql).toBe(periodStartSql('month', 'r.responded_at'));
  });
});

describe('one filter schema (analytics/model/filter.ts)', () => {
  let store: Store | undefined;
  afterEach(async () => store?.close());

  it('takes a valid cut as it is and drops nothing it knows', () => {
    const cut = { personaCodes: ['P1'], unitCodes: ['U1'], journeyId: 'j1', touchpointCodes: ['TP_A'], from: '2024-02-29', to: '2024-03-01', survey: 'TOUCHPOINT' as const };
    expect(checkFilter(cut)).toEqual({ ok: true, filter: cut });
    expect(filterProblems({})).toEqual([]);
  });

  it('names each refused field once, with the problem and the rule the client words', () => {
    expect(filterProblems({ from: '2024-02-31', to: '2024-1-01', survey: 'BOTH', unitCodes: Array.from({ length: 201 }, (_, i) => `U${i}`), touchpointCodes: [''] })).toEqual([
      { field: 'unitCodes', problem: 'must contain no more than 200 elements', rule: 'arrayMaxSize', limits: { arrayMaxSize: [200] } },
      { field: 'touchpointCodes', problem: 'each code must be 1-64 characters', rule: 'isLength', limits: { isLength: [1, 64] } },
      { field: 'from', problem: 'must be a day that exists, written YYYY-MM-DD (got "2024-02-31")', rule: 'isLocalDate' },
      { field: 'to', problem: 'must be a day that exists, written YYYY-MM-DD (got "2024-1-01")', rule: 'isLocalDate' },
      { field: 'survey', problem: 'must be one of the following values: TOUCHPOINT, RELATIONSHIP', rule: 'isIn', limits: { isIn: ['TOUCHPOINT', 'RELATIONSHIP'] } },
    ]);
    expect(filterProblems({ from: '2025-02-01', to: '2025-01-31' })).toEqual([{ field: 'to', problem: 'must not be before from (2025-02-01 > 2025-01-31)', rule: 'notBeforeFrom' }]);
  });

  it('is the check the queries make too: the same problem reaches a caller of getMetrics', async () => {
    store = await openStore(':memory:');
    await expect(getMetrics(store, { from: '2025-02-01', to: '2025-01-31' })).rejects.toThrow('to: must not be before from (2025-02-01 > 2025-01-31)');
    await expect(getMetrics(store, { from: '2024-02-31' })).rejects.toThrow('from: must be a day that exists, written YYYY-MM-DD (got "2024-02-31")');
  });

  it('declares the defaults once: the intervals\' level and minimum n are the stats defaults, small cells 5', () => {
    expect(ANALYTICS_DEFAULTS).toEqual({ confidenceLevel: DEFAULT_CONFIDENCE_LEVEL, minN: DEFAULT_MIN_N, minCellCustomers: 5 });
  });
});
