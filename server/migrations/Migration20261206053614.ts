import { Migration } from '@mikro-orm/migrations';

export class Migration20261206053614 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "import_run" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "kind" varchar(255) not null, "target_table" varchar(255) not null, "mode" varchar(255) not null, "file" text not null, "mapping" jsonb not null, "mapping_name" varchar(255) null, "user_id" uuid null, "user_name" varchar(255) null, "started_at" timestamptz not null, "finished_at" timestamptz null, "status" text check ("status" in ('IMPORTED', 'FAILED', 'UNDONE')) not null, "rows" int not null default 0, "source_rows" int not null default 0, "problems" int not null default 0, "error_code" varchar(255) null, "cases_opened" int not null default 0, "undone_at" timestamptz null, "undone_by_id" uuid null, constraint "import_run_pkey" primary key ("id"));`);
    this.addSql(`create index "import_run_target_table_started_at_index" on "import_run" ("target_table", "started_at");`);

    this.addSql(`create table "import_mapping" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(255) not null, "kind" varchar(255) not null, "mapping" jsonb not null, "saved_by_id" uuid null, constraint "import_mapping_pkey" primary key ("id"));`);
    this.addSql(`alter table "import_mapping" add constraint "import_mapping_name_unique" unique ("name");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "import_run" cascade;`);

    this.addSql(`drop table if exists "import_mapping" cascade;`);
  }

}
