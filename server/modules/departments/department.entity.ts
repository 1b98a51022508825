import { Entity, Property, Unique, type Opt } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';

/** An organisational silo that owns touchpoints and initiatives (source 001 #3). */
// simpleResolvers: up to hundreds per map request, plain entity fields (npm run bench, bench/README.md).
@ObjectType({ simpleResolvers: true })
@Entity()
export class Department extends BaseEntity {
  @Field()
  @Property()
  @Unique()
  name!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  description: string & Opt = '';
}
