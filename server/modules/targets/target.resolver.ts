import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Rule } from '../../auth/rules.js';
import { loadRef } from '../../common/loaders.js';
import type { Context } from '../../context.js';
import { Journey } from '../journeys/journey.entity.js';
import { Touchpoint } from '../journeys/touchpoint.entity.js';
import { Persona } from '../personas/persona.entity.js';
import { Target } from './target.entity.js';
import { TargetInput } from './target.input.js';
import { TargetService } from './target.service.js';

const service = (ctx: Context) => new TargetService(ctx.em);

@Resolver(() => Target)
export class TargetResolver {
  @Authorized(Rule.readModel)
  @Query(() => [Target])
  targets(@Ctx() ctx: Context): Promise<Target[]> {
    return service(ctx).list();
  }

  @Authorized(Rule.readModel)
  @Query(() => Target)
  target(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Target> {
    return service(ctx).get(id);
  }

  @FieldResolver(() => Journey, { nullable: true })
  journey(@Root() target: Target): Promise<Journey | null> {
    return loadRef(target.journey);
  }

  @FieldResolver(() => Persona, { nullable: true })
  persona(@Root() target: Target): Promise<Persona | null> {
    return loadRef(target.persona);
  }

  @FieldResolver(() => Touchpoint, { nullable: true })
  touchpoint(@Root() target: Target): Promise<Touchpoint | null> {
    return loadRef(target.touchpoint);
  }

  @Authorized(Rule.editModel)
  @Mutation(() => Target)
  createTarget(@Ctx() ctx: Context, @Arg('input', () => TargetInput) input: TargetInput): Promise<Target> {
    return service(ctx).create(input);
  }

  @Authorized(Rule.editModel)
  @Mutation(() => Target)
  updateTarget(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('input', () => TargetInput) input: TargetInput): Promise<Target> {
    return service(ctx).update(id, input);
  }

  @Authorized(Rule.editModel)
  @Mutation(() => ID)
  deleteTarget(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<string> {
    return service(ctx).delete(id);
  }
}
