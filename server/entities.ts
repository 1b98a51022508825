import { Alert, AlertRule } from './modules/alerts/alert.entity.js';
import { Department } from './modules/departments/department.entity.js';
import { FollowUpCase } from './modules/follow-ups/follow-up.entity.js';
import { Initiative } from './modules/initiatives/initiative.entity.js';
import { Journey } from './modules/journeys/journey.entity.js';
import { Phase } from './modules/journeys/phase.entity.js';
import { Touchpoint } from './modules/journeys/touchpoint.entity.js';
import { Persona } from './modules/personas/persona.entity.js';
import { Target } from './modules/targets/target.entity.js';
import { AuditEvent, Credential, User } from './modules/users/user.entity.js';
import { BaseEntity } from './common/base.entity.js';
import { Scenario } from './modules/business-cases/scenario.entity.js';
import { ImportRun, SavedImportMapping } from './modules/imports/import.entity.js';
import { NotificationSettings, OutboxMessage, WebhookEndpoint } from './modules/notifications/notification.entity.js';
import { ExternalIdentity, IdentityProvider } from './modules/sso/sso.entity.js';
import { CompanySettings } from './modules/settings/settings.entity.js';

/** Every MikroORM entity, listed explicitly (no folder discovery: it is fragile in ESM and slower to start). */
export const entities = [
  BaseEntity,
  Persona,
  Department,
  Journey,
  Phase,
  Touchpoint,
  Initiative,
  Target,
  FollowUpCase,
  AlertRule,
  Alert,
  User,
  Credential,
  AuditEvent,
  Scenario,
  SavedImportMapping,
  ImportRun,
  NotificationSettings,
  WebhookEndpoint,
  OutboxMessage,
  IdentityProvider,
  ExternalIdentity,
  CompanySettings,
];
