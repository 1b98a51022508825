/** Number formats the views share: whole amounts with thousands separators, and 0..1 shares as per cent. */
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
