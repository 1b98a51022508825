import DataLoader from 'dataloader';
import { DAY_MS, toLocalDate } from '../../../../analytics/localDate.js';
import { getTargetProgress, type TargetProgress, type TargetSpec } from '../../../../analytics/queries/trends/getTargetProgress.js';
import type { TimeBucket } from '../../../../analytics/queries/trends/time.js';
import { say } from '../../../../analytics/i18n/index.js';
import { resultCache } from '../../../../analytics/queries/dataFingerprint.js';
import { loadRef } from '../../../common/loaders.js';
import { Touchpoint } from '../../journeys/touchpoint.entity.js';
import { Persona } from '../../personas/persona.entity.js';
import type { Target } from '../../targets/target.entity.js';
import type { TargetInput } from '../../targets/target.input.js';
import { AnalyticsRequest } from '../analytics.request.js';
import type { TargetBaselineSuggestion } from './targetProgress.types.js';

/** A date column as YYYY-MM-DD, whether the ORM hands it over as a Date or as a string. */
function isoDay(value: unknown): string {
  if (value instanceof Date) return toLocalDate(value);
  return String(value).slice(0, 10);
}

type ProgressKey = { spec: TargetSpec; bucket: TimeBucket };

/**
 * Per data fingerprint, the targets as read (every field), bucket and small-cell threshold: the overview
 * shows every target's status on each visit (bench/README.md "Issue 20").
 */
const progresses = resultCache<TargetProgress[]>(32);

/** Targets' progress (baseline, now, trend and its projection to the due date) and baseline suggestions. */
export class TargetProgressService extends AnalyticsRequest {
  /** All `progress` fields of a request: one getTargetProgress (a few grouped queries) per bucket size. */
  private readonly progressLoader = new DataLoader<ProgressKey, TargetProgress, string>(
    async (keys) => {
      const out = new Map<string, TargetProgress>();
      for (const bucket of new Set(keys.map((k) => k.bucket))) {
        const specs = keys.filter((k) => k.bucket === bucket).map((k) => k.spec);
        const minCellCustomers = this.minCellCustomers;
        // The specs carry every field of the targets read from PostgreSQL: an edited target is a new key.
        const results = await this.remembered(progresses, 'targetProgress', [specs, bucket], (store) => getTargetProgress(store, specs, { bucket, minCellCustomers }));
        results.forEach((r, i) => out.set(`${bucket}|${specs[i]!.id}`, r));
      }
      return keys.map((k) => out.get(`${k.bucket}|${k.spec.id}`) ?? new Error(`No progress computed for target ${k.spec.id}`));
    },
    { cacheKeyFn: (k) => `${k.bucket}|${k.spec.id}` },
  );

  async progress(target: Target, bucket: TimeBucket): Promise<TargetProgress> {
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
    return this.progressLoader.load({ spec, bucket });
  }

  async baselineSuggestion(input: TargetInput): Promise<TargetBaselineSuggestion> {
    const [persona, touchpoint] = await Promise.all([
      input.personaId ? this.ctx.em.findOne(Persona, input.personaId) : null,
      input.touchpointId ? this.ctx.em.findOne(Touchpoint, input.touchpointId) : null,
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
    const [progress] = await getTargetProgress(this.store, [spec], { bucket: 'QUARTER', minCellCustomers: this.minCellCustomers });
    if (!progress) return { measured: '', unit: '', point: null, note: say('targets.suggestion.nothing') };
    return {
      measured: progress.measured,
      unit: progress.unit,
      point: progress.now,
      note: progress.now ? null : say('targets.suggestion.noQuarter'),
    };
  }
}
