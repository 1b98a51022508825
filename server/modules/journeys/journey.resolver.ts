import DataLoader from 'dataloader';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { IsInt, IsOptional, IsUUID, Length, Min } from 'class-validator';
import { Rule } from '../../auth/rules.js';
import { loadRef } from '../../common/loaders.js';
import { changingModel } from '../../common/modelChanged.js';
import { requestScoped, type Context } from '../../context.js';
import { analyticsService } from '../analytics/analytics.service.js';
import { Department } from '../departments/department.entity.js';
import { Persona } from '../personas/persona.entity.js';
import { Journey } from './journey.entity.js';
import { JourneyFilter, JourneyInput, PhaseInput, TouchpointInput } from './journey.input.js';
import { JourneyService } from './journey.service.js';
import { JourneySnapshotService, type DepartmentNode, type JourneyView, type PhaseView, type TouchpointView } from './journey.snapshot.js';
import { Phase } from './phase.entity.js';
import { Touchpoint } from './touchpoint.entity.js';

@ArgsType()
class PositionArgs {
  @Field(() => Int, { nullable: true, description: 'Where to insert, from 0; default last.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number;
}

@ArgsType()
class CopyJourneyArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field({ nullable: true, description: 'Name of the new TO_BE journey; default "<name> (to-be)".' })
  @IsOptional()
  @Length(1, 200)
  name?: string;
}


const service = (ctx: Context) => new JourneyService(ctx.em);

@ObjectType()
class JourneyCounts {
  @Field(() => Int) phases!: number;
  @Field(() => Int) touchpoints!: number;
}

/** Nested lists of a journeys list: one statement each for all journeys of the request (JourneyService). */
const improvedByLoader = requestScoped((ctx) => new DataLoader<string, Journey[]>((ids) => service(ctx).improvedBy(ids)));
const countsLoader = requestScoped((ctx) => new DataLoader<string, JourneyCounts>((ids) => service(ctx).counts(ids)));

@Resolver(() => Journey)
export class JourneyResolver {
  @Authorized(Rule.readModel)
  @Query(() => [Journey], { description: 'Journeys, optionally for one persona or state.' })
  journeys(@Ctx() ctx: Context, @Arg('filter', () => JourneyFilter, { nullable: true }) filter?: JourneyFilter): Promise<Journey[]> {
    return service(ctx).list(filter);
  }

