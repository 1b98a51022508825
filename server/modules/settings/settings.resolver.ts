import { Matches } from 'class-validator';
import { Arg, Authorized, Ctx, Field, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { audit } from '../../auth/auth.service.js';
import { Rule } from '../../auth/rules.js';
import { requireCaller, type Context } from '../../context.js';
import { CompanySettings } from './settings.entity.js';

@ObjectType('CompanySettings', { description: 'Settings that apply to the whole company.' })
export class CompanySettingsType {
  @Field({ description: 'Three-letter currency code (ISO 4217, for example DKK or EUR) that every amount is shown in; the profitability data is taken to be in it. Default DKK.' })
  currency!: string;
}

@InputType({ description: 'Changes to the company settings; absent fields stay as they are.' })
export class CompanySettingsInput {
  @Field({ nullable: true, description: 'Three-letter currency code in capitals (ISO 4217), for example DKK, EUR or SEK.' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter code in capitals, for example DKK or EUR' })
  currency?: string;
}

/** The settings row, created with the defaults the first time it is needed. */
export async function companySettings(em: EntityManager): Promise<CompanySettings> {
  const found = await em.findOne(CompanySettings, { id: 1 });
  if (found) return found;
  await em.getConnection().execute(`insert into company_settings (id, currency, updated_at) values (1, 'DKK', now()) on conflict (id) do nothing`);
  return em.findOneOrFail(CompanySettings, { id: 1 });
}

@Resolver()
export class SettingsResolver {
  @Authorized(Rule.readModel)
  @Query(() => CompanySettingsType, { description: 'The company settings (currency).' })
  async companySettings(@Ctx() ctx: Context): Promise<CompanySettingsType> {
    const s = await companySettings(ctx.em);
    return { currency: s.currency };
  }

  @Authorized(Rule.administer)
  @Mutation(() => CompanySettingsType, { description: 'Changes the company settings (administrators).' })
  async updateCompanySettings(@Ctx() ctx: Context, @Arg('input', () => CompanySettingsInput, { description: 'The settings to change.' }) input: CompanySettingsInput): Promise<CompanySettingsType> {
    const s = await companySettings(ctx.em);
    if (input.currency) s.currency = input.currency;
    audit(ctx.em, 'SETTINGS_CHANGED', requireCaller(ctx).id, { currency: s.currency });
    await ctx.em.flush();
    return { currency: s.currency };
  }
}
