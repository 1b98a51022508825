/**
 * The persona-gap table on the demo company (npm start's data: DEFAULT_DEMO_SIZE, seed 42): its first row
 * must be the gap whose interval clears zero by the widest margin, not the largest difference from a
 * small cell. Checked against every pair of comparable personas, recomputed from the counts on the rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPersonaGaps, type PersonaGap } from '../../analytics/queries/priorities/getPersonaGaps.js';
import { npsDifferenceInterval } from '../../analytics/stats/index.js';
import { openStore, type Store } from '../../analytics/store.js';
import { DEFAULT_DEMO_SIZE, generate } from '../../seeds/generate/index.js';

let store: Store;
let end: string;
beforeAll(async () => {
  store = await openStore(':memory:');
  const result = await generate(store, { ...DEFAULT_DEMO_SIZE, dimensions: 'always' });
  end = result.end;
}, 120_000);
afterAll(async () => store?.close());

/** The largest lower bound over every pair of comparable personas at this row's phase or touchpoint. */
function bestLowerBound(gap: PersonaGap): number {
  const comparable = gap.personas.filter((p) => !p.nps.lowSample);
  let best = -Infinity;
  for (const a of comparable) for (const b of comparable) {
    if (a === b || (a.nps.nps ?? 0) < (b.nps.nps ?? 0)) continue;
    best = Math.max(best, npsDifferenceInterval(a.nps, b.nps).ciLow ?? -Infinity);
  }
  return best;
}

function expectSurestFirst(rows: readonly PersonaGap[]): void {
  expect(rows.length).toBeGreaterThan(1);
  const bounds = rows.map(bestLowerBound);
  const [first] = rows;
  // The first row's interval excludes zero, and no row (no pair on any row) clears zero by more.
  expect(first!.interval.ciLow!).toBeGreaterThan(0);
  expect(first!.interval.ciLow!).toBeCloseTo(Math.max(...bounds), 9);
  // Every row shows the surest pair of its own personas, and the rows are in that order.
  rows.forEach((row, i) => expect(row.interval.ciLow!, `row ${i + 1}`).toBeCloseTo(bounds[i]!, 9));
  for (let i = 1; i < bounds.length; i++) expect(bounds[i]!).toBeLessThanOrEqual(bounds[i - 1]! + 1e-9);
}

describe('persona gaps on the demo company', () => {
  it('puts first the touchpoint and phase gaps whose intervals clear zero by the widest margin, over all the data', async () => {
    const { touchpoints, phases } = await getPersonaGaps(store, {});
    expectSurestFirst(touchpoints);
    expectSurestFirst(phases);
  });

  it('does the same over the last 12 months, where cells are smaller and the largest difference is not the surest', async () => {
    const to = new Date(`${end}T00:00:00Z`);
    const from = new Date(Date.UTC(to.getUTCFullYear() - 1, to.getUTCMonth(), to.getUTCDate() + 1)).toISOString().slice(0, 10);
    const { touchpoints } = await getPersonaGaps(store, { from, to: end });
    expectSurestFirst(touchpoints);
    const largest = [...touchpoints].sort((a, b) => b.test.difference! - a.test.difference!)[0]!;
    console.log(
      `Demo, ${from} to ${end}: first row ${touchpoints[0]!.touchpointName} ${touchpoints[0]!.highPersona} − ${touchpoints[0]!.lowPersona} ` +
        `${touchpoints[0]!.test.difference!.toFixed(1)} (${touchpoints[0]!.interval.ciLow!.toFixed(1)} to ${touchpoints[0]!.interval.ciHigh!.toFixed(1)}); ` +
        `largest difference ${largest.touchpointName} ${largest.test.difference!.toFixed(1)} (${largest.interval.ciLow!.toFixed(1)} to ${largest.interval.ciHigh!.toFixed(1)}), rank ${largest.rank}`,
    );
    expect(largest.interval.ciLow!).toBeLessThanOrEqual(touchpoints[0]!.interval.ciLow!);
  });
});
