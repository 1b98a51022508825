import type { EntityManager } from '@mikro-orm/postgresql';
import { Department } from '../departments/department.entity.js';
import { findOrNotFound, loadRef, resolveRef } from '../../common/loaders.js';
import { Persona } from '../personas/persona.entity.js';
import { Journey } from './journey.entity.js';
import { JourneyState } from './journey.enums.js';
import { JourneyErrors } from './journey.errors.js';
import type { JourneyFilter, JourneyInput, PhaseInput, TouchpointInput } from './journey.input.js';
import type { JourneyView, TouchpointView } from './journey.snapshot.js';
import { Phase } from './phase.entity.js';
import { Touchpoint } from './touchpoint.entity.js';
import { sql } from '../../common/sql.js';

/** In inputs, an absent field (undefined) means "leave unchanged"; null means "clear". */
const KEEP_UNSET = { ignoreUndefined: true } as const;

type Positioned = { id: string; position: number };

/** Inserts `item` at `position` (default: last) and renumbers 0..n-1. */
function placeAt<T extends Positioned>(items: T[], item: T, position: number | undefined): void {
  const others = items.filter((i) => i !== item).sort((a, b) => a.position - b.position);
  const at = position ?? others.length;
  if (!Number.isInteger(at) || at < 0 || at > others.length) throw JourneyErrors.positionOutOfRange(at, others.length);
  others.splice(at, 0, item);
  others.forEach((i, index) => (i.position = index));
}

/** Applies a complete new order given as ids; refuses anything but a permutation of the current ids. */
function reorder<T extends Positioned>(what: string, items: T[], ids: string[]): T[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  if (ids.length !== items.length || new Set(ids).size !== ids.length || ids.some((id) => !byId.has(id))) {
    throw JourneyErrors.notAPermutation(what, items.length, ids.length);
  }
  return ids.map((id, index) => {
    const item = byId.get(id)!;
    item.position = index;
    return item;
  });
}

/** The rules of the journey model: journeys, their ordered phases and ordered touchpoints. */
export class JourneyService {
  constructor(private readonly em: EntityManager) {}

  /** `filter` is null when a client sends `filter: null` explicitly (a default parameter does not cover that). */
  /** A journey's persona, whether the journey is an entity or the map's remembered rows. */
  persona(journey: JourneyView): Promise<Persona | null> {
    if (journey instanceof Journey) return loadRef(journey.persona);
    return journey.persona ? loadRef(this.em.getReference(Persona, journey.persona.id)) : Promise.resolve(null);
  }

  /** The AS_IS journey a TO_BE journey improves, from an entity or the remembered rows. */
  improves(journey: JourneyView): Promise<Journey | null> {
    if (journey instanceof Journey) return loadRef(journey.improves);
    return journey.improves ? loadRef(this.em.getReference(Journey, journey.improves.id)) : Promise.resolve(null);
  }

  /** The AS_IS touchpoint a TO_BE touchpoint came from, from an entity or the remembered rows. */
  basedOn(touchpoint: TouchpointView): Promise<Touchpoint | null> {
    if (touchpoint instanceof Touchpoint) return loadRef(touchpoint.basedOn);
    return touchpoint.basedOn ? loadRef(this.em.getReference(Touchpoint, touchpoint.basedOn.id)) : Promise.resolve(null);
  }

  list(given?: JourneyFilter | null): Promise<Journey[]> {
    const filter = given ?? {};
    return this.em.find(
      Journey,
      {
        ...(filter.personaId ? { persona: filter.personaId } : {}),
        ...(filter.state ? { state: filter.state } : {}),
        ...(filter.forAllCustomers === undefined ? {} : { persona: filter.forAllCustomers ? null : { $ne: null } }),
      },
      { orderBy: { state: 'asc', name: 'asc' } },
    );
  }

  async get(id: string): Promise<Journey> {
    return findOrNotFound(this.em, Journey, 'Journey', id);
  }

  /** For each AS_IS journey id: the TO_BE journeys that improve it, by name. One statement for all ids. */
  async improvedBy(ids: readonly string[]): Promise<Journey[][]> {
    const toBe = await this.em.find(Journey, { improves: { $in: [...ids] } }, { orderBy: { name: 'asc' } });
    return ids.map((id) => toBe.filter((j) => j.improves?.id === id));
  }

  /** For each journey id: how many phases and touchpoints it has. One statement for all ids. */
  async counts(ids: readonly string[]): Promise<{ phases: number; touchpoints: number }[]> {
    const rows = await sql<{ journey_id: string; phases: string; touchpoints: string }[]>(
      this.em,
      `select p.journey_id, count(distinct p.id) as phases, count(t.id) as touchpoints
         from phase p left join touchpoint t on t.phase_id = p.id
        where p.journey_id in (?) group by p.journey_id`,
      [[...ids]],
    );
    return ids.map((id) => {
      const row = rows.find((r) => r.journey_id === id);
      return { phases: Number(row?.phases ?? 0), touchpoints: Number(row?.touchpoints ?? 0) };
    });
  }

