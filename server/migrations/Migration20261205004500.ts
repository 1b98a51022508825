import { Migration } from '@mikro-orm/migrations';

/**
 * Share targets (retention, promoter share) are fractions 0..1, as the target service accepts and the
 * analytics compute them. The demo seed stored its retention target in percent (87 → 92); a database
 * seeded before the fix gets its share targets stated as fractions.
 */
export class Migration20261205004500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`update "target" set "baseline" = "baseline" / 100, "target_value" = "target_value" / 100 where "metric" in ('RETENTION', 'PROMOTER_SHARE') and greatest(abs("baseline"), abs("target_value")) > 1 and greatest(abs("baseline"), abs("target_value")) <= 100;`);
  }

  override async down(): Promise<void> {
    // Nothing to undo: fractions are valid targets on both sides of this migration.
  }

}
