import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../../common/errors.js';
import { findOrNotFound, resolveRef } from '../../common/loaders.js';
import { Journey } from '../journeys/journey.entity.js';
import { Touchpoint } from '../journeys/touchpoint.entity.js';
import { Persona } from '../personas/persona.entity.js';
import { Target, TargetMetric, TargetScope } from './target.entity.js';
import type { TargetInput } from './target.input.js';

const invalid = (field: string, message: string) => new AppError('BAD_USER_INPUT', `${field}: ${message}`, { reason: 'INVALID_FIELD', field });

/** Valid range of each metric's values, so a target of NPS 250 or CSAT 7 is refused. */
const RANGES: Record<TargetMetric, [number, number] | null> = {
  [TargetMetric.NPS]: [-100, 100],
  [TargetMetric.CSAT]: [1, 5],
  [TargetMetric.RETENTION]: [0, 1],
  [TargetMetric.PROMOTER_SHARE]: [0, 1],
  [TargetMetric.TOUCHPOINT_KPI]: null,
};

/**
 * Why `value` cannot be a baseline or target of `metric`, or null when it can. Shares (retention,
 * promoter share) are fractions 0..1, as the analytics compute them: 0.92, not 92.
 */
export function targetValueProblem(metric: TargetMetric, value: number): string | null {
  const range = RANGES[metric];
  if (!range || (value >= range[0] && value <= range[1])) return null;
  const share = range[1] === 1 && value > 1 && value <= 100 ? ` Shares are fractions: write ${value / 100} for ${value}%.` : '';
  return `${metric} values lie between ${range[0]} and ${range[1]}; got ${value}.${share}`;
}

const SCOPE_FIELD: Record<TargetScope, 'journey' | 'persona' | 'touchpoint' | null> = {
  [TargetScope.COMPANY]: null,
  [TargetScope.JOURNEY]: 'journey',
  [TargetScope.PERSONA]: 'persona',
  [TargetScope.TOUCHPOINT]: 'touchpoint',
};

/** Targets: a metric's baseline and the value to reach by a due date, for the company or one scope. */
export class TargetService {
  constructor(private readonly em: EntityManager) {}

  list(): Promise<Target[]> {
    return this.em.find(Target, {}, { orderBy: { dueDate: 'asc', name: 'asc' } });
  }

  get(id: string): Promise<Target> {
    return findOrNotFound(this.em, Target, 'Target', id);
  }

  async create(input: TargetInput): Promise<Target> {
    const { name, metric, baseline, baselineDate, targetValue, dueDate } = input;
    if (name === undefined || metric === undefined || baseline === undefined || baselineDate === undefined || targetValue === undefined || dueDate === undefined) {
      const fields = (['name', 'metric', 'baseline', 'baselineDate', 'targetValue', 'dueDate'] as const).filter((f) => input[f] === undefined);
      throw new AppError('BAD_USER_INPUT', `A new target needs ${fields.join(', ')}.`, { reason: 'MISSING_FIELDS', fields });
    }
    const target = this.em.create(Target, { name, metric, baseline, baselineDate, targetValue, dueDate });
    await this.apply(target, input);
    await this.em.flush();
    return target;
  }

  async update(id: string, input: TargetInput): Promise<Target> {
    const target = await this.get(id);
    await this.apply(target, input);
    await this.em.flush();
    return target;
  }

  async delete(id: string): Promise<string> {
    await this.em.remove(await this.get(id)).flush();
    return id;
  }

/** Sets the input's fields (absent fields stay, null clears) and checks the target as a whole. */
  private async apply(target: Target, input: TargetInput): Promise<void> {
    const { journeyId, personaId, touchpointId, kpiName, ...plain } = input;
    this.em.assign(target, plain, { ignoreUndefined: true });
    const journey = await resolveRef(this.em, Journey, 'Journey', journeyId);
    if (journey !== undefined) target.journey = journey ?? undefined;
    const persona = await resolveRef(this.em, Persona, 'Persona', personaId);
    if (persona !== undefined) target.persona = persona ?? undefined;
    const touchpoint = await resolveRef(this.em, Touchpoint, 'Touchpoint', touchpointId);
    if (touchpoint !== undefined) target.touchpoint = touchpoint ?? undefined;
    if (kpiName !== undefined) target.kpiName = kpiName ?? undefined;

    const scope: TargetScope = target.scope;
    const metric: TargetMetric = target.metric;
    const needed = SCOPE_FIELD[scope];
    for (const field of ['journey', 'persona', 'touchpoint'] as const) {
      if (field === needed && !target[field]) throw invalid(`${field}Id`, `a ${target.scope} target needs ${field}Id.`);
      if (field !== needed && target[field]) throw invalid(`${field}Id`, `only a ${field.toUpperCase()} target takes ${field}Id.`);
    }
    if (target.metric === TargetMetric.TOUCHPOINT_KPI && (!target.kpiName || target.scope !== TargetScope.TOUCHPOINT)) {
      throw invalid('kpiName', 'a TOUCHPOINT_KPI target needs TOUCHPOINT scope and a kpiName.');
    }
    for (const field of ['baseline', 'targetValue'] as const) {
      const problem = targetValueProblem(metric, target[field]);
      if (problem) throw invalid(field, problem);
    }
    if (target.dueDate <= target.baselineDate) throw invalid('dueDate', 'must be after baselineDate.');
  }
}
