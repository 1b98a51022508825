import { CombinedError } from '@urql/core';
import type { JourneyMapQuery } from '../../../client/src/graphql/generated';

type Journey = JourneyMapQuery['journey'];
type Phase = Journey['phases'][number];
type Touchpoint = Phase['touchpoints'][number];

let seq = 0;
const nextId = (prefix: string) => `${prefix}-${++seq}`;

export function makeTouchpoint(fields: Partial<Touchpoint> = {}): Touchpoint {
  const id = fields.id ?? nextId('tp');
  return {
    id,
    name: `Touchpoint ${id}`,
    position: 0,
    code: `TP-${id}`,
    channel: 'WEB',
    online: true,
    direct: true,
    critical: false,
    difficult: false,
    responsible: 'Pia Holm',
    purpose: '',
    functionalElements: [],
    emotionalElements: [],
    kpis: [],
    department: { id: 'dep-1', name: 'Customer Service' },
    basedOn: null,
    ...fields,
  };
}

/** A phase; `touchpoints: n` makes n touchpoints named "<phase> #i" at positions 0..n-1. */
export function makePhase(fields: Partial<Omit<Phase, 'touchpoints'>> & { touchpoints?: Touchpoint[] | number } = {}): Phase {
  const id = fields.id ?? nextId('phase');
  const name = fields.name ?? `Phase ${id}`;
  const { touchpoints = 0, ...rest } = fields;
  const tps =
    typeof touchpoints === 'number'
      ? Array.from({ length: touchpoints }, (_, i) => makeTouchpoint({ name: `${name} #${i + 1}`, position: i }))
      : touchpoints;
  return {
    id,
    name,
    position: 0,
    description: '',
    actions: [],
    thoughts: [],
    feelings: [],
    emotion: 0,
    ...rest,
    touchpoints: tps,
  };
}

export function makeJourney(fields: Partial<Journey> = {}): Journey {
  return {
    id: nextId('journey'),
    name: 'Buying car insurance',
    state: 'AS_IS',
    purpose: 'UNDERSTAND',
    description: '',
    owner: 'Mette Lund',
    sponsor: 'CEO',
    persona: null,
    improves: null,
    improvedBy: [],
    phases: [],
    ...fields,
  };
}

export function graphqlError(code: string, extensions: Record<string, unknown> = {}, message = `failed: ${code}`): CombinedError {
  return new CombinedError({ graphQLErrors: [{ message, extensions: { code, ...extensions } }] });
}

export function networkError(): CombinedError {
  return new CombinedError({ networkError: new TypeError('Failed to fetch') });
}
