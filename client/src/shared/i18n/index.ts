import { computed } from 'vue';
import { createI18n } from 'vue-i18n';
import { setFormatLanguage, type FormatLanguage } from '../format';

/**
 * Danish and English for the whole client. Each folder keeps its own strings in a `messages.ts` beside
 * its views (`export default { en: { folder: {…} }, da: { folder: {…} } }`), merged here under their
 * top-level keys; templates call `t("folder.key")` imported from this module (no plugin to install, so
 * components render the same in tests). tests/client/i18n.test.ts fails for a template string that is
 * not a key, and for a key missing in either language.
 */
export type UiLanguage = FormatLanguage;
/** The API's `Language` enum for a client language, and back (null/absent: none chosen). */
export const toApiLanguage = (language: UiLanguage): 'EN' | 'DA' => (language === 'da' ? 'DA' : 'EN');
export const fromApiLanguage = (language: 'EN' | 'DA' | null | undefined): UiLanguage | null => (language ? (language === 'DA' ? 'da' : 'en') : null);
export const UI_LANGUAGES: readonly UiLanguage[] = ['en', 'da'];
/** What each language is called in itself (the switch shows these, never translated). */
export const LANGUAGE_NAMES: Record<UiLanguage, string> = { en: 'English', da: 'Dansk' };

import type { FolderMessages } from './types';
export type { FolderMessages, MessageTree } from './types';

const folders = import.meta.glob<FolderMessages>('../../**/messages.ts', { eager: true, import: 'default' });

/** Every folder's messages in one tree per language; two folders claiming the same top-level key is a bug. */
export function mergeMessages(parts: Record<string, FolderMessages>): FolderMessages {
  const merged: FolderMessages = { en: {}, da: {} };
  const owner = new Map<string, string>();
  for (const [file, part] of Object.entries(parts)) {
    for (const language of UI_LANGUAGES) {
      for (const [key, value] of Object.entries(part[language])) {
        const claimed = owner.get(`${language}.${key}`);
        if (claimed && claimed !== file) throw new Error(`Message key "${key}" is defined in both ${claimed} and ${file}.`);
        owner.set(`${language}.${key}`, file);
        merged[language][key] = value;
      }
    }
  }
  return merged;
}

export const messages = mergeMessages(folders);

const STORAGE_KEY = 'touchpoint.language';

/** The browser's preferred language when it is one of ours (Danish for any da-*), else English. */
export function browserLanguage(preferred: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages): UiLanguage {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'da' || base === 'en') return base;
  }
  return 'en';
}

function storedLanguage(): UiLanguage | null {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return stored === 'da' || stored === 'en' ? stored : null;
  } catch {
    return null; // storage refused (private mode): the browser's language
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: storedLanguage() ?? browserLanguage(),
  fallbackLocale: 'en',
  messages: { en: messages.en, da: messages.da },
  missingWarn: false,
  fallbackWarn: false,
});

/** Translates a key for the current language: t("shell.nav.overview"), t("x.count", { n }), t("x.items", n) for plurals. */
export const t = i18n.global.t;

/** The language the client shows now (reactive). */
export const currentLanguage = computed<UiLanguage>(() => (i18n.global.locale.value === 'da' ? 'da' : 'en'));

/**
 * Shows the client in `language`: strings, numbers, dates and money; remembered in this browser (the
 * signed-in user's choice is also saved on the server, see useLanguage).
 */
export function applyLanguage(language: UiLanguage): void {
  i18n.global.locale.value = language;
  setFormatLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // not remembered in this browser; the server keeps the signed-in user's choice
  }
}

setFormatLanguage(currentLanguage.value);
if (typeof document !== 'undefined') document.documentElement.lang = currentLanguage.value;
