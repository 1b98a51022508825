import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Arg, Authorized, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Rule } from '../../auth/rules.js';
import { requireCaller, type Context } from '../../context.js';
import type { CompanySettings } from './settings.entity.js';
import { SettingsService } from './settings.service.js';

@ObjectType('CompanySettings', { description: 'Settings that apply to the whole company.' })
export class CompanySettingsType {
  @Field({ description: 'Three-letter currency code (ISO 4217, for example DKK or EUR) that every amount is shown in; the profitability data is taken to be in it. Default DKK.' })
  currency!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Comment retention: comment text of answers older than this many months is removed every night (the scores stay); null when comments are kept for ever (the default).',
  })
  commentRetentionMonths!: number | null;
}

@InputType({ description: 'Changes to the company settings; absent fields stay as they are.' })
export class CompanySettingsInput {
  @Field({ nullable: true, description: 'Three-letter currency code in capitals (ISO 4217), for example DKK, EUR or SEK.' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter code in capitals, for example DKK or EUR' })
  currency?: string;

  @Field(() => Int, { nullable: true, description: 'Months after which comment text is removed (1-600); 0 keeps comments for ever.' })
  @IsOptional()
  @IsInt({ message: 'commentRetentionMonths must be a whole number of months' })
  @Min(0, { message: 'commentRetentionMonths must be 0 (keep for ever) or more' })
  @Max(600, { message: 'commentRetentionMonths must be at most 600 (50 years); use 0 to keep comments for ever' })
  commentRetentionMonths?: number;
}

const toType = (s: CompanySettings): CompanySettingsType => ({ currency: s.currency, commentRetentionMonths: s.commentRetentionMonths ?? null });

const service = (ctx: Context) => new SettingsService(ctx.em);

@Resolver()
export class SettingsResolver {
  @Authorized(Rule.readModel)
  @Query(() => CompanySettingsType, { description: 'The company settings (currency, comment retention).' })
  async companySettings(@Ctx() ctx: Context): Promise<CompanySettingsType> {
    return toType(await service(ctx).get());
  }

  @Authorized(Rule.administer)
  @Mutation(() => CompanySettingsType, { description: 'Changes the company settings (administrators).' })
  async updateCompanySettings(@Ctx() ctx: Context, @Arg('input', () => CompanySettingsInput, { description: 'The settings to change.' }) input: CompanySettingsInput): Promise<CompanySettingsType> {
    return toType(await service(ctx).update(requireCaller(ctx).id, input));
  }
}
