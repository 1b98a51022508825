import { Entity, Enum, ManyToOne, Property, type Opt, type Rel } from '@mikro-orm/core';
import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import type { Journey } from '../journeys/journey.entity.js';
import type { Touchpoint } from '../journeys/touchpoint.entity.js';
import type { Persona } from '../personas/persona.entity.js';

export enum TargetMetric {
  NPS = 'NPS',
  CSAT = 'CSAT',
  RETENTION = 'RETENTION',
  PROMOTER_SHARE = 'PROMOTER_SHARE',
  TOUCHPOINT_KPI = 'TOUCHPOINT_KPI',
}
export enum TargetScope {
  COMPANY = 'COMPANY',
  JOURNEY = 'JOURNEY',
  PERSONA = 'PERSONA',
  TOUCHPOINT = 'TOUCHPOINT',
}
registerEnumType(TargetMetric, { name: 'TargetMetric' });
registerEnumType(TargetScope, { name: 'TargetScope' });

/** An ambition (source 004), e.g. Skandia's NPS -44 -> -25 -> +25 by 2018 (source 000). */
@ObjectType()
@Entity()
export class Target extends BaseEntity {
  @Field()
  @Property()
  name!: string;

  @Field(() => TargetMetric)
  @Enum(() => TargetMetric)
  metric!: TargetMetric;

  @Field(() => TargetScope)
  @Enum(() => TargetScope)
  scope: TargetScope & Opt = TargetScope.COMPANY;

  @ManyToOne('Journey', { nullable: true, deleteRule: 'cascade' })
  journey?: Rel<Journey>;

  @ManyToOne('Persona', { nullable: true, deleteRule: 'cascade' })
  persona?: Rel<Persona>;

  @ManyToOne('Touchpoint', { nullable: true, deleteRule: 'cascade' })
  touchpoint?: Rel<Touchpoint>;

  @Field(() => String, { nullable: true, description: 'For TOUCHPOINT_KPI: the KPI name.' })
  @Property({ nullable: true })
  kpiName?: string;

  @Field(() => Float)
  @Property({ type: 'double' })
  baseline!: number;

  @Field(() => Date)
  @Property({ type: 'date' })
  baselineDate!: Date;

  @Field(() => Float)
  @Property({ type: 'double' })
  targetValue!: number;

  @Field(() => Date)
  @Property({ type: 'date' })
  dueDate!: Date;
}
