/**
 * The DuckDB analytics schema: customer-level fact tables (imported or generated) and small dimension
 * tables copied from the Postgres journey model (analytics/sync/dimensions.ts). Facts join the model
 * by code (persona_code, touchpoint_code, unit_code), never by Postgres id, so a re-sync never
 * invalidates them.
 *
 * No FOREIGN KEYs on the fact tables, measured (DuckDB 1.5, 2 cores): inserting 1M responses into a
 * table with `customer_id REFERENCES customers` took 2.8 s instead of 1.2 s (an index probe per row),
 * and DuckDB then refuses to delete referenced customers, even after deleting their responses in the
 * same transaction ("still referenced by a foreign key"), which breaks replacing the data in one
 * transaction. Importers check references instead, with row numbers.
 * Primary keys, NOT NULL and CHECKs stay: DuckDB enforces them on every insert.
 */

import { VERBATIM_SCHEMA_SQL } from './verbatims/schema.js';
import { ANSWERS_DAILY_SQL } from './rollups.js';
import { ANSWERS_KEYED_SQL } from './answersKeyed.js';
import { CUSTOMER_MARGINS_SQL } from './customerMargins.js';

/**
 * Bumped when a table changes shape; stored in store_meta.schema_version. Schema 3: the rollup
 * answers_daily (analytics/rollups.ts), computed from the facts when an older store is opened.
 * Schema 4: responses without the index on its key (SCHEMA_UPGRADE_SQL).
 */
export const SCHEMA_VERSION = 4;

export const FACT_TABLES = ['customers', 'responses', 'profitability', 'unit_metrics', 'touchpoint_kpis'] as const;
export const DIMENSION_TABLES = ['dim_personas', 'dim_departments', 'dim_journeys', 'dim_phases', 'dim_touchpoints', 'dim_units'] as const;
export type FactTable = (typeof FACT_TABLES)[number];
export type DimensionTable = (typeof DIMENSION_TABLES)[number];

const rating = (column: string, max: number) => `${column} TINYINT CHECK (${column} BETWEEN 1 AND ${max})`;

/** A table: column definitions (with NOT NULL and CHECKs), table CHECKs, and its primary key. */
export interface TableDef {
  columns: readonly string[];
  checks?: readonly string[];
  primaryKey: readonly string[];
  /**
   * false: the key is unique but not declared to DuckDB, so no index is built. Whoever writes the table
   * keeps it unique: the importer refuses duplicate ids (in the file and, appending, in the store) with
   * their lines, the generator makes unique ids.
   */
  indexed?: false;
}

