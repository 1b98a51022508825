import type { TestApp } from './testApp.js';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A journey with `phases` phases of `touchpointsPerPhase` touchpoints each, built through the API. */
export async function makeJourney(app: TestApp, { phases = 2, touchpointsPerPhase = 2, name = 'Test journey' } = {}) {
  const { createDepartment } = await app.ok(`mutation($n: String!) { createDepartment(input: { name: $n }) { id } }`, { n: `Dept ${unique()}` });
  const { createJourney } = await app.ok(`mutation($n: String!) { createJourney(input: { name: $n }) { id } }`, { n: name });
  const phaseIds: string[] = [];
  const touchpointIds: string[][] = [];
  for (let p = 0; p < phases; p++) {
    const { createPhase } = await app.ok(
      `mutation($j: ID!, $n: String!) { createPhase(journeyId: $j, input: { name: $n, emotion: 1, actions: ["act"] }) { id } }`,
      { j: createJourney.id, n: `Phase ${p}` },
    );
    phaseIds.push(createPhase.id);
    const ids: string[] = [];
    for (let t = 0; t < touchpointsPerPhase; t++) {
      const { createTouchpoint } = await app.ok(
        `mutation($p: ID!, $n: String!, $c: String!, $d: ID!) {
           createTouchpoint(phaseId: $p, input: { name: $n, code: $c, channel: WEB, online: true, direct: true, departmentId: $d }) { id }
         }`,
        { p: createPhase.id, n: `Touchpoint ${p}.${t}`, c: `TP_${unique()}`, d: createDepartment.id },
      );
      ids.push(createTouchpoint.id);
    }
    touchpointIds.push(ids);
  }
  return { journeyId: createJourney.id as string, departmentId: createDepartment.id as string, phaseIds, touchpointIds };
}
