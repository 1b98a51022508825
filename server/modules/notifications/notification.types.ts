import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsOptional, Length, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Language } from '../users/user.enums.js';
import { DeliveryChannel, DeliveryStatus, NotificationEvent, NotificationFrequency, WebhookFormat } from './notification.entity.js';

@ObjectType({ description: "How a user wants to hear about events, and the address the e-mails go to." })
export class NotificationSettingsType {
  @Field({ description: 'The e-mail address notifications are sent to (the sign-in address).' }) email!: string;
  @Field(() => NotificationFrequency, { description: 'Alerts on a drop in NPS.' }) alertRaised!: NotificationFrequency;
  @Field(() => NotificationFrequency, { description: 'A follow-up case given to you.' }) caseAssigned!: NotificationFrequency;
  @Field(() => NotificationFrequency, { description: 'A follow-up case of yours (or of your department, when unassigned) that passed its due time.' })
  caseOverdue!: NotificationFrequency;
  @Field({ description: "Whether the weekly digest for your role comes by e-mail." }) weeklyDigest!: boolean;
  @Field({ description: 'False when the server has no mail server set up: e-mails are then recorded but not sent.' }) emailConfigured!: boolean;
}

@InputType({ description: 'Changes to your notification settings; fields left out stay as they are.' })
export class NotificationSettingsInput {
  @Field(() => NotificationFrequency, { nullable: true, description: 'How often to hear about alerts.' })
  @IsOptional() @IsIn(Object.values(NotificationFrequency))
  alertRaised?: NotificationFrequency;
  @Field(() => NotificationFrequency, { nullable: true, description: 'How often to hear about cases given to you.' })
  @IsOptional() @IsIn(Object.values(NotificationFrequency))
  caseAssigned?: NotificationFrequency;
  @Field(() => NotificationFrequency, { nullable: true, description: 'How often to hear about overdue cases.' })
  @IsOptional() @IsIn(Object.values(NotificationFrequency))
  caseOverdue?: NotificationFrequency;
  @Field({ nullable: true, description: 'Whether to get the weekly digest.' }) @IsOptional() @IsBoolean() weeklyDigest?: boolean;
}

@ObjectType('WebhookEndpoint', { description: 'An address that receives a signed HTTP POST for each event it subscribes to.' })
export class WebhookEndpointType {
  @Field(() => ID, { description: 'The endpoint id.' }) id!: string;
  @Field({ description: 'A name for the admin (e.g. "Customer service channel").' }) name!: string;
  @Field({ description: 'The http(s) address posted to.' }) url!: string;
  @Field(() => [NotificationEvent], { description: 'The events sent to it.' }) events!: NotificationEvent[];
  @Field(() => WebhookFormat, { description: 'The body it receives.' }) format!: WebhookFormat;
  @Field({ description: "Whether people's names and customer ids may be sent to it (off unless an admin allows it)." }) includePersonalData!: boolean;
  @Field({ description: 'Disabled endpoints get nothing.' }) enabled!: boolean;
  @Field(() => Date, { description: 'When it was added.' }) createdAt!: Date;
}

@ObjectType({ description: 'A new webhook endpoint and its signing secret, shown only this once.' })
export class CreatedWebhookEndpoint {
  @Field(() => WebhookEndpointType, { description: 'The endpoint as stored.' }) endpoint!: WebhookEndpointType;
  @Field({
    description: 'The HMAC-SHA256 key. Each POST carries x-touchpoint-timestamp and x-touchpoint-signature = "sha256=" + hex HMAC of "<timestamp>.<body>" with this key.',
  })
  secret!: string;
}

@InputType({ description: 'A webhook endpoint to add or change.' })
export class WebhookEndpointInput {
  @Field({ description: 'A name for the admin, 1-200 characters.' }) @Length(1, 200) name!: string;
  @Field({ description: 'An http:// or https:// address.' }) @MaxLength(2000) url!: string;
  @Field(() => [NotificationEvent], { description: 'At least one of ALERT_RAISED, CASE_ASSIGNED, CASE_OVERDUE.' })
  @ArrayMaxSize(10) @IsIn(Object.values(NotificationEvent), { each: true })
  events!: NotificationEvent[];
  @Field(() => WebhookFormat, { nullable: true, description: 'Default JSON.' }) @IsOptional() @IsIn(Object.values(WebhookFormat)) format?: WebhookFormat;
  @Field({ nullable: true, description: "Send people's names and customer ids too; default false." }) @IsOptional() @IsBoolean() includePersonalData?: boolean;
  @Field({ nullable: true, description: 'Default true.' }) @IsOptional() @IsBoolean() enabled?: boolean;
}

@ObjectType({ description: 'One attempt to deliver a message.' })
export class DeliveryAttempt {
  @Field(() => Date, { description: 'When it was tried.' }) at!: Date;
  @Field({ description: 'Whether the mail server or endpoint accepted it.' }) ok!: boolean;
  @Field(() => Int, { nullable: true, description: 'HTTP status or SMTP reply code, when there was one.' }) status!: number | null;
  @Field({ description: 'The answer or the error, shortened.' }) detail!: string;
}