  async getPhase(id: string): Promise<Phase> {
    const phase = await findOrNotFound(this.em, Phase, 'Phase', id);
    await phase.touchpoints.init();
    return phase;
  }

  async getTouchpoint(id: string): Promise<Touchpoint> {
    return findOrNotFound(this.em, Touchpoint, 'Touchpoint', id);
  }

  async create(input: JourneyInput): Promise<Journey> {
    if (!input.name) throw JourneyErrors.required('journey', ['name']);
    const journey = this.em.create(Journey, { name: input.name });
    await this.apply(journey, input);
    await this.em.flush();
    return journey;
  }

  async update(id: string, input: JourneyInput): Promise<Journey> {
    const journey = await this.get(id);
    await this.apply(journey, input);
    await this.em.flush();
    return journey;
  }

  private async apply(journey: Journey, input: JourneyInput): Promise<void> {
    const { personaId, improvesId, ...plain } = input;
    this.em.assign(journey, plain, KEEP_UNSET);
    const persona = await resolveRef(this.em, Persona, 'Persona', personaId);
    if (persona !== undefined) journey.persona = persona ?? undefined;
    const improves = await resolveRef(this.em, Journey, 'Journey', improvesId);
    if (improves !== undefined) journey.improves = improves ?? undefined;
    // The journey it already improves is only a reference until loaded: its state is needed below.
    await loadRef(journey.improves);
    if (journey.improves && (journey.state !== JourneyState.TO_BE || journey.improves.state !== JourneyState.AS_IS || journey.improves === journey)) {
      throw JourneyErrors.improvesMustBeAsIs();
    }
  }

  async delete(id: string): Promise<string> {
    const journey = await this.get(id);
    await this.em.remove(journey).flush();
    return id;
  }

  /** Starts a TO_BE journey from an AS_IS one: same phases and touchpoints, each touchpoint remembering its as-is original. */
  async copyToBe(id: string, name?: string): Promise<Journey> {
    const source = await this.em.findOne(Journey, id, { populate: ['phases.touchpoints'] });
    if (!source) throw JourneyErrors.journeyNotFound(id);
    if (source.state !== JourneyState.AS_IS) throw JourneyErrors.copyNeedsAsIs(id);
    const copy = this.em.create(Journey, {
      name: name ?? `${source.name} (to-be)`,
      description: source.description,
      purpose: source.purpose,
      state: JourneyState.TO_BE,
      improves: source,
      persona: source.persona,
      owner: source.owner,
      sponsor: source.sponsor,
    });
    for (const phase of source.phases) {
      const { id: _id, createdAt: _c, updatedAt: _u, journey: _j, touchpoints, ...phaseFields } = phase;
      const phaseCopy = this.em.create(Phase, { ...phaseFields, journey: copy });
      for (const tp of touchpoints) {
        const { id: _tid, createdAt: _tc, updatedAt: _tu, phase: _p, code: _code, basedOn: _b, ...tpFields } = tp;
        this.em.create(Touchpoint, { ...tpFields, kpis: tp.kpis.map((k) => ({ ...k })), phase: phaseCopy, basedOn: tp });
      }
    }
    await this.em.flush();
    return copy;
  }

  async createPhase(journeyId: string, input: PhaseInput, position?: number): Promise<Phase> {
    const journey = await this.em.findOne(Journey, journeyId, { populate: ['phases'] });
    if (!journey) throw JourneyErrors.journeyNotFound(journeyId);
    if (!input.name) throw JourneyErrors.required('phase', ['name']);
    const phase = this.em.assign(this.em.create(Phase, { name: input.name, journey, position: 0 }), input, KEEP_UNSET);
    placeAt(journey.phases.getItems(), phase, position);
    await this.em.flush();
    return phase;
  }

  async updatePhase(id: string, input: PhaseInput): Promise<Phase> {
    const phase = await this.getPhase(id);
    this.em.assign(phase, input, KEEP_UNSET);
    await this.em.flush();
    return phase;
  }

  async deletePhase(id: string): Promise<string> {
    const phase = await this.getPhase(id);
    const journey = await this.em.findOneOrFail(Journey, phase.journey.id, { populate: ['phases'] });
    journey.phases.remove(phase);
    journey.phases.getItems().forEach((p, index) => (p.position = index));
    await this.em.flush();
    return id;
  }

  async reorderPhases(journeyId: string, phaseIds: string[]): Promise<Phase[]> {
    const journey = await this.em.findOne(Journey, journeyId, { populate: ['phases'] });
    if (!journey) throw JourneyErrors.journeyNotFound(journeyId);
    const ordered = reorder('phases', journey.phases.getItems(), phaseIds);
    await this.em.flush();
    return ordered;
  }

