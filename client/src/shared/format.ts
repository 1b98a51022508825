/**
 * Number formats the views share, in one place: money with the company's currency in one compact format
 * ("DKK 11.0m", "DKK 437k", "DKK 9,512"), counts with thousands separators, 0..1 shares as per cent, a
 * minus sign (not a hyphen) on negatives; '—' when a value is unknown (callers say why next to it).
 * No imports: the server's board pack and digests format with these same rules (server/modules/reports/).
 */
/**
 * The language numbers and dates are written in: English ("10,968,979", "6 Dec 2026") until the shell
 * sets the user's; Danish writes "10.968.979", "6. dec. 2026", "11,0 mio. kr.". A plain holder like
 * `currency` below, so the server can use this module too; the shell re-renders the page when it changes.
 */
export type FormatLanguage = 'en' | 'da';
let chosenLanguage: FormatLanguage = 'en';
/**
 * Where the language is read first: the server installs its per-request reader (analytics/i18n), because a
 * module-wide language would be shared by concurrent requests; undefined (the client, or outside a
 * request) falls back to the language set here.
 */
let languageReader: (() => FormatLanguage | undefined) | null = null;
export const formatLanguage = {
  get value(): FormatLanguage {
    return languageReader?.() ?? chosenLanguage;
  },
};
export function setFormatLanguage(language: FormatLanguage): void {
  chosenLanguage = language;
}
/** The server's reader of the request's language (see languageReader). */
export function readFormatLanguageFrom(read: () => FormatLanguage | undefined): void {
  languageReader = read;
}
const LOCALES: Record<FormatLanguage, string> = { en: 'en-GB', da: 'da-DK' };
const numberFormats = new Map<string, Intl.NumberFormat>();
/** One Intl.NumberFormat per language and options, made once. */
function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${formatLanguage.value} ${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(LOCALES[formatLanguage.value], options)));
  return format;
}
const whole = { format: (v: number) => numberFormat({ maximumFractionDigits: 0 }).format(v) };
const oneDecimal = { format: (v: number) => numberFormat({ minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v) };
const MINUS = '\u2212';
const known = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);
const minus = (s: string) => s.replace(/^-/, MINUS);

/**
 * The company currency (a company setting on the server, loaded by the client's shell; DKK until then).
 * A plain holder, not a Vue ref, so the server can use this module too; the shell re-renders the page
 * when it changes.
 */
export const currency = { value: 'DKK' };
export function setCurrency(code: string | null | undefined): void {
  if (code && /^[A-Z]{3}$/.test(code)) currency.value = code;
}

/** The compact figure without the currency: 10,968,979 → "11.0m", 436,512 → "437k", 72,610 → "73k", 9,512 → "9,512". */
export function compactAmount(v: number): string {
  const abs = Math.abs(v);
  const sign = v < 0 && Math.round(abs) !== 0 ? MINUS : '';
  if (abs >= 999_950) return `${sign}${oneDecimal.format(abs / 1_000_000)}m`;
  if (abs >= 9_999.5) return `${sign}${whole.format(abs / 1_000)}k`;
  return `${sign}${whole.format(abs)}`;
}

/**
 * An amount of money: "DKK 11.0m". `plain`: the whole amount as a number a spreadsheet can add up
 * (exports put the currency in the column header instead).
 */
export function formatMoney(v: number | null | undefined, options: { plain: true; currency?: string }): number | null;
export function formatMoney(v: number | null | undefined, options?: { plain?: false; currency?: string }): string;
export function formatMoney(v: number | null | undefined, options: { plain?: boolean; currency?: string } = {}): string | number | null {
  if (options.plain) return known(v) ? Math.round(v) : null;
  if (!known(v)) return '—';
  // The server names the currency per call (a module-wide holder would be shared by concurrent requests).
  const code = options.currency ?? currency.value;
  if (formatLanguage.value === 'da') {
    // Danish puts the currency after the amount: "11,0 mio. kr.", "437 t kr.", "9.512 kr.".
    const abs = Math.abs(v);
    const digits = abs >= 999_950 ? 1 : 0;
    const compact = abs >= 9_999.5 ? { notation: 'compact' as const } : {};
    return minus(numberFormat({ style: 'currency', currency: code, minimumFractionDigits: digits, maximumFractionDigits: digits, ...compact }).format(v));
  }
  return `${code} ${compactAmount(v)}`;
}

