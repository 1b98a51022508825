import { describe, expect, it } from 'vitest';
import { hiddenForPrivacy } from '../../client/src/shared/privacy';

describe('hiddenForPrivacy', () => {
  it("names the signed-in user's threshold, and says why without it", () => {
    expect(hiddenForPrivacy(5)).toBe('fewer than 5 customers: hidden to protect privacy');
    expect(hiddenForPrivacy(null)).toBe('too few customers: hidden to protect privacy');
    expect(hiddenForPrivacy(undefined)).toBe('too few customers: hidden to protect privacy');
  });
});
