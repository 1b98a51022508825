/**
 * Chooses the NPS interval by what it promises: a 95% interval should contain the true NPS in 95% of
 * samples. A seeded simulation draws multinomial samples over a grid of true promoter/detractor
 * shares and n = 10..100 and counts how often each formula's interval covers the truth. The table it
 * prints is the one in analytics/stats/README.md.
 */
import { describe, expect, it } from 'vitest';
import { computeNps, type NpsIntervalMethod } from '../../../analytics/stats/nps.js';
// Seeded, so the table is the same on every run and machine.
import { prng as seededRandom } from '../../support/prng.js';

// True shares (promoters, detractors): balanced, skewed, extreme and near-empty categories.
const SHARES: ReadonlyArray<readonly [number, number]> = [
  [0.5, 0.17], [0.3, 0.3], [0.2, 0.1], [0.6, 0.1], [0.8, 0.05],
  [0.9, 0.02], [0.1, 0.6], [0.4, 0.4], [0.7, 0.2], [0.05, 0.05],
];
const SIZES = [10, 20, 30, 50, 100] as const;
const REPLICATES = 4000;
const METHODS: readonly NpsIntervalMethod[] = ['WALD', 'ADJUSTED_WALD'];

interface Cell { n: number; promoterShare: number; detractorShare: number; coverage: Record<NpsIntervalMethod, number> }

function simulate(): Cell[] {
  const random = seededRandom(19);
  const cells: Cell[] = [];
  for (const n of SIZES) {
    for (const [pP, pD] of SHARES) {
      const truth = 100 * (pP - pD);
      const covered: Record<NpsIntervalMethod, number> = { WALD: 0, ADJUSTED_WALD: 0 };
      for (let r = 0; r < REPLICATES; r++) {
        const counts = { promoters: 0, passives: 0, detractors: 0 };
        for (let i = 0; i < n; i++) {
          const u = random();
          if (u < pP) counts.promoters++;
          else if (u < pP + pD) counts.detractors++;
          else counts.passives++;
        }
        for (const method of METHODS) {
          const { ciLow, ciHigh } = computeNps(counts, { interval: method });
          // A tolerance for the float arithmetic at the clipped ends (truth exactly 100 or −100 cannot occur here).
          if (ciLow !== null && ciHigh !== null && ciLow <= truth + 1e-9 && truth <= ciHigh + 1e-9) covered[method]++;
        }
      }
      cells.push({ n, promoterShare: pP, detractorShare: pD, coverage: { WALD: covered.WALD / REPLICATES, ADJUSTED_WALD: covered.ADJUSTED_WALD / REPLICATES } });
    }
  }
  return cells;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

describe('NPS interval coverage (seeded simulation, 4,000 samples per cell)', () => {
  const cells = simulate();
  const bySize = SIZES.map((n) => {
    const row = cells.filter((c) => c.n === n);
    const summary = (m: NpsIntervalMethod) => {
      const values = row.map((c) => c.coverage[m]);
      return { mean: values.reduce((s, v) => s + v, 0) / values.length, min: Math.min(...values) };
    };
    return { n, wald: summary('WALD'), adjusted: summary('ADJUSTED_WALD') };
  });

  it('prints the coverage table', () => {
    const lines = [
      '| n | Wald mean | Wald worst | adjusted Wald mean | adjusted Wald worst |',
      '|---:|---:|---:|---:|---:|',
      ...bySize.map((r) => `| ${r.n} | ${pct(r.wald.mean)} | ${pct(r.wald.min)} | ${pct(r.adjusted.mean)} | ${pct(r.adjusted.min)} |`),
      '',
      '| true % promoters / detractors | ' + SIZES.map((n) => `n=${n} Wald / adj.`).join(' | ') + ' |',
      '|---|' + SIZES.map(() => '---:').join('|') + '|',
      ...SHARES.map(([pP, pD]) => `| ${Math.round(100 * pP)} / ${Math.round(100 * pD)} | ` + SIZES.map((n) => {
        const c = cells.find((x) => x.n === n && x.promoterShare === pP && x.detractorShare === pD)!;
        return `${pct(c.coverage.WALD)} / ${pct(c.coverage.ADJUSTED_WALD)}`;
      }).join(' | ') + ' |'),
    ];
    console.log(`NPS 95% interval coverage, ${REPLICATES} seeded samples per cell\n${lines.join('\n')}`);
    expect(cells).toHaveLength(SIZES.length * SHARES.length);
  });

  it('the Wald interval falls well short of 95% at small n', () => {
    const ten = bySize.find((r) => r.n === 10)!;
    expect(ten.wald.min).toBeLessThan(0.8);
    expect(ten.wald.mean).toBeLessThan(0.9);
  });

  it('the adjusted Wald interval keeps every cell above 91% and every size within 94-97% on average, from n = 10', () => {
    for (const r of bySize) {
      expect(r.adjusted.min, `n = ${r.n}`).toBeGreaterThan(0.91);
      expect(r.adjusted.mean, `n = ${r.n}`).toBeGreaterThan(0.94);
      expect(r.adjusted.mean, `n = ${r.n}`).toBeLessThan(0.97);
    }
  });

  it('the adjusted Wald interval is closer to 95% than Wald at every n', () => {
    for (const r of bySize) {
      expect(Math.abs(r.adjusted.mean - 0.95), `n = ${r.n}`).toBeLessThan(Math.abs(r.wald.mean - 0.95));
      expect(r.adjusted.min, `n = ${r.n}`).toBeGreaterThan(r.wald.min);
    }
  });
});
