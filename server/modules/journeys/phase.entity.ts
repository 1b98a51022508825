import { Collection, Entity, Index, ManyToOne, OneToMany, Property, type Opt, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import type { Journey } from './journey.entity.js';
import type { Touchpoint } from './touchpoint.entity.js';

/** A step of the journey, with what the customer does, thinks and feels (source 001 #6: these come before touchpoints). */
// simpleResolvers: up to hundreds per map request, plain entity fields (npm run bench, bench/README.md).
@ObjectType({ simpleResolvers: true })
@Entity()
@Index({ properties: ['journey', 'position'] })
export class Phase extends BaseEntity {
  @ManyToOne('Journey', { deleteRule: 'cascade' })
  journey!: Rel<Journey>;

  @Field(() => Int, { description: 'Order within the journey, from 0.' })
  @Property()
  position!: number;

  @Field()
  @Property()
  name!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  description: string & Opt = '';

  @Field(() => [String], { description: 'What the customer does.' })
  @Property({ type: 'json' })
  actions: string[] & Opt = [];

  @Field(() => [String], { description: 'What the customer thinks.' })
  @Property({ type: 'json' })
  thoughts: string[] & Opt = [];

  @Field(() => [String], { description: 'Feelings in the customer\'s words.' })
  @Property({ type: 'json' })
  feelings: string[] & Opt = [];

  @Field(() => Int, { description: 'Documented emotion from the workshop, -2 (very negative) to +2 (very positive).' })
  @Property({ type: 'smallint' })
  emotion: number & Opt = 0;

  @OneToMany<Touchpoint, Phase>('Touchpoint', 'phase', { orderBy: { position: 'asc' }, orphanRemoval: true })
  touchpoints = new Collection<Touchpoint>(this);
}
