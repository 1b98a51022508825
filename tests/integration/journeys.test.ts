import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeySnapshots } from '../../server/modules/journeys/journey.snapshot.js';
import { Phase } from '../../server/modules/journeys/phase.entity.js';
import { Touchpoint } from '../../server/modules/journeys/touchpoint.entity.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { makeJourney } from '../support/factories.js';
import { codes, makeTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;
beforeAll(async () => {
  app = await makeTestApp();
});
afterAll(async () => app?.close());

const MAP = `query($id: ID!) {
  journey(id: $id) { id name phases { id name position touchpoints { id name position code department { id name } } } }
}`;

describe('journey model through GraphQL', () => {
  it('creates a journey with ordered phases and touchpoints and reads it back nested', async () => {
    const { journeyId } = await makeJourney(app, { phases: 3, touchpointsPerPhase: 2 });
    const { journey } = await app.ok(MAP, { id: journeyId });
    expect(journey.phases.map((p: any) => p.name)).toEqual(['Phase 0', 'Phase 1', 'Phase 2']);
    expect(journey.phases.map((p: any) => p.position)).toEqual([0, 1, 2]);
    expect(journey.phases[1].touchpoints.map((t: any) => t.name)).toEqual(['Touchpoint 1.0', 'Touchpoint 1.1']);
    expect(journey.phases[1].touchpoints[0].department.name).toMatch(/^Dept /);
  });

  it('inserts a phase at a position and renumbers the others', async () => {
    const { journeyId } = await makeJourney(app, { phases: 3, touchpointsPerPhase: 0 });
    await app.ok(`mutation($j: ID!) { createPhase(journeyId: $j, input: { name: "Inserted" }, position: 1) { id } }`, { j: journeyId });
    const { journey } = await app.ok(MAP, { id: journeyId });
    expect(journey.phases.map((p: any) => [p.name, p.position])).toEqual([
      ['Phase 0', 0],
      ['Inserted', 1],
      ['Phase 1', 2],
      ['Phase 2', 3],
    ]);
  });

  it('updates fields and leaves the others as they were', async () => {
    const { journeyId } = await makeJourney(app, { phases: 0 });
    const { updateJourney } = await app.ok(
      `mutation($id: ID!) { updateJourney(id: $id, input: { owner: "Mette", purpose: OPTIMISE }) { name owner purpose } }`,
      { id: journeyId },
    );
    expect(updateJourney).toEqual({ name: 'Test journey', owner: 'Mette', purpose: 'OPTIMISE' });
  });

  it('reorders phases and touchpoints and refuses an order that is not a permutation', async () => {
    const { journeyId, phaseIds, touchpointIds } = await makeJourney(app, { phases: 3, touchpointsPerPhase: 3 });
    await app.ok(`mutation($j: ID!, $ids: [ID!]!) { reorderPhases(journeyId: $j, phaseIds: $ids) { id } }`, {
      j: journeyId,
      ids: [phaseIds[2], phaseIds[0], phaseIds[1]],
    });
    await app.ok(`mutation($p: ID!, $ids: [ID!]!) { reorderTouchpoints(phaseId: $p, touchpointIds: $ids) { id } }`, {
      p: phaseIds[0],
      ids: [...touchpointIds[0]!].reverse(),
    });
    const { journey } = await app.ok(MAP, { id: journeyId });
    expect(journey.phases.map((p: any) => p.name)).toEqual(['Phase 2', 'Phase 0', 'Phase 1']);
    expect(journey.phases[1].touchpoints.map((t: any) => t.name)).toEqual(['Touchpoint 0.2', 'Touchpoint 0.1', 'Touchpoint 0.0']);

    const bad = await app.gql(`mutation($j: ID!, $ids: [ID!]!) { reorderPhases(journeyId: $j, phaseIds: $ids) { id } }`, {
      j: journeyId,
      ids: [phaseIds[0], phaseIds[0], phaseIds[1]],
    });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0]!.message).toContain('every one of its 3 ids exactly once');
  });

  it('moves a touchpoint to another phase of the same journey at a position', async () => {
    const { journeyId, phaseIds, touchpointIds } = await makeJourney(app, { phases: 2, touchpointsPerPhase: 2 });
    await app.ok(`mutation($id: ID!, $p: ID!) { moveTouchpoint(id: $id, phaseId: $p, position: 0) { id } }`, {
      id: touchpointIds[0]![1],
      p: phaseIds[1],
    });
    const { journey } = await app.ok(MAP, { id: journeyId });
    expect(journey.phases[0].touchpoints.map((t: any) => [t.name, t.position])).toEqual([['Touchpoint 0.0', 0]]);
    expect(journey.phases[1].touchpoints.map((t: any) => [t.name, t.position])).toEqual([
      ['Touchpoint 0.1', 0],
      ['Touchpoint 1.0', 1],
      ['Touchpoint 1.1', 2],
    ]);
  });

  it('deletes a touchpoint, a phase and a journey with everything under it', async () => {
    const { journeyId, phaseIds, touchpointIds } = await makeJourney(app, { phases: 2, touchpointsPerPhase: 2 });
    await app.ok(`mutation($id: ID!) { deleteTouchpoint(id: $id) }`, { id: touchpointIds[1]![0] });
    await app.ok(`mutation($id: ID!) { deletePhase(id: $id) }`, { id: phaseIds[0] });
    const { journey } = await app.ok(MAP, { id: journeyId });
    expect(journey.phases.map((p: any) => [p.name, p.position, p.touchpoints.length])).toEqual([['Phase 1', 0, 1]]);
    expect(journey.phases[0].touchpoints[0].position).toBe(0);

    await app.ok(`mutation($id: ID!) { deleteJourney(id: $id) }`, { id: journeyId });
    expect(codes(await app.gql(MAP, { id: journeyId }))).toEqual(['NOT_FOUND']);
    const em = app.orm.em.fork();
    expect(await em.count(Touchpoint, { id: { $in: touchpointIds.flat() } })).toBe(0);
    expect(await em.count(Phase, { id: { $in: phaseIds } })).toBe(0);
  });

  it('copies an as-is journey into a to-be journey that remembers its originals', async () => {
    const { journeyId } = await makeJourney(app, { phases: 2, touchpointsPerPhase: 2, name: 'Claims' });
    const { copyJourneyToBe } = await app.ok(
      `mutation($id: ID!) { copyJourneyToBe(id: $id) { id name state improves { id } phases { name touchpoints { name code basedOn { id code } } } } }`,
      { id: journeyId },
    );
    expect(copyJourneyToBe.name).toBe('Claims (to-be)');
    expect(copyJourneyToBe.state).toBe('TO_BE');
    expect(copyJourneyToBe.improves.id).toBe(journeyId);
    const copied = copyJourneyToBe.phases.flatMap((p: any) => p.touchpoints);
    expect(copied).toHaveLength(4);
    expect(copied.every((t: any) => t.code === null && t.basedOn.code.startsWith('TP_'))).toBe(true);

    const again = await app.gql(`mutation($id: ID!) { copyJourneyToBe(id: $id) { id } }`, { id: copyJourneyToBe.id });
    expect(codes(again)).toEqual(['BAD_USER_INPUT']);
  });

  it('lists the to-be journeys improving an as-is journey, and counts phases and touchpoints in one query', async () => {
    const { journeyId } = await makeJourney(app, { phases: 3, touchpointsPerPhase: 2, name: 'Counted map' });
    const { copyJourneyToBe } = await app.ok(`mutation($id: ID!) { copyJourneyToBe(id: $id) { id } }`, { id: journeyId });
    const { journey } = await app.ok(`query($id: ID!) { journey(id: $id) { counts { phases touchpoints } improvedBy { id } } }`, { id: journeyId });
    expect(journey).toEqual({ counts: { phases: 3, touchpoints: 6 }, improvedBy: [{ id: copyJourneyToBe.id }] });
    app.sql.length = 0;
    const { journeys } = await app.ok(`{ journeys { counts { touchpoints } } }`);
    expect(journeys.length).toBeGreaterThan(3);
    expect(app.sql.filter((q) => q.includes('count(distinct p.id)'))).toHaveLength(1);
  });

  it('filters journeys by state and persona', async () => {
    const { createPersona } = await app.ok(`mutation { createPersona(input: { name: "Young family", code: "YF_FILTER" }) { id } }`);
    await app.ok(`mutation($p: ID!) { createJourney(input: { name: "For families", personaId: $p }) { id } }`, { p: createPersona.id });
    const { journeys } = await app.ok(`query($p: ID!) { journeys(filter: { personaId: $p, state: AS_IS }) { name persona { code } } }`, {
      p: createPersona.id,
    });
    expect(journeys).toEqual([{ name: 'For families', persona: { code: 'YF_FILTER' } }]);
    const { journeys: forAll } = await app.ok(`{ journeys(filter: { forAllCustomers: true }) { name persona { code } } }`);
    expect(forAll.length).toBeGreaterThan(0);
    expect(forAll.every((j: any) => j.persona === null)).toBe(true);
    const { journeys: forPersonas } = await app.ok(`{ journeys(filter: { forAllCustomers: false }) { name } }`);
    expect(forPersonas.map((j: any) => j.name)).toEqual(['For families']);
  });

  it('tells the app after every model change so analytics can copy the dimensions', async () => {
    const before = app.modelChanges.length;
    await app.ok(`mutation { createJourney(input: { name: "Counted" }) { id } }`);
    expect(app.modelChanges.length).toBe(before + 1);
  });
});

