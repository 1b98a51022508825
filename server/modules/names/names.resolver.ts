/**
 * Names beside codes in results: wherever a result carries a persona, touchpoint or unit code, it also
 * carries the name people know it by (the client shows names; analysts can ask for the codes too). The
 * names come from one lookup per request (server/common/codeNames.ts). Follow-up cases add theirs in
 * their own resolver, where reading a customer's persona is audited.
 */
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { codeNames } from '../../common/codeNames.js';
import type { Context } from '../../context.js';
import { CustomerResponse } from '../analytics/responses/responses.types.js';
import { MetricsKey } from '../analytics/metrics/metrics.types.js';
import { AppliedFilter } from '../analytics/trends/trends.types.js';
import { ScenarioFilterInput, ScenarioMoveInput } from '../business-cases/businessCase.types.js';
import { CommentType } from '../verbatims/verbatims.types.js';

@Resolver(() => MetricsKey)
export class MetricsKeyNamesResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Name of the touchpoint the row is cut by; null when the rows are not grouped by touchpoint.' })
  async touchpointName(@Root() key: MetricsKey, @Ctx() ctx: Context): Promise<string | null> {
    return (await codeNames(ctx)).name('touchpoint', key.touchpointCode);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Name of the persona the row is cut by; null when the rows are not grouped by persona.' })
  async personaName(@Root() key: MetricsKey, @Ctx() ctx: Context): Promise<string | null> {
    return (await codeNames(ctx)).name('persona', key.personaCode);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Name of the unit the row is cut by; null when the rows are not grouped by unit.' })
  async unitName(@Root() key: MetricsKey, @Ctx() ctx: Context): Promise<string | null> {
    return (await codeNames(ctx)).name('unit', key.unitCode);
  }
}

@Resolver(() => CustomerResponse)
export class CustomerResponseNamesResolver {
  @FieldResolver(() => String, { nullable: true, description: "Name of the customer's persona; null when the code is not in the journey model." })
  async personaName(@Root() r: CustomerResponse, @Ctx() ctx: Context): Promise<string | null> {
    return (await codeNames(ctx)).name('persona', r.personaCode);
  }

  @FieldResolver(() => String, { nullable: true, description: "Name of the customer's unit; null without a unit or when the code has no name." })
  async unitName(@Root() r: CustomerResponse, @Ctx() ctx: Context): Promise<string | null> {
    return (await codeNames(ctx)).name('unit', r.unitCode);
  }
}

@Resolver(() => CommentType)
export class CommentNamesResolver {
  @FieldResolver(() => String, { nullable: true, description: "Name of the customer's persona; null when the code is not in the journey model." })
  async personaName(@Root() c: CommentType, @Ctx() ctx: Context): Promise<string | null> {
    return (await codeNames(ctx)).name('persona', c.personaCode);
  }
}

@Resolver(() => AppliedFilter)
export class AppliedFilterNamesResolver {
  @FieldResolver(() => [String], { nullable: true, description: 'Names of the personas in personaCodes, in the same order (a code without a name stays as it is).' })
  async personaNames(@Root() f: AppliedFilter, @Ctx() ctx: Context): Promise<string[] | null> {
    return (await codeNames(ctx)).names('persona', f.personaCodes);
  }

  @FieldResolver(() => [String], { nullable: true, description: 'Names of the units in unitCodes, in the same order (a code without a name stays as it is).' })
  async unitNames(@Root() f: AppliedFilter, @Ctx() ctx: Context): Promise<string[] | null> {
    return (await codeNames(ctx)).names('unit', f.unitCodes);
  }

  @FieldResolver(() => [String], { nullable: true, description: 'Names of the touchpoints in touchpointCodes, in the same order (a code without a name stays as it is).' })
  async touchpointNames(@Root() f: AppliedFilter, @Ctx() ctx: Context): Promise<string[] | null> {
    return (await codeNames(ctx)).names('touchpoint', f.touchpointCodes);
  }
}

@Resolver(() => ScenarioFilterInput)
export class ScenarioFilterNamesResolver {
  @FieldResolver(() => [String], { nullable: true, description: 'Names of the personas in personaCodes, in the same order (a code without a name stays as it is).' })
  async personaNames(@Root() f: ScenarioFilterInput, @Ctx() ctx: Context): Promise<string[] | null> {
    return (await codeNames(ctx)).names('persona', f.personaCodes);
  }

  @FieldResolver(() => [String], { nullable: true, description: 'Names of the units in unitCodes, in the same order (a code without a name stays as it is).' })
  async unitNames(@Root() f: ScenarioFilterInput, @Ctx() ctx: Context): Promise<string[] | null> {
    return (await codeNames(ctx)).names('unit', f.unitCodes);
  }
}

@Resolver(() => ScenarioMoveInput)
export class ScenarioMoveNamesResolver {
  @FieldResolver(() => [String], { nullable: true, description: 'Names of the touchpoints in touchpointCodes, in the same order (a code without a name stays as it is).' })
  async touchpointNames(@Root() m: ScenarioMoveInput, @Ctx() ctx: Context): Promise<string[] | null> {
    return (await codeNames(ctx)).names('touchpoint', m.touchpointCodes);
  }
}

export const NAME_RESOLVERS = [
  MetricsKeyNamesResolver,
  CustomerResponseNamesResolver,
  CommentNamesResolver,
  AppliedFilterNamesResolver,
  ScenarioFilterNamesResolver,
  ScenarioMoveNamesResolver,
] as const;
