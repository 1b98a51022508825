import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { minCellCustomersFor } from '../../auth/privacy.js';
import { Rule } from '../../auth/rules.js';
import { loadRef } from '../../common/loaders.js';
import { requireCaller, type Context } from '../../context.js';
import { Touchpoint } from '../journeys/touchpoint.entity.js';
import { touchpointsByCode, usersById } from '../follow-ups/follow-up.loaders.js';
import { AlertScope, AlertStatus } from './alert.entity.js';
import { AlertRuleInput } from './alert.input.js';
import { AlertService } from './alert.service.js';
import { AlertRulePreview, AlertRuleType, AlertType, toAlertRuleType, toAlertType, toRulePreviewType } from './alert.type.js';

const service = (ctx: Context) => new AlertService(ctx.em);

@Resolver(() => AlertType)
export class AlertResolver {
  @Authorized(Rule.readAggregates)
  @Query(() => [AlertType], { description: 'Alerts, newest first; all statuses unless `status` narrows them.' })
  async alerts(@Ctx() ctx: Context, @Arg('status', () => [AlertStatus], { nullable: true }) status?: AlertStatus[]): Promise<AlertType[]> {
    return (await service(ctx).list(status)).map((a) => toAlertType(a, minCellCustomersFor(ctx)));
  }

  @Authorized(Rule.readAggregates)
  @Query(() => [AlertRuleType])
  async alertRules(@Ctx() ctx: Context): Promise<AlertRuleType[]> {
    return (await service(ctx).rules()).map(toAlertRuleType);
  }

  @Authorized(Rule.administer)
  @Query(() => AlertRulePreview, { description: 'What a rule would raise if it were checked now, and its test in words; nothing is stored. Give ruleId to preview changes to a saved rule.' })
  async alertRulePreview(
    @Ctx() ctx: Context,
    @Arg('input', () => AlertRuleInput, { description: 'The settings to try; absent ones come from the saved rule, else the defaults.' }) input: AlertRuleInput,
    @Arg('ruleId', () => ID, { nullable: true, description: 'A saved rule whose settings fill the ones input leaves out.' }) ruleId?: string,
  ): Promise<AlertRulePreview> {
    return toRulePreviewType(await service(ctx).preview(ctx.deps.analytics, input, ruleId ?? undefined));
  }

  @Authorized(Rule.followUp)
  @Mutation(() => AlertType, { description: 'Someone is on it: OPEN → ACKNOWLEDGED. The alert still closes by itself when the dip resolves.' })
  async acknowledgeAlert(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<AlertType> {
    return toAlertType(await service(ctx).acknowledge(id, requireCaller(ctx)), minCellCustomersFor(ctx));
  }

  @Authorized(Rule.administer)
  @Mutation(() => AlertRuleType, { description: 'A new rule; unset settings take the defaults (28-day window, 180-day baseline, z 1.96 with Bonferroni, n >= 30, SLA 2 days).' })
  async createAlertRule(@Ctx() ctx: Context, @Arg('input', () => AlertRuleInput) input: AlertRuleInput): Promise<AlertRuleType> {
    return toAlertRuleType(await service(ctx).createRule(input, requireCaller(ctx)));
  }

  @Authorized(Rule.administer)
  @Mutation(() => AlertRuleType, { description: 'Changes a rule; the next check (periodic, or after an import) applies it.' })
  async updateAlertRule(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => AlertRuleInput) input: AlertRuleInput,
  ): Promise<AlertRuleType> {
    return toAlertRuleType(await service(ctx).updateRule(id, input, requireCaller(ctx)));
  }

  @FieldResolver(() => AlertRuleType)
  async rule(@Root() alert: AlertType): Promise<AlertRuleType | null> {
    const rule = await loadRef(alert.rule);
    return rule ? toAlertRuleType(rule) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Who acknowledged the alert.' })
  async acknowledgedByName(@Root() alert: AlertType, @Ctx() ctx: Context): Promise<string | null> {
    if (!alert.acknowledgedBy) return null;
    return (await usersById(ctx).load(alert.acknowledgedBy.id))?.name ?? null;
  }

  @FieldResolver(() => Touchpoint, { nullable: true, description: 'For TOUCHPOINT alerts: the touchpoint (owner, responsible).' })
  touchpoint(@Root() alert: AlertType, @Ctx() ctx: Context): Promise<Touchpoint | null> {
    return alert.scope === AlertScope.TOUCHPOINT ? touchpointsByCode(ctx).load(alert.scopeCode) : Promise.resolve(null);
  }
}
