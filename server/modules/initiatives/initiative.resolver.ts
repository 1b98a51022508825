import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Rule } from '../../auth/rules.js';
import { loadRef } from '../../common/loaders.js';
import type { Context } from '../../context.js';
import { Department } from '../departments/department.entity.js';
import { Touchpoint } from '../journeys/touchpoint.entity.js';
import { Initiative } from './initiative.entity.js';
import { InitiativeFilter, InitiativeInput } from './initiative.input.js';
import { InitiativeService } from './initiative.service.js';

const service = (ctx: Context) => new InitiativeService(ctx.em);

@Resolver(() => Initiative)
export class InitiativeResolver {
  @Authorized(Rule.readModel)
  @Query(() => [Initiative], { description: 'Initiatives, optionally for one department or statuses.' })
  initiatives(@Ctx() ctx: Context, @Arg('filter', () => InitiativeFilter, { nullable: true }) filter?: InitiativeFilter): Promise<Initiative[]> {
    return service(ctx).list(filter);
  }

  @Authorized(Rule.readModel)
  @Query(() => Initiative)
  initiative(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Initiative> {
    return service(ctx).get(id);
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
  createInitiative(@Ctx() ctx: Context, @Arg('input', () => InitiativeInput) input: InitiativeInput): Promise<Initiative> {
    return service(ctx).create(input);
  }

  @Authorized(Rule.editModel)
  @Mutation(() => Initiative)
  updateInitiative(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => InitiativeInput) input: InitiativeInput,
  ): Promise<Initiative> {
    return service(ctx).update(id, input);
  }

  @Authorized(Rule.editModel)
  @Mutation(() => ID)
  deleteInitiative(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<string> {
    return service(ctx).delete(id);
  }
}
