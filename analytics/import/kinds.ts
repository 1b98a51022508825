/**
 * What each kind of import holds: its target table, its fields (type, required or not, range), its key
 * and the references the importer checks. The validator and the insert are generated from this table,
 * so a rule lives in one place.
 */
import type { FactTable } from '../schema.js';

export const IMPORT_KINDS = ['customers', 'responses', 'profitability', 'unit_metrics', 'touchpoint_kpis', 'units'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The table a kind fills: a fact table, or dim_units (branches are not in the journey model). */
export type ImportTable = FactTable | 'dim_units';

export type Dimension = 'touchpoint' | 'persona' | 'unit';

export type FieldType =
  /** Text that identifies something; trimmed. */
  | { kind: 'id' }
  /** A code that must exist in a dimension table. */
  | { kind: 'code'; dimension: Dimension }
  /** Free text (kept as written; empty = none). */
  | { kind: 'text' }
  /** A whole number in a range, e.g. a 0-10 score. */
  | { kind: 'score'; min: number; max: number }
  | { kind: 'number'; min?: number; max?: number }
  | { kind: 'date' }
  /** A month: YYYY-MM or the first day of a month. */
  | { kind: 'month' }
  | { kind: 'timestamp' };

export interface FieldSpec {
  name: string;
  type: FieldType;
  required: boolean;
  /**
   * Required except on rows where `field` has a value and one of `anyOf` does: a touchpoint answer that
   * carries satisfaction, effort or an emotional rating needs no likelihood-to-recommend of its own.
   */
  requiredUnless?: { field: string; anyOf: readonly string[]; why: string };
  /** What the value means, for messages ("likelihood-to-recommend (0-10)"). */
  about: string;
}

export interface KindSpec {
  kind: ImportKind;
  table: ImportTable;
  fields: readonly FieldSpec[];
  /** The primary key of the table: duplicates within the file and, when appending, against the store. */
  key: readonly string[];
  /** Fields whose value must be a customer in the store. */
  customerField?: string;
  /** A field that must not be before another (churned_at >= acquired_at). */
  notBefore?: { field: string; other: string; why: string };
  /** True for kinds that fill a dimension table (units) rather than facts. */
  dimension?: boolean;
  /** Fields written to customer_contacts (personal data kept beside the customers table), not to `table`. */
  contacts?: readonly string[];
}

const id = (name: string, about: string, required = true): FieldSpec => ({ name, type: { kind: 'id' }, required, about });
const score = (name: string, min: number, max: number, about: string, required = false): FieldSpec => ({
  name,
  type: { kind: 'score', min, max },
  required,
  about: `${about} (${min}-${max})`,
});

export const RATING_FIELDS = ['satisfaction', 'professional', 'sympathetic', 'trustworthy', 'atmosphere'] as const;

export const KINDS: Record<ImportKind, KindSpec> = {
  customers: {
    kind: 'customers',
    table: 'customers',
    key: ['customer_id'],
    fields: [
      id('customer_id', 'the customer id'),
      { name: 'persona_code', type: { kind: 'code', dimension: 'persona' }, required: true, about: 'the persona (segment) code' },
      { name: 'unit_code', type: { kind: 'code', dimension: 'unit' }, required: false, about: 'the unit (branch) code' },
      // Optional: analyses that need them (CLV, replacement cost, tenure) say so when they are missing.
      { name: 'acquired_at', type: { kind: 'date' }, required: false, about: 'the date the customer was acquired' },
      { name: 'churned_at', type: { kind: 'date' }, required: false, about: 'the date the customer left (empty while active)' },
      { name: 'acquisition_cost', type: { kind: 'number', min: 0 }, required: false, about: 'what acquiring the customer cost' },
      // Contact details for following up an answer (personal data: shown to those who may see one customer).
      { name: 'name', type: { kind: 'text' }, required: false, about: "the customer's name" },
      { name: 'email', type: { kind: 'text' }, required: false, about: "the customer's e-mail address" },
      { name: 'phone', type: { kind: 'text' }, required: false, about: "the customer's phone number" },
    ],
    notBefore: { field: 'churned_at', other: 'acquired_at', why: 'a customer cannot leave before they were acquired' },
    contacts: ['name', 'email', 'phone'],
  },
  responses: {
    kind: 'responses',
    table: 'responses',
    key: ['response_id'],
    customerField: 'customer_id',
    fields: [
      id('response_id', 'the response id'),
      id('customer_id', 'the customer who answered'),
      { name: 'touchpoint_code', type: { kind: 'code', dimension: 'touchpoint' }, required: false, about: 'the touchpoint (empty for a relationship survey)' },
      { name: 'responded_at', type: { kind: 'timestamp' }, required: true, about: 'when the customer answered' },
      {
        ...score('ltr', 0, 10, 'likelihood-to-recommend'),
        requiredUnless: {
          field: 'touchpoint_code',
          anyOf: [...RATING_FIELDS, 'effort'],
          why: 'a relationship answer, or a touchpoint answer without satisfaction, effort or an emotional rating, needs its likelihood-to-recommend',
        },
      },
      score('satisfaction', 1, 5, 'satisfaction'),
      score('professional', 1, 5, 'professional rating'),
      score('sympathetic', 1, 5, 'sympathetic rating'),
      score('trustworthy', 1, 5, 'trustworthy rating'),
      score('atmosphere', 1, 5, 'atmosphere rating'),
      score('effort', 1, 7, 'customer effort score'),
      { name: 'comment', type: { kind: 'text' }, required: false, about: 'the free-text comment' },
    ],
  },
  profitability: {
    kind: 'profitability',
    table: 'profitability',
    key: ['customer_id', 'month'],
    customerField: 'customer_id',
    fields: [
      id('customer_id', 'the customer'),
      { name: 'month', type: { kind: 'month' }, required: true, about: 'the month (YYYY-MM or its first day)' },
      { name: 'revenue', type: { kind: 'number', min: 0 }, required: true, about: 'revenue in the month' },
      { name: 'cost', type: { kind: 'number', min: 0 }, required: true, about: 'cost in the month' },
    ],
  },
  unit_metrics: {
    kind: 'unit_metrics',
    table: 'unit_metrics',
    key: ['unit_code', 'period'],
    fields: [
      { name: 'unit_code', type: { kind: 'code', dimension: 'unit' }, required: true, about: 'the unit (branch) code' },
      { name: 'period', type: { kind: 'date' }, required: true, about: 'the period (its first day)' },
      { name: 'management_quality', type: { kind: 'number', min: 0, max: 100 }, required: true, about: 'management quality (0-100)' },
      { name: 'employee_satisfaction', type: { kind: 'number', min: 0, max: 100 }, required: true, about: 'employee satisfaction (0-100)' },
    ],
  },
  touchpoint_kpis: {
    kind: 'touchpoint_kpis',
    table: 'touchpoint_kpis',
    key: ['touchpoint_code', 'kpi', 'date'],
    fields: [
      { name: 'touchpoint_code', type: { kind: 'code', dimension: 'touchpoint' }, required: true, about: 'the touchpoint code' },
      { name: 'date', type: { kind: 'date' }, required: true, about: 'the date' },
      id('kpi', 'the KPI name'),
      { name: 'value', type: { kind: 'number' }, required: true, about: 'the KPI value' },
    ],
  },
  units: {
    kind: 'units',
    table: 'dim_units',
    key: ['unit_code'],
    dimension: true,
    fields: [id('unit_code', 'the unit (branch) code'), id('name', 'the unit name')],
  },
};

/** Where each dimension's codes live. */
export const DIMENSION_SQL: Record<Dimension, { sql: string; label: string; hint: string }> = {
  touchpoint: {
    sql: 'SELECT code FROM dim_touchpoints WHERE code IS NOT NULL',
    label: 'touchpoint',
    hint: 'Touchpoint codes come from the journey model: give the touchpoint a code in the app first.',
  },
  persona: {
    sql: 'SELECT code FROM dim_personas WHERE code IS NOT NULL',
    label: 'persona',
    hint: 'Persona codes come from the personas in the app: create the persona (with this code) first.',
  },
  unit: {
    sql: 'SELECT unit_code AS code FROM dim_units',
    label: 'unit',
    hint: 'Units come from a units import (npm run import -- units units.csv, columns unit_code,name).',
  },
};

export function isImportKind(value: string): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value);
}
