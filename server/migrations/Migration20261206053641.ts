import { Migration } from '@mikro-orm/migrations';

/** Notifications: each user's choices, webhook endpoints, and the outbox that is also the delivery log. */
export class Migration20261206053641 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "notification_settings" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "user_id" uuid not null, "alert_raised" text check ("alert_raised" in ('IMMEDIATE', 'DAILY_SUMMARY', 'NEVER')) not null default 'IMMEDIATE', "case_assigned" text check ("case_assigned" in ('IMMEDIATE', 'DAILY_SUMMARY', 'NEVER')) not null default 'IMMEDIATE', "case_overdue" text check ("case_overdue" in ('IMMEDIATE', 'DAILY_SUMMARY', 'NEVER')) not null default 'IMMEDIATE', "weekly_digest" boolean not null default true, constraint "notification_settings_pkey" primary key ("id"));`);
    this.addSql(`alter table "notification_settings" add constraint "notification_settings_user_id_unique" unique ("user_id");`);

    this.addSql(`create table "webhook_endpoint" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(255) not null, "url" varchar(2000) not null, "secret" varchar(255) not null, "events" jsonb not null, "format" text check ("format" in ('JSON', 'CHAT')) not null default 'JSON', "include_personal_data" boolean not null default false, "enabled" boolean not null default true, constraint "webhook_endpoint_pkey" primary key ("id"));`);

    this.addSql(`create table "outbox_message" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "channel" text check ("channel" in ('EMAIL', 'WEBHOOK')) not null, "event" text check ("event" in ('ALERT_RAISED', 'CASE_ASSIGNED', 'CASE_OVERDUE', 'WEEKLY_DIGEST', 'DAILY_SUMMARY')) not null, "recipient" varchar(2000) not null, "user_id" uuid null, "endpoint_id" uuid null, "subject" varchar(1000) not null, "payload" jsonb not null, "status" text check ("status" in ('PENDING', 'SENDING', 'DELIVERED', 'FAILED', 'SKIPPED', 'HELD', 'SUMMARISED')) not null default 'PENDING', "attempts" int not null default 0, "attempt_log" jsonb not null, "next_attempt_at" timestamptz not null, "locked_until" timestamptz null, "delivered_at" timestamptz null, "dedupe_key" varchar(400) null, "replay_of" uuid null, constraint "outbox_message_pkey" primary key ("id"));`);
    this.addSql(`alter table "outbox_message" add constraint "outbox_message_dedupe_key_unique" unique ("dedupe_key");`);
    this.addSql(`create index "outbox_message_created_at_index" on "outbox_message" ("created_at");`);
    this.addSql(`create index "outbox_message_status_next_attempt_at_index" on "outbox_message" ("status", "next_attempt_at");`);

    this.addSql(`alter table "notification_settings" add constraint "notification_settings_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "outbox_message" add constraint "outbox_message_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "outbox_message" add constraint "outbox_message_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoint" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "outbox_message" drop constraint "outbox_message_endpoint_id_foreign";`);

    this.addSql(`drop table if exists "notification_settings" cascade;`);

    this.addSql(`drop table if exists "webhook_endpoint" cascade;`);

    this.addSql(`drop table if exists "outbox_message" cascade;`);
  }

}
