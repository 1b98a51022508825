import { Cron } from 'croner';
import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Rule } from '../../auth/rules.js';
import { loadConfig, type NotifyConfig } from '../../config.js';
import { requireCaller, type Context } from '../../context.js';
import type { NotificationSettings } from './notification.entity.js';
import { NotificationService, toEndpointType } from './notification.service.js';
import {
  CreatedWebhookEndpoint,
  DeliveryLogArgs,
  DigestKindEnum,
  DigestPreview,
  NotificationDeliveryPage,
  NotificationDeliveryType,
  NotificationSchedule,
  NotificationSettingsInput,
  NotificationSettingsType,
  WebhookEndpointInput,
  WebhookEndpointType,
} from './notification.types.js';

const service = (ctx: Context) => new NotificationService(ctx.em);
const notifyConfig = (ctx: Context): NotifyConfig => ctx.deps.notify ?? loadConfig().notify;

function toSettingsType(s: NotificationSettings, email: string, config: NotifyConfig): NotificationSettingsType {
  return { email, alertRaised: s.alertRaised, caseAssigned: s.caseAssigned, caseOverdue: s.caseOverdue, weeklyDigest: s.weeklyDigest, emailConfigured: Boolean(config.smtpHost) };
}

@Resolver()
export class NotificationResolver {
  @Authorized(Rule.readModel)
  @Query(() => NotificationSettingsType, { description: 'Your notification settings: how often you hear about each kind of event, and the weekly digest.' })
  async myNotificationSettings(@Ctx() ctx: Context): Promise<NotificationSettingsType> {
    const caller = requireCaller(ctx);
    return toSettingsType(await service(ctx).settings(caller), caller.email, notifyConfig(ctx));
  }

  @Authorized(Rule.readModel)
  @Mutation(() => NotificationSettingsType, { description: 'Changes your own notification settings.' })
  async updateMyNotificationSettings(@Ctx() ctx: Context, @Arg('input', () => NotificationSettingsInput, { description: 'What you want to be told about and how often; a setting left out keeps its current value.' }) input: NotificationSettingsInput): Promise<NotificationSettingsType> {
    const caller = requireCaller(ctx);
    return toSettingsType(await service(ctx).updateSettings(caller, input), caller.email, notifyConfig(ctx));
  }

  @Authorized(Rule.readModel)
  @Query(() => DigestPreview, { description: "Your weekly digest as it would be sent now. Admins may preview any role's digest." })
  weeklyDigestPreview(
    @Ctx() ctx: Context,
    @Arg('kind', () => DigestKindEnum, { nullable: true, description: "Which digest (admins only); default your role's." }) kind?: keyof typeof DigestKindEnum,
  ): Promise<DigestPreview> {
    return service(ctx).digestPreview(ctx.deps, requireCaller(ctx), kind, notifyConfig(ctx).publicUrl);
  }

  @Authorized(Rule.administer)
  @Query(() => NotificationSchedule, { description: 'When the weekly digests and daily summaries go out, and whether e-mail is set up.' })
  notificationSchedule(@Ctx() ctx: Context): NotificationSchedule {
    const config = notifyConfig(ctx);
    return {
      timeZone: config.timeZone,
      weeklyDigestCron: config.digestCron,
      dailySummaryCron: config.dailySummaryCron,
      nextWeeklyDigest: new Cron(config.digestCron, { timezone: config.timeZone, paused: true }).nextRun(),
      emailConfigured: Boolean(config.smtpHost),
    };
  }

  @Authorized(Rule.administer)
  @Query(() => [WebhookEndpointType], { description: 'Every webhook endpoint, by name. Secrets are never shown again after creation.' })
  async webhookEndpoints(@Ctx() ctx: Context): Promise<WebhookEndpointType[]> {
    return (await service(ctx).endpoints()).map(toEndpointType);
  }

  @Authorized(Rule.administer)
  @Mutation(() => CreatedWebhookEndpoint, { description: 'Adds a webhook endpoint and returns its signing secret (shown only now).' })
  async createWebhookEndpoint(@Ctx() ctx: Context, @Arg('input', () => WebhookEndpointInput, { description: 'The receiving address, the payload style and what it may receive.' }) input: WebhookEndpointInput): Promise<CreatedWebhookEndpoint> {
    const { endpoint, secret } = await service(ctx).createEndpoint(requireCaller(ctx), input);
    return { endpoint: toEndpointType(endpoint), secret };
  }

  @Authorized(Rule.administer)
  @Mutation(() => WebhookEndpointType, { description: 'Changes a webhook endpoint (its secret stays).' })
  async updateWebhookEndpoint(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'The endpoint to change.' }) id: string,
    @Arg('input', () => WebhookEndpointInput, { description: 'The endpoint settings to store in place of the current ones.' }) input: WebhookEndpointInput,
  ): Promise<WebhookEndpointType> {
    return toEndpointType(await service(ctx).updateEndpoint(requireCaller(ctx), id, input));
  }

  @Authorized(Rule.administer)
  @Mutation(() => CreatedWebhookEndpoint, { description: 'Gives a webhook endpoint a new signing secret, returned only now; messages are signed with it from now on and the old secret stops working.' })
  async rotateWebhookEndpointSecret(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'The endpoint whose secret to replace.' }) id: string): Promise<CreatedWebhookEndpoint> {
    const { endpoint, secret } = await service(ctx).rotateSecret(requireCaller(ctx), id);
    return { endpoint: toEndpointType(endpoint), secret };
  }

  @Authorized(Rule.administer)
  @Mutation(() => ID, { description: 'Removes a webhook endpoint; its deliveries stay in the log.' })
  deleteWebhookEndpoint(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'The endpoint to remove.' }) id: string): Promise<string> {
    return service(ctx).deleteEndpoint(requireCaller(ctx), id);
  }

  @Authorized(Rule.administer)
  @Query(() => NotificationDeliveryPage, { description: 'The delivery log: every e-mail and webhook message with its attempts, newest first.' })
  notificationDeliveries(@Ctx() ctx: Context, @Args(() => DeliveryLogArgs) args: DeliveryLogArgs): Promise<NotificationDeliveryPage> {
    return service(ctx).deliveries(args);
  }

  @Authorized(Rule.administer)
  @Mutation(() => NotificationDeliveryType, { description: 'Sends a delivered, failed or skipped message again, as a new log entry.' })
  replayNotificationDelivery(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'The message to send again.' }) id: string): Promise<NotificationDeliveryType> {
    return service(ctx).replay(requireCaller(ctx), id);
  }
}
