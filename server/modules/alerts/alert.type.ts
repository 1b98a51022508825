import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { z } from 'zod';
import type { PerformanceMeasure } from '../../../analytics/queries/metrics/measure.js';
import { computeNps } from '../../../analytics/stats/index.js';
import { suppressSmallCells } from '../../../analytics/privacy/smallCells.js';
import { suppressedDescription } from '../../auth/privacy.js';
import { MeanMetric, NpsMetric, PerformanceMeasureEnum } from '../analytics/metrics/metrics.types.js';
import type { User } from '../users/user.entity.js';
import type { RulePreview } from './alert.service.js';
import { Alert, AlertRule, AlertScope, AlertStatus, MultipleComparisons } from './alert.entity.js';

@ObjectType('AlertRule', { description: 'What to watch and how sensitively: which scopes, which windows, which threshold, and the follow-up SLA.' })
export class AlertRuleType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => AlertScope) scope!: AlertScope;
  @Field(() => Int) windowDays!: number;
  @Field(() => Int) baselineDays!: number;
  @Field(() => Float) zThreshold!: number;
  @Field(() => Int) minN!: number;
  @Field(() => MultipleComparisons) multipleComparisons!: MultipleComparisons;
  @Field() thankPromoters!: boolean;
  @Field(() => Int) slaDays!: number;
  @Field() enabled!: boolean;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}

