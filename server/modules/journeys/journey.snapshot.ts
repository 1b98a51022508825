import type { EventSubscriber, FlushEventArgs, TransactionEventArgs, UnitOfWork } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { notFound } from '../../common/errors.js';
import { Department } from '../departments/department.entity.js';
import { Persona } from '../personas/persona.entity.js';
import { Channel, JourneyPurpose, JourneyState } from './journey.enums.js';
import { Journey } from './journey.entity.js';
import { Phase } from './phase.entity.js';
import { Touchpoint } from './touchpoint.entity.js';
import { sql } from '../../common/sql.js';

/**
 * One journey's model (the journey, its phases, their touchpoints and the touchpoints' departments) as
 * plain rows, read with three statements and remembered until the model changes. A map request asked
 * MikroORM to load and hydrate ~250 entities every time, about 30% of its CPU plus the garbage it left
 * (npm run bench, bench/README.md "Issue 20"); now it reads these objects.
 *
 * The nodes carry the entities' field names, relations included (`phase.journey`, `touchpoint.phase`,
 * `touchpoint.department`), so the GraphQL types read them as they read entities. A relation outside
 * the journey (persona, improves, basedOn) is only its id, `{ id }`, resolved by the ORM when asked.
 */
/** MikroORM has pg return timestamps as text and makes Dates of them itself (`new Date(text)`): the same here. */
const timestamp = z.coerce.date();
const stamps = { id: z.string(), createdAt: timestamp, updatedAt: timestamp };
const idOrNull = z.string().nullable();

const JourneyRow = z.object({
  ...stamps,
  name: z.string(),
  description: z.string(),
  purpose: z.enum(JourneyPurpose),
  state: z.enum(JourneyState),
  owner: z.string(),
  sponsor: z.string(),
  improvesId: idOrNull,
  personaId: idOrNull,
});
const PhaseRow = z.object({
  ...stamps,
  position: z.number(),
  name: z.string(),
  description: z.string(),
  actions: z.array(z.string()),
  thoughts: z.array(z.string()),
  feelings: z.array(z.string()),
  emotion: z.number(),
});
const Kpi = z.object({ name: z.string(), unit: z.string(), target: z.number().nullish(), higherIsBetter: z.boolean() });
const TouchpointRow = z.object({
  ...stamps,
  phaseId: z.string(),
  position: z.number(),
  name: z.string(),
  code: z.string().nullable(),
  channel: z.enum(Channel),
  online: z.boolean(),
  direct: z.boolean(),
  responsible: z.string(),
  purpose: z.string(),
  kpis: z.array(Kpi),
  functionalElements: z.array(z.string()),
  emotionalElements: z.array(z.string()),
  critical: z.boolean(),
  difficult: z.boolean(),
  basedOnId: idOrNull,
  departmentId: idOrNull,
  departmentCreatedAt: timestamp.nullable(),
  departmentUpdatedAt: timestamp.nullable(),
  departmentName: z.string().nullable(),
  departmentDescription: z.string().nullable(),
});

const STAMPS = 'id, created_at AS "createdAt", updated_at AS "updatedAt"';
const JOURNEY_SQL = `SELECT ${STAMPS}, name, description, purpose, state, owner, sponsor,
    improves_id AS "improvesId", persona_id AS "personaId"
  FROM journey WHERE id = ?`;
const PHASES_SQL = `SELECT ${STAMPS}, position, name, description, actions, thoughts, feelings, emotion
  FROM phase WHERE journey_id = ? ORDER BY position, id`;
const TOUCHPOINTS_SQL = `SELECT t.id, t.created_at AS "createdAt", t.updated_at AS "updatedAt", t.phase_id AS "phaseId", t.position,
    t.name, t.code, t.channel, t.online, t.direct, t.responsible, t.purpose, t.kpis,
    t.functional_elements AS "functionalElements", t.emotional_elements AS "emotionalElements", t.critical, t.difficult,
    t.based_on_id AS "basedOnId", t.department_id AS "departmentId", d.created_at AS "departmentCreatedAt",
    d.updated_at AS "departmentUpdatedAt", d.name AS "departmentName", d.description AS "departmentDescription"
  FROM touchpoint t JOIN phase p ON p.id = t.phase_id LEFT JOIN department d ON d.id = t.department_id
  WHERE p.journey_id = ? ORDER BY t.position, t.id`;

type Ref = { id: string };
export interface DepartmentNode {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  name: string;
  description: string;
}
export interface JourneyNode extends Omit<z.infer<typeof JourneyRow>, 'improvesId' | 'personaId'> {
  improves?: Ref;
  persona?: Ref;
  phases: PhaseNode[];
}
export interface PhaseNode extends z.infer<typeof PhaseRow> {
  journey: JourneyNode;
  touchpoints: TouchpointNode[];
}
type TouchpointFields = Omit<
  z.infer<typeof TouchpointRow>,
  'phaseId' | 'code' | 'basedOnId' | 'departmentId' | 'departmentCreatedAt' | 'departmentUpdatedAt' | 'departmentName' | 'departmentDescription'
