import { Length } from 'class-validator';
import { Arg, Authorized, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { listUnits } from '../../../analytics/queries/units/listUnits.js';
import { deleteUnit, saveUnit } from '../../../analytics/queries/units/saveUnit.js';
import { Rule } from '../../auth/rules.js';
import { audit } from '../../auth/auth.service.js';
import { AppError } from '../../common/errors.js';
import { IsCode } from '../../common/validation.js';
import { requireCaller, type Context } from '../../context.js';

@ObjectType('Unit', { description: 'A unit (branch, shop, region) that customers belong to; the customer data refers to it by code.' })
export class UnitType {
  @Field({ description: 'Code the customer data uses for the unit (customers.unit_code).' }) code!: string;
  @Field({ description: 'Name people know the unit by.' }) name!: string;
  @Field(() => Int, { description: 'Customers in the data with this unit code.' }) customers!: number;
}

@InputType({ description: 'A unit to add, or to rename when its code exists.' })
export class UnitInput {
  @Field({ description: 'Code the customer data uses (1-64 letters, digits, "_", "." or "-").' })
  @IsCode()
  code!: string;

  @Field({ description: 'Name people know the unit by, 1-200 characters.' })
  @Length(1, 200)
  name!: string;
}

/** Units live in the analytics store (dim_units) beside the customer data that names them. */
@Resolver(() => UnitType)
export class UnitResolver {
  @Authorized(Rule.readModel)
  @Query(() => [UnitType], { description: 'Every unit with its customer count, by name.' })
  unitList(@Ctx() ctx: Context): Promise<UnitType[]> {
    return listUnits(ctx.deps.analytics);
  }

  @Authorized(Rule.editModel)
  @Mutation(() => UnitType, { description: 'Adds a unit, or renames the unit with this code.' })
  async saveUnit(@Ctx() ctx: Context, @Arg('input', () => UnitInput, { description: 'Code and name of the unit.' }) input: UnitInput): Promise<UnitType> {
    const name = input.name.trim();
    if (!name) throw new AppError('BAD_USER_INPUT', 'name is empty: give the unit a name.', { reason: 'INVALID_FIELD', field: 'name' });
    await saveUnit(ctx.deps.analytics, { code: input.code, name });
    audit(ctx.em, 'UNIT_SAVED', requireCaller(ctx).id, { code: input.code, name });
    await ctx.em.flush();
    const saved = (await listUnits(ctx.deps.analytics)).find((u) => u.code === input.code);
    return saved ?? { code: input.code, name, customers: 0 };
  }

  @Authorized(Rule.editModel)
  @Mutation(() => String, { description: 'Deletes a unit no customer belongs to; returns its code. A unit with customers is refused (CONFLICT).' })
  async deleteUnit(@Ctx() ctx: Context, @Arg('code', { description: 'Code of the unit to delete.' }) code: string): Promise<string> {
    const unit = (await listUnits(ctx.deps.analytics)).find((u) => u.code === code);
    if (!unit) throw new AppError('NOT_FOUND', `Unit ${code} does not exist. Pick one from the list of units.`, { reason: 'UNIT_NOT_FOUND', field: 'code' });
    if (unit.customers > 0) {
      throw new AppError('CONFLICT', `Unit ${code} has ${unit.customers} customers in the data; it can be renamed, not deleted.`, { reason: 'IN_USE', field: 'code' });
    }
    await deleteUnit(ctx.deps.analytics, code);
    audit(ctx.em, 'UNIT_DELETED', requireCaller(ctx).id, { code });
    await ctx.em.flush();
    return code;
  }
}
