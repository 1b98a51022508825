import { Cron } from 'croner';
import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Rule } from '../../auth/rules.js';
import { loadConfig, type NotifyConfig } from '../../config.js';
import { requireCaller, type Context } from '../../context.js';
import type { NotificationSettings } from './notification.entity.js';
import { AppError } from '../../common/errors.js';
import { Role } from '../users/user.enums.js';
import { buildDigest, digestEmail, digestKindOf } from './digest.js';
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
    return toSettingsType(await new NotificationService(ctx.em).settings(caller), caller.email, notifyConfig(ctx));
  }

  @Authorized(Rule.readModel)
  @Mutation(() => NotificationSettingsType, { description: 'Changes your own notification settings.' })
  async updateMyNotificationSettings(@Ctx() ctx: Context, @Arg('input', () => NotificationSettingsInput, { description: 'What you want to be told about and how often; a setting left out keeps its current value.' }) input: NotificationSettingsInput): Promise<NotificationSettingsType> {
    const caller = requireCaller(ctx);
    return toSettingsType(await new NotificationService(ctx.em).updateSettings(caller, input), caller.email, notifyConfig(ctx));
  }

  @Authorized(Rule.readModel)
  @Query(() => DigestPreview, { description: "Your weekly digest as it would be sent now. Admins may preview any role's digest." })
  async weeklyDigestPreview(
    @Ctx() ctx: Context,
    @Arg('kind', () => DigestKindEnum, { nullable: true, description: "Which digest (admins only); default your role's." }) kind?: keyof typeof DigestKindEnum,
  ): Promise<DigestPreview> {
    const caller = requireCaller(ctx);
    const own = digestKindOf(caller.role);
    if (kind && kind !== own && caller.role !== Role.ADMIN) {
      throw new AppError('FORBIDDEN', `kind: your role ${caller.role} gets the ${own} digest; only admins preview the others.`, { field: 'kind' });
    }
    const digest = await buildDigest(ctx.deps, caller, kind ?? own, notifyConfig(ctx).publicUrl);
    const email = digestEmail(digest, 'data');
    return { kind: digest.kind, subject: email.subject, html: email.html, text: email.text, chartOption: digest.chartOption ? JSON.stringify(digest.chartOption) : null, chartLabel: digest.chartLabel, link: digest.link };
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
    return (await new NotificationService(ctx.em).endpoints()).map(toEndpointType);
  }

  @Authorized(Rule.administer)
  @Mutation(() => CreatedWebhookEndpoint, { description: 'Adds a webhook endpoint and returns its signing secret (shown only now).' })
  async createWebhookEndpoint(@Ctx() ctx: Context, @Arg('input', () => WebhookEndpointInput, { description: 'The receiving address, the payload style and what it may receive.' }) input: WebhookEndpointInput): Promise<CreatedWebhookEndpoint> {
    const { endpoint, secret } = await new NotificationService(ctx.em).createEndpoint(requireCaller(ctx), input);
    return { endpoint: toEndpointType(endpoint), secret };
  }

  @Authorized(Rule.administer)
  @Mutation(() => WebhookEndpointType, { description: 'Changes a webhook endpoint (its secret stays).' })
  async updateWebhookEndpoint(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'The endpoint to change.' }) id: string,
    @Arg('input', () => WebhookEndpointInput, { description: 'The endpoint settings to store in place of the current ones.' }) input: WebhookEndpointInput,
  ): Promise<WebhookEndpointType> {
    return toEndpointType(await new NotificationService(ctx.em).updateEndpoint(requireCaller(ctx), id, input));
  }

  @Authorized(Rule.administer)
  @Mutation(() => CreatedWebhookEndpoint, { description: 'Gives a webhook endpoint a new signing secret, returned only now; messages are signed with it from now on and the old secret stops working.' })
  async rotateWebhookEndpointSecret(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'The endpoint whose secret to replace.' }) id: string): Promise<CreatedWebhookEndpoint> {
    const { endpoint, secret } = await new NotificationService(ctx.em).rotateSecret(requireCaller(ctx), id);
    return { endpoint: toEndpointType(endpoint), secret };
  }

  @Authorized(Rule.administer)
  @Mutation(() => ID, { description: 'Removes a webhook endpoint; its deliveries stay in the log.' })
  deleteWebhookEndpoint(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'The endpoint to remove.' }) id: string): Promise<string> {
    return new NotificationService(ctx.em).deleteEndpoint(requireCaller(ctx), id);
  }

  @Authorized(Rule.administer)
  @Query(() => NotificationDeliveryPage, { description: 'The delivery log: every e-mail and webhook message with its attempts, newest first.' })
  notificationDeliveries(@Ctx() ctx: Context, @Args(() => DeliveryLogArgs) args: DeliveryLogArgs): Promise<NotificationDeliveryPage> {
    return new NotificationService(ctx.em).deliveries(args);
  }

  @Authorized(Rule.administer)
  @Mutation(() => NotificationDeliveryType, { description: 'Sends a delivered, failed or skipped message again, as a new log entry.' })
  replayNotificationDelivery(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'The message to send again.' }) id: string): Promise<NotificationDeliveryType> {
    return new NotificationService(ctx.em).replay(requireCaller(ctx), id);
  }
}
