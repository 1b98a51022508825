import type { Role, SetupProgressQuery } from '../../../graphql/generated';

/** One step of setting up a company from an empty install, in the order that works. */
export interface SetupStep {
  key: 'personas' | 'departments' | 'journey' | 'touchpoints' | 'import' | 'priorities';
  /** Message keys (getStarted.steps.<key>.*) for the step's title, why it matters and its button. */
  titleKey: string;
  whyKey: string;
  done: boolean;
  /** Route names to try in order (pages other features add); the first one the app has is linked. */
  routes: string[];
  actionKey: string;
  /** Roles that can do the step themselves; others are told who can. */
  roles: Role[];
}

/** The checklist from what the company holds now. */
export function setupSteps(p: SetupProgressQuery): SetupStep[] {
  const touchpoints = p.journeys.reduce((sum, j) => sum + j.counts.touchpoints, 0);
  const phases = p.journeys.reduce((sum, j) => sum + j.counts.phases, 0);
  return [
    {
      key: 'personas',
      titleKey: 'getStarted.steps.personas.title',
      whyKey: 'getStarted.steps.personas.why',
      done: p.personas.length > 0,
      routes: ['setup-personas'],
      actionKey: 'getStarted.steps.personas.action',
      roles: ['ADMIN', 'STRATEGIST'],
    },
    {
      key: 'departments',
      titleKey: 'getStarted.steps.departments.title',
      whyKey: 'getStarted.steps.departments.why',
      done: p.departments.length > 0,
      routes: ['setup-departments'],
      actionKey: 'getStarted.steps.departments.action',
      roles: ['ADMIN'],
    },
    {
      key: 'journey',
      titleKey: 'getStarted.steps.journey.title',
      whyKey: 'getStarted.steps.journey.why',
      done: p.journeys.length > 0 && phases > 0,
      routes: ['journeys'],
      actionKey: 'getStarted.steps.journey.action',
      roles: ['ADMIN', 'STRATEGIST'],
    },
    {
      key: 'touchpoints',
      titleKey: 'getStarted.steps.touchpoints.title',
      whyKey: 'getStarted.steps.touchpoints.why',
      done: touchpoints > 0,
      routes: ['journeys'],
      actionKey: 'getStarted.steps.touchpoints.action',
      roles: ['ADMIN', 'STRATEGIST'],
    },
    {
      key: 'import',
      titleKey: 'getStarted.steps.import.title',
      whyKey: 'getStarted.steps.import.why',
      done: p.dataCoverage.answers > 0,
      routes: ['import'],
      actionKey: 'getStarted.steps.import.action',
      roles: ['ADMIN', 'ANALYST'],
    },
    {
      key: 'priorities',
      titleKey: 'getStarted.steps.priorities.title',
      whyKey: 'getStarted.steps.priorities.why',
      done: false,
      routes: ['priorities'],
      actionKey: 'getStarted.steps.priorities.action',
      roles: ['ADMIN', 'STRATEGIST', 'ANALYST', 'EXECUTIVE'],
    },
  ];
}
