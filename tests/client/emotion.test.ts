import { describe, expect, it } from 'vitest';
import { EMOTION_SCALE, emotionLevel } from '../../client/src/features/journeys/model/emotion';

describe('emotionLevel (documented feeling -2..+2)', () => {
  it.each([
    [-2, 'very-negative', 'Very negative', '\u22122'],
    [-1, 'negative', 'Negative', '\u22121'],
    [0, 'neutral', 'Neutral', '0'],
    [1, 'positive', 'Positive', '+1'],
    [2, 'very-positive', 'Very positive', '+2'],
  ])('maps %i to tone %s, label %s and number %s', (value, tone, label, display) => {
    const level = emotionLevel(value);

    expect(level).toMatchObject({ value, tone, label, display, color: `var(--emotion-${tone})` });
  });

  it('smiles for positive feelings and frowns for negative ones', () => {
    const mouthControlY = (value: number) => Number(/Q12 (-?[\d.]+)/.exec(emotionLevel(value).mouth)?.[1]);

    expect(mouthControlY(2)).toBeGreaterThan(mouthControlY(1));
    expect(mouthControlY(1)).toBeGreaterThan(mouthControlY(0));
    expect(mouthControlY(0)).toBe(15.5);
    expect(mouthControlY(-1)).toBeLessThan(mouthControlY(0));
    expect(mouthControlY(-2)).toBeLessThan(mouthControlY(-1));
  });

  it('clamps values outside the scale and rounds fractions', () => {
    expect(emotionLevel(5).value).toBe(2);
    expect(emotionLevel(-3).value).toBe(-2);
    expect(emotionLevel(1.4).value).toBe(1);
    expect(Object.is(emotionLevel(-0.4).value, 0)).toBe(true);
    expect(emotionLevel(Number.NaN).value).toBe(0);
  });

  it('lists the whole scale, most negative first, for the legend', () => {
    expect(EMOTION_SCALE.map((l) => l.value)).toEqual([-2, -1, 0, 1, 2]);
  });
});