export const FACT_TABLE_DEFS: Readonly<Record<FactTable, TableDef>> = {
  customers: {
    columns: [
      'customer_id VARCHAR NOT NULL',
      'persona_code VARCHAR NOT NULL',
      'unit_code VARCHAR',
      // NULL = not known (many companies import customers without them); CLV, replacement cost and
      // tenure then say what is missing instead of inventing a value.
      'acquired_at DATE',
      'churned_at DATE',
      'acquisition_cost DOUBLE CHECK (acquisition_cost >= 0 AND isfinite(acquisition_cost))',
    ],
    checks: ['churned_at IS NULL OR acquired_at IS NULL OR churned_at >= acquired_at'],
    primaryKey: ['customer_id'],
  },
  responses: {
    columns: [
      // FSST, the compression DuckDB picks for these ids anyway, named so a write does not first try the
      // others: it halved the id columns' part of an import's insert (2M answers: 1.5 s of CPU instead of
      // 2.3 s for the whole insert), with the same file size and scan speed.
      'response_id VARCHAR NOT NULL USING COMPRESSION fsst',
      'customer_id VARCHAR NOT NULL USING COMPRESSION fsst',
      // NULL = relationship survey about the company as a whole.
      'touchpoint_code VARCHAR',
      'responded_at TIMESTAMP NOT NULL',
      // NULL only on a touchpoint answer that carries satisfaction, effort or an emotional rating (the
      // attribute-rating layout: one overall question, ratings per touchpoint). Relationship answers
      // (touchpoint_code NULL) always have it: it is the outcome drivers are computed on.
      'ltr TINYINT CHECK (ltr BETWEEN 0 AND 10)',
      rating('satisfaction', 5),
      rating('professional', 5),
      rating('sympathetic', 5),
      rating('trustworthy', 5),
      rating('atmosphere', 5),
      // Customer effort: "the company made it easy for me", 1 (strongly disagree) .. 7 (strongly agree).
      rating('effort', 7),
      'comment VARCHAR',
    ],
    checks: [
      'ltr IS NOT NULL OR (touchpoint_code IS NOT NULL AND coalesce(satisfaction, professional, sympathetic, trustworthy, atmosphere, effort) IS NOT NULL)',
    ],
    primaryKey: ['response_id'],
    // No index: DuckDB's ART index over text ids was most of a large import (10M answers: 13.5 s of
    // 22 s; at 2M rows an insert took 9.8-18.7 s with the key against 0.4-0.5 s without). The import's
    // own duplicate check is one hash aggregate (about 1 s for 10M) and names the lines.
    indexed: false,
  },
  profitability: {
    columns: [
      'customer_id VARCHAR NOT NULL',
      'month DATE NOT NULL CHECK (day(month) = 1)',
      'revenue DOUBLE NOT NULL CHECK (revenue >= 0 AND isfinite(revenue))',
      'cost DOUBLE NOT NULL CHECK (cost >= 0 AND isfinite(cost))',
    ],
    primaryKey: ['customer_id', 'month'],
  },
  unit_metrics: {
    columns: [
      'unit_code VARCHAR NOT NULL',
      'period DATE NOT NULL',
      'management_quality DOUBLE NOT NULL CHECK (management_quality BETWEEN 0 AND 100)',
      'employee_satisfaction DOUBLE NOT NULL CHECK (employee_satisfaction BETWEEN 0 AND 100)',
    ],
    primaryKey: ['unit_code', 'period'],
  },
  touchpoint_kpis: {
    columns: ['touchpoint_code VARCHAR NOT NULL', 'date DATE NOT NULL', 'kpi VARCHAR NOT NULL', 'value DOUBLE NOT NULL CHECK (isfinite(value))'],
    primaryKey: ['touchpoint_code', 'kpi', 'date'],
  },
};

const text = (name: string, nullable = false) => `${name} VARCHAR${nullable ? '' : ' NOT NULL'}`;
const flag = (name: string) => `${name} BOOLEAN NOT NULL`;

/** Copies of the Postgres journey model (ids are Postgres UUIDs), plus dim_units and store_meta. */
export const OTHER_TABLE_DEFS: Readonly<Record<DimensionTable | 'store_meta' | 'customer_contacts' | 'import_undo', TableDef>> = {
  dim_personas: { columns: [text('persona_id'), text('code'), text('name')], primaryKey: ['persona_id'] },
  dim_departments: { columns: [text('department_id'), text('name')], primaryKey: ['department_id'] },
  dim_journeys: {
    columns: [text('journey_id'), text('name'), "state VARCHAR NOT NULL CHECK (state IN ('AS_IS', 'TO_BE'))", text('purpose'), text('improves_id', true), text('persona_id', true)],
    primaryKey: ['journey_id'],
  },
  dim_phases: {
    columns: [text('phase_id'), text('journey_id'), 'position INTEGER NOT NULL', text('name'), 'emotion TINYINT NOT NULL CHECK (emotion BETWEEN -2 AND 2)'],
    primaryKey: ['phase_id'],
  },
  // journey_position: the order customers meet touchpoints across the whole journey (phase, then position).
  dim_touchpoints: {
    columns: [
      text('touchpoint_id'), text('journey_id'), text('phase_id'), 'position INTEGER NOT NULL', 'journey_position INTEGER NOT NULL',
      text('code', true), text('name'), text('channel'), flag('online'), flag('direct'), text('department_id', true),
      flag('critical'), flag('difficult'), text('based_on_id', true),
    ],
    primaryKey: ['touchpoint_id'],
  },
  // Contact details of customers (personal data), for following up an answer; a customers import fills
  // it where the file has them. Kept beside customers so positional inserts into customers stay valid
  // and erasing one person's details touches one table.
  customer_contacts: { columns: [text('customer_id'), text('name', true), text('email', true), text('phone', true)], primaryKey: ['customer_id'] },
  // What undoing the latest import of each table needs (analytics/import/undo.ts): the replaced table or
  // the appended keys live in the table named undo_table, the store_meta values before it in meta (JSON).
  import_undo: { columns: [text('import_id'), text('table_name'), text('mode'), text('undo_table'), text('meta')], primaryKey: ['import_id'] },
  // Units (branches) are not part of the Postgres model: imports or the generator fill this table.
  dim_units: { columns: [text('unit_code'), text('name')], primaryKey: ['unit_code'] },
  // Key/value facts about the store: schema_version, data_version, data_loaded_at, data_start, data_end,
  // data_source, dimensions_version, dimensions_synced_at.
  store_meta: { columns: [text('key'), text('value')], primaryKey: ['key'] },
};

