import { describe, expect, it } from 'vitest';
import { analyseTexts } from '../../../analytics/verbatims/analyseTexts.js';
import { stem, tokenize } from '../../../analytics/verbatims/lexicon.js';

/**
 * The lexicon scoring through the real pipeline (DuckDB in memory). Values by hand from the lexicons:
 * Danish AFINN god +3, dårlig −3; English AFINN bad −3, good +3; negation × −0.75, "meget"/"very" × 1.5.
 */
describe('sentiment with negation and intensifiers', () => {
  it('scores hand-written Danish and English examples', async () => {
    const [ikkeGod, god, meget, notBad, bad, veryGood, notVeryGood] = await analyseTexts([
      'ikke god', 'god', 'meget dårlig', 'it was not bad', 'it was bad', 'it was very good', 'it was not very good',
    ]);
    expect(god).toMatchObject({ language: 'da', score: 3, label: 'POSITIVE' });
    expect(ikkeGod).toMatchObject({ language: 'da', score: -2.25, label: 'NEGATIVE' }); // 3 × −0.75
    expect(meget).toMatchObject({ language: 'da', score: -4.5, label: 'NEGATIVE' }); // −3 × 1.5
    expect(bad).toMatchObject({ language: 'en', score: -3, label: 'NEGATIVE' });
    expect(notBad).toMatchObject({ language: 'en', score: 2.25, label: 'POSITIVE' }); // −3 × −0.75
    expect(veryGood!.score).toBe(4.5);
    expect(notVeryGood!.score).toBe(-3.375); // 3 × 1.5 × −0.75
  });

  it('stops a negation at punctuation and after three words', async () => {
    const [comma, far] = await analyseTexts(['not slow, good', 'not at all in any way good']);
    expect(comma!.score).toBe(3); // "good" is after the comma: not negated
    expect(far!.score).toBe(3); // "good" is six words after "not"
  });

  it('compares with the raw lexicon sum, which ignores negation', async () => {
    const [raw] = await analyseTexts(['ikke god'], { rawLexicon: true });
    expect(raw!.score).toBe(3);
  });

  it('tells Danish from English, and gives short undecided texts the company default', async () => {
    const [da, en, short] = await analyseTexts(['Jeg har ventet alt for længe på svar', 'I have waited far too long for an answer', 'OK'], { defaultLanguage: 'en' });
    expect(da!.language).toBe('da');
    expect(en!.language).toBe('en');
    expect(short!.language).toBe('en');
  });
});

describe('feeling words with inflections', () => {
  it('finds Danish and English inflected forms of list words, not negated ones', async () => {
    const rows = await analyseTexts(['Jeg blev vredt behandlet og er vrede', 'I was so frustrated', 'Det er frustrerende', 'Jeg er ikke vred', 'They were very worried']);
    expect(rows[0]!.feelings).toEqual([{ family: 'ANGER', word: 'vred' }]);
    expect(rows[1]!.feelings).toEqual([{ family: 'FRUSTRATION', word: 'frustrated' }]);
    expect(rows[2]!.feelings.map((f) => f.family)).toEqual(['FRUSTRATION']);
    expect(rows[3]!.feelings).toEqual([]);
    expect(rows[4]!.feelings).toEqual([{ family: 'WORRY', word: 'worried' }]);
  });
});

describe('themes by stem and phrase', () => {
  it('matches inflections, Danish compounds and multi-word phrases, and not a phrase split by punctuation', async () => {
    const [waited, compound, phrase, split, price] = await analyseTexts([
      'I waited and waited',
      'Telefonkøen var lang',
      'It took a long time',
      'It was long. Time to go',
      'Prisen steg igen',
    ]);
    expect(waited!.themes).toContain('WAITING_TIME');
    expect(compound!.themes).toContain('WAITING_TIME'); // telefonkøen → telefonkø
    expect(phrase!.themes).toContain('WAITING_TIME'); // "long time"
    expect(split!.themes).not.toContain('WAITING_TIME');
    expect(price!.themes).toEqual(['PRICE']);
  });

  it('stems and tokenises as the SQL does', () => {
    expect(tokenize("Don’t wait, please!")).toEqual(["don't", 'wait', ',', 'please', '!']);
    expect(stem('da', 'ventetiden')).toBe(stem('da', 'ventetider'));
    expect(stem('en', 'waiting')).toBe('wait');
  });
});
