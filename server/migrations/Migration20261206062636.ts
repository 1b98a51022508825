import { Migration } from '@mikro-orm/migrations';

export class Migration20261206062636 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "identity_provider" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "enabled" boolean not null default false, "display_name" varchar(255) not null default 'company account', "issuer" varchar(255) not null, "client_id" varchar(255) not null, "client_secret" text null, "role_claim" varchar(255) not null default 'roles', "role_mapping" jsonb not null, "default_role" text check ("default_role" in ('ADMIN', 'STRATEGIST', 'ANALYST', 'EXECUTIVE')) null, "department_claim" varchar(255) null, "groups_claim" varchar(255) not null default 'groups', "allowed_groups" jsonb not null, constraint "identity_provider_pkey" primary key ("id"));`);

    this.addSql(`create table "external_identity" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "user_id" uuid not null, "issuer" varchar(255) not null, "subject" varchar(255) not null, constraint "external_identity_pkey" primary key ("id"));`);
    this.addSql(`create index "external_identity_user_id_index" on "external_identity" ("user_id");`);
    this.addSql(`alter table "external_identity" add constraint "external_identity_issuer_subject_unique" unique ("issuer", "subject");`);

    this.addSql(`alter table "external_identity" add constraint "external_identity_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "identity_provider" cascade;`);

    this.addSql(`drop table if exists "external_identity" cascade;`);
  }

}
