import { listValue } from '@duckdb/node-api';
import { z } from 'zod';
import type { Queryable } from '../../store.js';

/** A customer's contact details (personal data: callers audit the read). */
export interface CustomerContact {
  name: string | null;
  email: string | null;
  phone: string | null;
}

const ContactRow = z.object({ customer_id: z.string(), name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() });

/**
 * Contact details of these customers from the optional `customer_contacts` table (filled by a customers
 * import whose file has name, e-mail or phone columns). A store without the table has no details: an
 * empty map, not an error.
 */
export async function getCustomerContacts(db: Queryable, customerIds: readonly string[]): Promise<Map<string, CustomerContact>> {
  if (customerIds.length === 0) return new Map();
  const [table] = await db.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'customer_contacts'`);
  if (!table?.n) return new Map();
  const rows = await db.all(
    `SELECT customer_id, name, email, phone FROM customer_contacts WHERE list_contains($ids, customer_id)`,
    { ids: listValue([...new Set(customerIds)]) },
    ContactRow,
  );
  return new Map(rows.map((r) => [r.customer_id, { name: r.name, email: r.email, phone: r.phone }]));
}
