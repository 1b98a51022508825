/**
 * From an initiative's expected effect at its touchpoints to moves between relationship loyalty groups,
 * through the driver analysis (issue: "translated into group moves through the driver analysis, with the
 * translation shown"). Pure: the evidence comes from evidence.ts.
 *
 * Per touchpoint T:
 * 1. The effect moves a share of T's customers one group up at the touchpoint (by the latest likelihood to
 *    recommend they gave there; those who gave none are in no group): DETRACTORS_TO_PASSIVES s, PASSIVES_TO_PROMOTERS s, or TOUCHPOINT_NPS_UPLIFT u points, read as
 *    the smallest such change: u/100 of T's customers from detractor to passive, and what exceeds T's
 *    detractor share from passive to promoter.
 * 2. A mover's satisfaction at T rises by the difference between the mean satisfaction (the driver
 *    predictor, 1-5) of T's customers in the two groups.
 * 3. The driver model turns that into relationship likelihood-to-recommend: ΔLTR = b × Δsatisfaction,
 *    b = β × sd(LTR) / sd(satisfaction at T), β the standardised coefficient of T in the model (the other
 *    touchpoints held fixed). T outside the model, or β ≤ 0, moves nobody, and the step says so.
 * 4. Movers keep their relationship answer's position: a customer at LTR ℓ is taken to sit uniformly in
 *    [ℓ, ℓ + 1), so a shift δ carries the share clamp(δ − (θ − 1 − ℓ), 0, 1) of them over threshold θ
 *    (7: detractor → passive, 9: → promoter). Only movers with a relationship answer count (they are the
 *    customers the loyalty groups' churn and margin describe).
 * Customers who meet several of the initiative's touchpoints are counted at each; the caller caps the
 * total moved out of a group at the group's size.
 */
import { classifyNps, NPS_GROUP_LIMITS } from '../stats/nps.js';
import type { LoyaltyGroup, Move } from './engine.js';
import { grouped, rounded, say } from '../i18n/index.js';

export type EffectKind = 'DETRACTORS_TO_PASSIVES' | 'PASSIVES_TO_PROMOTERS' | 'TOUCHPOINT_NPS_UPLIFT';
export interface Effect {
  kind: EffectKind;
  /** A share 0..1 for the conversions; NPS points for TOUCHPOINT_NPS_UPLIFT. */
  value: number;
}

/** One touchpoint group: customers by the group of the latest likelihood to recommend they gave at the touchpoint. */
export interface TouchpointGroupEvidence {
  customers: number;
  /** Mean of the customers' mean satisfaction at the touchpoint (the driver predictor, 1-5); null without customers. */
  meanSatisfaction: number | null;
  /** Of them, active customers with a relationship answer, by that answer's likelihood-to-recommend 0..10 (11 counts). */
  relationshipLtr: number[];
}

export interface TouchpointEvidence {
  code: string;
  name: string;
  groups: Record<LoyaltyGroup, TouchpointGroupEvidence>;
  /** The touchpoint in the driver model (outcome LTR); null when the model left it out (`excludedBecause`). */
  driver: { beta: number; share: number | null; sdSatisfaction: number; sdLtr: number; n: number } | null;
  excludedBecause?: string;
}

export interface TranslationStep {
  touchpointCode: string;
  touchpointName: string;
  /** Touchpoint-level groups: the customers moved at the touchpoint. */
  from: LoyaltyGroup;
  to: LoyaltyGroup;
  share: number;
  /** Customers in `from` at the touchpoint; null when hidden by small-cell suppression (`suppressed`). */
  customersAtTouchpoint: number | null;
  /** Of them, movers with a relationship answer: share × those customers; null when suppressed. */
  movers: number | null;
  satisfactionChange: number | null;
  /** b: relationship LTR points per satisfaction point at the touchpoint. */
  ltrPerSatisfactionPoint: number | null;
  /** δ = b × satisfactionChange (0 when there is no usable driver); null when suppressed. */
  ltrShift: number | null;
  /** Relationship-group moves of this step. */
  moves: Move[];
  explanation: string;
  /** Too few customers in the touchpoint group for the caller (small-cell suppression): counts, change and moves left out. */
  suppressed: boolean;
}

const GROUP_ORDER: readonly LoyaltyGroup[] = ['DETRACTOR', 'PASSIVE', 'PROMOTER'];
const nextGroup = (g: LoyaltyGroup): LoyaltyGroup | null => GROUP_ORDER[GROUP_ORDER.indexOf(g) + 1] ?? null;
const groupOfLtr = (ltr: number): LoyaltyGroup => classifyNps(ltr);

/** Share of customers at LTR ℓ (uniform in [ℓ, ℓ + 1)) carried to θ or above by a shift δ. */
export function crossingShare(ltr: number, delta: number, threshold: number): number {
  if (ltr >= threshold) return 1;
  return Math.min(1, Math.max(0, delta - (threshold - 1 - ltr)));
}

