import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';

/** Company-wide settings: one row (id 1), created with the defaults on first read. */
@Entity({ tableName: 'company_settings' })
export class CompanySettings {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id: number & Opt = 1;

  /** ISO 4217 code every amount is shown in (the profitability data's currency). */
  @Property({ type: 'string', length: 3 })
  currency: string & Opt = 'DKK';

  /** Comment text older than this many months is removed (the scores stay); null = kept for ever. */
  @Property({ type: 'smallint', nullable: true })
  commentRetentionMonths?: number | null;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
