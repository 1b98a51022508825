/**
 * Number formats the views share: whole amounts with thousands separators, and 0..1 shares as per cent.
 * No imports: the server's board pack and digests format with these same rules (server/modules/reports/).
 */
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** A whole amount (DKK, customers) with thousands separators; '—' when unknown. */
export const formatMoney = (v: number | null | undefined) => (v === null || v === undefined ? '—' : whole.format(Math.round(v)));

/** A share 0..1 as per cent with `digits` decimals; '—' when unknown. */
export const formatShare = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(digits)}%`);

const dateTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "6 Dec 2026, 05:41" (UTC) from an ISO instant; `never` when there is none. */
export const formatDateTime = (iso: string | null | undefined, never = '—') => (iso ? `${dateTime.format(new Date(iso))} UTC` : never);
/** "6 Dec 2026" from an ISO date or instant. */
export const formatDate = (iso: string | null | undefined, never = '—') => (iso ? dateOnly.format(new Date(iso)) : never);

/**
 * A signed number with a real minus sign, rounded to `digits` decimals: "+12", "−8", "0", "+0.4";
 * '—' when unknown. A value that rounds to zero shows no sign.
 */
export function formatSigned(v: number | null | undefined, digits = 0): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const text = Math.abs(v).toFixed(digits);
  if (Number(text) === 0) return (0).toFixed(digits);
  return v > 0 ? `+${text}` : `\u2212${text}`;
}

/** An NPS (or a difference of NPS) in whole points: "+12", "−8", "0". */
export const formatNps = (v: number | null | undefined) => formatSigned(v, 0);

const compact = new Intl.NumberFormat('en-GB', { notation: 'compact', maximumFractionDigits: 1 });
const minus = (s: string) => s.replace(/^-/, '\u2212');

/** Whole kroner with thousands separators; a minus sign, not a hyphen. */
export const formatDkk = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : minus(formatMoney(v)));
/** A compact amount for chart axes: "1.2M", "−350K". */
export const formatCompact = (v: number) => minus(compact.format(v));
/** Headline money: "DKK 1.2M". */
export const formatDkkShort = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `DKK ${formatCompact(v)}`);
/** A share 0..1 as whole per cent (or `digits` decimals), with a minus sign. */
export const formatPercent = (v: number | null | undefined, digits = 0) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : minus(formatShare(v, digits)));
