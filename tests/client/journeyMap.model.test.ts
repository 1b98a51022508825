import { describe, expect, it } from 'vitest';
import { buildJourneyMap, neighbourCard, unquote } from '../../client/src/features/journeys/model/journeyMap';
import { makeJourney, makePhase, makeTouchpoint } from './support/factories';

describe('buildJourneyMap', () => {
  it('puts phases in journey order by position, whatever order the response has', () => {
    const journey = makeJourney({
      phases: [
        makePhase({ name: 'Usage', position: 2 }),
        makePhase({ name: 'Before purchase', position: 0 }),
        makePhase({ name: 'Leaving', position: 3 }),
        makePhase({ name: 'Purchase', position: 1 }),
      ],
    });

    const map = buildJourneyMap(journey);

    expect(map.phases.map((p) => p.name)).toEqual(['Before purchase', 'Purchase', 'Usage', 'Leaving']);
    expect(map.phases.map((p) => p.number)).toEqual([1, 2, 3, 4]);
  });

  it('keeps each touchpoint in its own phase, in the order customers meet them', () => {
    const journey = makeJourney({
      phases: [
        makePhase({
          name: 'Purchase',
          position: 1,
          touchpoints: [
            makeTouchpoint({ name: 'Signs policy', position: 2 }),
            makeTouchpoint({ name: 'Gets quote', position: 0 }),
            makeTouchpoint({ name: 'Calls adviser', position: 1 }),
          ],
        }),
        makePhase({ name: 'Before purchase', position: 0, touchpoints: [makeTouchpoint({ name: 'Sees advert', position: 0 })] }),
      ],
    });

    const map = buildJourneyMap(journey);

    expect(map.phases.map((p) => p.touchpoints.map((t) => t.name))).toEqual([['Sees advert'], ['Gets quote', 'Calls adviser', 'Signs policy']]);
    expect(map.phases[1]?.touchpoints.map((t) => t.number)).toEqual([1, 2, 3]);
    expect(map.touchpointCount).toBe(4);
  });

  it('does not reorder the arrays it was given (urql cache data stays untouched)', () => {
    const phases = [makePhase({ position: 1 }), makePhase({ position: 0 })];
    const journey = makeJourney({ phases });

    buildJourneyMap(journey);

    expect(journey.phases[0]).toBe(phases[0]);
    expect(journey.phases.map((p) => p.position)).toEqual([1, 0]);
  });

  it('holds 240 touchpoints and counts them all', () => {
    const journey = makeJourney({ phases: Array.from({ length: 6 }, (_, i) => makePhase({ position: i, touchpoints: 40 })) });

    const map = buildJourneyMap(journey);

    expect(map.touchpointCount).toBe(240);
    expect(map.phases.every((p) => p.touchpoints.length === 40)).toBe(true);
  });

  it('labels channels and describes each card for screen readers', () => {
    const journey = makeJourney({
      phases: [
        makePhase({
          name: 'Claim',
          touchpoints: [
            makeTouchpoint({ name: 'Reports damage', channel: 'FACE_TO_FACE', online: false, direct: false, critical: true, code: null, department: null }),
          ],
        }),
      ],
    });

    const [card] = buildJourneyMap(journey).phases[0]?.touchpoints ?? [];

    expect(card?.channelLabel).toBe('Face to face');
    expect(card?.department).toBeNull();
    expect(card?.ariaLabel).toBe('Claim 1: Reports damage. Face to face, offline; indirect; critical; no owning department; responsible Pia Holm; no survey code.');
  });

  it('gives an empty map for a journey without phases', () => {
    expect(buildJourneyMap(makeJourney({ phases: [] }))).toEqual({ phases: [], touchpointCount: 0 });
  });
});

describe('unquote (workshop quotes get the map\'s own quotation marks)', () => {
  it('removes one pair of surrounding quotation marks', () => {
    expect(unquote('"Finally done."')).toBe('Finally done.');
    expect(unquote('\u201CAm I covered?\u201D')).toBe('Am I covered?');
    expect(unquote('  Plain thought  ')).toBe('Plain thought');
  });

  it('keeps marks that are not one quotation around the whole text', () => {
    expect(unquote('"Cheap" or "good"?')).toBe('"Cheap" or "good"?');
    expect(unquote('It is "fine"')).toBe('It is "fine"');
  });

  it('applies to thoughts and feelings on the map', () => {
    const map = buildJourneyMap(makeJourney({ phases: [makePhase({ thoughts: ['"Why so long?"'], feelings: ['"Stressed"'] })] }));

    expect(map.phases[0]?.thoughts).toEqual(['Why so long?']);
    expect(map.phases[0]?.feelings).toEqual(['Stressed']);
  });
});

describe('neighbourCard (arrow keys on the map)', () => {
  const counts = [3, 0, 2];

  it('moves down and up within a phase and stops at its ends', () => {
    expect(neighbourCard(counts, { phase: 0, index: 0 }, 'ArrowDown')).toEqual({ phase: 0, index: 1 });
    expect(neighbourCard(counts, { phase: 0, index: 2 }, 'ArrowDown')).toBeNull();
    expect(neighbourCard(counts, { phase: 0, index: 0 }, 'ArrowUp')).toBeNull();
  });

  it('moves across phases, skipping empty ones and keeping the row where it can', () => {
    expect(neighbourCard(counts, { phase: 0, index: 1 }, 'ArrowRight')).toEqual({ phase: 2, index: 1 });
    expect(neighbourCard(counts, { phase: 0, index: 2 }, 'ArrowRight')).toEqual({ phase: 2, index: 1 });
    expect(neighbourCard(counts, { phase: 2, index: 0 }, 'ArrowLeft')).toEqual({ phase: 0, index: 0 });
    expect(neighbourCard(counts, { phase: 2, index: 0 }, 'ArrowRight')).toBeNull();
  });

  it('jumps to the first and last card of the phase with Home and End', () => {
    expect(neighbourCard(counts, { phase: 0, index: 1 }, 'Home')).toEqual({ phase: 0, index: 0 });
    expect(neighbourCard(counts, { phase: 0, index: 0 }, 'End')).toEqual({ phase: 0, index: 2 });
    expect(neighbourCard(counts, { phase: 0, index: 0 }, 'Tab')).toBeNull();
  });
});