describe('input errors carry stable codes and say what is wrong', () => {
  it('NOT_FOUND for an unknown id, naming the entity', async () => {
    const result = await app.gql(MAP, { id: '00000000-0000-4000-8000-000000000000' });
    expect(codes(result)).toEqual(['NOT_FOUND']);
    expect(result.errors![0]!.message).toContain('Journey 00000000-0000-4000-8000-000000000000 does not exist');
    expect(result.data).toBeNull();
  });

  it('BAD_USER_INPUT (INVALID_VALUE) for an id that is not a UUID, not an internal error', async () => {
    const result = await app.gql(MAP, { id: 'not-a-uuid' });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.extensions?.reason).toBe('INVALID_VALUE');
    expect(result.data).toBeNull();
  });

  it('BAD_USER_INPUT listing each invalid field', async () => {
    const { phaseIds } = await makeJourney(app, { phases: 1, touchpointsPerPhase: 0 });
    const result = await app.gql(`mutation($p: ID!) { updatePhase(id: $p, input: { name: "", emotion: 3 }) { id } }`, { p: phaseIds[0] });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.message).toMatch(/name .*longer than or equal to 1/);
    expect(result.errors![0]!.message).toMatch(/emotion .*not be greater than 2/);
  });

  it('BAD_USER_INPUT for a malformed code and for missing required fields', async () => {
    const { phaseIds } = await makeJourney(app, { phases: 1, touchpointsPerPhase: 0 });
    const badCode = await app.gql(`mutation($p: ID!) { createTouchpoint(phaseId: $p, input: { name: "X", code: "has space", channel: WEB, online: true, direct: true }) { id } }`, {
      p: phaseIds[0],
    });
    expect(codes(badCode)).toEqual(['BAD_USER_INPUT']);
    expect(badCode.errors![0]!.message).toContain('code must be 1-64 letters');
    const missing = await app.gql(`mutation($p: ID!) { createTouchpoint(phaseId: $p, input: { name: "X" }) { id } }`, { p: phaseIds[0] });
    expect(codes(missing)).toEqual(['BAD_USER_INPUT']);
    expect(missing.errors![0]!.message).toBe('A new touchpoint needs channel, online, direct.');
  });

  it('CONFLICT for a duplicate touchpoint or persona code, and nothing changes', async () => {
    const { phaseIds } = await makeJourney(app, { phases: 1, touchpointsPerPhase: 0 });
    const create = `mutation($p: ID!) { createTouchpoint(phaseId: $p, input: { name: "Quote", code: "TP_DUPLICATE", channel: WEB, online: true, direct: true }) { id } }`;
    await app.ok(create, { p: phaseIds[0] });
    const second = await app.gql(create, { p: phaseIds[0] });
    expect(codes(second)).toEqual(['CONFLICT']);
    expect(second.errors![0]!.message).toContain('"TP_DUPLICATE" is already in use');
    expect(await app.orm.em.fork().count(Touchpoint, { code: 'TP_DUPLICATE' })).toBe(1);

    await app.ok(`mutation { createPersona(input: { name: "A", code: "DUP_P" }) { id } }`);
    expect(codes(await app.gql(`mutation { createPersona(input: { name: "B", code: "DUP_P" }) { id } }`))).toEqual(['CONFLICT']);
  });
});

