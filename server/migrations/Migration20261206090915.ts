import { Migration } from '@mikro-orm/migrations';

export class Migration20261206090915 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "company_settings" add column "comment_retention_months" smallint null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "company_settings" drop column "comment_retention_months";`);
  }

}
