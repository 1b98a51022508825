// Words for the business case's codes and the waterfall's steps. No imports, so the server's board pack
// uses the same words and steps as the page (server/modules/reports/).

export const LINE_ITEM_LABELS = {
  MARGIN_UPLIFT: 'Margin uplift',
  MARGIN_KEPT_BY_LOWER_CHURN: 'Margin kept by lower churn',
  REPLACEMENT_COST_AVOIDED: 'Replacement cost avoided',
  ONE_OFF_COST: 'One-off cost',
  YEARLY_COST: 'Yearly cost',
} as const;
export const GROUP_LABELS = { DETRACTOR: 'Detractors', PASSIVE: 'Passives', PROMOTER: 'Promoters' } as const;
export const INPUT_LABELS = {
  CHURN_12M: '12-month churn',
  ANNUAL_MARGIN: 'Annual margin per customer',
  ACQUISITION_COST: 'Acquisition (replacement) cost',
} as const;

/** "month 14 (year 2)", or what it means when the case does not pay back within the horizon. */
export function formatPayback(month: number | null, horizonYears: number): string {
  if (month === null) return `not within ${horizonYears} year${horizonYears === 1 ? '' : 's'}`;
  return `month ${month} (year ${Math.ceil(month / 12)})`;
}

export interface WaterfallStep {
  label: string;
  /** Where the bar starts and ends (a cost runs downwards). */
  from: number;
  to: number;
  total: boolean;
}

/** The counted line items as steps from zero to the net present value. */
export function waterfallSteps(
  bc: { lineItems: readonly { kind: keyof typeof LINE_ITEM_LABELS; value: number; counted: boolean }[]; netPresentValue: number },
  // The page passes its words in the reader's language; the board pack keeps these English ones.
  label: (kind: keyof typeof LINE_ITEM_LABELS) => string = (kind) => LINE_ITEM_LABELS[kind],
  totalLabel = 'Net present value',
): WaterfallStep[] {
  let running = 0;
  const steps: WaterfallStep[] = bc.lineItems
    .filter((l) => l.counted)
    .map((l) => {
      const from = running;
      running += l.value;
      return { label: label(l.kind), from, to: running, total: false };
    });
  return [...steps, { label: totalLabel, from: 0, to: bc.netPresentValue, total: true }];
}
