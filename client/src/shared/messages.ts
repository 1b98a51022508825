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
  },
  da: {
    roles: { ADMIN: 'Administrator', STRATEGIST: 'Strateg', ANALYST: 'Analytiker', EXECUTIVE: 'Direktion' },
    common: {
      and: 'og',
      language: 'Sprog',
      languageFollowsBrowser: 'Sprog: følger din browser, indtil du vælger',
    },
  },
} satisfies FolderMessages;
