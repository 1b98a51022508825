import { Migration } from '@mikro-orm/migrations';

export class Migration20261206084556 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "user" add column "language" text check ("language" in ('EN', 'DA')) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "user" drop column "language";`);
  }

}
