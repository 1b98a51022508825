import type { FolderMessages } from './i18n';

/** Strings shared by every page: roles, list words, the common states. */
export default {
  en: {
    roles: { ADMIN: 'Administrator', STRATEGIST: 'Strategist', ANALYST: 'Analyst', EXECUTIVE: 'Executive' },
    common: {
      and: 'and',
      language: 'Language',
      languageFollowsBrowser: 'Language: follows your browser until you choose',
    },
    privacy: {
      hidden: 'fewer than {n} customers: hidden to protect privacy',
      hiddenNoCount: 'too few customers: hidden to protect privacy',
    },
    spoken: {
      minus: 'minus {value}',
      plus: 'plus {value}',
      plusOrMinus: 'plus or minus {value}',
      between: 'between {low} and {high}',
      answers: 'no answers | one answer | {n} answers',
      lowSample: 'few answers: read with care',
      asIs: 'measured at the as-is touchpoints',
    },
  },
  da: {
    roles: { ADMIN: 'Administrator', STRATEGIST: 'Strateg', ANALYST: 'Analytiker', EXECUTIVE: 'Direktion' },
    common: {
      and: 'og',
      language: 'Sprog',
      languageFollowsBrowser: 'Sprog: følger din browser, indtil du vælger',
    },
    privacy: {
      hidden: 'færre end {n} kunder: skjult af hensyn til privatlivet',
      hiddenNoCount: 'for få kunder: skjult af hensyn til privatlivet',
    },
    spoken: {
      minus: 'minus {value}',
      plus: 'plus {value}',
      plusOrMinus: 'plus/minus {value}',
      between: 'mellem {low} og {high}',
      answers: 'ingen svar | ét svar | {n} svar',
      lowSample: 'få svar: læs med forbehold',
      asIs: 'målt ved de nuværende kontaktpunkter (as-is)',
    },
  },
} satisfies FolderMessages;
