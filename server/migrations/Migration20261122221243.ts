import { Migration } from '@mikro-orm/migrations';

export class Migration20261122221243 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "alert_rule" add column "multiple_comparisons" text check ("multiple_comparisons" in ('BONFERRONI', 'NONE')) not null default 'BONFERRONI';`);

    this.addSql(`alter table "follow_up_case" add column "ltr" smallint not null, add column "persona_code" varchar(255) null, add column "unit_code" varchar(255) null, add column "customer_value" double precision null;`);
    this.addSql(`create index "follow_up_case_responded_at_index" on "follow_up_case" ("responded_at");`);
    this.addSql(`create index "follow_up_case_department_id_status_index" on "follow_up_case" ("department_id", "status");`);

    this.addSql(`alter table "alert" add column "acknowledged_at" timestamptz null, add column "acknowledged_by_id" uuid null, add column "resolution" jsonb null;`);
    this.addSql(`alter table "alert" add constraint "alert_acknowledged_by_id_foreign" foreign key ("acknowledged_by_id") references "user" ("id") on update cascade on delete set null;`);
    this.addSql(`create unique index "alert_active_unique" on "alert" ("rule_id", "scope", "scope_code") where "status" in ('OPEN', 'ACKNOWLEDGED');`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "alert" drop constraint "alert_acknowledged_by_id_foreign";`);

    this.addSql(`drop index "alert_active_unique";`);
    this.addSql(`alter table "alert" drop column "acknowledged_at", drop column "acknowledged_by_id", drop column "resolution";`);

    this.addSql(`alter table "alert_rule" drop column "multiple_comparisons";`);

    this.addSql(`drop index "follow_up_case_responded_at_index";`);
    this.addSql(`drop index "follow_up_case_department_id_status_index";`);
    this.addSql(`alter table "follow_up_case" drop column "ltr", drop column "persona_code", drop column "unit_code", drop column "customer_value";`);
  }

}
