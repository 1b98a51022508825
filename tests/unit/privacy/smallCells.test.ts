import { describe, expect, it } from 'vitest';
import { cellsToSuppress, isSmallCell, suppressSmallCells } from '../../../analytics/privacy/smallCells.js';

const cell = (customers: number, ...key: string[]) => ({ customers, key });

describe('small-cell suppression', () => {
  it('counts a cell as small from 1 to minCustomers - 1 distinct customers; an empty cell describes nobody', () => {
    expect([0, 1, 4, 5, 6].map((n) => isSmallCell(n, 5))).toEqual([false, true, true, false, false]);
  });

  it('suppresses nothing when every cell is large enough, or when the threshold is 1', () => {
    expect(cellsToSuppress([cell(5, 'a'), cell(9, 'b')], 5)).toEqual(new Set());
    expect(cellsToSuppress([cell(1, 'a'), cell(9, 'b')], 1)).toEqual(new Set());
  });

  it('adds the smallest other cell of a one-dimensional breakdown, so total minus the rest is two cells', () => {
    // a: 2 customers (primary), b: 7, c: 6 → c (the smallest large one) goes with it.
    expect(cellsToSuppress([cell(2, 'a'), cell(7, 'b'), cell(6, 'c')], 5)).toEqual(new Set([0, 2]));
  });

  it('leaves two primary cells in one breakdown alone: they already cover each other', () => {
    expect(cellsToSuppress([cell(2, 'a'), cell(3, 'b'), cell(6, 'c')], 5)).toEqual(new Set([0, 1]));
  });

  it('protects both margins of a two-dimensional table (rows and columns), cascading until stable', () => {
    //            p1   p2   p3
    //   unit A    2    9    8      A·p1 is small: its row (A) and its column (p1) each need a second cell.
    //   unit B    7    6   10
    const cells = [cell(2, 'A', 'p1'), cell(9, 'A', 'p2'), cell(8, 'A', 'p3'), cell(7, 'B', 'p1'), cell(6, 'B', 'p2'), cell(10, 'B', 'p3')];
    const hidden = cellsToSuppress(cells, 5);
    // Every row and column holds 0 or at least 2 hidden cells: no single one can be subtracted out.
    for (const groupOf of [(k: string[]) => k[0], (k: string[]) => k[1]]) {
      const counts = new Map<string | undefined, number>();
      cells.forEach((c, i) => counts.set(groupOf(c.key), (counts.get(groupOf(c.key)) ?? 0) + (hidden.has(i) ? 1 : 0)));
      for (const n of counts.values()) expect(n === 0 || n >= 2).toBe(true);
    }
    expect(hidden.has(0)).toBe(true);
  });

  it('a total and its breakdown do not give back a suppressed cell by subtraction', () => {
    // Answer counts add up: n(total) = Σ n(cells). With one cell hidden, the difference would be its n.
    const rows = [
      { unit: 'A', customers: 1, n: 1 },
      { unit: 'B', customers: 12, n: 30 },
      { unit: 'C', customers: 8, n: 17 },
    ];
    const total = rows.reduce((s, r) => s + r.n, 0);
    const shown = suppressSmallCells(rows, (r) => ({ customers: r.customers, key: [r.unit] }), 5, (r) => ({ ...r, n: Number.NaN }));
    const published = shown.filter((r) => !Number.isNaN(r.n));
    const remainder = total - published.reduce((s, r) => s + r.n, 0);
    const hiddenRows = shown.filter((r) => Number.isNaN(r.n));
    expect(hiddenRows.length).toBeGreaterThanOrEqual(2);
    expect(remainder).not.toBe(1); // A's own count is not recoverable: the remainder is A + C = 18
    expect(remainder).toBe(18);
  });

  it('returns every row unchanged for callers who may read individual answers (threshold null)', () => {
    const rows = [{ customers: 1 }, { customers: 2 }];
    expect(suppressSmallCells(rows, (r) => ({ customers: r.customers, key: [] }), null, () => ({ customers: -1 }))).toEqual(rows);
  });
});
