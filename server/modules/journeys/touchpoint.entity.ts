import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import type { Department } from '../departments/department.entity.js';
import { Channel } from './journey.enums.js';
import type { Phase } from './phase.entity.js';

/** A measurable goal of a touchpoint (source 004: KPIs with targets, e.g. answer time, delivery reliability). */
@ObjectType()
export class TouchpointKpi {
  @Field({ description: 'KPI name, as touchpoint_kpis.kpi uses it.' })
  name!: string;

  @Field(() => String, { description: 'Unit, e.g. "s", "%", "days".' })
  unit!: string;

  @Field(() => Float, { nullable: true })
  target?: number;

  @Field({ description: 'true when a higher value is better.' })
  higherIsBetter!: boolean;
}

/** Where the customer meets the company, ordered within its phase as customers meet it (source 002). */
// simpleResolvers: up to hundreds per map request, plain entity fields (npm run bench, bench/README.md).
@ObjectType({ simpleResolvers: true })
@Entity()
@Index({ properties: ['phase', 'position'] })
export class Touchpoint extends BaseEntity {
  @ManyToOne('Phase', { deleteRule: 'cascade' })
  phase!: Rel<Phase>;

  @Field(() => Int, { description: 'Order within the phase, from 0.' })
  @Property()
  position!: number;

  @Field()
  @Property()
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Unique code survey data uses for this touchpoint (responses.touchpoint_code). To-be touchpoints may have none yet.',
  })
  @Property({ nullable: true })
  @Unique()
  code?: string;

  @Field(() => Channel)
  @Enum(() => Channel)
  channel!: Channel;

  @Field({ description: 'True when the touchpoint is online (digital), false when offline.' })
  @Property()
  online!: boolean;

  @Field({ description: 'Direct contact with the company, or indirect (before/after contact, e.g. word of mouth).' })
  @Property()
  direct!: boolean;

  @ManyToOne('Department', { nullable: true, deleteRule: 'set null' })
  department?: Rel<Department>;

  @Field(() => String, { description: 'Responsible person.' })
  @Property({ type: 'string' })
  responsible: string & Opt = '';

  @Field(() => String)
  @Property({ type: 'text' })
  purpose: string & Opt = '';

  @Field(() => [TouchpointKpi])
  @Property({ type: 'json' })
  kpis: TouchpointKpi[] & Opt = [];

  @Field(() => [String], { description: 'Functional elements: what the customer needs the touchpoint to get done.' })
  @Property({ type: 'json' })
  functionalElements: string[] & Opt = [];

  @Field(() => [String], { description: 'Emotional elements: what the customer should feel at the touchpoint.' })
  @Property({ type: 'json' })
  emotionalElements: string[] & Opt = [];

  @Field(() => Boolean, { description: 'Critical for the relationship (a "moment of truth" that can win or lose the customer).' })
  @Property({ type: 'boolean' })
  critical: boolean & Opt = false;

  @Field(() => Boolean, { description: 'Known to be difficult: many detractors or negative emotions.' })
  @Property({ type: 'boolean' })
  difficult: boolean & Opt = false;

  /** In a to-be journey: the as-is touchpoint this one was copied from, to compare with its measurements. */
  @ManyToOne('Touchpoint', { nullable: true, deleteRule: 'set null' })
  basedOn?: Rel<Touchpoint>;
}