/**
 * CREATE TABLE for a table definition. Bulk loads (the generator) create fact tables without the primary
 * key and add it after loading: building the index once is 2.6x faster than maintaining it per row
 * (3M rows: 0.16 s + 0.78 s instead of 2.4 s). The result is the same table.
 */
export function createTableSql(name: string, def: TableDef, options: { ifNotExists?: boolean; primaryKey?: boolean } = {}): string {
  const parts = [...def.columns, ...(def.checks ?? []).map((c) => `CHECK (${c})`)];
  if ((options.primaryKey ?? true) && def.indexed !== false) parts.push(`PRIMARY KEY (${def.primaryKey.join(', ')})`);
  return `CREATE TABLE ${options.ifNotExists ? 'IF NOT EXISTS ' : ''}${name} (\n  ${parts.join(',\n  ')}\n)`;
}

export function createFactTableSql(table: FactTable, options: { ifNotExists?: boolean; primaryKey?: boolean } = {}): string {
  return createTableSql(table, FACT_TABLE_DEFS[table], options);
}

/** The statement adding a fact table's primary key after a bulk load; null for a table whose key is not indexed. */
export function addPrimaryKeySql(table: FactTable): string | null {
  const def = FACT_TABLE_DEFS[table];
  return def.indexed === false ? null : `ALTER TABLE ${table} ADD PRIMARY KEY (${def.primaryKey.join(', ')})`;
}

/**
 * Brings a store made by an earlier schema version up to date; idempotent. Schema 2: acquisition date
 * and cost optional, ltr optional on touchpoint answers with a rating (the table CHECK of a new table is
 * not added to an old one: DuckDB cannot add a CHECK to an existing table; the importer enforces it).
 * Schema 4: responses without the index on its key (DuckDB cannot drop a primary key: the table is
 * rebuilt, once, with the same rows; this adds schema 2's table CHECK to stores older than it).
 */
export const SCHEMA_UPGRADE_SQL: readonly string[] = [
  'ALTER TABLE customers ALTER COLUMN acquired_at DROP NOT NULL',
  'ALTER TABLE customers ALTER COLUMN acquisition_cost DROP NOT NULL',
  'ALTER TABLE responses ALTER COLUMN ltr DROP NOT NULL',
  'DROP TABLE IF EXISTS responses_schema4',
  createTableSql('responses_schema4', FACT_TABLE_DEFS.responses),
  'INSERT INTO responses_schema4 SELECT * FROM responses',
  'DROP TABLE responses',
  'ALTER TABLE responses_schema4 RENAME TO responses',
];

export const SCHEMA_SQL: readonly string[] = [
  ...FACT_TABLES.map((table) => createFactTableSql(table, { ifNotExists: true })),
  ...Object.entries(OTHER_TABLE_DEFS).map(([name, def]) => createTableSql(name, def, { ifNotExists: true })),
  ...VERBATIM_SCHEMA_SQL,
  ANSWERS_DAILY_SQL,
  // The answers keyed by integers (analytics/answersKeyed.ts): computed when missing, like the rollup.
  ...ANSWERS_KEYED_SQL,
  // Each customer's monthly margins in one row (analytics/customerMargins.ts): computed when missing, like the rollup.
  CUSTOMER_MARGINS_SQL,
];
