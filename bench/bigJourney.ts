import fs from 'node:fs';

/** The big journey of the benchmarks (bench/client.ts, bench/api.ts): 8 phases × 30 touchpoints, each with a survey code. */
export const BIG_JOURNEY = { phases: 8, perPhase: 30, answersPerTouchpoint: 150 } as const;
const CHANNELS = ['WEB', 'APP', 'EMAIL', 'PHONE', 'LETTER', 'FACE_TO_FACE', 'CHAT', 'SMS'] as const;

type Gql = <T>(query: string, variables: Record<string, unknown>) => Promise<T>;

/** Creates the journey through the API (as people do) and returns its id. */
export async function createBigJourney(gql: Gql): Promise<string> {
  const { createJourney } = await gql<{ createJourney: { id: string } }>('mutation($input: JourneyInput!) { createJourney(input: $input) { id } }', {
    input: { name: `Bench: ${BIG_JOURNEY.phases * BIG_JOURNEY.perPhase} touchpoints`, state: 'AS_IS', purpose: 'DOCUMENT', owner: 'bench' },
  });
  for (let p = 0; p < BIG_JOURNEY.phases; p++) {
    const { createPhase } = await gql<{ createPhase: { id: string } }>('mutation($j: ID!, $input: PhaseInput!) { createPhase(journeyId: $j, input: $input) { id } }', {
      j: createJourney.id,
      input: { name: `Phase ${p + 1}`, emotion: (p % 5) - 2, actions: ['Does something', 'Does more'], thoughts: ['"Is this it?"'], feelings: ['Curious'] },
    });
    for (let t = 0; t < BIG_JOURNEY.perPhase; t++) {
      await gql('mutation($p: ID!, $input: TouchpointInput!) { createTouchpoint(phaseId: $p, input: $input) { id } }', {
        p: createPhase.id,
        input: {
          name: `Touchpoint ${p + 1}.${t + 1} with a name long enough to wrap onto two lines`,
          channel: CHANNELS[(p + t) % CHANNELS.length],
          online: t % 2 === 0,
          direct: t % 3 !== 0,
          critical: t % 7 === 0,
          code: `BENCH_${p}_${t}`,
          responsible: 'Bench Person',
        },
      });
    }
  }
  return createJourney.id;
}

/**
 * A responses CSV with answers to every bench touchpoint from the store's customers (ids C0000001..),
 * spread over the 12 months to `endDate`; returns the number of answers.
 */
export function writeBigJourneyAnswers(file: string, customers: number, endDate: string, idPrefix = 'BENCH'): number {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const width = Math.max(7, String(customers).length);
  const end = Date.parse(`${endDate}T12:00:00Z`);
  const lines = ['response_id,customer_id,touchpoint_code,responded_at,ltr,satisfaction'];
  for (let p = 0; p < BIG_JOURNEY.phases; p++) {
    for (let t = 0; t < BIG_JOURNEY.perPhase; t++) {
      const mood = ((p * BIG_JOURNEY.perPhase + t) % 7) - 3;
      for (let i = 0; i < BIG_JOURNEY.answersPerTouchpoint; i++) {
        const ltr = Math.max(0, Math.min(10, Math.round(7 + mood + (random() - 0.5) * 6)));
        const customer = `C${String(1 + Math.floor(random() * customers)).padStart(width, '0')}`;
        const at = new Date(end - Math.floor(random() * 360) * 86_400_000).toISOString().slice(0, 19);
        lines.push(`${idPrefix}-${p}-${t}-${i},${customer},BENCH_${p}_${t},${at},${ltr},${Math.max(1, Math.min(5, Math.round(ltr / 2.5)))}`);
      }
    }
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return lines.length - 1;
}
