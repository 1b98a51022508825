import { IsOptional, Length, MaxLength } from 'class-validator';
import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, Query, Resolver } from 'type-graphql';
import { Rule } from '../../auth/rules.js';
import { AppError } from '../../common/errors.js';
import { findOrNotFound } from '../../common/loaders.js';
import type { Context } from '../../context.js';
import { Department } from './department.entity.js';

@InputType()
export class DepartmentInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(5000)
  description?: string;
}

@Resolver(() => Department)
export class DepartmentResolver {
  @Authorized(Rule.readModel)
  @Query(() => [Department])
  departments(@Ctx() ctx: Context): Promise<Department[]> {
    return ctx.em.find(Department, {}, { orderBy: { name: 'asc' } });
  }

  @Authorized(Rule.editModel)
  @Mutation(() => Department)
  async createDepartment(@Ctx() ctx: Context, @Arg('input', () => DepartmentInput) input: DepartmentInput): Promise<Department> {
    if (!input.name) throw new AppError('BAD_USER_INPUT', 'A new department needs a name.', { reason: 'MISSING_FIELDS', fields: ['name'] });
    const department = ctx.em.create(Department, { name: input.name, description: input.description ?? '' });
    await ctx.em.flush();
    await ctx.deps.onModelChanged();
    return department;
  }

  @Authorized(Rule.editModel)
  @Mutation(() => Department)
  async updateDepartment(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => DepartmentInput) input: DepartmentInput,
  ): Promise<Department> {
    const department = ctx.em.assign(await findOrNotFound(ctx.em, Department, 'Department', id), input, { ignoreUndefined: true });
    await ctx.em.flush();
    await ctx.deps.onModelChanged();
    return department;
  }

  @Authorized(Rule.editModel)
  @Mutation(() => ID, { description: 'Deletes the department; its touchpoints and initiatives keep existing without an owner.' })
  async deleteDepartment(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<string> {
    await ctx.em.remove(await findOrNotFound(ctx.em, Department, 'Department', id)).flush();
    await ctx.deps.onModelChanged();
    return id;
  }
}
