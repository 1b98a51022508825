import { Entity, Enum, Property, Unique, type Opt } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Channel } from '../journeys/journey.enums.js';

/** A customer segment; journeys and every metric can be split by it (sources 001 #2, 002). */
@ObjectType({ description: 'A customer segment. `code` is the value customer data uses for it.' })
@Entity()
export class Persona extends BaseEntity {
  @Field()
  @Property()
  name!: string;

  @Field({ description: 'Unique code used in customer data (customers.persona_code).' })
  @Property()
  @Unique()
  code!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  description: string & Opt = '';

  @Field(() => [String], { description: 'Needs and goals.' })
  @Property({ type: 'json' })
  needs: string[] & Opt = [];

  @Field(() => [String])
  @Property({ type: 'json' })
  behaviours: string[] & Opt = [];

  @Field(() => [Channel])
  @Enum({ items: () => Channel, array: true })
  preferredChannels: Channel[] & Opt = [];
}
