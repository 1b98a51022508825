import { Migration } from '@mikro-orm/migrations';

export class Migration20261206060851 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "company_settings" ("id" int not null default 1, "currency" varchar(3) not null default 'DKK', "updated_at" timestamptz not null, constraint "company_settings_pkey" primary key ("id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "company_settings" cascade;`);
  }

}
