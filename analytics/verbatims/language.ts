import { franc } from 'franc';
import type { Language } from './lexicon.js';

const FRANC_CODES: Record<string, Language> = { dan: 'da', eng: 'en' };

/**
 * franc's guess between Danish and English only: unrestricted, it calls short Danish complaints
 * Afrikaans or Norwegian. Texts it cannot place ('und') take the company's default language.
 */
export function francLanguage(text: string, fallback: Language): Language {
  const code = franc(text, { only: ['dan', 'eng'], minLength: 10 });
  return FRANC_CODES[code] ?? fallback;
}