export const toAlertRuleType = (r: AlertRule): AlertRuleType => ({
  id: r.id,
  name: r.name,
  scope: r.scope,
  windowDays: r.windowDays,
  baselineDays: r.baselineDays,
  zThreshold: r.zThreshold,
  minN: r.minN,
  multipleComparisons: r.multipleComparisons,
  thankPromoters: r.thankPromoters,
  slaDays: r.slaDays,
  enabled: r.enabled,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

@ObjectType({ description: 'One window of the comparison: its days and its NPS with n and interval.' })
export class AlertWindow {
  @Field({ description: 'First day, YYYY-MM-DD (UTC).' }) from!: string;
  @Field({ description: 'Last day, inclusive.' }) to!: string;
  @Field(() => NpsMetric) nps!: NpsMetric;
  @Field(() => MeanMetric, {
    nullable: true,
    description: 'Mean satisfaction (1-5) in the window, when the evidence tested CSAT (measure CSAT); null for an NPS test.',
  })
  csat!: MeanMetric | null;
}

@ObjectType('AlertEvidence', { description: 'The test behind an alert: recent NPS against its own baseline (a two-sided z-test of the NPS difference), and how the threshold was set.' })
export class AlertEvidenceType {
  @Field() scopeName!: string;
  @Field(() => PerformanceMeasureEnum, {
    description:
      'What was tested: NPS, or CSAT for a touchpoint with satisfaction ratings but no likelihood-to-recommend answers (difference, se and z are then in 1-5 scale points, z a Welch t).',
  })
  measure!: PerformanceMeasure;
  @Field(() => AlertWindow) recent!: AlertWindow;
  @Field(() => AlertWindow) baseline!: AlertWindow;
  @Field(() => Float, { nullable: true, description: 'recent - baseline: NPS points, or 1-5 scale points when the measure is CSAT.' }) difference!: number | null;
  @Field(() => Float, { nullable: true, description: 'sqrt(SE1^2 + SE2^2).' }) se!: number | null;
  @Field(() => Float, { nullable: true }) z!: number | null;
  @Field(() => Float, { nullable: true, description: 'Two-sided p of z.' }) pValue!: number | null;
  @Field(() => Float, { description: "The rule's zThreshold." }) zThreshold!: number;
  @Field(() => Float, { description: 'The threshold applied to this scope after the multiple-comparison correction.' }) criticalZ!: number;
  @Field(() => MultipleComparisons) correction!: MultipleComparisons;
  @Field(() => Int, { description: 'Scopes tested in the same check (the Bonferroni divisor).' }) tests!: number;
  @Field(() => Int) minN!: number;
  @Field(() => Date) checkedAt!: Date;
  @Field({
    description: suppressedDescription(
      'a window of this evidence',
      'both windows then show n 0 and no NPS, and difference, se, z and pValue are null (the drop itself was tested on every answer)',
    ),
  })
  suppressed!: boolean;
}

@ObjectType('Alert', { description: 'A significant drop, with the evidence at the time it was raised.' })
export class AlertType {
  @Field(() => ID) id!: string;
  @Field(() => AlertScope) scope!: AlertScope;
  @Field({ description: 'Touchpoint code, phase id, persona code or unit code.' }) scopeCode!: string;
  @Field(() => AlertStatus) status!: AlertStatus;
  @Field(() => Date) raisedAt!: Date;
  @Field(() => Date, { nullable: true }) acknowledgedAt!: Date | null;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => AlertEvidenceType) evidence!: AlertEvidenceType;
  @Field(() => AlertEvidenceType, { nullable: true, description: 'The check that closed the alert (the dip no longer significant).' })
  resolution!: AlertEvidenceType | null;
  rule!: AlertRule;
  acknowledgedBy!: User | null;
}

const nullableNumber = z.number().nullable();
const WindowJson = z.object({
  from: z.string(),
  to: z.string(),
  n: z.number(),
  promoters: z.number(),
  passives: z.number(),
  detractors: z.number(),
  nps: nullableNumber,
  promoterShare: nullableNumber,
  passiveShare: nullableNumber,
  detractorShare: nullableNumber,
  se: nullableNumber,
  margin: nullableNumber,
  ciLow: nullableNumber,
  ciHigh: nullableNumber,
  confidenceLevel: z.number(),
  // Evidence stored before the adjusted Wald interval became the default was computed with Wald.
  intervalMethod: z.enum(['ADJUSTED_WALD', 'WALD']).default('WALD'),
  lowSample: z.boolean(),
  csat: z
    .object({ n: z.number(), mean: nullableNumber, sd: nullableNumber, se: nullableNumber, ciLow: nullableNumber, ciHigh: nullableNumber, lowSample: z.boolean() })
    .nullable()
    .default(null),
  // Evidence stored before the customer count: answers, which are at least as many as customers.
  customers: z.number().optional(),
});
const EvidenceJson = z.object({
  scopeName: z.string(),
  // Evidence stored before CSAT scopes were tested is an NPS test.
  measure: z.enum(['NPS', 'CSAT']).default('NPS'),
  recent: WindowJson,
  baseline: WindowJson,
  difference: nullableNumber,
  se: nullableNumber,
  z: nullableNumber,
  pValue: nullableNumber,
  zThreshold: z.number(),
  criticalZ: z.number(),
  correction: z.enum(MultipleComparisons),
  tests: z.number(),
  minN: z.number(),
  checkedAt: z.string(),
});

/**
 * Evidence is stored as JSON (alert.evaluate.ts AlertEvidence); validated on the way out. With the
 * caller's small-cell threshold (minCellCustomersFor), the two windows are one table of cells
 * (analytics/privacy/smallCells.ts): a small window hides the other as well, as their difference would
 * give it back.
 */
export function toEvidenceType(json: Record<string, unknown>, minCellCustomers: number | null = null): AlertEvidenceType {
  const e = EvidenceJson.parse(json);
  const window = ({ from, to, csat, customers: _customers, ...nps }: z.infer<typeof WindowJson>): AlertWindow => ({ from, to, nps, csat });
  const cells = [
    { name: 'recent', customers: e.recent.customers ?? e.recent.n, hidden: false },
    { name: 'baseline', customers: e.baseline.customers ?? e.baseline.n, hidden: false },
  ];
  const suppressed = suppressSmallCells(cells, (c) => ({ customers: c.customers, key: [c.name] }), minCellCustomers, (c) => ({ ...c, hidden: true })).some((c) => c.hidden);
  if (!suppressed) return { ...e, recent: window(e.recent), baseline: window(e.baseline), checkedAt: new Date(e.checkedAt), suppressed };
  const empty = (w: z.infer<typeof WindowJson>): AlertWindow => ({
    from: w.from,
    to: w.to,
    nps: computeNps({ promoters: 0, passives: 0, detractors: 0 }, { minN: e.minN, confidenceLevel: w.confidenceLevel, interval: w.intervalMethod }),
    csat: null,
  });
  return { ...e, recent: empty(e.recent), baseline: empty(e.baseline), difference: null, se: null, z: null, pValue: null, checkedAt: new Date(e.checkedAt), suppressed };
}

export const toAlertType = (a: Alert, minCellCustomers: number | null = null): AlertType => ({
  id: a.id,
  scope: a.scope,
  scopeCode: a.scopeCode,
  status: a.status,
  raisedAt: a.raisedAt,
  acknowledgedAt: a.acknowledgedAt ?? null,
  closedAt: a.closedAt ?? null,
  evidence: toEvidenceType(a.evidence, minCellCustomers),
  resolution: a.resolution ? toEvidenceType(a.resolution, minCellCustomers) : null,
  rule: a.rule,
  acknowledgedBy: a.acknowledgedBy ?? null,
});

@ObjectType({ description: 'What an alert rule would raise if it were checked now, with its test in words; nothing is stored.' })
export class AlertRulePreview {
  @Field({ description: 'The test in one sentence, as people read it.' }) explanation!: string;
  @Field({ description: 'First day of the recent window, YYYY-MM-DD (UTC).' }) recentFrom!: string;
  @Field({ description: 'Last day of the recent window (today), YYYY-MM-DD.' }) recentTo!: string;
  @Field({ description: 'First day of the baseline window, YYYY-MM-DD.' }) baselineFrom!: string;
  @Field({ description: 'Last day of the baseline window, YYYY-MM-DD.' }) baselineTo!: string;
  @Field(() => Int, { description: 'Scopes (touchpoints, phases, personas or units) with answers in either window.' }) scopes!: number;
  @Field(() => Int, { description: 'Scopes with enough answers in both windows to be tested.' }) tests!: number;
  @Field(() => Float, { description: 'The z a drop must fall below (negated) after the multiple-comparison correction.' }) criticalZ!: number;
  @Field(() => [AlertEvidenceType], { description: 'The alerts a check now would raise, most significant drop first (empty: none).' })
  wouldRaise!: AlertEvidenceType[];
}

export function toRulePreviewType(p: RulePreview): AlertRulePreview {
  return {
    explanation: p.explanation,
    recentFrom: p.recent.from,
    recentTo: p.recent.to,
    baselineFrom: p.baseline.from,
    baselineTo: p.baseline.to,
    scopes: p.scopes,
    tests: p.tests,
    criticalZ: p.criticalZ,
    wouldRaise: p.wouldRaise.map((e) => toEvidenceType({ ...e })),
  };
}
