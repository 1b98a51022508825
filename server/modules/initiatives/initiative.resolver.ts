import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Rule } from '../../auth/rules.js';
import { AppError } from '../../common/errors.js';
import { findOrNotFound, loadRef, resolveRef } from '../../common/loaders.js';
import type { Context } from '../../context.js';
import { Department } from '../departments/department.entity.js';
import { Touchpoint } from '../journeys/touchpoint.entity.js';
import { EffectKind, Initiative } from './initiative.entity.js';
import { InitiativeFilter, InitiativeInput } from './initiative.input.js';

async function apply(ctx: Context, initiative: Initiative, input: InitiativeInput): Promise<void> {
  const { touchpointIds, departmentId, expectedEffect, startDate, endDate, ...plain } = input;
  ctx.em.assign(initiative, plain, { ignoreUndefined: true });
  if (touchpointIds !== undefined) {
    const touchpoints = await ctx.em.find(Touchpoint, { id: { $in: touchpointIds } });
    const unknown = touchpointIds.filter((id) => !touchpoints.some((t) => t.id === id));
    if (unknown.length > 0) {
      throw new AppError('NOT_FOUND', `Touchpoint(s) ${unknown.join(', ')} do not exist (deleted meanwhile?); pick the touchpoints again.`, { reason: 'TOUCHPOINT_NOT_FOUND', ids: unknown, field: 'touchpointIds' });
    }
    initiative.touchpoints.set(touchpoints);
  }
  const department = await resolveRef(ctx.em, Department, 'Department', departmentId);
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

@Resolver(() => Initiative)
export class InitiativeResolver {
  @Authorized(Rule.readModel)
  @Query(() => [Initiative], { description: 'Initiatives, optionally for one department or statuses.' })
  initiatives(@Ctx() ctx: Context, @Arg('filter', () => InitiativeFilter, { nullable: true }) filter?: InitiativeFilter): Promise<Initiative[]> {
    return ctx.em.find(
      Initiative,
      {
        ...(filter?.departmentId ? { department: filter.departmentId } : {}),
        ...(filter?.status?.length ? { status: { $in: filter.status } } : {}),
      },
      { orderBy: { title: 'asc' } },
    );
  }

  @Authorized(Rule.readModel)
  @Query(() => Initiative)
  initiative(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Initiative> {
    return findOrNotFound(ctx.em, Initiative, 'Initiative', id);
  }

  @FieldResolver(() => [Touchpoint])
  async touchpoints(@Root() initiative: Initiative): Promise<Touchpoint[]> {
    return (await initiative.touchpoints.load()).getItems();
  }

  @FieldResolver(() => Department, { nullable: true })
  department(@Root() initiative: Initiative): Promise<Department | null> {
    return loadRef(initiative.department);
  }

  @Authorized(Rule.editModel)
  @Mutation(() => Initiative)
  async createInitiative(@Ctx() ctx: Context, @Arg('input', () => InitiativeInput) input: InitiativeInput): Promise<Initiative> {
    if (!input.title) throw new AppError('BAD_USER_INPUT', 'A new initiative needs a title.', { reason: 'MISSING_FIELDS', fields: ['title'] });
    const initiative = ctx.em.create(Initiative, { title: input.title });
    await apply(ctx, initiative, input);
    await ctx.em.flush();
    return initiative;
  }

  @Authorized(Rule.editModel)
  @Mutation(() => Initiative)
  async updateInitiative(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => InitiativeInput) input: InitiativeInput,
  ): Promise<Initiative> {
    const initiative = await findOrNotFound(ctx.em, Initiative, 'Initiative', id);
    await apply(ctx, initiative, input);
    await ctx.em.flush();
    return initiative;
  }

  @Authorized(Rule.editModel)
  @Mutation(() => ID)
  async deleteInitiative(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<string> {
    await ctx.em.remove(await findOrNotFound(ctx.em, Initiative, 'Initiative', id)).flush();
    return id;
  }
}
