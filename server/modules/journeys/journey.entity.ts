import { Collection, Entity, Enum, ManyToOne, OneToMany, Property, type Opt, type Rel } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import type { Persona } from '../personas/persona.entity.js';
import { JourneyPurpose, JourneyState } from './journey.enums.js';
import type { Phase } from './phase.entity.js';

/**
 * A customer journey for one persona (or all customers). Relations (persona, phases, improves)
 * are GraphQL field resolvers in journey.resolver.ts, batched per request.
 */
@ObjectType()
@Entity()
export class Journey extends BaseEntity {
  @Field()
  @Property()
  name!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  description: string & Opt = '';

  @Field(() => JourneyPurpose)
  @Enum(() => JourneyPurpose)
  purpose: JourneyPurpose & Opt = JourneyPurpose.UNDERSTAND;

  @Field(() => JourneyState)
  @Enum(() => JourneyState)
  state: JourneyState & Opt = JourneyState.AS_IS;

  /** The as-is journey this to-be journey improves (source 001 #4). */
  @ManyToOne('Journey', { nullable: true, deleteRule: 'set null' })
  improves?: Rel<Journey>;

  /** null = all customers. */
  @ManyToOne('Persona', { nullable: true, deleteRule: 'set null' })
  persona?: Rel<Persona>;

  @Field(() => String, { description: 'Journey owner: the person who keeps the map alive across departments.' })
  @Property({ type: 'string' })
  owner: string & Opt = '';

  @Field(() => String, { description: 'Executive sponsor: the manager who backs the work on this journey.' })
  @Property({ type: 'string' })
  sponsor: string & Opt = '';

  @OneToMany<Phase, Journey>('Phase', 'journey', { orderBy: { position: 'asc' }, orphanRemoval: true })
  phases = new Collection<Phase>(this);
}
