import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSuggestedThemes } from '../../../analytics/queries/verbatims/getSuggestedThemes.js';
import { openStore, type Store } from '../../../analytics/store.js';
import { stem } from '../../../analytics/verbatims/lexicon.js';
import { getMeta, setMeta } from '../../../analytics/verbatims/dictionary.js';
import { analyseComments, ANALYSER_VERSION } from '../../../analytics/verbatims/pipeline.js';
import { withoutWordsInsidePhrases } from '../../../analytics/verbatims/suggestions.js';
import type { RankedPhrase } from '../../../analytics/verbatims/suggestions.js';

/**
 * Planted themes no default theme covers, in a small store: a pension transfer (an English phrase; one
 * Danish compound in two inflections), a Danish word mostly met inside compounds (portal), plus words
 * that say how, not what about (a sentiment word, a feeling word), and a word promoters use.
 */
const PLANTED: [text: string, ltr: number, times: number][] = [
  ['The pension transfer is taking ages.', 2, 3],
  ['Still no news about my pension transfer.', 3, 3],
  ['Min pensionsoverførsel er gået i stå.', 1, 3],
  ['Stadig intet nyt om pensionsoverførslen.', 2, 3],
  ['Jeg kan ikke finde noget i portalen.', 3, 3],
  ['Kundeportalen virker ikke for mig.', 4, 3],
  ['Selvbetjeningsportalen er nede igen.', 2, 2],
  ['Terrible, simply terrible.', 0, 6],
  ['Jeg er bekymret.', 4, 6],
  ['The bonus, so nice.', 10, 6],
  ['Fine.', 9, 10],
];

let store: Store;
let suggestions: RankedPhrase[];
const find = (phrase: string) => suggestions.find((s) => s.phrase === phrase);

beforeAll(async () => {
  store = await openStore(':memory:');
  await store.ensureSchema();
  let i = 0;
  for (const [text, ltr, times] of PLANTED) {
    for (let k = 0; k < times; k++, i++) {
      await store.run(`INSERT INTO customers (customer_id, persona_code) VALUES ($customer, 'P')`, { customer: `C${i}` });
      await store.run(`INSERT INTO responses (response_id, customer_id, responded_at, ltr, comment) VALUES ($id, $customer, '2026-03-01', $ltr, $text)`, {
        id: `R${i}`,
        customer: `C${i}`,
        ltr,
        text,
      });
    }
  }
  await analyseComments(store);
  suggestions = await getSuggestedThemes(store, {}, { minMentions: 3, limit: 50 });
}, 60_000);
afterAll(async () => store?.close());

describe('suggested themes: words and phrases', () => {
  it('suggests the planted English phrase, not its words on their own', () => {
    expect(find('pension transfer')).toMatchObject({ words: 2, example: 'pension transfer', mentions: 6, detractorMentions: 6, includes: [] });
    expect(find('pension')).toBeUndefined();
    expect(find('transfer')).toBeUndefined();
  });

  it('suggests the Danish compound as one word, both inflections counted together', () => {
    // overførsel / overførslen: the stem drops the e of -el either way.
    expect(stem('da', 'pensionsoverførslen')).toBe(stem('da', 'pensionsoverførsel'));
    const s = find(stem('da', 'pensionsoverførsel'));
    expect(s).toMatchObject({ words: 1, mentions: 6, detractorMentions: 6 });
    expect(['pensionsoverførsel', 'pensionsoverførslen']).toContain(s!.example);
  });

  it('counts the Danish compounds ending in a word with it, and does not suggest them again', () => {
    // portalen (3) + kundeportalen (3) + selvbetjeningsportalen (2): what a keyword "portal" would match.
    expect(find('portal')).toMatchObject({ words: 1, example: 'portalen', mentions: 8, includes: ['kundeportalen', 'selvbetjeningsportalen'] });
    expect(find('kundeportal')).toBeUndefined();
  });

  it('leaves out sentiment and feeling words, which say how rather than what about', () => {
    expect(suggestions.map((s) => s.example)).not.toContain('terrible');
    expect(suggestions.map((s) => s.example)).not.toContain('bekymret');
  });

  it('ranks what detractors over-use above what promoters say', () => {
    const rank = (phrase: string) => suggestions.findIndex((s) => s.phrase === phrase);
    expect(find('bonus')).toMatchObject({ mentions: 6, detractorMentions: 0 });
    expect(rank('pension transfer')).toBeLessThan(rank('bonus'));
    expect(rank('portal')).toBeLessThan(rank('bonus'));
  });
});

describe('withoutWordsInsidePhrases', () => {
  const c = (phrase: string, mentions: number) => ({ phrase, example: phrase, mentions, detractorMentions: 0 });
  it('drops a word when one phrase holding it has 80% of its mentions or more, keeps it below', () => {
    const kept = withoutWordsInsidePhrases([c('pension transfer', 8), c('transfer', 10), c('pension', 11), c('app', 5)]);
    // 8 ≥ 0.8 × 10 drops "transfer"; 8 < 0.8 × 11 keeps "pension" (said elsewhere too).
    expect(kept.map((k) => k.phrase)).toEqual(['pension transfer', 'pension', 'app']);
  });
});

describe('a store analysed by an older analyser', () => {
  it('is analysed again from scratch, so stored stems follow the current rules', async () => {
    // As version 1 stored it: the Danish -el stem without the rule.
    await store.run(`UPDATE text_vocab SET stem = 'pensionsoverførsel' WHERE token = 'pensionsoverførsel'`);
    await setMeta(store, 'analyser_version', '1');
    const run = await analyseComments(store);
    expect(run.analysed).toBe(PLANTED.reduce((n, [, , times]) => n + times, 0));
    expect(await getMeta(store, 'analyser_version')).toBe(ANALYSER_VERSION);
    const [row] = await store.all<{ stem: string }>(`SELECT stem FROM text_vocab WHERE token = 'pensionsoverførsel'`);
    expect(row!.stem).toBe('pensionsoverførsl');
  });
});
