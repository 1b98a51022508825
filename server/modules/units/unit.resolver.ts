import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Rule } from '../../auth/rules.js';
import type { Context } from '../../context.js';
import { UnitService } from './unit.service.js';
import { UnitInput, UnitType } from './unit.types.js';

const service = (ctx: Context) => new UnitService(ctx);

/** Units live in the analytics store (dim_units) beside the customer data that names them. */
@Resolver(() => UnitType)
export class UnitResolver {
  @Authorized(Rule.readModel)
  @Query(() => [UnitType], { description: 'Every unit with its customer count, by name.' })
  unitList(@Ctx() ctx: Context): Promise<UnitType[]> {
    return service(ctx).list();
  }

  @Authorized(Rule.editModel)
  @Mutation(() => UnitType, { description: 'Adds a unit, or renames the unit with this code.' })
  saveUnit(@Ctx() ctx: Context, @Arg('input', () => UnitInput, { description: 'Code and name of the unit.' }) input: UnitInput): Promise<UnitType> {
    return service(ctx).save(input);
  }

  @Authorized(Rule.editModel)
  @Mutation(() => String, { description: 'Deletes a unit no customer belongs to; returns its code. A unit with customers is refused (CONFLICT).' })
  deleteUnit(@Ctx() ctx: Context, @Arg('code', { description: 'Code of the unit to delete.' }) code: string): Promise<string> {
    return service(ctx).delete(code);
  }
}
