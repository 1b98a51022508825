import { listValue } from '@duckdb/node-api';
import { z } from 'zod';
import type { Queryable } from '../../store.js';
import { timestampParam } from './time.js';

const Row = z.object({ key: z.string(), churned: z.boolean() });

/**
 * For each (customer, point in time): did the customer churn on or after that day (customers.churned_at)?
 * Keys are the caller's; customers missing from the store are absent from the result.
 */
export async function getChurnAfter(
  db: Queryable,
  requests: readonly { key: string; customerId: string; since: Date }[],
): Promise<Map<string, boolean>> {
  if (requests.length === 0) return new Map();
  const rows = await db.all(
    `WITH q AS (SELECT unnest($keys) AS key, unnest($customers) AS customer_id, unnest($sinces)::TIMESTAMP AS since)
     SELECT q.key, coalesce(c.churned_at >= q.since::DATE, FALSE) AS churned
     FROM q JOIN customers c ON c.customer_id = q.customer_id`,
    {
      keys: listValue(requests.map((r) => r.key)),
      customers: listValue(requests.map((r) => r.customerId)),
      sinces: listValue(requests.map((r) => timestampParam(r.since))),
    },
    Row,
  );
  return new Map(rows.map((r) => [r.key, r.churned]));
}
