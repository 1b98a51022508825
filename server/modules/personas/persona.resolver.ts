import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { countPersonaCustomers } from '../../../analytics/queries/customers/countPersonaCustomers.js';
import { Rule } from '../../auth/rules.js';
import { findOrNotFound } from '../../common/loaders.js';
import { AppError } from '../../common/errors.js';
import type { Context } from '../../context.js';
import { Persona } from './persona.entity.js';
import { PersonaInput } from './persona.input.js';

const KEEP_UNSET = { ignoreUndefined: true } as const;

@Resolver(() => Persona)
export class PersonaResolver {
  @Authorized(Rule.readModel)
  @Query(() => [Persona])
  personas(@Ctx() ctx: Context): Promise<Persona[]> {
    return ctx.em.find(Persona, {}, { orderBy: { name: 'asc' } });
  }

  @Authorized(Rule.readModel)
  @Query(() => Persona)
  persona(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Persona> {
    return findOrNotFound(ctx.em, Persona, 'Persona', id);
  }

  @Authorized(Rule.editModel)
  @Query(() => Int, {
    description: 'Customers in the customer data whose persona code is exactly this one: 0 means the code does not occur (yet), e.g. a typo or data not imported.',
  })
  personaCodeCustomers(@Ctx() ctx: Context, @Arg('code', { description: 'A persona code as the customer data would spell it.' }) code: string): Promise<number> {
    return countPersonaCustomers(ctx.deps.analytics, code);
  }

  @Authorized(Rule.editModel)
  @Mutation(() => Persona)
  async createPersona(@Ctx() ctx: Context, @Arg('input', () => PersonaInput) input: PersonaInput): Promise<Persona> {
    const { name, code, ...rest } = input;
    if (!name || !code) {
      throw new AppError('BAD_USER_INPUT', 'A new persona needs name and code.', { reason: 'MISSING_FIELDS', fields: ['name', 'code'] });
    }
    const persona = ctx.em.assign(ctx.em.create(Persona, { name, code }), rest, KEEP_UNSET);
    await ctx.em.flush();
    await ctx.deps.onModelChanged();
    return persona;
  }

  @Authorized(Rule.editModel)
  @Mutation(() => Persona)
  async updatePersona(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('input', () => PersonaInput) input: PersonaInput): Promise<Persona> {
    const persona = ctx.em.assign(await findOrNotFound(ctx.em, Persona, 'Persona', id), input, KEEP_UNSET);
    await ctx.em.flush();
    await ctx.deps.onModelChanged();
    return persona;
  }

  @Authorized(Rule.editModel)
  @Mutation(() => ID, { description: 'Deletes the persona; journeys for it become journeys for all customers.' })
  async deletePersona(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<string> {
    await ctx.em.remove(await findOrNotFound(ctx.em, Persona, 'Persona', id)).flush();
    await ctx.deps.onModelChanged();
    return id;
  }
}
