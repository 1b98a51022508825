import { formatCount, formatDecimal } from './format';
import { t } from './i18n';

/**
 * Figures as a screen reader should say them: "minus 34", not "−34" (read as "dash 34" or skipped by
 * some readers), in the user's language. For accessible names (aria-label) of badges and chips; what
 * the eye sees stays compact.
 */
export function spokenSigned(v: number, digits = 0): string {
  const abs = formatDecimal(Math.abs(v), digits);
  const rounded = Number(Math.abs(v).toFixed(digits));
  if (rounded === 0) return formatDecimal(0, digits);
  return v < 0 ? t('spoken.minus', { value: abs }) : t('spoken.plus', { value: abs });
}

export interface SpokenMeasure {
  /** 'NPS' (−100..100, whole points) or 'CSAT' (mean 1-5, one decimal). */
  measure?: 'NPS' | 'CSAT' | null;
  value: number;
  low: number;
  high: number;
  n: number;
  lowSample?: boolean;
  /** Measured at the as-is touchpoints a to-be one is based on. */
  asIs?: boolean;
}

/**
 * A measure in words: "NPS minus 34, plus or minus 2, 20,528 answers" when the 95% interval is even
 * around it, "NPS minus 8, between minus 30 and plus 14, 20 answers, few answers: read with care"
 * when it is not (the adjusted Wald interval of an NPS is not centred and is clipped at ±100).
 */
export function measureInWords(m: SpokenMeasure): string {
  const csat = m.measure === 'CSAT';
  const digits = csat ? 1 : 0;
  const round = (v: number) => Number(v.toFixed(digits));
  const name = csat ? 'CSAT' : 'NPS';
  const value = csat ? formatDecimal(m.value, 1) : spokenSigned(m.value);
  const below = round(m.value) - round(m.low);
  const above = round(m.high) - round(m.value);
  const interval =
    Math.abs(below - above) < 1e-9
      ? t('spoken.plusOrMinus', { value: formatDecimal(above, digits) })
      : t('spoken.between', { low: csat ? formatDecimal(m.low, 1) : spokenSigned(m.low), high: csat ? formatDecimal(m.high, 1) : spokenSigned(m.high) });
  const parts = [`${name} ${value}`, interval, t('spoken.answers', { n: formatCount(m.n) }, m.n)];
  if (m.lowSample) parts.push(t('spoken.lowSample'));
  if (m.asIs) parts.push(t('spoken.asIs'));
  return parts.join(', ');
}
