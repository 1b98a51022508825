import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countGroups, touchpointEvidence } from '../../analytics/businessCase/evidence.js';
import type { Store } from '../../analytics/store.js';
import { makeImportStore } from '../fixtures/import/store.js';

// The business case's evidence per touchpoint: customers by the loyalty group of their latest
// likelihood-to-recommend answer there. Worked by hand on six answers at the claim touchpoint.
let store: Store;
beforeAll(async () => {
  // IMPORT_MODEL; customers C1 (FAMILY), C2 (SENIOR, churned 2025-01-31), C3 (FAMILY); R2 is C1's relationship answer (LTR 6).
  store = await makeImportStore();
  await store.run(`
    INSERT INTO customers VALUES ('C4', 'SENIOR', 'CPH', DATE '2024-01-01', NULL, 500), ('C5', 'FAMILY', 'AAR', DATE '2024-01-01', NULL, 700);
    INSERT INTO responses (response_id, customer_id, touchpoint_code, responded_at, ltr, satisfaction) VALUES
      ('E1', 'C1', 'TP_CLAIM', TIMESTAMP '2025-03-01 09:00:00', 2, 1),
      ('E2', 'C3', 'TP_CLAIM', TIMESTAMP '2025-03-02 09:00:00', 10, 5),
      ('E3', 'C3', NULL, TIMESTAMP '2025-03-03 09:00:00', 9, NULL),
      -- C4 rated the claim (satisfaction 3) but gave no likelihood to recommend there: no group at the touchpoint.
      ('E4', 'C4', 'TP_CLAIM', TIMESTAMP '2025-03-04 09:00:00', NULL, 3),
      -- C5: an earlier answer with LTR 8, the latest without one: the latest LTR given there (8) decides.
      ('E5', 'C5', 'TP_CLAIM', TIMESTAMP '2025-03-05 09:00:00', 8, 4),
      ('E6', 'C5', 'TP_CLAIM', TIMESTAMP '2025-04-05 09:00:00', NULL, 2);
  `);
});
afterAll(async () => {
  await store.close();
});

const ltrCounts = (entries: Record<number, number>) => Array.from({ length: 11 }, (_, ltr) => entries[ltr] ?? 0);

describe('business-case evidence at a touchpoint', () => {
  it('groups customers by their latest likelihood-to-recommend there and leaves out those who never gave one', async () => {
    const [claim] = await touchpointEvidence(store, {}, '2025-06-30', ['TP_CLAIM'], 30);
    expect(claim?.code).toBe('TP_CLAIM');
    // C1 (LTR 2, satisfaction 1; relationship LTR 6): detractor. C4 (no LTR at the claim) is in no group.
    expect(claim?.groups.DETRACTOR).toEqual({ customers: 1, meanSatisfaction: 1, relationshipLtr: ltrCounts({ 6: 1 }) });
    // C5: latest LTR 8, mean satisfaction of both answers (4 + 2) / 2 = 3; no relationship answer.
    expect(claim?.groups.PASSIVE).toEqual({ customers: 1, meanSatisfaction: 3, relationshipLtr: ltrCounts({}) });
    // C3 (LTR 10, satisfaction 5; relationship LTR 9): promoter.
    expect(claim?.groups.PROMOTER).toEqual({ customers: 1, meanSatisfaction: 5, relationshipLtr: ltrCounts({ 9: 1 }) });
    // Six answers from four customers are far below any minimum: the touchpoint is outside the driver model.
    expect(claim?.driver).toBeNull();
  });

  it('counts the current relationship groups of the customers who used the touchpoint', async () => {
    const counts = await countGroups(store, {}, '2025-06-30', ['TP_CLAIM']);
    // Relationship answers: C1 LTR 6 (detractor), C3 LTR 9 (promoter); both used the claim touchpoint.
    expect(counts.byGroup).toEqual({ DETRACTOR: 1, PASSIVE: 0, PROMOTER: 1 });
    expect(counts.respondents).toBe(2);
    // Current on 2025-06-30: C1, C3, C4, C5 (C2 churned in January).
    expect(counts.activeCustomers).toBe(4);
  });
});
