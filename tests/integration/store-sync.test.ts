import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openStore, type Store } from '../../analytics/store.js';
import { syncDimensions } from '../../analytics/sync/dimensions.js';
import { dataFingerprint } from '../../analytics/queries/dataFingerprint.js';
import { initORM, type ORM } from '../../server/db.js';
import { Department } from '../../server/modules/departments/department.entity.js';
import { Journey } from '../../server/modules/journeys/journey.entity.js';
import { Channel, JourneyState } from '../../server/modules/journeys/journey.enums.js';
import { Phase } from '../../server/modules/journeys/phase.entity.js';
import { Touchpoint } from '../../server/modules/journeys/touchpoint.entity.js';
import { Persona } from '../../server/modules/personas/persona.entity.js';

const DATABASE = `store_sync_${process.pid}`;
let orm: ORM;
let pool: pg.Pool;
let store: Store;

/** A fresh database for this file on the injected server, migrated by initORM. */
beforeAll(async () => {
  const admin = new pg.Client({ connectionString: inject('pgUrl') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  const url = new URL(inject('pgUrl'));
  url.pathname = `/${DATABASE}`;
  orm = await initORM(url.toString(), { debug: false });
  pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  store = await openStore(':memory:');
  await store.ensureSchema();
});

afterAll(async () => {
  await store?.close();
  await pool?.end();
  await orm?.close(true);
});

/** Persona, department, an as-is journey with 2 phases (2 + 1 touchpoints) and a to-be copy of one touchpoint. */
async function makeModel() {
  const em = orm.em.fork();
  const persona = em.create(Persona, { name: 'Senior saver', code: 'SENIOR_SAVER' });
  const service = em.create(Department, { name: 'Customer Service' });
  const journey = em.create(Journey, { name: 'As-is', state: JourneyState.AS_IS });
  const buy = em.create(Phase, { journey, position: 0, name: 'Buy', emotion: 1 });
  const use = em.create(Phase, { journey, position: 1, name: 'Use', emotion: -2 });
  const web = em.create(Touchpoint, { phase: buy, position: 0, name: 'Web quote', code: 'TP_WEB', channel: Channel.WEB, online: true, direct: true });
  em.create(Touchpoint, { phase: buy, position: 1, name: 'Advisor', code: 'TP_ADV', channel: Channel.FACE_TO_FACE, online: false, direct: true, critical: true });
  em.create(Touchpoint, { phase: use, position: 0, name: 'Phone', code: 'TP_PHONE', channel: Channel.PHONE, online: false, direct: true, department: service, difficult: true });
  const toBe = em.create(Journey, { name: 'To-be', state: JourneyState.TO_BE, improves: journey, persona });
  const toBePhase = em.create(Phase, { journey: toBe, position: 0, name: 'Buy', emotion: 2 });
  em.create(Touchpoint, { phase: toBePhase, position: 0, name: 'Web quote v2', channel: Channel.WEB, online: true, direct: true, basedOn: web });
  await em.flush();
  return { persona, service, journey, toBe, web };
}

describe('syncDimensions', () => {
  it('copies personas, departments, journeys, phases and touchpoints from Postgres, with the journey order', async () => {
    const { persona, service, journey, toBe, web } = await makeModel();
    await syncDimensions(store, pool);

    expect(await store.all(`SELECT persona_id, code, name FROM dim_personas`)).toEqual([{ persona_id: persona.id, code: 'SENIOR_SAVER', name: 'Senior saver' }]);
    expect(await store.all(`SELECT department_id, name FROM dim_departments`)).toEqual([{ department_id: service.id, name: 'Customer Service' }]);
    expect(await store.all(`SELECT journey_id, state, improves_id, persona_id FROM dim_journeys ORDER BY state`)).toEqual([
      { journey_id: journey.id, state: 'AS_IS', improves_id: null, persona_id: null },
      { journey_id: toBe.id, state: 'TO_BE', improves_id: journey.id, persona_id: persona.id },
    ]);
    expect(await store.all(`SELECT name, position, emotion FROM dim_phases WHERE journey_id = $j ORDER BY position`, { j: journey.id })).toEqual([
      { name: 'Buy', position: 0, emotion: 1 },
      { name: 'Use', position: 1, emotion: -2 },
    ]);
    expect(
      await store.all(
        `SELECT code, journey_position, channel, critical, difficult, department_id IS NOT NULL AS owned FROM dim_touchpoints WHERE journey_id = $j ORDER BY journey_position`,
        { j: journey.id },
      ),
    ).toEqual([
      { code: 'TP_WEB', journey_position: 0, channel: 'WEB', critical: false, difficult: false, owned: false },
      { code: 'TP_ADV', journey_position: 1, channel: 'FACE_TO_FACE', critical: true, difficult: false, owned: false },
      { code: 'TP_PHONE', journey_position: 2, channel: 'PHONE', critical: false, difficult: true, owned: true },
    ]);
    expect(await store.all(`SELECT code, based_on_id FROM dim_touchpoints WHERE journey_id = $j`, { j: toBe.id })).toEqual([
      { code: null, based_on_id: web.id },
    ]);
    expect((await store.getMeta()).dimensions_version).toBe('1');
  });

  it('replaces the copy after a model change: renamed, deleted and added rows', async () => {
    const em = orm.em.fork();
    const phone = await em.findOneOrFail(Touchpoint, { code: 'TP_PHONE' });
    phone.name = 'Customer service phone';
    em.remove(await em.findOneOrFail(Touchpoint, { code: 'TP_ADV' }));
    em.create(Persona, { name: 'Digital native', code: 'DIGITAL_NATIVE' });
    await em.flush();

    await syncDimensions(store, pool);
    expect(await store.all(`SELECT code, name FROM dim_touchpoints WHERE code IS NOT NULL ORDER BY code`)).toEqual([
      { code: 'TP_PHONE', name: 'Customer service phone' },
      { code: 'TP_WEB', name: 'Web quote' },
    ]);
    expect(await store.all(`SELECT code FROM dim_personas ORDER BY code`)).toEqual([{ code: 'DIGITAL_NATIVE' }, { code: 'SENIOR_SAVER' }]);
    expect((await store.getMeta()).dimensions_version).toBe('2');
  });

  it('keeps the copy and its version when an edit changes nothing the store copies (an owner), so results remembered under the data fingerprint stay valid', async () => {
    const before = await dataFingerprint(store);
    const em = orm.em.fork();
    const phone = await em.findOneOrFail(Touchpoint, { code: 'TP_PHONE' });
    phone.responsible = 'Anna from claims';
    await em.flush();

    await syncDimensions(store, pool);
    expect((await store.getMeta()).dimensions_version).toBe('2');
    expect(await dataFingerprint(store)).toBe(before);

    // A copied column (the phase's feeling) changes the copy and the fingerprint.
    const phase = await em.findOneOrFail(Phase, { name: 'Use' });
    phase.emotion = 1;
    await em.flush();
    await syncDimensions(store, pool);
    expect((await store.getMeta()).dimensions_version).toBe('3');
    expect(await store.all(`SELECT emotion FROM dim_phases WHERE phase_id = $id`, { id: phase.id })).toEqual([{ emotion: 1 }]);
    expect(await dataFingerprint(store)).not.toBe(before);
  });

  it('leaves the previous copy in place when reading Postgres fails', async () => {
    const broken = new pg.Pool({ connectionString: 'postgres://nobody:wrong@127.0.0.1:1/none', connectionTimeoutMillis: 500 });
    await expect(syncDimensions(store, broken)).rejects.toThrow();
    await broken.end();
    const [row] = await store.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM dim_touchpoints`);
    expect(row?.n).toBe(3);
  });
});
