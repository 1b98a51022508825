import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../client/src/shared/i18n';
import { hiddenForPrivacy } from '../../client/src/shared/privacy';

describe('hiddenForPrivacy', () => {
  afterEach(() => applyLanguage('en'));

  it("names the signed-in user's threshold, and says why without it", () => {
    applyLanguage('en');
    expect(hiddenForPrivacy(5)).toBe('fewer than 5 customers: hidden to protect privacy');
    expect(hiddenForPrivacy(null)).toBe('too few customers: hidden to protect privacy');
    expect(hiddenForPrivacy(undefined)).toBe('too few customers: hidden to protect privacy');
  });

  it('says it in Danish, with the number in Danish format', () => {
    applyLanguage('da');
    expect(hiddenForPrivacy(5)).toBe('færre end 5 kunder: skjult af hensyn til privatlivet');
    expect(hiddenForPrivacy(1000)).toBe('færre end 1.000 kunder: skjult af hensyn til privatlivet');
    expect(hiddenForPrivacy(null)).toBe('for få kunder: skjult af hensyn til privatlivet');
  });
});