  /** The journey's model as plain rows, remembered until it changes (journey.snapshot.ts): no entity manager is forked. */
  @Authorized(Rule.readModel)
  @Query(() => Journey, { description: 'One journey; NOT_FOUND if the id does not exist.' })
  journey(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<JourneyView> {
    return new JourneySnapshotService(ctx.deps.orm).journey(id);
  }

  @FieldResolver(() => Persona, { nullable: true, description: 'null = all customers.' })
  persona(@Ctx() ctx: Context, @Root() journey: JourneyView): Promise<Persona | null> {
    return service(ctx).persona(journey);
  }

  @FieldResolver(() => Journey, { nullable: true, description: 'For a TO_BE journey: the AS_IS journey it improves.' })
  improves(@Ctx() ctx: Context, @Root() journey: JourneyView): Promise<Journey | null> {
    return service(ctx).improves(journey);
  }

  /**
   * Not async, like the model fields of Phase and Touchpoint below: the remembered rows are returned as
   * they are. When the request has already asked for metrics (the journey's own, above the phases), the
   * phases come once those are in, so the metrics of every phase and touchpoint are at hand too and
   * graphql-js completes the map's ~250 objects without a promise each (MetricsService.cutsInFlight).
   * A cut that is not remembered but computed lets them come at once, so the touchpoints' own cut is
   * computed beside it rather than after it.
   */
  @FieldResolver(() => [Phase], { description: 'Phases in journey order.' })
  phases(@Ctx() ctx: Context, @Root() journey: JourneyView): PhaseView[] | Promise<PhaseView[]> {
    if (journey instanceof Journey) return journey.phases.load().then((phases) => phases.getItems());
    const metrics = analyticsService(ctx).metrics.cutsInFlight();
    return metrics ? metrics.then(() => journey.phases) : journey.phases;
  }

  @FieldResolver(() => [Journey], { description: 'For an AS_IS journey: the TO_BE journeys that improve it.' })
  improvedBy(@Ctx() ctx: Context, @Root() journey: JourneyView): Promise<Journey[]> {
    return improvedByLoader(ctx).load(journey.id);
  }

  @FieldResolver(() => JourneyCounts, { description: 'How many phases and touchpoints the journey has (one query for all journeys of a list).' })
  counts(@Ctx() ctx: Context, @Root() journey: JourneyView): Promise<JourneyCounts> {
    return countsLoader(ctx).load(journey.id);
  }

  @Authorized(Rule.editModel)
  @Mutation(() => Journey)
  createJourney(@Ctx() ctx: Context, @Arg('input', () => JourneyInput) input: JourneyInput): Promise<Journey> {
    return changingModel(ctx, service(ctx).create(input));
  }

  @Authorized(Rule.editModel)
  @Mutation(() => Journey)
  updateJourney(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('input', () => JourneyInput) input: JourneyInput): Promise<Journey> {
    return changingModel(ctx, service(ctx).update(id, input));
  }

  @Authorized(Rule.editModel)
  @Mutation(() => ID, { description: 'Deletes the journey with its phases and touchpoints; returns its id.' })
  deleteJourney(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<string> {
    return changingModel(ctx, service(ctx).delete(id));
  }

  @Authorized(Rule.editModel)
  @Mutation(() => Journey, { description: 'Starts a TO_BE journey as a copy of an AS_IS journey, so the improved journey starts from the current one.' })
  copyJourneyToBe(@Ctx() ctx: Context, @Args(() => CopyJourneyArgs) { id, name }: CopyJourneyArgs): Promise<Journey> {
    return changingModel(ctx, service(ctx).copyToBe(id, name));
  }

  @Authorized(Rule.editModel)
  @Mutation(() => Phase)
  createPhase(
    @Ctx() ctx: Context,
    @Arg('journeyId', () => ID) journeyId: string,
    @Arg('input', () => PhaseInput) input: PhaseInput,
    @Args(() => PositionArgs) { position }: PositionArgs,
  ): Promise<Phase> {
    return changingModel(ctx, service(ctx).createPhase(journeyId, input, position));
  }

  @Authorized(Rule.editModel)
  @Mutation(() => Phase)
  updatePhase(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('input', () => PhaseInput) input: PhaseInput): Promise<Phase> {
    return changingModel(ctx, service(ctx).updatePhase(id, input));
  }

  @Authorized(Rule.editModel)
  @Mutation(() => ID, { description: 'Deletes the phase with its touchpoints; returns its id.' })
  deletePhase(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<string> {
    return changingModel(ctx, service(ctx).deletePhase(id));
  }

  @Authorized(Rule.editModel)
  @Mutation(() => [Phase], { description: 'Sets the order of all phases of a journey; phaseIds must list each phase once.' })
  reorderPhases(
    @Ctx() ctx: Context,
    @Arg('journeyId', () => ID) journeyId: string,
    @Arg('phaseIds', () => [ID]) phaseIds: string[],
  ): Promise<Phase[]> {
    return changingModel(ctx, service(ctx).reorderPhases(journeyId, phaseIds));
  }

  @Authorized(Rule.editModel)
  @Mutation(() => Touchpoint)
  createTouchpoint(
    @Ctx() ctx: Context,
    @Arg('phaseId', () => ID) phaseId: string,
    @Arg('input', () => TouchpointInput) input: TouchpointInput,
    @Args(() => PositionArgs) { position }: PositionArgs,
  ): Promise<Touchpoint> {
    return changingModel(ctx, service(ctx).createTouchpoint(phaseId, input, position));
  }

  @Authorized(Rule.editModel)
  @Mutation(() => [Touchpoint], {
    description: 'Adds many touchpoints at the end of a phase in one step (e.g. a pasted list of names), in the order given; all or nothing.',
  })
  createTouchpoints(
    @Ctx() ctx: Context,
    @Arg('phaseId', () => ID, { description: 'The phase the touchpoints are added to.' }) phaseId: string,
    @Arg('inputs', () => [TouchpointInput], { description: 'One entry per touchpoint (1-240), each with name, channel, online and direct.' })
    inputs: TouchpointInput[],
  ): Promise<Touchpoint[]> {
    return changingModel(ctx, service(ctx).createTouchpoints(phaseId, inputs));
  }

  @Authorized(Rule.editModel)
  @Mutation(() => Touchpoint)
  updateTouchpoint(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => TouchpointInput) input: TouchpointInput,
  ): Promise<Touchpoint> {
    return changingModel(ctx, service(ctx).updateTouchpoint(id, input));
  }

  @Authorized(Rule.editModel)
  @Mutation(() => ID)
  deleteTouchpoint(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<string> {
    return changingModel(ctx, service(ctx).deleteTouchpoint(id));
  }

  @Authorized(Rule.editModel)
  @Mutation(() => [Touchpoint], { description: 'Sets the order of all touchpoints of a phase; touchpointIds must list each once.' })
  reorderTouchpoints(
    @Ctx() ctx: Context,
    @Arg('phaseId', () => ID) phaseId: string,
    @Arg('touchpointIds', () => [ID]) touchpointIds: string[],
  ): Promise<Touchpoint[]> {
    return changingModel(ctx, service(ctx).reorderTouchpoints(phaseId, touchpointIds));
  }

  @Authorized(Rule.editModel)
  @Mutation(() => Touchpoint, { description: 'Moves a touchpoint to a position in a phase of the same journey.' })
  moveTouchpoint(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('phaseId', () => ID) phaseId: string,
    @Args(() => PositionArgs) { position }: PositionArgs,
  ): Promise<Touchpoint> {
    return changingModel(ctx, service(ctx).moveTouchpoint(id, phaseId, position));
  }
}

/**
 * A map has a department field per touchpoint (240 on the bench's map): graphql-js calls this directly
 * (server/schema.ts), without type-graphql's wrapper per field (its resolver lookup, parameter list and
 * conversions); the decorated method declares the field. Why fewer steps per field: MAP_FIELD_RESOLVERS.
 */
export const MODEL_FIELD_RESOLVERS = {
  Touchpoint: {
    department: (touchpoint: TouchpointView): Department | DepartmentNode | null | Promise<Department | null> =>
      touchpoint instanceof Touchpoint ? loadRef(touchpoint.department) : (touchpoint.department ?? null),
  },
};

@Resolver(() => Phase)
export class PhaseResolver {
  @FieldResolver(() => [Touchpoint], { description: 'Touchpoints in the order customers meet them.' })
  touchpoints(@Root() phase: PhaseView): TouchpointView[] | Promise<TouchpointView[]> {
    return phase instanceof Phase ? phase.touchpoints.load().then((touchpoints) => touchpoints.getItems()) : phase.touchpoints;
  }

  @FieldResolver(() => Journey)
  journey(@Root() phase: PhaseView): JourneyView | null | Promise<JourneyView | null> {
    return phase instanceof Phase ? loadRef(phase.journey) : phase.journey;
  }
}

@Resolver(() => Touchpoint)
export class TouchpointResolver {
  @FieldResolver(() => Department, { nullable: true, description: 'Owning department.' })
  department(@Root() touchpoint: TouchpointView): Department | DepartmentNode | null | Promise<Department | DepartmentNode | null> {
    return MODEL_FIELD_RESOLVERS.Touchpoint.department(touchpoint);
  }

  @FieldResolver(() => Phase)
  phase(@Root() touchpoint: TouchpointView): PhaseView | null | Promise<PhaseView | null> {
    return touchpoint instanceof Touchpoint ? loadRef(touchpoint.phase) : touchpoint.phase;
  }

  @FieldResolver(() => Touchpoint, { nullable: true, description: 'In a TO_BE journey: the AS_IS touchpoint this one came from.' })
  basedOn(@Ctx() ctx: Context, @Root() touchpoint: TouchpointView): Promise<Touchpoint | null> {
    return service(ctx).basedOn(touchpoint);
  }
}
