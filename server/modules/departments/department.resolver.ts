import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Rule } from '../../auth/rules.js';
import { changingModel } from '../../common/modelChanged.js';
import type { Context } from '../../context.js';
import { Department } from './department.entity.js';
import { DepartmentInput } from './department.input.js';
import { DepartmentService } from './department.service.js';

const service = (ctx: Context) => new DepartmentService(ctx.em);

@Resolver(() => Department)
export class DepartmentResolver {
  @Authorized(Rule.readModel)
  @Query(() => [Department])
  departments(@Ctx() ctx: Context): Promise<Department[]> {
    return service(ctx).list();
  }

  @Authorized(Rule.editModel)
  @Mutation(() => Department)
  createDepartment(@Ctx() ctx: Context, @Arg('input', () => DepartmentInput) input: DepartmentInput): Promise<Department> {
    return changingModel(ctx, service(ctx).create(input));
  }

  @Authorized(Rule.editModel)
  @Mutation(() => Department)
  updateDepartment(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => DepartmentInput) input: DepartmentInput,
  ): Promise<Department> {
    return changingModel(ctx, service(ctx).update(id, input));
  }

  @Authorized(Rule.editModel)
  @Mutation(() => ID, { description: 'Deletes the department; its touchpoints and initiatives keep existing without an owner.' })
  deleteDepartment(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<string> {
    return changingModel(ctx, service(ctx).delete(id));
  }
}
