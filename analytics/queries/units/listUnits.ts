import { z } from 'zod';
import type { Queryable } from '../../store.js';

const Row = z.object({ code: z.string(), name: z.string(), customers: z.number().int() });
export type UnitListRow = z.infer<typeof Row>;

/** Every unit (branch) with the number of customers the customer data assigns to it, by code. */
export function listUnits(store: Queryable): Promise<UnitListRow[]> {
  return store.all(
    `SELECT u.unit_code AS code, u.name, count(c.customer_id)::INTEGER AS customers
       FROM dim_units u LEFT JOIN customers c ON c.unit_code = u.unit_code
      GROUP BY u.unit_code, u.name
      ORDER BY u.name, u.unit_code`,
    undefined,
    Row,
  );
}
