import type { DemoCompany } from '../demo/company.types.js';
import { literal, valuesTable } from '../../analytics/sql.js';
import { DANISH_COMMENTS, PHASE_COMMENTS, RELATIONSHIP_COMMENTS, TAILS, type Sentiment } from './comments.js';
import {
  KPI_SERIES, PERSONAS, PHASE_KINDS, PLANTED, RELATIONSHIP_RESPONSE_RATE, RESPONSE_RATE, TOUCHPOINTS, UNITS,
} from './planted.js';

/**
 * The generator's parameter tables (TEMP, per session), built from the demo company's codes and the
 * planted parameters. Every number is a literal computed here, so the SQL steps stay free of
 * data-dependent constants and the output is a pure function of (seed, sizes, dates).
 */
export function parameterTablesSql(company: DemoCompany): string[] {
  const phases = company.journey.phases;
  if (phases.length !== PHASE_KINDS.length) {
    throw new Error(`The generator expects ${PHASE_KINDS.length} phases in the demo journey, found ${phases.length}`);
  }
  const personaCodes = company.personas.map((p) => p.code);
  const personaParams = PERSONAS.map((p, index) => {
    if (!personaCodes.includes(p.code)) throw new Error(`Planted persona ${p.code} is not in the demo company`);
    return { ...p, index };
  });
  const unitCodes = company.units.map((u) => u.code);
  for (const code of unitCodes) if (!UNITS[code]) throw new Error(`Demo unit ${code} has no generator parameters`);

  const shares = cumulative(personaParams.map((p) => p.share));
  const personaRows = personaParams.map((p, i) => [
    p.index, p.code, shares[i]!.lo, shares[i]!.hi, p.newShare, p.revenuePerYear, p.costShare, p.churnPerYear,
    p.acquisitionCost, p.experience, p.relationship, p.claimsPerYear, p.responsePropensity,
  ]);
  const unitShares = cumulative(unitCodes.map((code) => UNITS[code]!.share));
  const unitRows = unitCodes.map((code, i) => [i, code, unitShares[i]!.lo, unitShares[i]!.hi, UNITS[code]!.quality]);

  const groups: string[] = [];
  const tpRows: (string | number | boolean | null)[][] = [];
  const tpPersonaRows: (string | number | boolean | null)[][] = [];
  let t = 0;
  phases.forEach((phase, phaseIndex) => {
    phase.touchpoints.forEach((tp, position) => {
      const params = TOUCHPOINTS[tp.code];
      if (!params) throw new Error(`Demo touchpoint ${tp.code} has no generator parameters`);
      if (params.group && !groups.includes(params.group)) groups.push(params.group);
      const kind = PHASE_KINDS[phaseIndex]!;
      const weight = driverWeight(tp.code);
      tpRows.push([
        t, tp.code, phaseIndex, kind, position, tp.channel, params.mean, weight, RESPONSE_RATE[tp.channel],
        PLANTED.emotionalChannels.includes(tp.channel), tp.direct && (kind === 'ONBOARDING' || kind === 'USAGE' || kind === 'CLAIM'),
        params.visitsPerYear ?? 0, params.group ? groups.indexOf(params.group) : null,
      ]);
      t++;
    });
  });
  if (t > 63) throw new Error('The generator packs touchpoints into 6 bits: at most 63 touchpoints');

  // Pass chances per persona: capped at 0.95; members of a choice group get a [lo, hi) slice of one uniform.
  const touchpoints = phases.flatMap((p) => p.touchpoints);
  for (const persona of personaParams) {
    const groupTotals = new Map<string, number>();
    touchpoints.forEach((tp) => {
      const params = TOUCHPOINTS[tp.code]!;
      if (params.group) groupTotals.set(params.group, (groupTotals.get(params.group) ?? 0) + params.pass * (persona.channelAffinity[tp.channel] ?? 1));
    });
    const groupSoFar = new Map<string, number>();
    touchpoints.forEach((tp, index) => {
      const params = TOUCHPOINTS[tp.code]!;
      const chance = params.pass * (persona.channelAffinity[tp.channel] ?? 1);
      if (params.group) {
        const total = groupTotals.get(params.group)!;
        const lo = groupSoFar.get(params.group) ?? 0;
        const hi = lo + chance / total;
        groupSoFar.set(params.group, hi);
        tpPersonaRows.push([index, persona.index, null, lo, hi]);
      } else {
        tpPersonaRows.push([index, persona.index, Math.min(0.95, chance), null, null]);
      }
    });
  }
  const worse = PLANTED.worsePhase;
  const worsePhase = phases.findIndex((p) => p.name === worse.phase);
  const worsePersona = personaParams.find((p) => p.code === worse.persona);
  if (worsePhase < 0 || !worsePersona) throw new Error(`Planted worse phase ${worse.persona}/${worse.phase} is not in the demo company`);

  // Comment sentences flattened (bank = phase index, 7 = relationship, -1 = tails), so responses join one
  // short string by index instead of carrying whole lists through their joins.
  const sentiments: Sentiment[] = ['negative', 'neutral', 'positive'];
  // Bank 8: Danish comments (any phase); banks 100 + 2k (English) and 101 + 2k (Danish): planted entry k.
  const banks = [...PHASE_COMMENTS, RELATIONSHIP_COMMENTS, DANISH_COMMENTS];
  const textRows: (string | number)[][] = [];
  const countRows: number[][] = [];
  banks.forEach((bank, bankIndex) =>
    sentiments.forEach((sentiment, si) => {
      bank[sentiment].forEach((text, idx) => textRows.push([bankIndex, si, idx, text]));
      countRows.push([bankIndex, si, bank[sentiment].length, TAILS[sentiment].length]);
    }),
  );
  sentiments.forEach((sentiment, si) => TAILS[sentiment].forEach((text, idx) => textRows.push([-1, si, idx, text])));
  const plantedRows: (string | number)[][] = [];
  PLANTED.plantedComments.forEach((p, k) => {
    const shares = [p.share.detractor, p.share.passive, p.share.promoter];
    sentiments.forEach((_, si) => {
      plantedRows.push([k, p.touchpoint, si, shares[si] ?? 0, p.en.length, p.da.length]);
      p.en.forEach((text, idx) => textRows.push([100 + 2 * k, si, idx, text]));
      p.da.forEach((text, idx) => textRows.push([101 + 2 * k, si, idx, text]));
    });
  });

  const kpiRows = KPI_SERIES.map((k, i) => {
    const kpi = touchpoints.find((tp) => tp.code === k.touchpoint)?.kpis.find((x) => x.name === k.kpi);
    if (!kpi) throw new Error(`KPI series ${k.touchpoint} "${k.kpi}" is not a KPI of that demo touchpoint`);
    return [i, k.touchpoint, k.kpi, k.start, k.end, k.noise, k.cadence, k.recentShift ?? 0, k.decimals, kpi.unit === '%' ? 100 : null];
  });

  const table = (name: string, select: string) => `CREATE OR REPLACE TEMP TABLE ${name} AS ${select}`;
  return [
    table('g_persona', `SELECT * FROM ${valuesTable('v', ['p', 'code', 'cum_lo', 'cum_hi', 'new_share', 'revenue_year', 'cost_share', 'churn_year', 'acq_cost', 'exp_off', 'rel_off', 'claims_year', 'resp_prop'], personaRows, ['INTEGER', 'VARCHAR', 'DOUBLE', 'DOUBLE', 'DOUBLE', 'DOUBLE', 'DOUBLE', 'DOUBLE', 'DOUBLE', 'DOUBLE', 'DOUBLE', 'DOUBLE', 'DOUBLE'])}`),
    table('g_unit', `SELECT * FROM ${valuesTable('v', ['u', 'code', 'cum_lo', 'cum_hi', 'quality'], unitRows, ['INTEGER', 'VARCHAR', 'DOUBLE', 'DOUBLE', 'DOUBLE'])}`),
    table('g_tp', `SELECT * FROM ${valuesTable('v', ['t', 'code', 'phase', 'kind', 'pos', 'channel', 'mean', 'weight', 'rate', 'human', 'effort', 'visits_year', 'grp'], tpRows, ['INTEGER', 'VARCHAR', 'INTEGER', 'VARCHAR', 'INTEGER', 'VARCHAR', 'DOUBLE', 'DOUBLE', 'INTEGER', 'BOOLEAN', 'BOOLEAN', 'DOUBLE', 'INTEGER'])}`),
    table('g_tp_persona', `SELECT * FROM ${valuesTable('v', ['t', 'p', 'pass', 'grp_lo', 'grp_hi'], tpPersonaRows, ['INTEGER', 'INTEGER', 'DOUBLE', 'DOUBLE', 'DOUBLE'])}`),
    table('g_penalty', `SELECT ${worsePersona.index}::INTEGER AS p, ${worsePhase}::INTEGER AS phase, ${literal(worse.effect)}::DOUBLE AS delta`),
    table('g_comment_text', `SELECT * FROM ${valuesTable('v', ['bank', 'sentiment', 'idx', 'text'], textRows, ['INTEGER', 'INTEGER', 'INTEGER', 'VARCHAR'])}`),
    table('g_comment_n', `SELECT * FROM ${valuesTable('v', ['bank', 'sentiment', 'n', 'tail_n'], countRows, ['INTEGER', 'INTEGER', 'INTEGER', 'INTEGER'])}`),
    table('g_planted_comment', `SELECT * FROM ${valuesTable('v', ['k', 'code', 'sentiment', 'share', 'n_en', 'n_da'], plantedRows, ['INTEGER', 'VARCHAR', 'INTEGER', 'DOUBLE', 'INTEGER', 'INTEGER'])}`),
    table('g_kpi', `SELECT * FROM ${valuesTable('v', ['series', 'code', 'kpi', 'v_start', 'v_end', 'noise', 'cadence', 'shift', 'decimals', 'cap'], kpiRows, ['INTEGER', 'VARCHAR', 'VARCHAR', 'DOUBLE', 'DOUBLE', 'DOUBLE', 'VARCHAR', 'DOUBLE', 'INTEGER', 'DOUBLE'])}`),
    `CREATE OR REPLACE TEMP MACRO g_rel_rate() AS ${RELATIONSHIP_RESPONSE_RATE}`,
  ];
}

function driverWeight(code: string): number {
  const weights: Readonly<Record<string, number>> = PLANTED.driverWeights;
  return weights[code] ?? PLANTED.otherDriverWeight;
}

/** [lo, hi) slices of (0, 1) proportional to the weights; the last slice ends at exactly 1. */
export function cumulative(weights: readonly number[]): { lo: number; hi: number }[] {
  const total = weights.reduce((a, b) => a + b, 0);
  let so = 0;
  return weights.map((w, i) => {
    const lo = so;
    so += w / total;
    return { lo, hi: i === weights.length - 1 ? 1.0000001 : so };
  });
}
