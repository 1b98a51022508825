import { Migration } from '@mikro-orm/migrations';

export class Migration20261122221229 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "scenario" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(255) not null, "description" text not null default '', "author_id" uuid null, "inputs" jsonb not null, constraint "scenario_pkey" primary key ("id"));`);

    this.addSql(`alter table "scenario" add constraint "scenario_author_id_foreign" foreign key ("author_id") references "user" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "scenario" cascade;`);
  }

}
