import { Entity, Enum, Index, ManyToOne, Property, type Opt, type Rel } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import type { User } from '../users/user.entity.js';

export enum AlertScope {
  TOUCHPOINT = 'TOUCHPOINT',
  PHASE = 'PHASE',
  PERSONA = 'PERSONA',
  UNIT = 'UNIT',
}
export enum AlertStatus {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  CLOSED = 'CLOSED',
}
/** How the threshold is applied when one check tests many scopes (e.g. ~45 touchpoints) at once. */
export enum MultipleComparisons {
  /** zThreshold sets the family-wise level of one check; each scope is tested at that level divided by the number of scopes tested. */
  BONFERRONI = 'BONFERRONI',
  /** Each scope is tested at zThreshold on its own (PRODUCT.md's test as is; expect chance alarms across many scopes). */
  NONE = 'NONE',
}
registerEnumType(AlertScope, { name: 'AlertScope' });
registerEnumType(AlertStatus, { name: 'AlertStatus' });
registerEnumType(MultipleComparisons, { name: 'MultipleComparisons' });

/** "Måling og varsling" (source 004): watch a metric per scope and raise an alert on a significant drop. */
@Entity()
export class AlertRule extends BaseEntity {
  @Property()
  name!: string;

  @Enum(() => AlertScope)
  scope: AlertScope & Opt = AlertScope.TOUCHPOINT;

  /** Days in the recent window compared with the baseline. */
  @Property({ type: 'integer' })
  windowDays: number & Opt = 28;

  /** Days before the window that form the baseline. */
  @Property({ type: 'integer' })
  baselineDays: number & Opt = 180;

  /** z threshold of the two-sample NPS test (PRODUCT.md): 1.96 = 95%. */
  @Property({ type: 'double' })
  zThreshold: number & Opt = 1.96;

  @Property({ type: 'integer' })
  minN: number & Opt = 30;

  @Enum(() => MultipleComparisons)
  multipleComparisons: MultipleComparisons & Opt = MultipleComparisons.BONFERRONI;

  /** Open THANK follow-up cases for promoters as well. */
  @Property({ type: 'boolean' })
  thankPromoters: boolean & Opt = false;

  /** Days to contact a customer (follow-up SLA). */
  @Property({ type: 'integer' })
  slaDays: number & Opt = 2;

  @Property({ type: 'boolean' })
  enabled: boolean & Opt = true;
}

/** A raised alert with the evidence behind it (both NPS values with n and interval, and z). */
@Entity()
// At most one OPEN or ACKNOWLEDGED alert per rule and scope, even when two checks run at once.
@Index({
  name: 'alert_active_unique',
  expression: `create unique index "alert_active_unique" on "alert" ("rule_id", "scope", "scope_code") where "status" in ('OPEN', 'ACKNOWLEDGED')`,
})
export class Alert extends BaseEntity {
  @ManyToOne('AlertRule', { deleteRule: 'cascade' })
  rule!: Rel<AlertRule>;

  @Enum(() => AlertScope)
  scope!: AlertScope;

  @Property()
  scopeCode!: string;

  @Enum(() => AlertStatus)
  status: AlertStatus & Opt = AlertStatus.OPEN;

  @Property({ type: 'json' })
  evidence!: Record<string, unknown>;

  @Property({ type: 'datetime' })
  raisedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  acknowledgedAt?: Date;

  @ManyToOne('User', { nullable: true, deleteRule: 'set null' })
  acknowledgedBy?: Rel<User>;

  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date;

  /** The check that closed the alert (same shape as evidence), when the dip was no longer significant. */
  @Property({ type: 'json', nullable: true })
  resolution?: Record<string, unknown>;
}