/** A count (customers, answers) with thousands separators; '—' when unknown. */
export const formatCount = (v: number | null | undefined) => (known(v) ? minus(whole.format(Math.round(v))) : '—');

/** A plain number with one decimal in the user's language ("1.2", "1,2"), e.g. seconds; '—' when unknown. */
export const formatOneDecimal = (v: number | null | undefined) => formatDecimal(v, 1);
/** A plain number with up to `digits` decimals (chart tables): "1,234.5", "−0.25", "7"; '—' when unknown. */
export const formatNumber = (v: number | null | undefined, digits = 2) => (known(v) ? minus(numberFormat({ maximumFractionDigits: digits }).format(v)) : '—');

/** A share 0..1 as per cent with `digits` decimals; '—' when unknown. */
export const formatShare = (v: number | null | undefined, digits = 1) =>
  !known(v) ? '—' : formatLanguage.value === 'en' ? minus(`${(v * 100).toFixed(digits)}%`) : minus(numberFormat({ style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v));

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(withTime: boolean): Intl.DateTimeFormat {
  const key = `${formatLanguage.value} ${withTime}`;
  let format = dateFormats.get(key);
  const time = withTime ? { hour: '2-digit', minute: '2-digit' } as const : {};
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(LOCALES[formatLanguage.value], { day: 'numeric', month: 'short', year: 'numeric', ...time, timeZone: 'UTC' })));
  return format;
}
const dateTime = { format: (d: Date) => dateFormat(true).format(d) };
const dateOnly = { format: (d: Date) => dateFormat(false).format(d) };

/** "6 Dec 2026, 05:41" (UTC) from an ISO instant; `never` when there is none. */
export const formatDateTime = (iso: string | null | undefined, never = '—') => (iso ? `${dateTime.format(new Date(iso))} UTC` : never);
const monthFormats = new Map<FormatLanguage, Intl.DateTimeFormat>();
/** "December 2026" ("december 2026" in Danish) from an ISO date: a month as a chart's text alternative names it. */
export function formatMonth(iso: string): string {
  let format = monthFormats.get(formatLanguage.value);
  if (!format) monthFormats.set(formatLanguage.value, (format = new Intl.DateTimeFormat(LOCALES[formatLanguage.value], { month: 'long', year: 'numeric', timeZone: 'UTC' })));
  return format.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso));
}
/** "6 Dec 2026" from an ISO date or instant. */
export const formatDate = (iso: string | null | undefined, never = '—') => (iso ? dateOnly.format(new Date(iso)) : never);

/**
 * A signed number with a real minus sign, rounded to `digits` decimals: "+12", "−8", "0", "+0.4";
 * '—' when unknown. A value that rounds to zero shows no sign.
 */
export function formatSigned(v: number | null | undefined, digits = 0): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const fixed = Math.abs(v).toFixed(digits);
  const text = formatLanguage.value === 'en' ? fixed : numberFormat({ minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(Math.abs(v));
  if (Number(fixed) === 0) return formatLanguage.value === 'en' ? (0).toFixed(digits) : numberFormat({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(0);
  return v > 0 ? `+${text}` : `${MINUS}${text}`;
}

/** A plain decimal with `digits` decimals in the user's language ("3.46", "3,46"), minus sign; '—' when unknown. */
export const formatDecimal = (v: number | null | undefined, digits = 2) =>
  known(v) ? minus(numberFormat({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v)) : '—';

/** An NPS (or a difference of NPS) in whole points: "+12", "−8", "0". */
export const formatNps = (v: number | null | undefined) => formatSigned(v, 0);

/**
 * The whole amount with thousands separators and no currency: "10,968,979". Only for the board pack PDF,
 * whose tables name the currency in their header and whose headline prints the currency after it;
 * everywhere else money is formatMoney.
 */
export const formatWholeAmount = (v: number | null | undefined) => (known(v) ? minus(whole.format(Math.round(v))) : '—');
/** A compact amount for chart axes: "1.2m", "−350k". */
export const formatCompact = (v: number) => compactAmount(v);
/** A share 0..1 as whole per cent (or `digits` decimals), with a minus sign. */
export const formatPercent = (v: number | null | undefined, digits = 0) => formatShare(v, digits);