  async createTouchpoint(phaseId: string, input: TouchpointInput, position?: number): Promise<Touchpoint> {
    const phase = await this.getPhase(phaseId);
    const missing = (['name', 'channel', 'online', 'direct'] as const).filter((f) => input[f] === undefined);
    const { departmentId, code, name, channel, online, direct, ...plain } = input;
    if (name === undefined || channel === undefined || online === undefined || direct === undefined) {
      throw JourneyErrors.required('touchpoint', missing);
    }
    const touchpoint = this.em.create(Touchpoint, { name, channel, online, direct, code: code ?? undefined, phase, position: 0 });
    this.em.assign(touchpoint, plain, KEEP_UNSET);
    await this.setDepartment(touchpoint, departmentId);
    placeAt(phase.touchpoints.getItems(), touchpoint, position);
    await this.em.flush();
    return touchpoint;
  }

  /**
   * Many touchpoints at once (a pasted list of names), appended in order, all or nothing. A code used
   * twice in the list, or already used by another touchpoint, is refused naming its place in the list
   * (`inputs.<i>.code`), so a form can put the message beside the row.
   */
  async createTouchpoints(phaseId: string, inputs: TouchpointInput[]): Promise<Touchpoint[]> {
    const phase = await this.getPhase(phaseId);
    if (inputs.length === 0 || inputs.length > 240) throw JourneyErrors.listSize(inputs.length);
    const seen = new Map<string, number>();
    inputs.forEach((input, i) => {
      const missing = (['name', 'channel', 'online', 'direct'] as const).filter((f) => input[f] === undefined);
      if (missing.length) throw JourneyErrors.requiredAt(i, missing);
      if (!input.code) return;
      const key = input.code.toLowerCase();
      const earlier = seen.get(key);
      if (earlier !== undefined) throw JourneyErrors.codeRepeated(i, input.code, earlier);
      seen.set(key, i);
    });
    const codes = inputs.flatMap((input) => (input.code ? [input.code] : []));
    if (codes.length) {
      const taken = await this.em.find(Touchpoint, { code: { $in: codes } }, { fields: ['code'] });
      const takenCodes = new Set(taken.map((t) => t.code));
      const clash = inputs.findIndex((input) => input.code && takenCodes.has(input.code));
      const clashing = inputs[clash]?.code;
      if (clash >= 0 && clashing) throw JourneyErrors.codeTaken(clash, clashing);
    }
    const created: Touchpoint[] = [];
    for (const [i, input] of inputs.entries()) {
      const { departmentId, code, name, channel, online, direct, ...plain } = input;
      if (name === undefined || channel === undefined || online === undefined || direct === undefined) throw JourneyErrors.requiredAt(i, ['name']);
      const touchpoint = this.em.create(Touchpoint, { name, channel, online, direct, code: code ?? undefined, phase, position: 0 });
      this.em.assign(touchpoint, plain, KEEP_UNSET);
      await this.setDepartment(touchpoint, departmentId);
      placeAt(phase.touchpoints.getItems(), touchpoint, undefined);
      created.push(touchpoint);
    }
    await this.em.flush();
    return created;
  }

  async updateTouchpoint(id: string, input: TouchpointInput): Promise<Touchpoint> {
    const touchpoint = await this.getTouchpoint(id);
    const { departmentId, code, ...plain } = input;
    this.em.assign(touchpoint, plain, KEEP_UNSET);
    if (code !== undefined) touchpoint.code = code ?? undefined;
    await this.setDepartment(touchpoint, departmentId);
    await this.em.flush();
    return touchpoint;
  }

  private async setDepartment(touchpoint: Touchpoint, departmentId: string | null | undefined): Promise<void> {
    const department = await resolveRef(this.em, Department, 'Department', departmentId);
    if (department !== undefined) touchpoint.department = department ?? undefined;
  }

  async deleteTouchpoint(id: string): Promise<string> {
    const touchpoint = await this.getTouchpoint(id);
    const phase = await this.getPhase(touchpoint.phase.id);
    phase.touchpoints.remove(touchpoint);
    phase.touchpoints.getItems().forEach((t, index) => (t.position = index));
    await this.em.flush();
    return id;
  }

  async reorderTouchpoints(phaseId: string, touchpointIds: string[]): Promise<Touchpoint[]> {
    const phase = await this.getPhase(phaseId);
    const ordered = reorder('touchpoints', phase.touchpoints.getItems(), touchpointIds);
    await this.em.flush();
    return ordered;
  }

  /** Moves a touchpoint to a position in a phase of the same journey (the target phase may be its own). */
  async moveTouchpoint(id: string, phaseId: string, position?: number): Promise<Touchpoint> {
    const touchpoint = await this.getTouchpoint(id);
    const from = await this.getPhase(touchpoint.phase.id);
    const to = await this.getPhase(phaseId);
    if (from.journey.id !== to.journey.id) {
      throw JourneyErrors.required('move within one journey', ['a phaseId of the touchpoint\'s own journey']);
    }
    if (from === to) {
      placeAt(to.touchpoints.getItems(), touchpoint, position);
    } else {
      // Not Collection.remove(): orphanRemoval would delete the touchpoint instead of moving it.
      from.touchpoints
        .getItems()
        .filter((t) => t !== touchpoint)
        .forEach((t, index) => (t.position = index));
      touchpoint.phase = to;
      placeAt([...to.touchpoints.getItems(), touchpoint], touchpoint, position);
    }
    await this.em.flush();
    return touchpoint;
  }
}
