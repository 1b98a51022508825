/**
 * The dictionaries a new company starts with: a standardised list of feeling words in eight families
 * and a general customer-experience theme set, both in Danish and English. Analysts and admins edit
 * them afterwards (GraphQL mutations); these are written once, when the store has no dictionary yet.
 * Words are matched by stem, so one form covers its inflections (vred, vrede, vredt).
 */
import type { Language } from './lexicon.js';

export const FEELING_FAMILIES = ['ANGER', 'WORRY', 'FRUSTRATION', 'DISTRUST', 'RELIEF', 'TRUST', 'JOY', 'GRATITUDE'] as const;
export type FeelingFamily = (typeof FEELING_FAMILIES)[number];

export function isFeelingFamily(value: string): value is FeelingFamily {
  return (FEELING_FAMILIES as readonly string[]).includes(value);
}

/** Whether a family is a pleasant or an unpleasant feeling (for the emotion curve: -1 or +1). */
export const FAMILY_VALENCE: Readonly<Record<FeelingFamily, -1 | 1>> = {
  ANGER: -1, WORRY: -1, FRUSTRATION: -1, DISTRUST: -1, RELIEF: 1, TRUST: 1, JOY: 1, GRATITUDE: 1,
};

export const DEFAULT_FEELING_WORDS: Readonly<Record<FeelingFamily, Readonly<Record<Language, readonly string[]>>>> = {
  ANGER: {
    da: ['vred', 'rasende', 'sur', 'arrig', 'harm', 'ophidset', 'provokeret', 'forarget', 'hidsig', 'gal'],
    en: ['angry', 'furious', 'outraged', 'livid', 'mad', 'annoyed', 'irritated', 'infuriated', 'enraged', 'cross'],
  },
  WORRY: {
    da: ['bekymret', 'bekymring', 'nervøs', 'urolig', 'usikker', 'bange', 'ængstelig', 'utryg', 'frygt', 'stresset'],
    en: ['worried', 'worry', 'anxious', 'nervous', 'uneasy', 'uncertain', 'afraid', 'scared', 'concerned', 'stressed'],
  },
  FRUSTRATION: {
    da: ['frustreret', 'frustrerende', 'opgivende', 'træt', 'irriteret', 'irriterende', 'besværlig', 'håbløs', 'skuffet', 'opgivet'],
    en: ['frustrated', 'frustrating', 'fed up', 'tired', 'exhausting', 'hopeless', 'disappointed', 'disappointing', 'annoying', 'tedious'],
  },
  DISTRUST: {
    da: ['mistillid', 'mistænksom', 'snydt', 'svigtet', 'vildledt', 'lurendrejet', 'uærlig', 'mistro', 'tvivlsom', 'forrådt'],
    en: ['distrust', 'mistrust', 'cheated', 'misled', 'deceived', 'suspicious', 'betrayed', 'dishonest', 'ripped off', 'let down'],
  },
  RELIEF: {
    da: ['lettet', 'lettelse', 'beroliget', 'rolig', 'afslappet', 'tryg'],
    en: ['relieved', 'relief', 'reassured', 'calm', 'at ease', 'relaxed'],
  },
  TRUST: {
    da: ['tillid', 'tryghed', 'pålidelig', 'troværdig', 'ærlig', 'sikker', 'stoler'],
    en: ['trust', 'reliable', 'trustworthy', 'honest', 'dependable', 'confident', 'safe'],
  },
  JOY: {
    da: ['glad', 'glæde', 'begejstret', 'tilfreds', 'henrykt', 'positiv', 'overrasket', 'fantastisk'],
    en: ['happy', 'delighted', 'glad', 'thrilled', 'satisfied', 'joy', 'excited', 'cheerful'],
  },
  GRATITUDE: {
    da: ['taknemmelig', 'tak', 'takket', 'påskønner', 'værdsætter'],
    en: ['grateful', 'thankful', 'thanks', 'thank', 'appreciate', 'appreciated', 'appreciative'],
  },
};

export interface ThemeSeed {
  code: string;
  /** Stored when the dictionaries are first written (the company's data from then on). */
  name: string;
  description: string;
  /** The same name and description in Danish: shown to Danish readers while the company has not changed them. */
  da: { name: string; description: string };
  keywords: readonly string[];
}

