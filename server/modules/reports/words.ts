// Words for the codes the reports show, as the pages say them. The money, per-cent and business-case
// words come from the client's own pure modules, so a report and its page cannot drift apart.
import { formatNps, formatPercent } from '../../../client/src/shared/format.js';

export { currency, formatMoney, formatNps, formatPercent, formatShare, formatSigned, formatWholeAmount } from '../../../client/src/shared/format.js';
export { formatPayback, GROUP_LABELS, INPUT_LABELS, LINE_ITEM_LABELS, waterfallSteps } from '../../../client/src/features/business-case/model/report.js';

export const PROGRAMME_WORDS: Record<string, string> = {
  STOP_CHURN: 'Stop churn',
  REVITALISE_CUSTOMER_FOCUS: 'Revitalise customer focus',
  DIFFERENTIATE: 'Differentiate with emotional, unique experiences',
  INSUFFICIENT_DATA: 'Not enough data to say',
};
export const TARGET_STATUS_WORDS: Record<string, string> = { ON_TRACK: 'On track', AT_RISK: 'At risk', OFF_TRACK: 'Off track', UNKNOWN: 'Not enough data' };
export const QUADRANT_WORDS: Record<string, string> = { FIX_FIRST: 'Fix first', KEEP_UP: 'Keep up', POSSIBLE_OVERKILL: 'Possible overkill', LOW_PRIORITY: 'Low priority' };
export const INITIATIVE_STATUS_WORDS: Record<string, string> = { IDEA: 'Idea', PLANNED: 'Planned', IN_PROGRESS: 'In progress', DONE: 'Done' };

/** "12.5 (n = 340, 95% interval 8.1 to 16.9)": every NPS with n and interval. */
export const formatNpsWithInterval = (m: { nps: number | null; n: number; ciLow: number | null; ciHigh: number | null }) =>
  `${formatNps(m.nps)} (n = ${m.n.toLocaleString('en-GB')}, 95% interval ${formatNps(m.ciLow)} to ${formatNps(m.ciHigh)})`;
/** A target or trend value in its unit: shares as per cent, NPS as points. */
export const formatInUnit = (v: number | null | undefined, unit: string) => (unit.includes('(0..1)') ? formatPercent(v, 1) : formatNps(v));