/** Relationship moves of `share` of the customers counted in `relationshipLtr`, shifted by δ. */
export function shiftMoves(relationshipLtr: readonly number[], share: number, delta: number, basis: string): Move[] {
  const moved = new Map<string, number>();
  const add = (from: LoyaltyGroup, to: LoyaltyGroup, customers: number) => {
    if (customers > 0) moved.set(`${from}>${to}`, (moved.get(`${from}>${to}`) ?? 0) + customers);
  };
  relationshipLtr.forEach((count, ltr) => {
    const n = share * count;
    const toPromoter = crossingShare(ltr, delta, NPS_GROUP_LIMITS.promoterFrom);
    const toPassive = crossingShare(ltr, delta, NPS_GROUP_LIMITS.passiveFrom) - toPromoter;
    const from = groupOfLtr(ltr);
    if (from === 'DETRACTOR') {
      add('DETRACTOR', 'PASSIVE', n * toPassive);
      add('DETRACTOR', 'PROMOTER', n * toPromoter);
    } else if (from === 'PASSIVE') add('PASSIVE', 'PROMOTER', n * toPromoter);
  });
  return [...moved].map(([key, customers]) => {
    const [from, to] = key.split('>') as [LoyaltyGroup, LoyaltyGroup];
    return { from, to, customers, basis };
  });
}

/** The touchpoint-level conversions an effect means at one touchpoint. */
function conversions(effect: Effect, tp: TouchpointEvidence): { from: LoyaltyGroup; share: number }[] {
  const total = GROUP_ORDER.reduce((sum, g) => sum + tp.groups[g].customers, 0);
  if (effect.kind === 'DETRACTORS_TO_PASSIVES') return [{ from: 'DETRACTOR', share: effect.value }];
  if (effect.kind === 'PASSIVES_TO_PROMOTERS') return [{ from: 'PASSIVE', share: effect.value }];
  if (total === 0) throw new TranslationError(say('case.problem.noAnswersAtTouchpoint', { code: tp.code }));
  const wanted = effect.value / 100;
  const detractors = tp.groups.DETRACTOR.customers / total;
  const passives = tp.groups.PASSIVE.customers / total;
  if (wanted > detractors + passives + 1e-12) {
    throw new TranslationError(
      say('case.problem.upliftTooLarge', {
        code: tp.code,
        value: rounded(effect.value, 6),
        detractors: percent(detractors),
        passives: percent(passives),
        most: rounded((detractors + passives) * 100, 1),
      }),
    );
  }
  const fromDetractors = Math.min(wanted, detractors);
  const steps: { from: LoyaltyGroup; share: number }[] = [{ from: 'DETRACTOR', share: detractors > 0 ? fromDetractors / detractors : 0 }];
  if (wanted > detractors) steps.push({ from: 'PASSIVE', share: (wanted - detractors) / passives });
  return steps.filter((s) => s.share > 0);
}

/** An effect that cannot be translated on this data (e.g. more uplift than the touchpoint has room for). */
export class TranslationError extends Error {
  override name = 'TranslationError';
}

/** The translation of an effect at every touchpoint, with its relationship moves. */
export function translateEffect(effect: Effect, evidence: readonly TouchpointEvidence[]): TranslationStep[] {
  if (!Number.isFinite(effect.value) || effect.value < 0 || (effect.kind !== 'TOUCHPOINT_NPS_UPLIFT' && effect.value > 1)) {
    throw new TranslationError(`effect value must be ${effect.kind === 'TOUCHPOINT_NPS_UPLIFT' ? 'NPS points ≥ 0' : 'a share from 0 to 1'}, got ${effect.value}`);
  }
  return evidence.flatMap((tp) =>
    conversions(effect, tp).map(({ from, share }) => {
      const to = nextGroup(from)!;
      const source = tp.groups[from];
      const target = tp.groups[to];
      const movers = share * source.relationshipLtr.reduce((a, b) => a + b, 0);
      const change = source.meanSatisfaction !== null && target.meanSatisfaction !== null ? target.meanSatisfaction - source.meanSatisfaction : null;
      const b = tp.driver && tp.driver.sdSatisfaction > 0 ? (tp.driver.beta * tp.driver.sdLtr) / tp.driver.sdSatisfaction : null;
      const usable = b !== null && b > 0 && change !== null && change > 0;
      const delta = usable ? b * change : 0;
      const fromGroups = say(`case.groups.${from}`);
      const toGroups = say(`case.groups.${to}`);
      const code = tp.code;
      const basis = say('case.step.basis', { code, share: percent(share), n: grouped(Math.round(source.customers)), fromGroups, toGroups, delta: rounded(delta, 3) });
      const why = !tp.driver
        ? say('case.step.notInModel', { code, reason: tp.excludedBecause ?? say('case.step.noEstimate') })
        : b === null || b <= 0
          ? say('case.step.notPositive', { code, beta: rounded(tp.driver.beta, 3) })
          : change === null || change <= 0
            ? say('case.step.noChange', { code, fromGroups, toGroups })
            : say('case.step.moves', {
                code,
                change: rounded(change, 3),
                fromGroups,
                toGroups,
                b: rounded(b, 3),
                beta: rounded(tp.driver.beta, 3),
                sdLtr: rounded(tp.driver.sdLtr, 3),
                sdSatisfaction: rounded(tp.driver.sdSatisfaction, 3),
                n: grouped(Math.round(tp.driver.n)),
                delta: rounded(delta, 3),
              });
      return {
        touchpointCode: tp.code,
        touchpointName: tp.name,
        from,
        to,
        share,
        customersAtTouchpoint: source.customers,
        movers,
        satisfactionChange: change,
        ltrPerSatisfactionPoint: b,
        ltrShift: delta,
        moves: delta > 0 ? shiftMoves(source.relationshipLtr, share, delta, basis).map((m) => ({ ...m, basis: say('case.move.via', { n: rounded(m.customers, 1), basis }) })) : [],
        explanation: why,
        suppressed: false,
      };
    }),
  );
}

/** A share as per cent with up to one decimal, in the reader's language: "12.5%" / "12,5 %". */
const percent = (share: number) => say('case.step.percent', { n: rounded(share * 100, 1) });
