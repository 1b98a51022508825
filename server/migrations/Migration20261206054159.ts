import { Migration } from '@mikro-orm/migrations';

/**
 * Follow-up cases keep the SLA that applies to them (days and the rule's name), how they ended
 * (outcome and reason) and a contact log. Cases opened before are given the strictest enabled rule's
 * SLA (or the 2-day default), and the due date becomes the answer's time plus that SLA, so a case for
 * an old answer shows as overdue instead of "due in 2 days".
 */
export class Migration20261206054159 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "follow_up_case" add column "sla_days" smallint null, add column "sla_rule" varchar(255) null, add column "outcome" text check ("outcome" in ('RESOLVED', 'REACHED', 'NOT_REACHED')) null, add column "outcome_reason" text null, add column "contacts" jsonb not null default '[]';`);
    this.addSql(`alter table "follow_up_case" alter column "contacts" drop default;`);
    this.addSql(`update "follow_up_case" set "sla_days" = coalesce((select min("sla_days") from "alert_rule" where "enabled"), 2), "sla_rule" = (select "name" from "alert_rule" where "enabled" order by "sla_days", "name" limit 1);`);
    this.addSql(`update "follow_up_case" set "due_at" = "responded_at" + "sla_days" * interval '1 day';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "follow_up_case" drop column "sla_days", drop column "sla_rule", drop column "outcome", drop column "outcome_reason", drop column "contacts";`);
  }

}
