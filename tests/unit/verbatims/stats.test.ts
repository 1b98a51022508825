import { describe, expect, it } from 'vitest';
import { mentionStats } from '../../../analytics/verbatims/themeStats.js';
import { rankSuggestions } from '../../../analytics/verbatims/suggestions.js';

describe('mention statistics', () => {
  it('computes shares, NPS of mentioners against other commenters and the NPS points at stake (hand-worked)', () => {
    // 1,000 answers; 200 commented: 50 promoters, 50 passives, 100 detractors.
    // Mentioned by 5 promoters, 5 passives, 40 detractors (50 mentions).
    const s = mentionStats({ responses: 1000, commented: { promoters: 50, passives: 50, detractors: 100 }, mentioned: { promoters: 5, passives: 5, detractors: 40 }, customers: 48 });
    expect(s.mentions).toBe(50);
    expect(s.share.share).toBeCloseTo(0.25, 12); // 50 / 200
    expect(s.detractorShare.share).toBeCloseTo(0.4, 12); // 40 / 100
    expect(s.promoterShare.share).toBeCloseTo(0.1, 12); // 5 / 50
    // Mentioners: 100 × (5 − 40) / 50 = −70. Others: 45 P, 45 Pa, 60 D of 150 → 100 × (45 − 60) / 150 = −10.
    expect(s.npsMentioning.nps).toBeCloseTo(-70, 12);
    expect(s.npsOthers.nps).toBeCloseTo(-10, 12);
    expect(s.difference.difference).toBeCloseTo(-60, 12);
    // SE mentioners: 100 √((0.1 + 0.8 − (−0.7)²) / 50) = 100 √(0.41 / 50) = 9.0554; others: 100 √((0.3 + 0.4 − 0.01) / 150) = 6.7823.
    expect(s.difference.z).toBeCloseTo(-60 / Math.sqrt(9.05539 ** 2 + 6.78233 ** 2), 3);
    expect(s.difference.significant).toBe(true);
    // At stake: 50 / 1000 × (−10 − (−70)) = 3 NPS points.
    expect(s.npsPointsAtStake).toBeCloseTo(3, 12);
  });
});

describe('suggested-theme ranking', () => {
  it('puts frequent phrases that detractors over-use first', () => {
    // 100 comments, 40 from detractors (base 0.4).
    const ranked = rankSuggestions(
      [
        { phrase: 'nice app', example: 'nice app', mentions: 30, detractorMentions: 3 }, // excess 3 − 12 = −9
        { phrase: 'stuck transfer', example: 'stuck transfer', mentions: 10, detractorMentions: 9 }, // 9 − 4 = 5
        { phrase: 'phone queue', example: 'phone queue', mentions: 20, detractorMentions: 16 }, // 16 − 8 = 8
        { phrase: 'rare gripe', example: 'rare gripe', mentions: 2, detractorMentions: 2 }, // 2 − 0.8 = 1.2
      ],
      { commented: 100, detractors: 40 },
    );
    expect(ranked.map((r) => r.phrase)).toEqual(['phone queue', 'stuck transfer', 'rare gripe', 'nice app']);
    expect(ranked[0]!.excessDetractorMentions).toBeCloseTo(8, 12);
    expect(ranked[0]!.detractorLift).toBeCloseTo(2, 12); // (16 / 20) / 0.4
  });
});
