/** Number formats the views share: whole amounts with thousands separators, and 0..1 shares as per cent. */
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** A whole amount (DKK, customers) with thousands separators; '—' when unknown. */
export const formatMoney = (v: number | null | undefined) => (v === null || v === undefined ? '—' : whole.format(Math.round(v)));

/** A share 0..1 as per cent with `digits` decimals; '—' when unknown. */
export const formatShare = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(digits)}%`);
