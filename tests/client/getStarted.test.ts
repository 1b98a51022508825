import { describe, expect, it } from 'vitest';
import { setupSteps } from '../../client/src/features/get-started/model/steps';

const empty = { journeys: [], personas: [], departments: [], dataCoverage: { answers: 0, customers: 0, latestAnswerOn: null } };

describe('setupSteps', () => {
  it('starts an empty install at personas and leaves every step open', () => {
    const steps = setupSteps(empty);
    expect(steps.map((s) => s.key)).toEqual(['personas', 'departments', 'journey', 'touchpoints', 'import', 'priorities']);
    expect(steps.filter((s) => s.done)).toEqual([]);
  });

  it('ticks off a journey with phases, its touchpoints and imported answers', () => {
    const steps = setupSteps({
      ...empty,
      personas: [{ id: 'p' }],
      journeys: [{ id: 'j', name: 'Flying', counts: { phases: 3, touchpoints: 0 } }],
      dataCoverage: { answers: 0, customers: 0, latestAnswerOn: null },
    });
    const done = Object.fromEntries(steps.map((s) => [s.key, s.done]));
    expect(done).toMatchObject({ personas: true, departments: false, journey: true, touchpoints: false, import: false });
    const later = setupSteps({ ...empty, journeys: [{ id: 'j', name: 'Flying', counts: { phases: 3, touchpoints: 10 } }], dataCoverage: { answers: 20, customers: 10, latestAnswerOn: '2025-10-12' } });
    expect(later.find((s) => s.key === 'touchpoints')?.done).toBe(true);
    expect(later.find((s) => s.key === 'import')?.done).toBe(true);
  });
});
