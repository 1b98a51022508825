import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../../common/errors.js';
import { findOrNotFound, resolveRef } from '../../common/loaders.js';
import { Department } from '../departments/department.entity.js';
import { Touchpoint } from '../journeys/touchpoint.entity.js';
import { EffectKind, Initiative } from './initiative.entity.js';
import type { InitiativeFilter, InitiativeInput } from './initiative.input.js';

/** Initiatives: planned changes to touchpoints, with their owner, dates and expected effect. */
export class InitiativeService {
  constructor(private readonly em: EntityManager) {}

  list(filter?: InitiativeFilter | null): Promise<Initiative[]> {
    return this.em.find(
      Initiative,
      {
        ...(filter?.departmentId ? { department: filter.departmentId } : {}),
        ...(filter?.status?.length ? { status: { $in: filter.status } } : {}),
      },
      { orderBy: { title: 'asc' } },
    );
  }

  get(id: string): Promise<Initiative> {
    return findOrNotFound(this.em, Initiative, 'Initiative', id);
  }

  async create(input: InitiativeInput): Promise<Initiative> {
    if (!input.title) throw new AppError('BAD_USER_INPUT', 'A new initiative needs a title.', { reason: 'MISSING_FIELDS', fields: ['title'] });
    const initiative = this.em.create(Initiative, { title: input.title });
    await this.apply(initiative, input);
    await this.em.flush();
    return initiative;
  }

  async update(id: string, input: InitiativeInput): Promise<Initiative> {
    const initiative = await this.get(id);
    await this.apply(initiative, input);
    await this.em.flush();
    return initiative;
  }

  async delete(id: string): Promise<string> {
    await this.em.remove(await this.get(id)).flush();
    return id;
  }

  /** Sets the input's fields; absent fields stay, null clears. Refuses unknown touchpoints and an end before the start. */
  private async apply(initiative: Initiative, input: InitiativeInput): Promise<void> {
    const { touchpointIds, departmentId, expectedEffect, startDate, endDate, ...plain } = input;
    this.em.assign(initiative, plain, { ignoreUndefined: true });
    if (touchpointIds !== undefined) {
      const touchpoints = await this.em.find(Touchpoint, { id: { $in: touchpointIds } });
      const unknown = touchpointIds.filter((id) => !touchpoints.some((t) => t.id === id));
      if (unknown.length > 0) {
        throw new AppError('NOT_FOUND', `Touchpoint(s) ${unknown.join(', ')} do not exist (deleted meanwhile?); pick the touchpoints again.`, { reason: 'TOUCHPOINT_NOT_FOUND', ids: unknown, field: 'touchpointIds' });
      }
      initiative.touchpoints.set(touchpoints);
    }
    const department = await resolveRef(this.em, Department, 'Department', departmentId);
    if (department !== undefined) initiative.department = department ?? undefined;
    if (expectedEffect !== undefined) {
      if (expectedEffect && expectedEffect.kind !== EffectKind.TOUCHPOINT_NPS_UPLIFT && expectedEffect.value > 1) {
        throw new AppError('BAD_USER_INPUT', `expectedEffect.value is a share from 0 to 1 for ${expectedEffect.kind}; got ${expectedEffect.value}.`, {
          reason: 'INVALID_FIELD',
          field: 'expectedEffect.value',
        });
      }
      initiative.expectedEffect = expectedEffect ? { kind: expectedEffect.kind, value: expectedEffect.value } : undefined;
    }
    if (startDate !== undefined) initiative.startDate = startDate ?? undefined;
    if (endDate !== undefined) initiative.endDate = endDate ?? undefined;
    if (initiative.startDate && initiative.endDate && initiative.endDate < initiative.startDate) {
      throw new AppError('BAD_USER_INPUT', 'endDate must not be before startDate.', { reason: 'INVALID_FIELD', field: 'endDate' });
    }
  }
}
