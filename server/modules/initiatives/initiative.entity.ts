import { Collection, Entity, Enum, ManyToMany, ManyToOne, Property, type Opt, type Rel } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import type { Department } from '../departments/department.entity.js';
import type { Touchpoint } from '../journeys/touchpoint.entity.js';

/** Source 004: improve what exists, or add a new (often emotional) element. */
export enum InitiativeTrack {
  IMPROVE_EXISTING = 'IMPROVE_EXISTING',
  NEW_ELEMENT = 'NEW_ELEMENT',
}
/** Source 001 #3: an overview of planned and ongoing work across silos. */
export enum InitiativeStatus {
  IDEA = 'IDEA',
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
}
/** How the expected effect is expressed; the business case turns it into moves between loyalty groups. */
export enum EffectKind {
  /** `value` = share (0..1) of the touchpoints' detractors who become passives. */
  DETRACTORS_TO_PASSIVES = 'DETRACTORS_TO_PASSIVES',
  /** `value` = share (0..1) of the touchpoints' passives who become promoters. */
  PASSIVES_TO_PROMOTERS = 'PASSIVES_TO_PROMOTERS',
  /** `value` = uplift in touchpoint NPS points. */
  TOUCHPOINT_NPS_UPLIFT = 'TOUCHPOINT_NPS_UPLIFT',
}
registerEnumType(InitiativeTrack, { name: 'InitiativeTrack' });
registerEnumType(InitiativeStatus, { name: 'InitiativeStatus' });
registerEnumType(EffectKind, { name: 'EffectKind' });

@ObjectType()
export class ExpectedEffect {
  @Field(() => EffectKind)
  kind!: EffectKind;

  @Field(() => Float)
  value!: number;
}

/** An improvement ("indsats") acting on touchpoints, judged by feasibility and effect (source 002). */
@ObjectType()
@Entity()
export class Initiative extends BaseEntity {
  @Field()
  @Property()
  title!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  description: string & Opt = '';

  @ManyToMany('Touchpoint', undefined, { owner: true })
  touchpoints = new Collection<Touchpoint>(this);

  @ManyToOne('Department', { nullable: true, deleteRule: 'set null' })
  department?: Rel<Department>;

  @Field(() => InitiativeTrack)
  @Enum(() => InitiativeTrack)
  track: InitiativeTrack & Opt = InitiativeTrack.IMPROVE_EXISTING;

  @Field(() => InitiativeStatus)
  @Enum(() => InitiativeStatus)
  status: InitiativeStatus & Opt = InitiativeStatus.IDEA;

  @Field(() => Float, { description: 'One-off cost (DKK).' })
  @Property({ type: 'double' })
  oneOffCost: number & Opt = 0;

  @Field(() => Float, { description: 'Yearly running cost (DKK).' })
  @Property({ type: 'double' })
  yearlyCost: number & Opt = 0;

  @Field(() => ExpectedEffect, { nullable: true })
  @Property({ type: 'json', nullable: true })
  expectedEffect?: ExpectedEffect;

  @Field(() => Int, { description: 'Feasibility 1 (hard) to 5 (easy), as rated in the workshop.' })
  @Property({ type: 'smallint' })
  feasibility: number & Opt = 3;

  @Field(() => Int, { description: 'Expected effect 1 (small) to 5 (large), as rated in the workshop.' })
  @Property({ type: 'smallint' })
  effectRating: number & Opt = 3;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'date', nullable: true })
  startDate?: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'date', nullable: true })
  endDate?: Date;
}
