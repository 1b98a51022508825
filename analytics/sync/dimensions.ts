import type { Client, Pool } from 'pg';
import { z } from 'zod';
import { valuesTable } from '../sql.js';
import type { Queryable, Store } from '../store.js';

/** The journey model as DuckDB dimension rows (snake_case, as the dim_* tables). */
export interface DimensionRows {
  personas: { persona_id: string; code: string; name: string }[];
  departments: { department_id: string; name: string }[];
  journeys: { journey_id: string; name: string; state: string; purpose: string; improves_id: string | null; persona_id: string | null }[];
  phases: { phase_id: string; journey_id: string; position: number; name: string; emotion: number }[];
  touchpoints: {
    touchpoint_id: string;
    journey_id: string;
    phase_id: string;
    position: number;
    code: string | null;
    name: string;
    channel: string;
    online: boolean;
    direct: boolean;
    department_id: string | null;
    critical: boolean;
    difficult: boolean;
    based_on_id: string | null;
  }[];
}

const id = z.string().min(1);
const ModelSnapshot = z.object({
  personas: z.array(z.object({ persona_id: id, code: z.string(), name: z.string() })),
  departments: z.array(z.object({ department_id: id, name: z.string() })),
  journeys: z.array(
    z.object({ journey_id: id, name: z.string(), state: z.string(), purpose: z.string(), improves_id: id.nullable(), persona_id: id.nullable() }),
  ),
  phases: z.array(z.object({ phase_id: id, journey_id: id, position: z.number().int(), name: z.string(), emotion: z.number().int().min(-2).max(2) })),
  touchpoints: z.array(
    z.object({
      touchpoint_id: id,
      journey_id: id,
      phase_id: id,
      position: z.number().int(),
      code: z.string().nullable(),
      name: z.string(),
      channel: z.string(),
      online: z.boolean(),
      direct: z.boolean(),
      department_id: id.nullable(),
      critical: z.boolean(),
      difficult: z.boolean(),
      based_on_id: id.nullable(),
    }),
  ),
});

// One statement, so the five tables are read from one consistent snapshot (works with a Pool or a Client).
const SNAPSHOT_SQL = `
SELECT
  (SELECT coalesce(json_agg(json_build_object('persona_id', id, 'code', code, 'name', name) ORDER BY code), '[]'::json) FROM persona) AS personas,
  (SELECT coalesce(json_agg(json_build_object('department_id', id, 'name', name) ORDER BY name), '[]'::json) FROM department) AS departments,
  (SELECT coalesce(json_agg(json_build_object('journey_id', id, 'name', name, 'state', state, 'purpose', purpose,
      'improves_id', improves_id, 'persona_id', persona_id) ORDER BY created_at, id), '[]'::json) FROM journey) AS journeys,
  (SELECT coalesce(json_agg(json_build_object('phase_id', id, 'journey_id', journey_id, 'position', position, 'name', name,
      'emotion', emotion) ORDER BY journey_id, position, id), '[]'::json) FROM phase) AS phases,
  (SELECT coalesce(json_agg(json_build_object('touchpoint_id', t.id, 'journey_id', p.journey_id, 'phase_id', t.phase_id,
      'position', t.position, 'code', t.code, 'name', t.name, 'channel', t.channel, 'online', t.online, 'direct', t.direct,
      'department_id', t.department_id, 'critical', t.critical, 'difficult', t.difficult, 'based_on_id', t.based_on_id)
      ORDER BY p.journey_id, p.position, t.position, t.id), '[]'::json)
   FROM touchpoint t JOIN phase p ON p.id = t.phase_id) AS touchpoints`;

/**
 * Copies personas, departments, journeys, phases and touchpoints from Postgres into the dim_* tables,
 * replacing them in one DuckDB transaction. Call on start and after every journey-model mutation.
 */
export async function syncDimensions(store: Store, pg: Pool | Client): Promise<DimensionRows> {
  const result = await pg.query(SNAPSHOT_SQL);
  const rows = ModelSnapshot.parse(result.rows[0]);
  await replaceDimensions(store, rows);
  return rows;
}

/**
 * Replaces the five journey-model dimension tables with `rows` in one transaction and bumps
 * dimensions_version, unless they already hold exactly these rows. Most model edits change nothing the
 * store copies (a touchpoint's owner, a description): bumping the version then changed the data
 * fingerprint, and every result remembered under it (map metrics, driver sums, status, priorities) was
 * computed again; under the 32-connection load test that was every two seconds.
 */
