import { IsOptional, Length, MaxLength, ValidateNested } from 'class-validator';
import { Arg, Authorized, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { minCellCustomersFor } from '../../auth/privacy.js';
import { Rule } from '../../auth/rules.js';
import { loadRef } from '../../common/loaders.js';
import { requireCaller, type Context } from '../../context.js';
import { FormulaType } from '../analytics/formula.types.js';
import { Department } from '../departments/department.entity.js';
import { Phase } from '../journeys/phase.entity.js';
import { Initiative, InitiativeStatus } from '../initiatives/initiative.entity.js';
import { InitiativeFilter } from '../initiatives/initiative.input.js';
import { BusinessCaseService } from './businessCase.service.js';
import { BusinessCase, BusinessCaseScenarioInput } from './businessCase.types.js';
import { Scenario } from './scenario.entity.js';

@InputType({ description: 'A scenario to save: a name, a description and the business-case inputs.' })
export class SaveScenarioInput {
  @Field() @Length(1, 200) name!: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(5000) description?: string;
  @Field(() => BusinessCaseScenarioInput) @ValidateNested() scenario!: BusinessCaseScenarioInput;
}

@InputType({ description: 'Initiatives to rank: by department and status, each case computed for a persona/unit cut.' })
export class InitiativeRankingFilter extends InitiativeFilter {
  @Field(() => [String], { nullable: true }) @IsOptional() personaCodes?: string[];
  @Field(() => [String], { nullable: true }) @IsOptional() unitCodes?: string[];
}

@ObjectType({ description: "An initiative's place in the ranking: its business-case value, cost and the feasibility and effect ratings from the workshop." })
export class RankedInitiative {
  @Field(() => Int) rank!: number;
  @Field(() => Initiative) initiative!: Initiative;
  @Field(() => Float, { nullable: true, description: 'Net present value of its business case (defaults: 3 years, 8%); null when it cannot be computed (see problem).' })
  value!: number | null;
  @Field(() => Float, { nullable: true }) valueLow!: number | null;
  @Field(() => Float, { nullable: true }) valueHigh!: number | null;
  @Field(() => Float, { description: 'Present value of its one-off and yearly costs over the horizon.' }) cost!: number;
  @Field(() => Float, { nullable: true, description: 'value / cost (the ROI).' }) valuePerCost!: number | null;
  @Field(() => Int, { nullable: true }) paybackMonth!: number | null;
  @Field(() => [FormulaType], { description: "How value (the net present value), valuePerCost (the ROI) and paybackMonth were computed, with the inputs used; empty when the case cannot be computed." })
  formulas!: FormulaType[];
  @Field(() => Int, { description: '1 (hard) to 5 (easy).' }) feasibility!: number;
  @Field(() => Int, { description: '1 (small) to 5 (large).' }) effectRating!: number;
  @Field(() => String, { nullable: true }) problem!: string | null;
}

@ObjectType({ description: 'Planned and ongoing work in one phase for one department: one overview across departments, so each sees what the others do.' })
export class InitiativeOverviewCell {
  @Field(() => Phase) phase!: Phase;
  @Field(() => Department, { nullable: true, description: "The initiative's department, else the touchpoint's." }) department!: Department | null;
  @Field(() => [Initiative]) initiatives!: Initiative[];
  @Field(() => Int) idea!: number;
  @Field(() => Int) planned!: number;
  @Field(() => Int) inProgress!: number;
  @Field(() => Int) done!: number;
}

const service = (ctx: Context) => new BusinessCaseService(ctx.em, ctx.deps.analytics, minCellCustomersFor(ctx));

@Resolver(() => Scenario)
export class BusinessCaseResolver {
  @Authorized(Rule.readAggregates)
  @Query(() => BusinessCase, {
    description:
      'What a scenario is worth: moves of shares of loyalty groups, or an initiative whose expected effect is translated into moves through the driver analysis. '
      + 'Line items with formula, inputs and sources; net value, ROI, payback, low/base/high range. Every default comes from the data and can be overridden.',
  })
  businessCase(@Ctx() ctx: Context, @Arg('scenario', () => BusinessCaseScenarioInput) scenario: BusinessCaseScenarioInput): Promise<BusinessCase> {
    return service(ctx).businessCase(scenario);
  }

  @Authorized(Rule.readAggregates)
  @Query(() => [Scenario], { description: 'Saved scenarios, newest first.' })
  scenarios(@Ctx() ctx: Context): Promise<Scenario[]> {
    return service(ctx).scenarios();
  }

  @Authorized(Rule.readAggregates)
  @Query(() => Scenario)
  scenario(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Scenario> {
    return service(ctx).scenario(id);
  }

  @FieldResolver(() => String, { nullable: true, description: "The author's name." })
  async authorName(@Root() scenario: Scenario): Promise<string | null> {
    return (await loadRef(scenario.author))?.name ?? null;
  }

  @FieldResolver(() => BusinessCaseScenarioInput, { description: 'The inputs exactly as saved.' })
  inputs(@Ctx() ctx: Context, @Root() scenario: Scenario): BusinessCaseScenarioInput {
    return service(ctx).savedInputs(scenario);
  }

  @FieldResolver(() => BusinessCase, { description: 'The case recomputed on the current data (see asOf and dataVersion).' })
  result(@Ctx() ctx: Context, @Root() scenario: Scenario): Promise<BusinessCase> {
    return service(ctx).result(scenario);
  }

  @Authorized(Rule.editModel)
  @Mutation(() => Scenario, { description: 'Saves a scenario after checking that its case computes on the current data.' })
  saveScenario(@Ctx() ctx: Context, @Arg('input', () => SaveScenarioInput) input: SaveScenarioInput): Promise<Scenario> {
    return service(ctx).save(requireCaller(ctx).id, input);
  }

  @Authorized(Rule.editModel)
  @Mutation(() => Scenario)
  updateScenario(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('input', () => SaveScenarioInput) input: SaveScenarioInput): Promise<Scenario> {
    return service(ctx).update(id, input);
  }

  @Authorized(Rule.editModel)
  @Mutation(() => ID)
  deleteScenario(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<string> {
    return service(ctx).delete(id);
  }

  @Authorized(Rule.readAggregates)
  @Query(() => [RankedInitiative], {
    description:
      'Initiatives ranked by the net present value of their business case (their effect through the driver analysis, default economics), with cost, value per cost, payback and the feasibility/effect ratings. Initiatives whose case cannot be computed come last, with the reason.',
  })
  initiativeRanking(
    @Ctx() ctx: Context,
    @Arg('filter', () => InitiativeRankingFilter, { nullable: true }) filter?: InitiativeRankingFilter,
  ): Promise<RankedInitiative[]> {
    return service(ctx).ranking({
      departmentId: filter?.departmentId ?? undefined,
      status: filter?.status ?? undefined,
      personaCodes: filter?.personaCodes ?? undefined,
      unitCodes: filter?.unitCodes ?? undefined,
    });
  }

  @Authorized(Rule.readModel)
  @Query(() => [InitiativeOverviewCell], {
    description: 'Initiatives per journey phase and department (default: planned and in progress), in journey order: who works on what, across silos.',
  })
  initiativeOverview(
    @Ctx() ctx: Context,
    @Arg('status', () => [InitiativeStatus], { nullable: true }) status?: InitiativeStatus[],
  ): Promise<InitiativeOverviewCell[]> {
    return service(ctx).overview(status);
  }
}
