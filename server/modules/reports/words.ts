// Words for the codes the reports show, as the pages say them. The money, per-cent and business-case
// words come from the client's own pure modules, so a report and its page cannot drift apart.
import { formatCount, formatNps, formatPercent } from '../../../client/src/shared/format.js';
import { isMessageKey, say } from '../../../analytics/i18n/index.js';
import type { MessageKey } from '../../../analytics/i18n/messages.js';

export { currency, formatMoney, formatNps, formatPercent, formatShare, formatSigned, formatWholeAmount } from '../../../client/src/shared/format.js';
export { formatPayback, GROUP_LABELS, INPUT_LABELS, LINE_ITEM_LABELS, waterfallSteps } from '../../../client/src/features/business-case/model/report.js';

/**
 * Code → words in the reader's language (analytics/i18n): each property is read when a report or an
 * e-mail is written, in the language of the work in progress (the downloader's, the recipient's).
 */
export function worded(prefix: string, codes: readonly string[]): Record<string, string> {
  const words: Record<string, string> = {};
  for (const code of codes) Object.defineProperty(words, code, { enumerable: true, get: () => say(wordKey(`${prefix}.${code}`)) });
  return words;
}
const wordKey = (key: string): MessageKey => {
  if (!isMessageKey(key)) throw new Error(`No words for ${key} in analytics/i18n/messages.ts.`);
  return key;
};
export const PROGRAMME_WORDS = worded('words.programme', ['STOP_CHURN', 'REVITALISE_CUSTOMER_FOCUS', 'DIFFERENTIATE', 'INSUFFICIENT_DATA']);
export const TARGET_STATUS_WORDS = worded('words.target', ['ON_TRACK', 'AT_RISK', 'OFF_TRACK', 'UNKNOWN']);
export const QUADRANT_WORDS = worded('words.quadrant', ['FIX_FIRST', 'KEEP_UP', 'POSSIBLE_OVERKILL', 'LOW_PRIORITY']);
export const INITIATIVE_STATUS_WORDS = worded('words.initiative', ['IDEA', 'PLANNED', 'IN_PROGRESS', 'DONE']);

/** "12.5 (n = 340, 95% interval 8.1 to 16.9)": every NPS with n and interval. */
export const formatNpsWithInterval = (m: { nps: number | null; n: number; ciLow: number | null; ciHigh: number | null }) =>
  say('words.npsWithInterval', { nps: formatNps(m.nps), n: formatCount(m.n), low: formatNps(m.ciLow), high: formatNps(m.ciHigh) });
/** A target or trend value in its unit: shares as per cent, NPS as points. */
export const formatInUnit = (v: number | null | undefined, unit: string) => (unit.includes('(0..1)') ? formatPercent(v, 1) : formatNps(v));
