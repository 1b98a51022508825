import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, type ValidationRule } from 'graphql';
import { describe, expect, it } from 'vitest';
import { QUERY_LIMITS, createQueryGate, threadCpuMs } from '../../server/common/queryLimits.js';

// Bug (e2e sweep at load ~20 on 2 cores): the journey map's measures answered BAD_USER_INPUT
// (QUERY_TIME_BUDGET), shown as "the address names nothing". The gate timed parsing + validating by
// the wall clock, so the time the server's thread waited for a CPU counted as the document's cost.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schema = buildSchema(fs.readFileSync(path.join(ROOT, 'server/schema.graphql'), 'utf8'));
/** The client's own operation, as it sends it (the query and its fragments). */
const journeyMeasures = fs.readFileSync(path.join(ROOT, 'client/src/features/journeys/graphql/JourneyMeasures.graphql'), 'utf8');
const over = QUERY_LIMITS.budgetMs + 100;

/** The thread stops running for `ms` without using a CPU, as when the OS runs other processes. */
const descheduled = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
/** The thread works for `ms` of its own CPU time (however long that takes on a loaded machine). */
const busy = (ms: number) => {
  const start = threadCpuMs();
  while (threadCpuMs() - start < ms);
};
/** A validation rule that does `work` once, on the document (the gate validates with the caller's rules). */
const once = (work: () => unknown): ValidationRule => () => ({
  Document: {
    // Returns nothing: a visitor's return value would replace the document and end the walk.
    enter() {
      work();
    },
  },
});

describe('the query gate times the check, not the machine', () => {
  it("lets the client's JourneyMeasures through when the thread waits for a CPU past the budget", () => {
    const gate = createQueryGate(schema, [once(() => descheduled(over))]);
    const refused = gate(journeyMeasures);
    expect(refused?.extensions).toBeUndefined();
  });

  it('still refuses a document whose check uses more CPU than the budget', () => {
    const gate = createQueryGate(schema, [once(() => busy(over))]);
    expect(gate(journeyMeasures)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'QUERY_TIME_BUDGET' });
  });

  it("counts the thread's own CPU time, not the time it waits", () => {
    const before = threadCpuMs();
    descheduled(300);
    expect(threadCpuMs() - before).toBeLessThan(50);
  });
});
