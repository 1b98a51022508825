import { openStore, type Store } from '../../analytics/store.js';

export interface FixtureResponse {
  customer: string;
  touchpoint?: string | null;
  at?: string;
  ltr: number | null;
  satisfaction?: number | null;
  professional?: number | null;
  trustworthy?: number | null;
  comment?: string | null;
}
export interface FixtureCustomer {
  id: string;
  persona?: string;
  unit?: string;
  acquired?: string;
  churned?: string | null;
  acquisitionCost?: number;
}

/**
 * A tiny in-memory analytics store: one journey with two phases, touchpoints TP_A and TP_B in phase 1
 * and TP_C in phase 2, personas P1/P2, units U1/U2, and the customers and responses given.
 */
export async function makeAnalyticsFixture(customers: FixtureCustomer[], responses: FixtureResponse[]): Promise<Store> {
  const store = await openStore(':memory:');
  await store.ensureSchema();
  await store.run(`
    INSERT INTO dim_personas VALUES ('p1', 'P1', 'Persona one'), ('p2', 'P2', 'Persona two');
    INSERT INTO dim_units VALUES ('U1', 'Unit one'), ('U2', 'Unit two');
    INSERT INTO dim_departments VALUES ('d1', 'Service');
    INSERT INTO dim_journeys VALUES ('j1', 'Journey', 'AS_IS', 'UNDERSTAND', NULL, NULL);
    INSERT INTO dim_phases VALUES ('ph1', 'j1', 0, 'Buy', 1), ('ph2', 'j1', 1, 'Use', -1);
    INSERT INTO dim_touchpoints VALUES
      ('t1', 'j1', 'ph1', 0, 0, 'TP_A', 'Web quote', 'WEB', TRUE, TRUE, 'd1', FALSE, FALSE, NULL),
      ('t2', 'j1', 'ph1', 1, 1, 'TP_B', 'Phone', 'PHONE', FALSE, TRUE, 'd1', TRUE, FALSE, NULL),
      ('t3', 'j1', 'ph2', 0, 2, 'TP_C', 'Claim', 'PHONE', FALSE, TRUE, 'd1', TRUE, TRUE, NULL);
  `);
  for (const c of customers) {
    await store.run(`INSERT INTO customers VALUES ($id, $persona, $unit, $acquired::DATE, $churned::DATE, $cost)`, {
      id: c.id,
      persona: c.persona ?? 'P1',
      unit: c.unit ?? 'U1',
      acquired: c.acquired ?? '2024-01-01',
      churned: c.churned ?? null,
      cost: c.acquisitionCost ?? 1000,
    });
  }
  let i = 0;
  for (const r of responses) {
    await store.run(
      `INSERT INTO responses (response_id, customer_id, touchpoint_code, responded_at, ltr, satisfaction, professional, trustworthy, comment)
       VALUES ($id, $customer, $touchpoint, $at::TIMESTAMP, $ltr, $satisfaction, $professional, $trustworthy, $comment)`,
      {
        id: `r${++i}`,
        customer: r.customer,
        touchpoint: r.touchpoint ?? null,
        at: r.at ?? '2025-03-01 12:00:00',
        ltr: r.ltr,
        satisfaction: r.satisfaction ?? null,
        professional: r.professional ?? null,
        trustworthy: r.trustworthy ?? null,
        comment: r.comment ?? null,
      },
    );
  }
  return store;
}
