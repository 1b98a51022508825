import { Field, Float, ObjectType } from 'type-graphql';
import type { AnalyticsFilter } from '../../../../analytics/queries/filter.js';
import type { TargetProjection as Projection } from '../../../../analytics/queries/trends/getTargetProgress.js';
import type { TimeBucket } from '../../../../analytics/queries/trends/time.js';
import type { TargetDirection, TargetStatus } from '../../../../analytics/stats/index.js';
import { AppliedFilter, describeEnum, TrendBucketEnum, TrendPoint, TrendSlope } from '../trends/trends.types.js';

export const TargetStatusEnum = { ON_TRACK: 'ON_TRACK', AT_RISK: 'AT_RISK', OFF_TRACK: 'OFF_TRACK', UNKNOWN: 'UNKNOWN' } as const satisfies Record<TargetStatus, TargetStatus>;
export const TargetDirectionEnum = { INCREASE: 'INCREASE', DECREASE: 'DECREASE' } as const satisfies Record<TargetDirection, TargetDirection>;
describeEnum(TargetStatusEnum, 'TargetStatus', 'Whether the trend projected to the due date reaches the target.', {
  ON_TRACK: 'The whole interval of the projection reaches the target.',
  AT_RISK: 'The interval straddles the target.',
  OFF_TRACK: 'The whole interval misses the target.',
  UNKNOWN: 'No projection with an interval (fewer than 3 complete buckets since the baseline, or a scope without data); see note.',
});
describeEnum(TargetDirectionEnum, 'TargetDirection', 'INCREASE when targetValue >= baseline, else DECREASE.');

@ObjectType({ description: 'The trend line at the due date, with its confidence interval (of the line, not of one future bucket).' })
export class TargetProjection implements Projection {
  @Field() date!: string;
  @Field(() => Float) value!: number;
  @Field(() => Float, { nullable: true }) se!: number | null;
  @Field(() => Float, { nullable: true }) ciLow!: number | null;
  @Field(() => Float, { nullable: true }) ciHigh!: number | null;
  @Field(() => Float) confidenceLevel!: number;
}

@ObjectType({
  description:
    "A target's progress on its scope: NPS/CSAT/PROMOTER_SHARE of COMPANY or PERSONA = relationship answers (of the persona's customers), "
    + 'of JOURNEY = touchpoint answers across the journey, of TOUCHPOINT = answers at the touchpoint; RETENTION = annualised retention of all '
    + "customers or of the persona's; TOUCHPOINT_KPI = mean of the KPI's observations per bucket.",
})
export class TargetProgress {
  @Field({ description: 'What was measured, in words.' }) measured!: string;
  @Field(() => AppliedFilter, { nullable: true, description: 'The answer filter behind the values (null for retention and KPI targets).' }) filter!: AnalyticsFilter | null;
  @Field({ description: 'Unit of the values.' }) unit!: string;
  @Field(() => Float, { description: '100 when a share target (retention, promoter share) is stored in percent: values are then in percent.' }) scale!: number;
  @Field(() => TargetDirectionEnum) direction!: TargetDirection;
  @Field(() => TrendBucketEnum) bucket!: TimeBucket;
  @Field(() => Float) baseline!: number;
  @Field() baselineDate!: string;
  @Field(() => Float) targetValue!: number;
  @Field() dueDate!: string;
  @Field(() => TrendPoint, { nullable: true, description: 'Now: the latest complete bucket with data, with n and interval.' }) now!: TrendPoint | null;
  @Field(() => Float, { nullable: true, description: '(now - baseline) / (target - baseline): 0 at the baseline, 1 at the target.' }) achieved!: number | null;
  @Field(() => TrendSlope, { description: "Trend of the complete buckets from the baseline date's bucket on, per month." }) slope!: TrendSlope;
  @Field(() => TargetProjection, { nullable: true }) projection!: TargetProjection | null;
  @Field(() => TargetStatusEnum) status!: TargetStatus;
  @Field(() => String, { nullable: true, description: 'Why the status is UNKNOWN.' }) note!: string | null;
  @Field(() => [TrendPoint]) points!: TrendPoint[];
}

@ObjectType({ description: 'A baseline for a new target, measured from the data: the latest complete quarter with its interval and n.' })
export class TargetBaselineSuggestion {
  @Field({ description: 'What was measured, in words (which answers or customers).' }) measured!: string;
  @Field({ description: 'Unit of the value, e.g. "NPS points".' }) unit!: string;
  @Field(() => TrendPoint, { nullable: true, description: 'The latest complete quarter with a value; null when the scope has no data.' })
  point!: TrendPoint | null;
  @Field(() => String, { nullable: true, description: 'Why there is no suggestion, or what to read with care.' })
  note!: string | null;
}
