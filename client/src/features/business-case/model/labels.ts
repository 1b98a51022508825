import type { ChurnValuation, EconomicsInput, InitiativeStatus, NpsGroup } from '../../../graphql/generated';
import { t } from '../../../shared/i18n';
import type { LINE_ITEM_LABELS } from './report';

/**
 * The business case's codes in the user's language (report.ts keeps the English words the server's board
 * pack prints). Functions, not constants, so the words follow a change of language.
 */
export const groupLabel = (group: NpsGroup): string => t(`businessCase.groups.${group}`);
export const inputLabel = (input: EconomicsInput): string => t(`businessCase.inputs.${input}`);
export const lineItemLabel = (kind: keyof typeof LINE_ITEM_LABELS): string => t(`businessCase.lineItems.${kind}`);
export const churnValuationLabel = (valuation: ChurnValuation): string => t(`businessCase.churnValuation.${valuation}`);

/** "month 14 (year 2)", or what it means when the case does not pay back within the horizon. */
export function paybackLabel(month: number | null, horizonYears: number): string {
  if (month === null) return t('businessCase.payback.never', { n: horizonYears }, horizonYears);
  return t('businessCase.payback.month', { month, year: Math.ceil(month / 12) });
}
export const statusLabel = (status: InitiativeStatus): string => t(`businessCase.status.${status}`);
