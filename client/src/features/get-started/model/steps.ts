import type { Role, SetupProgressQuery } from '../../../graphql/generated';

/** One step of setting up a company from an empty install, in the order that works. */
export interface SetupStep {
  key: 'personas' | 'departments' | 'journey' | 'touchpoints' | 'import' | 'priorities';
  title: string;
  why: string;
  done: boolean;
  /** Route names to try in order (pages other features add); the first one the app has is linked. */
  routes: string[];
  action: string;
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
      title: 'Describe your personas',
      why: 'The customer segments you analyse by; survey data names them by code.',
      done: p.personas.length > 0,
      routes: ['setup-personas'],
      action: 'Add personas',
      roles: ['ADMIN', 'STRATEGIST'],
    },
    {
      key: 'departments',
      title: 'Add departments',
      why: 'Who owns each touchpoint and its follow-up cases.',
      done: p.departments.length > 0,
      routes: ['setup-departments'],
      action: 'Add departments',
      roles: ['ADMIN'],
    },
    {
      key: 'journey',
      title: 'Map a customer journey with its phases',
      why: 'Phases come first: what customers do, think and feel before, during and after buying.',
      done: p.journeys.length > 0 && phases > 0,
      routes: ['journeys'],
      action: 'Create a journey',
      roles: ['ADMIN', 'STRATEGIST'],
    },
    {
      key: 'touchpoints',
      title: 'Add the touchpoints customers meet',
      why: 'Each touchpoint with the code your survey data uses for it; paste a list of names to add many.',
      done: touchpoints > 0,
      routes: ['journeys'],
      action: 'Add touchpoints',
      roles: ['ADMIN', 'STRATEGIST'],
    },
    {
      key: 'import',
      title: 'Import customers and survey answers',
      why: 'Upload your survey export (CSV, Excel or Parquet) and map its columns in the browser.',
      done: p.dataCoverage.answers > 0,
      routes: ['import'],
      action: 'Import answers',
      roles: ['ADMIN', 'ANALYST'],
    },
    {
      key: 'priorities',
      title: 'See which touchpoints drive loyalty',
      why: 'The driver ranking and what to fix first, from the answers you imported.',
      done: false,
      routes: ['priorities'],
      action: 'Open priorities',
      roles: ['ADMIN', 'STRATEGIST', 'ANALYST', 'EXECUTIVE'],
    },
  ];
}
