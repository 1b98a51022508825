import DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { getTargetProgress, type TargetProgress as Progress, type TargetSpec } from '../../../analytics/queries/trends/getTargetProgress.js';
import type { TimeBucket } from '../../../analytics/queries/trends/time.js';
import { Rule } from '../../auth/rules.js';
import { loadRef } from '../../common/loaders.js';
import { requestScoped, type Context } from '../../context.js';
import { Target } from '../targets/target.entity.js';
import { TargetProgress } from './targetProgress.types.js';
import { TrendBucketEnum } from './trends.types.js';

/** A date column as YYYY-MM-DD, whether the ORM hands it over as a Date or as a string. */
function isoDay(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
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
          const results = await getTargetProgress(ctx.deps.analytics, specs, { bucket });
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
