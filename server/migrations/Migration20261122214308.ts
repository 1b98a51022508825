import { Migration } from '@mikro-orm/migrations';

export class Migration20261122214308 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "alert_rule" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(255) not null, "scope" text check ("scope" in ('TOUCHPOINT', 'PHASE', 'PERSONA', 'UNIT')) not null default 'TOUCHPOINT', "window_days" int not null default 28, "baseline_days" int not null default 180, "z_threshold" double precision not null default 1.96, "min_n" int not null default 30, "thank_promoters" boolean not null default false, "sla_days" int not null default 2, "enabled" boolean not null default true, constraint "alert_rule_pkey" primary key ("id"));`);

    this.addSql(`create table "alert" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "rule_id" uuid not null, "scope" text check ("scope" in ('TOUCHPOINT', 'PHASE', 'PERSONA', 'UNIT')) not null, "scope_code" varchar(255) not null, "status" text check ("status" in ('OPEN', 'ACKNOWLEDGED', 'CLOSED')) not null default 'OPEN', "evidence" jsonb not null, "raised_at" timestamptz not null, "closed_at" timestamptz null, constraint "alert_pkey" primary key ("id"));`);

    this.addSql(`create table "audit_event" ("id" bigserial primary key, "at" timestamptz not null, "user_id" uuid null, "action" varchar(255) not null, "customer_id" varchar(255) null, "detail" jsonb not null);`);
    this.addSql(`create index "audit_event_customer_id_index" on "audit_event" ("customer_id");`);
    this.addSql(`create index "audit_event_at_index" on "audit_event" ("at");`);

    this.addSql(`create table "department" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(255) not null, "description" text not null default '', constraint "department_pkey" primary key ("id"));`);
    this.addSql(`alter table "department" add constraint "department_name_unique" unique ("name");`);

    this.addSql(`create table "initiative" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "title" varchar(255) not null, "description" text not null default '', "department_id" uuid null, "track" text check ("track" in ('IMPROVE_EXISTING', 'NEW_ELEMENT')) not null default 'IMPROVE_EXISTING', "status" text check ("status" in ('IDEA', 'PLANNED', 'IN_PROGRESS', 'DONE')) not null default 'IDEA', "one_off_cost" double precision not null default 0, "yearly_cost" double precision not null default 0, "expected_effect" jsonb null, "feasibility" smallint not null default 3, "effect_rating" smallint not null default 3, "start_date" date null, "end_date" date null, constraint "initiative_pkey" primary key ("id"));`);

    this.addSql(`create table "persona" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(255) not null, "code" varchar(255) not null, "description" text not null default '', "needs" jsonb not null, "behaviours" jsonb not null, "preferred_channels" text[] not null, constraint "persona_pkey" primary key ("id"));`);
    this.addSql(`alter table "persona" add constraint "persona_code_unique" unique ("code");`);

    this.addSql(`create table "journey" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(255) not null, "description" text not null default '', "purpose" text check ("purpose" in ('DOCUMENT', 'UNDERSTAND', 'DEFINE_ROLES', 'OPTIMISE')) not null default 'UNDERSTAND', "state" text check ("state" in ('AS_IS', 'TO_BE')) not null default 'AS_IS', "improves_id" uuid null, "persona_id" uuid null, "owner" varchar(255) not null default '', "sponsor" varchar(255) not null default '', constraint "journey_pkey" primary key ("id"));`);

    this.addSql(`create table "phase" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "journey_id" uuid not null, "position" int not null, "name" varchar(255) not null, "description" text not null default '', "actions" jsonb not null, "thoughts" jsonb not null, "feelings" jsonb not null, "emotion" smallint not null default 0, constraint "phase_pkey" primary key ("id"));`);
    this.addSql(`create index "phase_journey_id_position_index" on "phase" ("journey_id", "position");`);

    this.addSql(`create table "touchpoint" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "phase_id" uuid not null, "position" int not null, "name" varchar(255) not null, "code" varchar(255) null, "channel" text check ("channel" in ('WEB', 'LANDING_PAGE', 'APP', 'EMAIL', 'SMS', 'SOCIAL', 'CHAT', 'PHONE', 'LETTER', 'FACE_TO_FACE', 'PARTNER', 'ADVERTISING')) not null, "online" boolean not null, "direct" boolean not null, "department_id" uuid null, "responsible" varchar(255) not null default '', "purpose" text not null default '', "kpis" jsonb not null, "functional_elements" jsonb not null, "emotional_elements" jsonb not null, "critical" boolean not null default false, "difficult" boolean not null default false, "based_on_id" uuid null, constraint "touchpoint_pkey" primary key ("id"));`);
    this.addSql(`alter table "touchpoint" add constraint "touchpoint_code_unique" unique ("code");`);
    this.addSql(`create index "touchpoint_phase_id_position_index" on "touchpoint" ("phase_id", "position");`);

    this.addSql(`create table "target" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(255) not null, "metric" text check ("metric" in ('NPS', 'CSAT', 'RETENTION', 'PROMOTER_SHARE', 'TOUCHPOINT_KPI')) not null, "scope" text check ("scope" in ('COMPANY', 'JOURNEY', 'PERSONA', 'TOUCHPOINT')) not null default 'COMPANY', "journey_id" uuid null, "persona_id" uuid null, "touchpoint_id" uuid null, "kpi_name" varchar(255) null, "baseline" double precision not null, "baseline_date" date not null, "target_value" double precision not null, "due_date" date not null, constraint "target_pkey" primary key ("id"));`);

    this.addSql(`create table "initiative_touchpoints" ("initiative_id" uuid not null, "touchpoint_id" uuid not null, constraint "initiative_touchpoints_pkey" primary key ("initiative_id", "touchpoint_id"));`);

    this.addSql(`create table "user" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "email" varchar(255) not null, "name" varchar(255) not null, "role" text check ("role" in ('ADMIN', 'STRATEGIST', 'ANALYST', 'EXECUTIVE')) not null, "department_id" uuid null, "password_hash" varchar(255) not null, "active" boolean not null default true, constraint "user_pkey" primary key ("id"));`);
    this.addSql(`alter table "user" add constraint "user_email_unique" unique ("email");`);

    this.addSql(`create table "follow_up_case" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "response_id" varchar(255) not null, "customer_id" varchar(255) not null, "touchpoint_code" varchar(255) null, "kind" text check ("kind" in ('RECOVER', 'THANK')) not null, "status" text check ("status" in ('OPEN', 'CONTACTED', 'RESOLVED', 'CLOSED_NO_ACTION')) not null default 'OPEN', "department_id" uuid null, "assignee_id" uuid null, "notes" jsonb not null, "responded_at" timestamptz not null, "due_at" timestamptz not null, "contacted_at" timestamptz null, "resolved_at" timestamptz null, constraint "follow_up_case_pkey" primary key ("id"));`);
    this.addSql(`alter table "follow_up_case" add constraint "follow_up_case_response_id_unique" unique ("response_id");`);
    this.addSql(`create index "follow_up_case_customer_id_index" on "follow_up_case" ("customer_id");`);
    this.addSql(`create index "follow_up_case_status_due_at_index" on "follow_up_case" ("status", "due_at");`);

    this.addSql(`create table "credential" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "user_id" uuid not null, "kind" text check ("kind" in ('SESSION', 'API_TOKEN')) not null, "name" varchar(255) not null default '', "secret_hash" varchar(255) not null, "expires_at" timestamptz null, "revoked_at" timestamptz null, "last_used_at" timestamptz null, constraint "credential_pkey" primary key ("id"));`);
    this.addSql(`alter table "credential" add constraint "credential_secret_hash_unique" unique ("secret_hash");`);

    this.addSql(`alter table "alert" add constraint "alert_rule_id_foreign" foreign key ("rule_id") references "alert_rule" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "initiative" add constraint "initiative_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "journey" add constraint "journey_improves_id_foreign" foreign key ("improves_id") references "journey" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "journey" add constraint "journey_persona_id_foreign" foreign key ("persona_id") references "persona" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "phase" add constraint "phase_journey_id_foreign" foreign key ("journey_id") references "journey" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "touchpoint" add constraint "touchpoint_phase_id_foreign" foreign key ("phase_id") references "phase" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "touchpoint" add constraint "touchpoint_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "touchpoint" add constraint "touchpoint_based_on_id_foreign" foreign key ("based_on_id") references "touchpoint" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "target" add constraint "target_journey_id_foreign" foreign key ("journey_id") references "journey" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "target" add constraint "target_persona_id_foreign" foreign key ("persona_id") references "persona" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "target" add constraint "target_touchpoint_id_foreign" foreign key ("touchpoint_id") references "touchpoint" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "initiative_touchpoints" add constraint "initiative_touchpoints_initiative_id_foreign" foreign key ("initiative_id") references "initiative" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "initiative_touchpoints" add constraint "initiative_touchpoints_touchpoint_id_foreign" foreign key ("touchpoint_id") references "touchpoint" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "user" add constraint "user_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "follow_up_case" add constraint "follow_up_case_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "follow_up_case" add constraint "follow_up_case_assignee_id_foreign" foreign key ("assignee_id") references "user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "credential" add constraint "credential_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "alert" drop constraint "alert_rule_id_foreign";`);

    this.addSql(`alter table "initiative" drop constraint "initiative_department_id_foreign";`);

    this.addSql(`alter table "touchpoint" drop constraint "touchpoint_department_id_foreign";`);

    this.addSql(`alter table "user" drop constraint "user_department_id_foreign";`);

    this.addSql(`alter table "follow_up_case" drop constraint "follow_up_case_department_id_foreign";`);

    this.addSql(`alter table "initiative_touchpoints" drop constraint "initiative_touchpoints_initiative_id_foreign";`);

    this.addSql(`alter table "journey" drop constraint "journey_persona_id_foreign";`);

    this.addSql(`alter table "target" drop constraint "target_persona_id_foreign";`);

    this.addSql(`alter table "journey" drop constraint "journey_improves_id_foreign";`);

    this.addSql(`alter table "phase" drop constraint "phase_journey_id_foreign";`);

    this.addSql(`alter table "target" drop constraint "target_journey_id_foreign";`);

    this.addSql(`alter table "touchpoint" drop constraint "touchpoint_phase_id_foreign";`);

    this.addSql(`alter table "touchpoint" drop constraint "touchpoint_based_on_id_foreign";`);

    this.addSql(`alter table "target" drop constraint "target_touchpoint_id_foreign";`);

    this.addSql(`alter table "initiative_touchpoints" drop constraint "initiative_touchpoints_touchpoint_id_foreign";`);

    this.addSql(`alter table "follow_up_case" drop constraint "follow_up_case_assignee_id_foreign";`);

    this.addSql(`alter table "credential" drop constraint "credential_user_id_foreign";`);

    this.addSql(`drop table if exists "alert_rule" cascade;`);

    this.addSql(`drop table if exists "alert" cascade;`);

    this.addSql(`drop table if exists "audit_event" cascade;`);

    this.addSql(`drop table if exists "department" cascade;`);

    this.addSql(`drop table if exists "initiative" cascade;`);

    this.addSql(`drop table if exists "persona" cascade;`);

    this.addSql(`drop table if exists "journey" cascade;`);

    this.addSql(`drop table if exists "phase" cascade;`);

    this.addSql(`drop table if exists "touchpoint" cascade;`);

    this.addSql(`drop table if exists "target" cascade;`);

    this.addSql(`drop table if exists "initiative_touchpoints" cascade;`);

    this.addSql(`drop table if exists "user" cascade;`);

    this.addSql(`drop table if exists "follow_up_case" cascade;`);

    this.addSql(`drop table if exists "credential" cascade;`);
  }

}
