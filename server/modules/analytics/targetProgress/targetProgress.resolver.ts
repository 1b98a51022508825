import DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { getTargetProgress, type TargetProgress as Progress, type TargetSpec } from '../../../../analytics/queries/trends/getTargetProgress.js';
import type { TimeBucket } from '../../../../analytics/queries/trends/time.js';
import { minCellCustomersFor } from '../../../auth/privacy.js';
import { Rule } from '../../../auth/rules.js';
import { loadRef } from '../../../common/loaders.js';
import { requestScoped, type Context } from '../../../context.js';
import { Target } from '../../targets/target.entity.js';
import { TargetInput } from '../../targets/target.input.js';
import { Persona } from '../../personas/persona.entity.js';
import { Touchpoint } from '../../journeys/touchpoint.entity.js';
import { TargetProgress } from './targetProgress.types.js';
import { TrendBucketEnum, TrendPoint } from '../trends/trends.types.js';
import { DAY_MS, toLocalDate } from '../../../../analytics/localDate.js';

/** A date column as YYYY-MM-DD, whether the ORM hands it over as a Date or as a string. */
function isoDay(value: unknown): string {
  if (value instanceof Date) return toLocalDate(value);
  return String(value).slice(0, 10);
}

/** All `progress` fields of a request: one getTargetProgress (a few grouped queries) per bucket size. */
const progressLoader = requestScoped(
  (ctx) =>
    new DataLoader<{ spec: TargetSpec; bucket: TimeBucket }, Progress, string>(
      async (keys) => {
        const out = new Map<string, Progress>();
        for (const bucket of new Set(keys.map((k) => k.bucket))) {
          const specs = keys.filter((k) => k.bucket === bucket).map((k) => k.spec);
          const results = await getTargetProgress(ctx.deps.analytics, specs, { bucket, minCellCustomers: minCellCustomersFor(ctx) });
          results.forEach((r, i) => out.set(`${bucket}|${specs[i]!.id}`, r));
        }
        return keys.map((k) => out.get(`${k.bucket}|${k.spec.id}`) ?? new Error(`No progress computed for target ${k.spec.id}`));
      },
      { cacheKeyFn: (k) => `${k.bucket}|${k.spec.id}` },
    ),
);

@Resolver(() => Target)
export class TargetProgressResolver {
  @Authorized(Rule.readAggregates)
  @FieldResolver(() => TargetProgress, {
    description: 'Baseline, now (latest complete bucket), trend since the baseline, its projection to the due date and the status. Batched per request.',
  })
  async progress(
    @Ctx() ctx: Context,
    @Root() target: Target,
    @Arg('bucket', () => TrendBucketEnum, { defaultValue: 'MONTH' }) bucket: TimeBucket,
  ): Promise<Progress> {
    const [persona, touchpoint] = await Promise.all([loadRef(target.persona), loadRef(target.touchpoint)]);
    const spec: TargetSpec = {
      id: target.id,
      metric: target.metric,
      scope: target.scope,
      journeyId: target.journey?.id ?? null,
      personaCode: persona?.code ?? null,
      touchpointCode: touchpoint?.code ?? null,
      kpiName: target.kpiName ?? null,
      baseline: target.baseline,
      baselineDate: isoDay(target.baselineDate),
      targetValue: target.targetValue,
      dueDate: isoDay(target.dueDate),
    };
    return progressLoader(ctx).load({ spec, bucket });
  }
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


@Resolver()
export class TargetBaselineResolver {
  @Authorized(Rule.editModel)
  @Query(() => TargetBaselineSuggestion, { description: "A baseline for a target with these metric and scope settings: the latest complete quarter's value from the data, with n and interval." })
  async targetBaselineSuggestion(
    @Ctx() ctx: Context,
    @Arg('input', () => TargetInput, { description: 'Metric and scope of the target (journeyId, personaId, touchpointId, kpiName as the scope needs); other fields are ignored.' })
    input: TargetInput,
  ): Promise<TargetBaselineSuggestion> {
    const [persona, touchpoint] = await Promise.all([
      input.personaId ? ctx.em.findOne(Persona, input.personaId) : null,
      input.touchpointId ? ctx.em.findOne(Touchpoint, input.touchpointId) : null,
    ]);
    const now = Date.now();
    const spec: TargetSpec = {
      id: 'suggestion',
      metric: input.metric ?? 'NPS',
      scope: input.scope ?? 'COMPANY',
      journeyId: input.journeyId ?? null,
      personaCode: persona?.code ?? null,
      touchpointCode: touchpoint?.code ?? null,
      kpiName: input.kpiName ?? null,
      baseline: 0,
      baselineDate: toLocalDate(now - 3 * 365 * DAY_MS),
      targetValue: 1,
      dueDate: toLocalDate(now + 365 * DAY_MS),
    };
    const [progress] = await getTargetProgress(ctx.deps.analytics, [spec], { bucket: 'QUARTER', minCellCustomers: minCellCustomersFor(ctx) });
    if (!progress) return { measured: '', unit: '', point: null, note: 'Nothing could be measured for this scope.' };
    return {
      measured: progress.measured,
      unit: progress.unit,
      point: progress.now,
      note: progress.now ? null : 'No complete quarter with data for this scope yet: enter the baseline by hand.',
    };
  }
}
