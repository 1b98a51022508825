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
    loadError: {
      networkTitle: 'Cannot reach Touchpoint',
      networkMessage: 'The server did not answer. Check your connection and try again.',
      notFoundTitle: 'This {what} does not exist',
      notFoundMessage: 'It may have been deleted. Pick a {what} from the list.',
      badAddressMessage: 'The address does not name a {what}. Pick one from the list.',
      forbiddenTitle: 'Not available for your role',
      forbiddenMessage: 'Ask an administrator for access.',
      sessionTitle: 'Your session has ended',
      sessionMessage: 'Sign in again to continue.',
      busyTitle: 'Touchpoint is busy',
      busyMessage: 'Try again in a few seconds.',
      failedTitle: 'Could not load the {what}',
      failedMessage: 'Something went wrong on the server. Try again; if it keeps failing, tell an administrator.',
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
    loadError: {
      networkTitle: 'Kan ikke få forbindelse til Touchpoint',
      networkMessage: 'Serveren svarede ikke. Tjek din forbindelse, og prøv igen.',
      notFoundTitle: 'Vi kan ikke finde {what}',
      notFoundMessage: 'Det kan være slettet. Vælg fra listen.',
      badAddressMessage: 'Adressen peger ikke på noget, der findes. Vælg fra listen.',
      forbiddenTitle: 'Ikke tilgængeligt for din rolle',
      forbiddenMessage: 'Bed en administrator om adgang.',
      sessionTitle: 'Din session er udløbet',
      sessionMessage: 'Log ind igen for at fortsætte.',
      busyTitle: 'Touchpoint har travlt',
      busyMessage: 'Prøv igen om et par sekunder.',
      failedTitle: 'Kunne ikke hente {what}',
      failedMessage: 'Noget gik galt på serveren. Prøv igen; bliver det ved, så sig det til en administrator.',
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