/** A general CX theme set; keywords in both languages, matched by stem, phrases as consecutive words. */
export const DEFAULT_THEMES: readonly ThemeSeed[] = [
  {
    code: 'WAITING_TIME',
    name: 'Waiting time',
    description: 'Queues, slow answers and cases that take long.',
    da: { name: 'Ventetid', description: 'Køer, langsomme svar og sager, der tager lang tid.' },
    keywords: ['ventetid', 'vente', 'ventede', 'kø', 'telefonkø', 'lang tid', 'langsom', 'uger', 'waiting', 'wait', 'waited', 'queue', 'slow', 'long time', 'weeks', 'took long', 'delay'],
  },
  {
    code: 'PRICE',
    name: 'Price',
    description: 'Prices, premiums, fees and price increases.',
    da: { name: 'Pris', description: 'Priser, præmier, gebyrer og prisstigninger.' },
    keywords: ['pris', 'priser', 'prisstigning', 'dyr', 'dyrt', 'billig', 'gebyr', 'præmie', 'price', 'prices', 'expensive', 'cheap', 'fee', 'fees', 'premium', 'price increase', 'cost'],
  },
  {
    code: 'STAFF_FRIENDLINESS',
    name: 'Staff friendliness',
    description: 'How kind, polite and caring the people were.',
    da: { name: 'Venlige medarbejdere', description: 'Hvor venlige, høflige og omsorgsfulde medarbejderne var.' },
    keywords: ['venlig', 'venligt', 'flink', 'sød', 'høflig', 'uhøflig', 'imødekommende', 'hjælpsom', 'friendly', 'kind', 'polite', 'rude', 'helpful', 'caring', 'unfriendly', 'nice'],
  },
  {
    code: 'COMPETENCE',
    name: 'Competence',
    description: 'Whether staff knew their subject and gave right answers.',
    da: { name: 'Kompetence', description: 'Om medarbejderne kendte deres fag og gav rigtige svar.' },
    keywords: ['kompetent', 'inkompetent', 'dygtig', 'faglig', 'kyndig', 'vidste', 'forkert svar', 'competent', 'incompetent', 'knowledgeable', 'expert', 'skilled', 'wrong answer', 'professional'],
  },
  {
    code: 'INFORMATION',
    name: 'Information and communication',
    description: 'Being kept informed, clear letters and explanations.',
    da: { name: 'Information og kommunikation', description: 'At blive holdt orienteret, klare breve og forklaringer.' },
    keywords: ['information', 'info', 'besked', 'forklaring', 'forklarede', 'uklar', 'orienteret', 'kommunikation', 'ringede tilbage', 'informed', 'explain', 'explained', 'explanation', 'unclear', 'communication', 'call back', 'update', 'updated', 'told'],
  },
  {
    code: 'DIGITAL_SELF_SERVICE',
    name: 'Digital self-service',
    description: 'The app, web pages, log-in and chat bots.',
    da: { name: 'Digital selvbetjening', description: 'Appen, hjemmesiden, log-ind og chatbots.' },
    keywords: ['app', 'appen', 'hjemmeside', 'selvbetjening', 'log ind', 'login', 'website', 'online', 'chatbot', 'self-service', 'log in', 'my page', 'web'],
  },
  {
    code: 'CLAIMS_HANDLING',
    name: 'Claims handling',
    description: 'Reporting a claim, its handling, decision and payout.',
    da: { name: 'Skadebehandling', description: 'Anmeldelse af en skade, behandlingen, afgørelsen og udbetalingen.' },
    keywords: ['skade', 'skadesag', 'skadeanmeldelse', 'erstatning', 'taksator', 'udbetaling', 'afgørelse', 'claim', 'claims', 'loss adjuster', 'payout', 'compensation', 'decision', 'damage'],
  },
  {
    code: 'PAPERWORK',
    name: 'Paperwork',
    description: 'Forms, documents, policy terms and letters.',
    da: { name: 'Papirarbejde', description: 'Blanketter, dokumenter, forsikringsbetingelser og breve.' },
    keywords: ['papirarbejde', 'blanket', 'formular', 'dokumenter', 'police', 'betingelser', 'brev', 'paperwork', 'form', 'forms', 'documents', 'small print', 'terms', 'letter'],
  },
];
