import { Migration } from '@mikro-orm/migrations';

export class Migration20261206095500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "user" add column "show_codes" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "user" drop column "show_codes";`);
  }

}
