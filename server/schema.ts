import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type BuildSchemaOptions, type NonEmptyArray } from 'type-graphql';
import { resolveDirectly } from './resolveDirectly.js';
import { authChecker } from './auth/authChecker.js';
import { SCHEMA_DOCS } from './docs/schemaDocs.js';
import { applyDescriptions } from './schemaDescriptions.js';
import { DepartmentResolver } from './modules/departments/department.resolver.js';
import { InitiativeResolver } from './modules/initiatives/initiative.resolver.js';
import { JourneyResolver, MODEL_FIELD_RESOLVERS, PhaseResolver, TouchpointResolver } from './modules/journeys/journey.resolver.js';
import { PersonaResolver } from './modules/personas/persona.resolver.js';
import { TargetResolver } from './modules/targets/target.resolver.js';
import { UserPrivacyResolver, UserResolver } from './modules/users/user.resolver.js';
import { FollowUpCaseResolver } from './modules/follow-ups/follow-up.resolver.js';
import { AlertResolver } from './modules/alerts/alert.resolver.js';
import { ANALYTICS_RESOLVERS } from './modules/analytics/resolvers.js';
import { MAP_FIELD_RESOLVERS } from './modules/analytics/metrics/metrics.resolver.js';
import { ImportResolver } from './modules/imports/import.resolver.js';
import { BusinessCaseResolver } from './modules/business-cases/businessCase.resolver.js';
import { SettingsResolver } from './modules/settings/settings.resolver.js';
import { UnitResolver } from './modules/units/unit.resolver.js';
import { CaseAnswerAnalysisResolver, VerbatimsResolver } from './modules/verbatims/verbatims.resolver.js';
import { NotificationResolver } from './modules/notifications/notification.resolver.js';
import { SsoResolver } from './modules/sso/sso.resolver.js';
import { NAME_RESOLVERS } from './modules/names/names.resolver.js';
import { PrivacyResolver } from './modules/privacy/privacy.resolver.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  JourneyResolver,
  PhaseResolver,
  TouchpointResolver,
  PersonaResolver,
  DepartmentResolver,
  InitiativeResolver,
  TargetResolver,
  UserResolver,
  UserPrivacyResolver,
  FollowUpCaseResolver,
  AlertResolver,
  ...ANALYTICS_RESOLVERS,
  ImportResolver,
  BusinessCaseResolver,
  UnitResolver,
  VerbatimsResolver,
  CaseAnswerAnalysisResolver,
  NotificationResolver,
  SsoResolver,
  SettingsResolver,
  ...NAME_RESOLVERS,
  PrivacyResolver,
];

let cached: Promise<GraphQLSchema> | undefined;

async function build(): Promise<GraphQLSchema> {
  const options: BuildSchemaOptions = {
    resolvers,
    authChecker,
    authMode: 'error',
    validate: { forbidUnknownValues: false },
    // Entities are returned as they are; their plain fields need no resolver wrapper (faster lists).
  };
  const schema = await buildSchema(options);
  applyDescriptions(schema, SCHEMA_DOCS);
  resolveDirectly(schema, MAP_FIELD_RESOLVERS, options);
  resolveDirectly(schema, MODEL_FIELD_RESOLVERS, options);
  return schema;
}

/** The one GraphQL schema; built once per process (type-graphql metadata is global). */
export function getSchema(): Promise<GraphQLSchema> {
  cached ??= build();
  return cached;
}
