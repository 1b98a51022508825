import { Entity, ManyToOne, Property, type Opt, type Rel } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import type { User } from '../users/user.entity.js';

/**
 * A saved business-case scenario (issue: executives reopen the exact case a strategist made). Only the
 * inputs are stored; the result is recomputed on the current data and shows the date of that data.
 */
@ObjectType({ description: 'A saved business-case scenario: its inputs; the case is recomputed on the current data when read.' })
@Entity()
export class Scenario extends BaseEntity {
  @Field()
  @Property()
  name!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  description: string & Opt = '';

  @ManyToOne('User', { nullable: true, deleteRule: 'set null' })
  author?: Rel<User>;

  /** The scenario input as given (BusinessCaseScenarioInput), validated when saved. */
  @Property({ type: 'json' })
  inputs!: Record<string, unknown>;
}
