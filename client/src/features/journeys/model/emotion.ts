import { formatSigned } from '../../../shared/format';
import { t } from '../../../shared/i18n';
/** The workshop's documented emotion, -2..+2 (PRODUCT.md, Phase), as a face, a colour and words. */
export type EmotionTone = 'very-negative' | 'negative' | 'neutral' | 'positive' | 'very-positive';

export interface EmotionLevel {
  value: -2 | -1 | 0 | 1 | 2;
  tone: EmotionTone;
  label: string;
  /** Signed, with a real minus sign: "+2", "0", "−1". */
  display: string;
  /** CSS colour (a variable from styles/base.css). */
  color: string;
  /** SVG path of the face's mouth in a 24×24 box: a smile for positive, a frown for negative. */
  mouth: string;
}

const LEVELS: Record<EmotionLevel['value'], { tone: EmotionTone; key: string }> = {
  [-2]: { tone: 'very-negative', key: 'veryNegative' },
  [-1]: { tone: 'negative', key: 'negative' },
  0: { tone: 'neutral', key: 'neutral' },
  1: { tone: 'positive', key: 'positive' },
  2: { tone: 'very-positive', key: 'veryPositive' },
};

const VALUES = [-2, -1, 0, 1, 2] as const;

function toLevelValue(raw: number): EmotionLevel['value'] {
  const clamped = Math.max(-2, Math.min(2, Math.round(Number.isFinite(raw) ? raw : 0)));
  // find() also turns Math.round's -0 into the scale's one 0.
  return VALUES.find((v) => v === clamped) ?? 0;
}

/** Maps a documented emotion to its level; values outside -2..+2 are clamped, fractions rounded. */
export function emotionLevel(raw: number): EmotionLevel {
  const value = toLevelValue(raw);
  const { tone, key } = LEVELS[value];
  // Mouth from (8,15.5) to (16,15.5); the control point bends it up (frown) or down (smile).
  const mouth = `M8 15.5 Q12 ${15.5 + value * 1.75} 16 15.5`;
  // Words and number format follow the language when read (the scale is made once, at load).
  return {
    value,
    tone,
    get label() {
      return t(`journeys.labels.emotion.${key}`);
    },
    get display() {
      return formatSigned(value);
    },
    color: `var(--emotion-${tone})`,
    mouth,
  };
}

/** The whole scale, most negative first (for the legend). */
export const EMOTION_SCALE: readonly EmotionLevel[] = VALUES.map(emotionLevel);
