import { AsyncLocalStorage } from 'node:async_hooks';
import { formatCount, formatDate, formatDecimal, readFormatLanguageFrom, type FormatLanguage } from '../../client/src/shared/format.js';
import { catalogue, type MessageKey } from './messages.js';

/**
 * The sentences the server writes for people (business-case formulas and sources, priorities wording,
 * target notes, the churn conclusion, import suggestions, the board pack, e-mails), in the reader's
 * language, from one catalogue (./messages.ts, English and Danish per key).
 *
 * The language travels with the work, not through every function: an AsyncLocalStorage holds it for
 * the request (app.ts: the request's Accept-Language, else the signed-in user's saved language, else
 * English) or for one e-mail (its recipient's language), so the analytics code that words a sentence
 * calls `say` and needs no extra parameter. Numbers inside sentences follow it too: the shared
 * client/src/shared/format.ts reads the same language here (Danish "1.234,5", "10,9 mio. kr.").
 */
export type Language = FormatLanguage;
export const LANGUAGES: readonly Language[] = ['en', 'da'];

/** Mutable so the GraphQL context can settle it once the caller is known (their saved language). */
interface Reading {
  language: Language;
}
const reading = new AsyncLocalStorage<Reading>();
readFormatLanguageFrom(() => reading.getStore()?.language);

/** Runs `work` (and everything it awaits) in `language`. */
export function withLanguage<T>(language: Language, work: () => T): T {
  return reading.run({ language }, work);
}

/** The language of the work in progress: English outside any request or e-mail. */
export function readerLanguage(): Language {
  return reading.getStore()?.language ?? 'en';
}

/** Sets the language of the request in progress (the caller's saved one when the request named none). */
export function settleLanguage(language: Language): void {
  const current = reading.getStore();
  if (current) current.language = language;
}

/**
 * The reader's language from an Accept-Language header: the most preferred of ours (Danish for any
 * da-*); null when it names none of ours (or `*`, which Node's fetch sends by default).
 */
export function languageFromHeader(header: string | undefined): Language | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? 1);
      return { base: tag.trim().toLowerCase().split('-')[0], q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((t) => t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const t of ranked) if (t.base === 'da' || t.base === 'en') return t.base;
  return null;
}

/** The API's Language enum value ('EN' | 'DA'), or null, as a reader language. */
export const fromSavedLanguage = (saved: string | null | undefined): Language | null => (saved === 'DA' ? 'da' : saved === 'EN' ? 'en' : null);

/** The sentence `key` in the reader's language, `{name}` filled from `params` (numbers already formatted by the caller). */
export function say(key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  return fill(catalogue[readerLanguage()][key], params);
}

/** The sentence `key` in `language`, whatever the work's language (tests, or a file for someone else). */
export function sayIn(language: Language, key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  return fill(catalogue[language][key], params);
}

function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/**
 * Numbers inside sentences. English keeps exactly what the server always wrote (toFixed, en grouping);
 * Danish writes a decimal comma, a thousands point and a real minus sign.
 */
export const fixed = (v: number, digits: number): string => (readerLanguage() === 'en' ? v.toFixed(digits) : formatDecimal(v, digits));
/** A whole count with thousands separators: "20,528" / "20.528". */
export const grouped = (v: number): string => (readerLanguage() === 'en' ? v.toLocaleString('en') : formatCount(v));
/** Up to `digits` decimals, no trailing zeros: "0.153" / "0,153". */
export const rounded = (v: number, digits = 0): string => {
  const r = Math.round(v * 10 ** digits) / 10 ** digits;
  return readerLanguage() === 'en' ? String(r) : r.toLocaleString('da-DK', { maximumFractionDigits: digits, useGrouping: false }).replace(/^-/, '\u2212');
};
/** A day (YYYY-MM-DD): English keeps the ISO date; Danish writes "6. dec. 2026". */
export const day = (iso: string): string => (readerLanguage() === 'en' ? iso : formatDate(iso));
/** A whole number as the English sentences always wrote it (no grouping: "1234"); Danish "1.234". */
export const whole = (v: number): string => (readerLanguage() === 'en' ? String(v) : formatCount(v));

/** Whether `key` names a sentence of the catalogue (for keys built from codes, e.g. `words.quadrant.${code}`). */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(catalogue.en, key);

/** The Intl locale of dates written for the reader ('en-GB' as before, 'da-DK'). */
export const dateLocale = (): string => (readerLanguage() === 'da' ? 'da-DK' : 'en-GB');

/** The language of a message for someone who is not asking now (an e-mail's recipient): their saved one, else English. */
export const recipientLanguage = (user: { language?: string | null }): Language => fromSavedLanguage(user.language) ?? 'en';