>;
export interface TouchpointNode extends TouchpointFields {
  code?: string;
  phase: PhaseNode;
  department?: DepartmentNode;
  basedOn?: Ref;
}

/** What a Journey, Phase or Touchpoint field receives: an entity (from a mutation or another module) or a node of the snapshot. */
export type JourneyView = Journey | JourneyNode;
export type PhaseView = Phase | PhaseNode;
export type TouchpointView = Touchpoint | TouchpointNode;

const ref = (id: string | null): Ref | undefined => (id === null ? undefined : { id });

/** Reads one journey's model: three statements, whatever its size. Throws NOT_FOUND naming it. */
async function readJourney(em: EntityManager, id: string): Promise<JourneyNode> {
  // Converted (sql), so an id that is not a UUID is the same BAD_USER_INPUT (INVALID_VALUE) as through findOne.
  const [journeys, phases, touchpoints] = await Promise.all([sql(em, JOURNEY_SQL, [id]), sql(em, PHASES_SQL, [id]), sql(em, TOUCHPOINTS_SQL, [id])]);
  const found = journeys[0];
  if (found === undefined) throw notFound('Journey', id);
  const { improvesId, personaId, ...journeyFields } = JourneyRow.parse(found);
  const journey: JourneyNode = { ...journeyFields, improves: ref(improvesId), persona: ref(personaId), phases: [] };
  const byPhase = new Map<string, PhaseNode>();
  for (const row of phases) {
    const phase: PhaseNode = { ...PhaseRow.parse(row), journey, touchpoints: [] };
    journey.phases.push(phase);
    byPhase.set(phase.id, phase);
  }
  const departments = new Map<string, DepartmentNode>();
  for (const row of touchpoints) {
    const { phaseId, code, basedOnId, departmentId, departmentCreatedAt, departmentUpdatedAt, departmentName, departmentDescription, ...fields } =
      TouchpointRow.parse(row);
    const phase = byPhase.get(phaseId);
    if (!phase) continue; // a phase added between the two statements: the next read sees both
    let department = departmentId === null ? undefined : departments.get(departmentId);
    if (departmentId !== null && !department && departmentCreatedAt && departmentUpdatedAt && departmentName !== null && departmentDescription !== null) {
      department = { id: departmentId, createdAt: departmentCreatedAt, updatedAt: departmentUpdatedAt, name: departmentName, description: departmentDescription };
      departments.set(departmentId, department);
    }
    phase.touchpoints.push({
      ...fields,
      code: code ?? undefined,
      phase,
      department,
      basedOn: ref(basedOnId),
    });
  }
  return journey;
}

/**
 * Remembered journeys, by id. Any write to the model through this process forgets them all at once
 * (ForgetJourneysOnWrite), reads still under way included; a change made elsewhere (another process,
 * SQL by hand) is seen within `journeySnapshots.ms`.
 */
export const journeySnapshots = { ms: 5000 };
const SNAPSHOTS_MAX = 256;
const remembered = new Map<string, { journey: Promise<JourneyNode>; until: number }>();

/** Drops every remembered journey; for changes to the model that bypass the ORM's flush. */
export function forgetJourneys(): void {
  remembered.clear();
}

/** One journey's model as plain rows: remembered, or read (once, however many requests ask at the same time). */
export function journeySnapshot(em: EntityManager, id: string): Promise<JourneyNode> {
  const now = Date.now();
  const known = remembered.get(id);
  if (known && known.until > now) return known.journey;
  const journey = readJourney(em, id);
  if (remembered.size >= SNAPSHOTS_MAX) remembered.clear();
  const entry = { journey, until: now + journeySnapshots.ms };
  remembered.set(id, entry);
  // A failed read (unknown id, database away) is not kept.
  journey.catch(() => {
    if (remembered.get(id) === entry) remembered.delete(id);
  });
  return journey;
}

/** The map's read of one journey on the application's root entity manager: no request fork, nothing hydrated. */
export class JourneySnapshotService {
  constructor(private readonly orm: MikroORM) {}

  journey(id: string): Promise<JourneyNode> {
    return journeySnapshot(this.orm.em, id);
  }
}

/** The tables a snapshot is made of, and persona (a deleted persona clears journey.persona). */
const MODEL_ENTITIES: ReadonlySet<string> = new Set([Journey, Phase, Touchpoint, Department, Persona].map((entity) => entity.name));
const changesModel = (uow: UnitOfWork) => uow.getChangeSets().some((change) => MODEL_ENTITIES.has(change.name));

/**
 * Forgets the remembered journeys after every flush that changed the model, and after every explicit
 * transaction (its statements are not known here: seeds delete with nativeDelete inside one).
 */
export class ForgetJourneysOnWrite implements EventSubscriber {
  afterFlush(args: FlushEventArgs): void {
    if (changesModel(args.uow)) forgetJourneys();
  }
  afterTransactionCommit(args: TransactionEventArgs): void {
    if (!args.uow || changesModel(args.uow)) forgetJourneys();
  }
}
