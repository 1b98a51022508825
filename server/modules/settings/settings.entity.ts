import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';

/** Company-wide settings: one row (id 1), created with the defaults on first read. */
@Entity({ tableName: 'company_settings' })
export class CompanySettings {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id: number & Opt = 1;

  /** ISO 4217 code every amount is shown in (the profitability data's currency). */
  @Property({ type: 'string', length: 3 })
  currency: string & Opt = 'DKK';

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