describe('nested fields are batched', () => {
  async function statementsFor(phases: number, touchpointsPerPhase: number): Promise<number> {
    const { journeyId } = await makeJourney(app, { phases, touchpointsPerPhase });
    await app.callerFor(Role.ANALYST);
    app.sql.length = 0;
    const { journey } = await app.ok(MAP, { id: journeyId }, Role.ANALYST);
    expect(journey.phases.flatMap((p: any) => p.touchpoints)).toHaveLength(phases * touchpointsPerPhase);
    return app.sql.length;
  }

  it('journey { phases { touchpoints { department } } } costs the same number of SQL statements for 2x2 and 6x8', async () => {
    const small = await statementsFor(2, 2);
    const large = await statementsFor(6, 8);
    console.log(`SQL statements for journey { phases { touchpoints { department } } }: ${small} (2x2) and ${large} (6x8)`);
    expect(large).toBe(small);
    expect(small).toBeGreaterThanOrEqual(3); // journey, phases, touchpoints (+ departments): one per level
    expect(small).toBeLessThanOrEqual(6);
  });
});

describe('the journey model is remembered until it changes (journey.snapshot.ts)', () => {
  /** Every field of the model a journey query can read, relations outside the journey included. */
  const WHOLE = `id name description purpose state owner sponsor createdAt updatedAt persona { id code } improves { id name } counts { phases touchpoints }
    phases { id name description position emotion actions thoughts feelings createdAt updatedAt journey { id name }
      touchpoints { id name position code channel online direct responsible purpose critical difficult functionalElements emotionalElements createdAt updatedAt
        kpis { name unit target higherIsBetter } department { id name description createdAt updatedAt } phase { id name } basedOn { id code } } }`;
  const modelSql = () => app.sql.filter((q) => /\b(from|join) "?(journey|phase|touchpoint|department)"?\b/i.test(q));

  it('a second map request sends no SQL for the model', async () => {
    const { journeyId } = await makeJourney(app, { phases: 3, touchpointsPerPhase: 4 });
    app.sql.length = 0;
    const first = await app.ok(MAP, { id: journeyId });
    expect(modelSql().length).toBeGreaterThan(0);
    app.sql.length = 0;
    const second = await app.ok(MAP, { id: journeyId });
    expect(modelSql()).toEqual([]);
    expect(second).toEqual(first);
  });

  it('answers every field as the entities do: a mutation returns entities, the journey query the remembered rows', async () => {
    const { journeyId, phaseIds } = await makeJourney(app, { phases: 2, touchpointsPerPhase: 2, name: 'Compared' });
    const { createPersona } = await app.ok(`mutation { createPersona(input: { name: "Compared persona", code: "CMP_P" }) { id } }`);
    await app.ok(`mutation($p: ID!) { createTouchpoint(phaseId: $p, input: { name: "No department", channel: PHONE, online: false, direct: false, critical: true,
      kpis: [{ name: "Answer time", unit: "s", target: 30, higherIsBetter: false }, { name: "Solved", unit: "%", higherIsBetter: true }] }) { id } }`, { p: phaseIds[1] });
    const { copyJourneyToBe } = await app.ok(`mutation($id: ID!) { copyJourneyToBe(id: $id) { id } }`, { id: journeyId });
    for (const id of [journeyId, copyJourneyToBe.id]) {
      const { updateJourney } = await app.ok(`mutation($id: ID!, $persona: ID!) { updateJourney(id: $id, input: { personaId: $persona, owner: "Mette" }) { ${WHOLE} } }`, {
        id,
        persona: createPersona.id,
      });
      const { journey } = await app.ok(`query($id: ID!) { journey(id: $id) { ${WHOLE} } }`, { id });
      expect(journey).toEqual(updateJourney);
      expect(journey.phases.flatMap((p: any) => p.touchpoints)).toHaveLength(5);
    }
  });

  it('a write to a touchpoint, a phase or a department is seen by the next request', async () => {
    const { journeyId, departmentId, phaseIds, touchpointIds } = await makeJourney(app, { phases: 2, touchpointsPerPhase: 2 });
    const read = async () => (await app.ok(MAP, { id: journeyId })).journey;
    await read();
    await app.ok(`mutation($id: ID!) { updateTouchpoint(id: $id, input: { name: "Renamed touchpoint" }) { id } }`, { id: touchpointIds[0]![1] });
    expect((await read()).phases[0].touchpoints[1].name).toBe('Renamed touchpoint');
    await app.ok(`mutation($id: ID!) { updatePhase(id: $id, input: { name: "Renamed phase" }) { id } }`, { id: phaseIds[1] });
    expect((await read()).phases[1].name).toBe('Renamed phase');
    await app.ok(`mutation($id: ID!) { updateDepartment(id: $id, input: { name: "Renamed department ${journeyId}" }) { id } }`, { id: departmentId });
    expect((await read()).phases[0].touchpoints[0].department.name).toBe(`Renamed department ${journeyId}`);

    // Through the ORM outside GraphQL, and inside an explicit transaction: forgotten as well.
    const em = app.orm.em.fork();
    (await em.findOneOrFail(Touchpoint, touchpointIds[1]![0]!)).name = 'Flushed';
    await em.flush();
    expect((await read()).phases[1].touchpoints[0].name).toBe('Flushed');
    await app.orm.em.fork().transactional((tx) => tx.nativeUpdate(Phase, { id: phaseIds[0] }, { name: 'In a transaction' }));
    expect((await read()).phases[0].name).toBe('In a transaction');
  });

  it('a change made outside the process (SQL by hand) is seen once journeySnapshots.ms has passed', async () => {
    const { journeyId, phaseIds } = await makeJourney(app, { phases: 1, touchpointsPerPhase: 1 });
    const kept = journeySnapshots.ms;
    journeySnapshots.ms = 50;
    try {
      await app.ok(MAP, { id: journeyId });
      await app.orm.em.getConnection().execute('UPDATE phase SET name = ? WHERE id = ?', ['By hand', phaseIds[0]], 'run');
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect((await app.ok(MAP, { id: journeyId })).journey.phases[0].name).toBe('By hand');
    } finally {
      journeySnapshots.ms = kept;
    }
  });
});
