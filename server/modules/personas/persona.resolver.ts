import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Rule } from '../../auth/rules.js';
import { changingModel } from '../../common/modelChanged.js';
import type { Context } from '../../context.js';
import { Persona } from './persona.entity.js';
import { PersonaInput } from './persona.input.js';
import { PersonaService } from './persona.service.js';

const service = (ctx: Context) => new PersonaService(ctx.em, ctx.deps.analytics);

@Resolver(() => Persona)
export class PersonaResolver {
  @Authorized(Rule.readModel)
  @Query(() => [Persona])
  personas(@Ctx() ctx: Context): Promise<Persona[]> {
    return service(ctx).list();
  }

  @Authorized(Rule.readModel)
  @Query(() => Persona)
  persona(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Persona> {
    return service(ctx).get(id);
  }

  @Authorized(Rule.editModel)
  @Query(() => Int, {
    description: 'Customers in the customer data whose persona code is exactly this one: 0 means the code does not occur (yet), e.g. a typo or data not imported.',
  })
  personaCodeCustomers(@Ctx() ctx: Context, @Arg('code', { description: 'A persona code as the customer data would spell it.' }) code: string): Promise<number> {
    return service(ctx).codeCustomers(code);
  }

  @Authorized(Rule.editModel)
  @Mutation(() => Persona)
  createPersona(@Ctx() ctx: Context, @Arg('input', () => PersonaInput) input: PersonaInput): Promise<Persona> {
    return changingModel(ctx, service(ctx).create(input));
  }

  @Authorized(Rule.editModel)
  @Mutation(() => Persona)
  updatePersona(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('input', () => PersonaInput) input: PersonaInput): Promise<Persona> {
    return changingModel(ctx, service(ctx).update(id, input));
  }

  @Authorized(Rule.editModel)
  @Mutation(() => ID, { description: 'Deletes the persona; journeys for it become journeys for all customers.' })
  deletePersona(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<string> {
    return changingModel(ctx, service(ctx).delete(id));
  }
}
