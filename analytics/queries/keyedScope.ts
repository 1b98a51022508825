/**
 * A cut of the answers read from the keyed answers (analytics/answersKeyed.ts) instead of the facts:
 * shared by the statements that read answers per customer (driver sums, loyalty by satisfaction, the
 * business case's group counts and touchpoint evidence). Each reads the keyed answers only while their
 * stamp says they match the facts (`keyedAnswersCurrent`), and the facts otherwise.
 */
import { ANSWERS_KEYED, CUSTOMER_KEYS, TOUCHPOINT_KEYS } from '../answersKeyed.js';
import type { ScopeSql } from './filter.js';

/**
 * The cut's FROM and WHERE (scopeSql's, over the facts) moved onto the keyed answers: persona and unit
 * are on the answer, the touchpoint code comes from touchpoint_keys as `k`. The conditions are the facts'
 * with their columns renamed; anything else would be a cut this source does not understand, so it
 * throws rather than read the wrong rows.
 */
export function keyedScope(facts: ScopeSql): ScopeSql {
  const from = facts.from
    .replace('FROM responses r JOIN customers c ON c.customer_id = r.customer_id', `FROM ${ANSWERS_KEYED} r`)
    .replace(
      'JOIN dim_touchpoints t ON t.code = r.touchpoint_code',
      `JOIN ${TOUCHPOINT_KEYS} k ON k.touchpoint_key = r.touchpoint_key JOIN dim_touchpoints t ON t.code = k.touchpoint_code`,
    );
  const where = facts.where
    .replace('r.touchpoint_code IS NOT NULL', 'r.touchpoint_key IS NOT NULL')
    .replace('r.touchpoint_code IS NULL', 'r.touchpoint_key IS NULL')
    .replaceAll('r.touchpoint_code', 'k.touchpoint_code')
    .replaceAll('c.persona_code', 'r.persona_code')
    .replaceAll('c.unit_code', 'r.unit_code');
  if (/\b(customers|responses)\b|\bc\./.test(from + where)) throw new Error(`The keyed answers cannot express this cut: ${from} ${where}`);
  return { ...facts, from, where };
}

/** How a statement names an answer's customer and touchpoint, in the facts or in the keyed answers. */
export interface CustomerAnswers {
  /** The cut's FROM/WHERE on this source. */
  scope: (facts: ScopeSql) => ScopeSql;
  /** The answer's customer: the text id, or the integer key. */
  customer: string;
  /** The answer's touchpoint code (touchpoint cuts only). */
  touchpointCode: string;
  /**
   * The table of customers to join on `customer` (as `c`): customer_id, churned_at and acquisition_cost
   * are in both.
   */
  customers: { table: string; key: string };
}

export const FACT_ANSWERS: CustomerAnswers = {
  scope: (facts) => facts,
  customer: 'r.customer_id',
  touchpointCode: 'r.touchpoint_code',
  customers: { table: 'customers', key: 'customer_id' },
};

export const KEYED_ANSWERS: CustomerAnswers = {
  scope: keyedScope,
  customer: 'r.customer_key',
  touchpointCode: 'k.touchpoint_code',
  customers: { table: CUSTOMER_KEYS, key: 'customer_key' },
};

export const customerAnswers = (keyed: boolean): CustomerAnswers => (keyed ? KEYED_ANSWERS : FACT_ANSWERS);
