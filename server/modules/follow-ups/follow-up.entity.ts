import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import type { Department } from '../departments/department.entity.js';
import type { User } from '../users/user.entity.js';

/** Close the loop: win back a detractor, or thank a promoter. */
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
/** How a closed case ended; the status follows from it (RESOLVED, or CLOSED_NO_ACTION). */
export enum FollowUpOutcome {
  RESOLVED = 'RESOLVED',
  REACHED = 'REACHED',
  NOT_REACHED = 'NOT_REACHED',
}
/** How the customer was (or was tried to be) reached. */
export enum ContactChannel {
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  SMS = 'SMS',
  MEETING = 'MEETING',
  OTHER = 'OTHER',
}
registerEnumType(FollowUpKind, { name: 'FollowUpKind' });
registerEnumType(FollowUpStatus, { name: 'FollowUpStatus' });
registerEnumType(FollowUpOutcome, {
  name: 'FollowUpOutcome',
  description: 'How a closed follow-up case ended.',
  valuesConfig: {
    RESOLVED: { description: 'The customer was reached and the matter settled; the case becomes RESOLVED.' },
    REACHED: { description: 'The customer was reached but nothing more could or needed to be done; the case becomes CLOSED_NO_ACTION.' },
    NOT_REACHED: { description: 'The customer could not be reached; the case becomes CLOSED_NO_ACTION.' },
  },
});
registerEnumType(ContactChannel, {
  name: 'ContactChannel',
  description: 'How someone contacted, or tried to contact, a customer.',
  valuesConfig: {
    PHONE: { description: 'A phone call.' },
    EMAIL: { description: 'An e-mail.' },
    SMS: { description: 'A text message.' },
    MEETING: { description: 'A meeting in person.' },
    OTHER: { description: 'Any other way.' },
  },
});

@ObjectType({ description: 'One attempt to reach the customer of a follow-up case.' })
export class FollowUpContact {
  @Field(() => Date, { description: 'When the attempt was made.' })
  at!: Date;

  @Field({ description: 'Name of the person who made it.' })
  by!: string;

  @Field(() => ContactChannel, { description: 'How the customer was contacted.' })
  channel!: ContactChannel;

  @Field({ description: 'True when the customer was reached.' })
  reached!: boolean;

  @Field(() => String, { nullable: true, description: 'What was said or why it failed; null if nothing was written.' })
  note?: string | null;
}

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

  /** Days from the answer to the due date: the SLA of the alert rule that opened the case (null: cases from before it was kept). */
  @Property({ type: 'smallint', nullable: true })
  slaDays?: number;

  /** Name of the alert rule whose SLA applies, copied when the case opened; null when no rule was enabled (default SLA). */
  @Property({ nullable: true })
  slaRule?: string;

  @Enum({ items: () => FollowUpOutcome, nullable: true })
  outcome?: FollowUpOutcome;

  @Property({ type: 'text', nullable: true })
  outcomeReason?: string;

  /** Attempts to reach the customer, oldest first (appended in SQL like notes). */
  @Property({ type: 'json' })
  contacts: FollowUpContact[] & Opt = [];
}
