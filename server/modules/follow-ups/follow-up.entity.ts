import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import type { Department } from '../departments/department.entity.js';
import type { User } from '../users/user.entity.js';

/** Close the loop (sources 003, 004): win back a detractor, or thank a promoter. */
export enum FollowUpKind {
  RECOVER = 'RECOVER',
  THANK = 'THANK',
}
export enum FollowUpStatus {
  OPEN = 'OPEN',
  CONTACTED = 'CONTACTED',
  RESOLVED = 'RESOLVED',
  CLOSED_NO_ACTION = 'CLOSED_NO_ACTION',
}
registerEnumType(FollowUpKind, { name: 'FollowUpKind' });
registerEnumType(FollowUpStatus, { name: 'FollowUpStatus' });

@ObjectType()
export class FollowUpNote {
  @Field(() => Date)
  at!: Date;

  @Field()
  author!: string;

  @Field()
  text!: string;
}

/** One customer's response to follow up. The answer itself stays in DuckDB; this holds the work. */
@Entity()
@Index({ properties: ['status', 'dueAt'] })
@Index({ properties: ['department', 'status'] })
export class FollowUpCase extends BaseEntity {
  /** responses.response_id in the analytics store; unique so a case is opened once per response. */
  @Property()
  @Unique()
  responseId!: string;

  @Property()
  @Index()
  customerId!: string;

  @Property({ nullable: true })
  touchpointCode?: string;

  @Enum(() => FollowUpKind)
  kind!: FollowUpKind;

  /** The likelihood-to-recommend (0-10) that opened the case: detractors 0-6 (RECOVER), promoters 9-10 (THANK). */
  @Property({ type: 'smallint' })
  ltr!: number;

  /**
   * Copied from the analytics store when the case opens, so the queue filters by persona and value in
   * the Postgres WHERE (with the department scope) instead of fetching and filtering afterwards.
   */
  @Property({ nullable: true })
  personaCode?: string;

  @Property({ nullable: true })
  unitCode?: string;

  /** The customer's annual contribution margin when the case opened (12 × mean monthly margin over the 12 months up to the answer). */
  @Property({ type: 'double', nullable: true })
  customerValue?: number;

  @Enum(() => FollowUpStatus)
  status: FollowUpStatus & Opt = FollowUpStatus.OPEN;

  @ManyToOne('Department', { nullable: true, deleteRule: 'set null' })
  department?: Rel<Department>;

  @ManyToOne('User', { nullable: true, deleteRule: 'set null' })
  assignee?: Rel<User>;

  @Property({ type: 'json' })
  notes: FollowUpNote[] & Opt = [];

  @Property({ type: 'datetime' })
  @Index()
  respondedAt!: Date;

  @Property({ type: 'datetime' })
  dueAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  contactedAt?: Date;

  @Property({ type: 'datetime', nullable: true })
  resolvedAt?: Date;
}
