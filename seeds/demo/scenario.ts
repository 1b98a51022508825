import type { ScenarioInitiative } from '../../analytics/businessCase/getBusinessCase.js';
import type { Effect } from '../../analytics/businessCase/translate.js';
import { demoCompany } from './company.js';

/**
 * A demo initiative as a business case scenario asks for it (benchmarks and tests value the demo
 * company's first initiative; the seed stores it in Postgres with the same fields).
 */
export function demoScenarioInitiative(index = 0): ScenarioInitiative {
  const initiative = demoCompany.initiatives[index];
  if (!initiative) throw new Error(`The demo company has no initiative ${index}`);
  return {
    title: initiative.title,
    touchpointCodes: initiative.touchpoints,
    effect: initiative.expectedEffect as Effect,
    oneOffCost: initiative.oneOffCost,
    yearlyCost: initiative.yearlyCost,
  };
}