export async function replaceDimensions(store: Store, rows: DimensionRows): Promise<void> {
  await store.transaction(async (tx) => {
    if (await holdsDimensions(tx, rows)) return;
    await writeDimensions(tx, rows);
    await store.markChanged('dimensions', {}, tx);
  });
}

type Cell = string | number | boolean | null;
interface DimensionTable {
  table: string;
  columns: string[];
  cells(rows: DimensionRows): Cell[][];
}

/** The five tables, their columns and each one's rows from the model, in the order they are written. */
const TABLES: readonly DimensionTable[] = [
  { table: 'dim_personas', columns: ['persona_id', 'code', 'name'], cells: (rows) => rows.personas.map((r) => [r.persona_id, r.code, r.name]) },
  { table: 'dim_departments', columns: ['department_id', 'name'], cells: (rows) => rows.departments.map((r) => [r.department_id, r.name]) },
  {
    table: 'dim_journeys',
    columns: ['journey_id', 'name', 'state', 'purpose', 'improves_id', 'persona_id'],
    cells: (rows) => rows.journeys.map((r) => [r.journey_id, r.name, r.state, r.purpose, r.improves_id, r.persona_id]),
  },
  {
    table: 'dim_phases',
    columns: ['phase_id', 'journey_id', 'position', 'name', 'emotion'],
    cells: (rows) => rows.phases.map((r) => [r.phase_id, r.journey_id, r.position, r.name, r.emotion]),
  },
  {
    table: 'dim_touchpoints',
    columns: ['touchpoint_id', 'journey_id', 'phase_id', 'position', 'journey_position', 'code', 'name', 'channel', 'online', 'direct',
      'department_id', 'critical', 'difficult', 'based_on_id'],
    cells: (rows) => {
      const journeyPosition = journeyPositions(rows);
      return rows.touchpoints.map((r) => [
        r.touchpoint_id, r.journey_id, r.phase_id, r.position, journeyPosition.get(r.touchpoint_id) ?? 0, r.code, r.name, r.channel,
        r.online, r.direct, r.department_id, r.critical, r.difficult, r.based_on_id,
      ]);
    },
  },
];

/** Replaces the five journey-model dimension tables inside the caller's transaction. */
export async function writeDimensions(tx: Queryable, rows: DimensionRows): Promise<void> {
  for (const { table, columns, cells } of TABLES) await insertRows(tx, table, cells(rows), columns);
}

/** Whether the five tables hold exactly `rows` (as sets: the order of rows in a table means nothing). Hundreds of rows. */
async function holdsDimensions(tx: Queryable, rows: DimensionRows): Promise<boolean> {
  for (const { table, columns, cells } of TABLES) {
    const wanted = cells(rows).map((row) => JSON.stringify(row)).sort();
    const stored = (await tx.all(`SELECT ${columns.join(', ')} FROM ${table}`)).map((row) => JSON.stringify(columns.map((c) => row[c] ?? null))).sort();
    if (wanted.length !== stored.length || wanted.some((row, i) => row !== stored[i])) return false;
  }
  return true;
}

/** Replaces dim_units (branches are not in the Postgres model: the generator or an import provides them). */
export async function replaceUnits(tx: Queryable, units: readonly { code: string; name: string }[]): Promise<void> {
  await insertRows(tx, 'dim_units', units.map((u) => [u.code, u.name]), ['unit_code', 'name']);
}

/** Order in which customers meet each touchpoint across its journey: phase position, then position in the phase. */
function journeyPositions(rows: DimensionRows): Map<string, number> {
  const phasePosition = new Map(rows.phases.map((p) => [p.phase_id, p.position]));
  const byJourney = new Map<string, DimensionRows['touchpoints']>();
  for (const tp of rows.touchpoints) byJourney.set(tp.journey_id, [...(byJourney.get(tp.journey_id) ?? []), tp]);
  const result = new Map<string, number>();
  for (const tps of byJourney.values()) {
    const sorted = [...tps].sort(
      (a, b) => (phasePosition.get(a.phase_id) ?? 0) - (phasePosition.get(b.phase_id) ?? 0) || a.position - b.position,
    );
    sorted.forEach((tp, i) => result.set(tp.touchpoint_id, i));
  }
  return result;
}

async function insertRows(tx: Queryable, table: string, rows: Cell[][], columns: string[]): Promise<void> {
  await tx.run(`DELETE FROM ${table}`);
  // Small tables (hundreds of rows): one INSERT of literals, quoted by analytics/sql.ts.
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await tx.run(`INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM ${valuesTable('v', columns, chunk)}`);
  }
}