@ObjectType('NotificationDelivery', { description: 'One message in the delivery log: an e-mail to a user or a POST to a webhook endpoint, with every attempt.' })
export class NotificationDeliveryType {
  @Field(() => ID, { description: 'The message id (also sent as x-touchpoint-delivery to webhooks).' }) id!: string;
  @Field(() => DeliveryChannel, { description: 'E-mail or webhook.' }) channel!: DeliveryChannel;
  @Field(() => NotificationEvent, { description: 'What it is about.' }) event!: NotificationEvent;
  @Field({ description: 'The e-mail address or the endpoint address.' }) recipient!: string;
  @Field(() => String, { nullable: true, description: "The recipient user's name, for e-mails." }) userName!: string | null;
  @Field(() => String, { nullable: true, description: "The endpoint's name, for webhooks (null if it was deleted)." }) endpointName!: string | null;
  @Field({ description: 'The subject or one-line summary.' }) subject!: string;
  @Field(() => Language, { nullable: true, description: "The language the message is written in (the recipient's saved language; webhooks: English); null for a digest or summary logged before it was recorded." })
  language!: Language | null;
  @Field(() => DeliveryStatus, { description: 'Where it is in its delivery.' }) status!: DeliveryStatus;
  @Field(() => Int, { description: 'Attempts so far.' }) attempts!: number;
  @Field(() => [DeliveryAttempt], { description: 'Every attempt, oldest first.' }) attemptLog!: DeliveryAttempt[];
  @Field(() => Date, { description: 'When it was queued.' }) createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When the next attempt is due, while PENDING.' }) nextAttemptAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it was accepted.' }) deliveredAt!: Date | null;
  @Field(() => ID, { nullable: true, description: 'The message this one replays.' }) replayOf!: string | null;
}

@ObjectType({ description: 'A page of the delivery log, newest first.' })
export class NotificationDeliveryPage {
  @Field(() => Int, { description: 'Messages matching the filter.' }) totalCount!: number;
  @Field(() => [NotificationDeliveryType], { description: 'This page.' }) items!: NotificationDeliveryType[];
}

@ArgsType()
export class DeliveryLogArgs {
  @Field(() => [DeliveryStatus], { nullable: true, description: 'Only these statuses.' }) @IsOptional() @ArrayMaxSize(10) status?: DeliveryStatus[];
  @Field(() => DeliveryChannel, { nullable: true, description: 'Only this channel.' }) @IsOptional() channel?: DeliveryChannel;
  @Field(() => ID, { nullable: true, description: 'Only messages to this webhook endpoint.' }) @IsOptional() endpointId?: string;
  @Field(() => NotificationEvent, { nullable: true, description: 'Only messages about this kind of event.' }) @IsOptional() @IsIn(Object.values(NotificationEvent)) event?: NotificationEvent;
  @Field(() => Int, { defaultValue: 50, description: 'Page size, 1-200.' }) @IsInt() @Min(1) @Max(200) first!: number;
  @Field(() => Int, { defaultValue: 0, description: 'Messages to skip (newest first).' }) @IsInt() @Min(0) offset!: number;
}

@ObjectType({ description: 'When scheduled messages go out.' })
export class NotificationSchedule {
  @Field({ description: 'Time zone of the schedules (IANA name).' }) timeZone!: string;
  @Field({ description: 'Cron expression of the weekly digest.' }) weeklyDigestCron!: string;
  @Field({ description: 'Cron expression of the daily summaries.' }) dailySummaryCron!: string;
  @Field(() => Date, { nullable: true, description: 'The next weekly digest run, when this server runs the schedule.' }) nextWeeklyDigest!: Date | null;
  @Field({ description: 'False when no mail server is set up (SMTP_HOST).' }) emailConfigured!: boolean;
}

export const DigestKindEnum = { PROGRAMME: 'PROGRAMME', PRIORITIES: 'PRIORITIES', CASES: 'CASES' } as const;
registerEnumType(DigestKindEnum, {
  name: 'DigestKind',
  description: 'Which weekly digest: each role gets one.',
  valuesConfig: {
    PROGRAMME: { description: 'For executives: NPS with n, interval and trend, targets on and off track, the top initiatives by net present value.' },
    PRIORITIES: { description: 'For strategists and admins: how the touchpoint priorities moved in the week, and new alerts.' },
    CASES: { description: 'For front-line people: their open and overdue follow-up cases.' },
  },
});

@ObjectType({ description: 'A weekly digest as it would be sent now, to preview in the browser.' })
export class DigestPreview {
  @Field(() => DigestKindEnum, { description: 'Which digest this is.' }) kind!: keyof typeof DigestKindEnum;
  @Field({ description: 'The e-mail subject.' }) subject!: string;
  @Field({ description: 'The e-mail as HTML, with its chart embedded as an SVG image.' }) html!: string;
  @Field({ description: 'The plain-text alternative of the e-mail.' }) text!: string;
  @Field(() => String, { nullable: true, description: "The chart's ECharts option as JSON: the page draws the same chart the e-mail carries." }) chartOption!: string | null;
  @Field(() => String, { nullable: true, description: 'What the chart shows, in words (its alternative text).' }) chartLabel!: string | null;
  @Field({ description: 'The page in Touchpoint the digest links to.' }) link!: string;
}
