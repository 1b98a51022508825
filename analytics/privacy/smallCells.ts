/**
 * Small-cell suppression: an aggregate over fewer than `minCustomers` distinct customers can describe
 * one person (an advisor meeting in one branch for one persona on one day: NPS 100, CSAT 5), so roles
 * without access to individual answers get such cells without numbers.
 *
 * Suppressing the small cells alone is not enough: answer counts add up, so a total minus the published
 * cells of its breakdown gives back a lone suppressed cell. Complementary suppression closes that: in
 * every group of cells that adds up to a total the caller can also ask for (the cells that differ in one
 * key position only), one suppressed cell never stands alone; the smallest other cell is suppressed with
 * it, until no such group is left. Subtraction then yields at most the sum of two cells.
 */

/** What the suppression needs to know of a cell: its distinct customers and its key (one value per grouped dimension). */
export interface SuppressionCell {
  customers: number;
  key: readonly (string | number | null | undefined)[];
}

/** True for a cell with answers from fewer than `minCustomers` distinct customers (an empty cell describes nobody). */
export const isSmallCell = (customers: number, minCustomers: number): boolean => customers > 0 && customers < minCustomers;

/**
 * The indexes of the cells to suppress: the small ones (primary) and, for each group of cells that
 * differ only in one key position, a second cell wherever one suppressed cell would stand alone
 * (complementary). `minCustomers` <= 1 suppresses nothing.
 */
export function cellsToSuppress(cells: readonly SuppressionCell[], minCustomers: number): Set<number> {
  const suppressed = new Set<number>();
  if (minCustomers <= 1) return suppressed;
  cells.forEach((cell, i) => {
    if (isSmallCell(cell.customers, minCustomers)) suppressed.add(i);
  });
  if (suppressed.size === 0) return suppressed;
  const width = Math.max(0, ...cells.map((c) => c.key.length));
  // The margins: for each position, the cells that share every other key value add up to one total.
  const groups: number[][] = [];
  for (let position = 0; position < Math.max(width, 1); position++) {
    const byRest = new Map<string, number[]>();
    cells.forEach((cell, i) => {
      const rest = JSON.stringify(cell.key.filter((_, p) => p !== position).map((v) => v ?? null));
      const members = byRest.get(rest) ?? [];
      members.push(i);
      byRest.set(rest, members);
    });
    groups.push(...byRest.values());
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const members of groups) {
      const hidden = members.filter((i) => suppressed.has(i));
      if (hidden.length !== 1) continue;
      const partner = members
        .filter((i) => !suppressed.has(i) && cells[i]!.customers > 0)
        .sort((a, b) => cells[a]!.customers - cells[b]!.customers || a - b)[0];
      if (partner === undefined) continue;
      suppressed.add(partner);
      changed = true;
    }
  }
  return suppressed;
}

/**
 * Applies cellsToSuppress to rows: `hide(row)` gives the suppressed form of a row (flag set, numbers
 * removed), the others are returned as they are, in order. `minCustomers` null = the caller may read
 * individual answers, nothing is suppressed.
 */
export function suppressSmallCells<T>(rows: readonly T[], cellOf: (row: T) => SuppressionCell, minCustomers: number | null, hide: (row: T) => T): T[] {
  if (minCustomers === null) return [...rows];
  const suppressed = cellsToSuppress(rows.map(cellOf), minCustomers);
  return rows.map((row, i) => (suppressed.has(i) ? hide(row) : row));
}
