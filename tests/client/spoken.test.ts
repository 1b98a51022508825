/** Issue 23: badges read in words, in English and Danish, through the format helpers. */
import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../client/src/shared/i18n';
import { measureInWords, spokenSigned } from '../../client/src/shared/spoken';

afterEach(() => applyLanguage('en'));

describe('measures in words', () => {
  it('says the NPS, an even interval as plus or minus, and the answers with thousands separators', () => {
    expect(measureInWords({ value: -34.2, low: -36.1, high: -31.8, n: 20528 })).toBe('NPS minus 34, plus or minus 2, 20,528 answers');
    applyLanguage('da');
    expect(measureInWords({ value: -34.2, low: -36.1, high: -31.8, n: 20528 })).toBe('NPS minus 34, plus/minus 2, 20.528 svar');
  });

  it('names both ends of an uneven interval, a low sample and an as-is measure', () => {
    expect(measureInWords({ value: -8, low: -30, high: 16, n: 20, lowSample: true, asIs: true })).toBe(
      'NPS minus 8, between minus 30 and plus 16, 20 answers, few answers: read with care, measured at the as-is touchpoints',
    );
    applyLanguage('da');
    expect(measureInWords({ value: -8, low: -30, high: 16, n: 1, lowSample: true })).toBe('NPS minus 8, mellem minus 30 og plus 16, ét svar, få svar: læs med forbehold');
  });

  it('reads CSAT with one decimal and no sign; zero without a sign', () => {
    expect(measureInWords({ measure: 'CSAT', value: 3.84, low: 3.61, high: 4.12, n: 120 })).toBe('CSAT 3.8, between 3.6 and 4.1, 120 answers');
    applyLanguage('da');
    expect(measureInWords({ measure: 'CSAT', value: 3.84, low: 3.64, high: 4.04, n: 120 })).toBe('CSAT 3,8, plus/minus 0,2, 120 svar');
    expect(spokenSigned(-0.2)).toBe('0');
    expect(spokenSigned(12.6)).toBe('plus 13');
  });
});
