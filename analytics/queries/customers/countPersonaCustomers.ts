import { z } from 'zod';
import type { Queryable } from '../../store.js';

const Row = z.object({ customers: z.number().int() });

/** Customers whose data carries this persona code (customers.persona_code, exact match). */
export async function countPersonaCustomers(store: Queryable, code: string): Promise<number> {
  const rows = await store.all('SELECT count(*)::INTEGER AS customers FROM customers WHERE persona_code = $code', { code }, Row);
  return rows[0]?.customers ?? 0;
}
